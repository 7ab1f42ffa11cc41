/** Audit events: who changed what, when, before and after; each event carries the hash of the previous one. */
import { createHash } from 'node:crypto';
import type { DB } from '../db.js';

export interface Actor {
  id: number | null;
  name: string;
}
export const SYSTEM: Actor = { id: null, name: 'system' };

export interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** The chain hash of an event: sha256 over the previous hash and the event's fields. */
export function eventHash(e: Omit<AuditRow, 'id' | 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([e.prev_hash, e.at, e.actor_id, e.actor, e.action, e.entity, e.entity_id, e.before, e.after]))
    .digest('hex');
}

/** Appends audit events; call inside the transaction of the write it records. */
export class AuditLog {
  private readonly last;
  private readonly insert;
  constructor(db: DB) {
    this.last = db.prepare('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1').pluck();
    this.insert = db.prepare(
      'INSERT INTO audit_events (at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash) VALUES (@at, @actor_id, @actor, @action, @entity, @entity_id, @before, @after, @prev_hash, @hash)',
    );
  }

  /** Records one change. */
  record(actor: Actor, action: string, entity: string, entityId: string | number | null, before: unknown, after: unknown, at = new Date().toISOString()): void {
    const e = {
      at,
      actor_id: actor.id,
      actor: actor.name,
      action,
      entity,
      entity_id: entityId === null ? null : String(entityId),
      before: before === undefined || before === null ? null : JSON.stringify(before),
      after: after === undefined || after === null ? null : JSON.stringify(after),
      prev_hash: (this.last.get() as string | undefined) ?? 'genesis',
    };
    this.insert.run({ ...e, hash: eventHash(e) });
  }
}
