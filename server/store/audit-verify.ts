/** Verifies the audit chain: each event's prev_hash is the hash before it, and its hash matches its fields. */
import { eventHash, type AuditRow } from './audit.js';

/** Where and why the chain first breaks. */
export interface ChainBreak {
  /** Id of the first event that does not verify. */
  id: number;
  /** `edited`: its stored hash is not the hash of its fields (this event was changed).
   *  `unlinked`: its prev_hash is not the previous event's hash (an event before it was deleted, inserted or changed). */
  reason: 'edited' | 'unlinked';
  expected: string;
  found: string;
}

export interface ChainReport {
  events: number;
  /** Hash of the last event: record it elsewhere to detect the tail being cut off, which a chain alone cannot show. */
  head: string;
  firstBreak: ChainBreak | null;
}

/** Walks `events` in id order from the genesis marker and reports the first event that does not verify. */
export function verifyAuditChain(events: Iterable<AuditRow>): ChainReport {
  let prev = 'genesis';
  let count = 0;
  for (const e of events) {
    count++;
    if (e.prev_hash !== prev) return { events: count, head: prev, firstBreak: { id: e.id, reason: 'unlinked', expected: prev, found: e.prev_hash } };
    const { id: _id, hash, ...fields } = e;
    const computed = eventHash(fields);
    if (computed !== hash) return { events: count, head: prev, firstBreak: { id: e.id, reason: 'edited', expected: computed, found: hash } };
    prev = hash;
  }
  return { events: count, head: prev, firstBreak: null };
}
