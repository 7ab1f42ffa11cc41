/** Open311 API keys: issued to a city's systems, stored as sha256 hashes, looked up by the hash. */
import { createHash, randomBytes } from 'node:crypto';
import type { DB } from '../db.js';
import type { Actor, AuditLog } from './audit.js';

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** Inserts a key with a given value (the demo seed's `demo-open311-key`); call inside a transaction. */
export function insertOpen311Key(db: DB, name: string, key: string, now = new Date()): number {
  return Number(db.prepare('INSERT INTO open311_keys (name, key_hash, created_at) VALUES (?, ?, ?)').run(name, hashKey(key), now.toISOString()).lastInsertRowid);
}

/** Open311 key lookup and issue. */
export class Open311KeyStore {
  private readonly find;
  constructor(private readonly db: DB, private readonly audit: AuditLog) {
    this.find = db.prepare('SELECT id, name FROM open311_keys WHERE key_hash = ? AND revoked_at IS NULL');
  }

  /** The live key matching `key`, or undefined. Keys are long random strings, so a fast hash suffices. */
  lookup(key: string): { id: number; name: string } | undefined {
    return this.find.get(hashKey(key)) as { id: number; name: string } | undefined;
  }

  /** Issues a new random key; the plain key is returned once and never stored. */
  issue(name: string, actor: Actor): { id: number; name: string; api_key: string } {
    const api_key = randomBytes(24).toString('base64url');
    return this.db.transaction(() => {
      const id = insertOpen311Key(this.db, name, api_key);
      this.audit.record(actor, 'create', 'open311_key', id, null, { name });
      return { id, name, api_key };
    })();
  }
}
