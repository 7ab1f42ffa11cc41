/** Accounts: create, find by name, verify a password. */
import type { Role } from '../../shared/model.js';
import type { DB } from '../db.js';
import { hashPassword, verifyPassword } from './passwords.js';

export interface User {
  id: number;
  username: string;
  role: Role;
  operator_id: string | null;
}

/** Account storage. */
export class UserStore {
  private readonly stmt;
  constructor(db: DB) {
    this.stmt = {
      insert: db.prepare('INSERT INTO users (username, password_hash, role, operator_id, created_at) VALUES (?, ?, ?, ?, ?)'),
      byName: db.prepare('SELECT id, username, role, operator_id, password_hash FROM users WHERE username = ?'),
    };
  }

  /** Creates an account; returns its id. */
  create(username: string, password: string, role: Role, operatorId: string | null): number {
    return Number(this.stmt.insert.run(username, hashPassword(password), role, operatorId, new Date().toISOString()).lastInsertRowid);
  }

  /** The user when the password matches, else null (same work either way, so timing tells nothing). */
  authenticate(username: string, password: string): User | null {
    const row = this.stmt.byName.get(username) as (User & { password_hash: string }) | undefined;
    const ok = verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) return null;
    const { password_hash: _, ...user } = row;
    return user;
  }
}

const DUMMY_HASH = hashPassword('not-a-real-password');
