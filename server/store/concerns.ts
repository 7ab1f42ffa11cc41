/** Concerns in SQLite: filing (concern, private contact, photo, first event, filer in one transaction),
 *  status changes, merges, hiding and "me too", each audited; reads by tracking code. */
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import type { ConcernCategory, ConcernStatus } from '../../shared/concerns.js';
import type { ConcernEvidence } from '../../shared/concern-evidence.js';
import type { PhotoType } from '../../shared/photo.js';
import { makeTrackingCode } from '../../shared/tracking-code.js';
import type { DB } from '../db.js';
import type { Actor, AuditLog } from './audit.js';

/** A concern as listed: public and planner fields, never the contact (that is a separate read). */
export interface ConcernRow {
  id: number;
  code: string;
  lon: number;
  lat: number;
  site_id: number | null;
  site_code: string | null;
  category: ConcernCategory;
  description: string;
  status: ConcernStatus;
  channel: 'web' | 'open311';
  address: string | null;
  district_id: number | null;
  near_sensitive: 0 | 1;
  duplicate_of_code: string | null;
  hidden_reason: string | null;
  hidden_at: string | null;
  has_photo: 0 | 1;
  supporters: number;
  /** The note of the latest status event ('' when none). */
  last_note: string;
  created_at: string;
  updated_at: string;
}

/** SELECT list and FROM clause of ConcernRow; the contact table is deliberately not joined. */
export const CONCERN_SELECT = `SELECT c.id, c.code, c.lon, c.lat, c.site_id, s.code AS site_code, c.category, c.description, c.status,
  c.channel, c.address, c.district_id, c.near_sensitive, d.code AS duplicate_of_code, c.hidden_reason, c.hidden_at,
  EXISTS (SELECT 1 FROM concern_photos p WHERE p.concern_id = c.id) AS has_photo,
  (SELECT count(*) FROM concern_supporters u WHERE u.concern_id = c.id AND u.filer = 0) AS supporters,
  coalesce((SELECT e.note FROM concern_events e WHERE e.concern_id = c.id ORDER BY e.id DESC LIMIT 1), '') AS last_note,
  c.created_at, c.updated_at
  FROM concerns c LEFT JOIN sites s ON s.id = c.site_id LEFT JOIN concerns d ON d.id = c.duplicate_of`;

export interface ConcernEventRow {
  id: number;
  from_status: ConcernStatus | null;
  status: ConcernStatus;
  note: string;
  at: string;
  actor: string | null;
}

export interface ContactRow {
  name: string | null;
  email: string | null;
  phone: string | null;
  device_id: string | null;
  account_id: string | null;
  media_url: string | null;
}

/** Everything a filing stores. */
export interface NewConcern {
  lon: number;
  lat: number;
  site_id: number | null;
  category: ConcernCategory;
  description: string;
  channel: 'web' | 'open311';
  open311_key_id: number | null;
  address: string | null;
  district_id: number | null;
  evidence: ConcernEvidence;
  contact: ContactRow;
  photo: { type: PhotoType; bytes: Uint8Array } | null;
  /** Keyed hash of the filer's address (web), so their own "me too" does not count; null for Open311. */
  ipHash: string | null;
}

/** What the audit trail records of a concern: public fields only, never the contact or an address hash. */
const auditView = (r: Pick<ConcernRow, 'code' | 'status' | 'category' | 'lon' | 'lat' | 'site_id'>) => ({ code: r.code, status: r.status, category: r.category, lon: r.lon, lat: r.lat, site_id: r.site_id });

/** Data access for concerns; writes run in one transaction with their audit events. */
export class ConcernStore {
  private readonly stmt;
  private readonly secret: string;

  constructor(private readonly db: DB, private readonly audit: AuditLog) {
    db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('concern_address_secret', ?)").run(randomBytes(32).toString('hex'));
    this.secret = db.prepare("SELECT value FROM settings WHERE key = 'concern_address_secret'").pluck().get() as string;
    this.stmt = {
      byCode: db.prepare(`${CONCERN_SELECT} WHERE c.code = ?`),
      evidence: db.prepare('SELECT evidence FROM concerns WHERE id = ?').pluck(),
      codeTaken: db.prepare('SELECT 1 FROM concerns WHERE code = ?').pluck(),
      insert: db.prepare(
        `INSERT INTO concerns (code, lon, lat, site_id, category, description, status, channel, open311_key_id, address, district_id, near_sensitive, evidence, created_at, updated_at)
         VALUES (@code, @lon, @lat, @site_id, @category, @description, 'received', @channel, @open311_key_id, @address, @district_id, @near_sensitive, @evidence, @now, @now)`,
      ),
      insertContact: db.prepare('INSERT INTO concern_contacts (concern_id, name, email, phone, device_id, account_id, media_url) VALUES (@id, @name, @email, @phone, @device_id, @account_id, @media_url)'),
      insertPhoto: db.prepare('INSERT INTO concern_photos (concern_id, content_type, bytes) VALUES (?, ?, ?)'),
      insertEvent: db.prepare('INSERT INTO concern_events (concern_id, from_status, to_status, note, actor_id, at) VALUES (?, ?, ?, ?, ?, ?)'),
      events: db.prepare(
        `SELECT e.id, e.from_status, e.to_status AS status, e.note, e.at, u.username AS actor
         FROM concern_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.concern_id = ? ORDER BY e.id`,
      ),
      lastEvent: db.prepare('SELECT to_status AS status, note FROM concern_events WHERE concern_id = ? ORDER BY id DESC LIMIT 1'),
      contact: db.prepare('SELECT name, email, phone, device_id, account_id, media_url FROM concern_contacts WHERE concern_id = ?'),
      photo: db.prepare('SELECT content_type, bytes FROM concern_photos WHERE concern_id = ?'),
      setStatus: db.prepare('UPDATE concerns SET status = ?, updated_at = ? WHERE id = ?'),
      setDuplicate: db.prepare("UPDATE concerns SET status = 'duplicate', duplicate_of = ?, updated_at = ? WHERE id = ?"),
      setHidden: db.prepare('UPDATE concerns SET hidden_reason = ?, hidden_at = ?, updated_at = ? WHERE id = ?'),
      support: db.prepare('INSERT OR IGNORE INTO concern_supporters (concern_id, ip_hash, filer, at) VALUES (?, ?, ?, ?)'),
      moveSupporters: db.prepare('INSERT OR IGNORE INTO concern_supporters (concern_id, ip_hash, filer, at) SELECT ?, ip_hash, 0, at FROM concern_supporters WHERE concern_id = ?'),
      dropSupporters: db.prepare('DELETE FROM concern_supporters WHERE concern_id = ?'),
      supporters: db.prepare('SELECT count(*) FROM concern_supporters WHERE concern_id = ? AND filer = 0').pluck(),
    };
  }

  /** A keyed hash of a client address: the same address gives the same hash here, and nothing can be read back. */
  hashAddress(address: string): string {
    return createHmac('sha256', this.secret).update(address).digest('hex').slice(0, 32);
  }

  /** A fresh, unused tracking code. */
  newCode(): string {
    for (;;) {
      const code = makeTrackingCode(String(randomInt(100_000_000, 1_000_000_000)));
      if (!this.stmt.codeTaken.get(code)) return code;
    }
  }

  /** Stores a concern with its contact, photo, first status event and filer in one transaction; returns its row. */
  file(c: NewConcern, actor: Actor, now = new Date()): ConcernRow {
    const at = now.toISOString();
    return this.db.transaction(() => {
      const code = this.newCode();
      const { contact, photo, evidence, ipHash, ...fields } = c;
      const id = Number(this.stmt.insert.run({ ...fields, code, near_sensitive: evidence.sensitive_places.length > 0 ? 1 : 0, evidence: JSON.stringify(evidence), now: at }).lastInsertRowid);
      if (Object.values(contact).some((v) => v !== null)) this.stmt.insertContact.run({ id, ...contact });
      if (photo) this.stmt.insertPhoto.run(id, photo.type, Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength));
      this.stmt.insertEvent.run(id, null, 'received', '', null, at);
      // Open311 filers have no address here; a per-concern key still lets a merge count them as a supporter.
      this.stmt.support.run(id, ipHash ?? this.hashAddress(`open311:${code}`), 1, at);
      const row = this.byCode(code)!;
      this.audit.record(actor, 'file', 'concern', id, null, auditView(row), at);
      return row;
    })();
  }

  /** One concern by tracking code, or undefined. */
  byCode(code: string): ConcernRow | undefined {
    return this.stmt.byCode.get(code) as ConcernRow | undefined;
  }

  /** The evidence stored at filing. */
  evidence(id: number): ConcernEvidence {
    return JSON.parse(this.stmt.evidence.get(id) as string) as ConcernEvidence;
  }

  /** Status events, oldest first, with the acting planner's username (null for the filing). */
  events(id: number): ConcernEventRow[] {
    return this.stmt.events.all(id) as ConcernEventRow[];
  }

  /** The resident's private contact (planners only), or all null. */
  contact(id: number): ContactRow {
    return (this.stmt.contact.get(id) as ContactRow | undefined) ?? { name: null, email: null, phone: null, device_id: null, account_id: null, media_url: null };
  }

  /** The stored photo, or undefined. */
  photo(id: number): { content_type: PhotoType; bytes: Buffer } | undefined {
    return this.stmt.photo.get(id) as { content_type: PhotoType; bytes: Buffer } | undefined;
  }

  /** Number of supporters ("me too"), the filer not counted. */
  supporters(id: number): number {
    return this.stmt.supporters.get(id) as number;
  }

  /** Moves a concern to `to` (or adds a note when `to` is its state) with an event and an audit record.
   *  Repeating the last change with the same note changes nothing, so a retried request is harmless. */
  setStatus(row: ConcernRow, to: ConcernStatus, note: string, actor: Actor, now = new Date()): void {
    const last = this.stmt.lastEvent.get(row.id) as { status: ConcernStatus; note: string } | undefined;
    if (last && last.status === to && last.note === note && row.status === to) return;
    const at = now.toISOString();
    this.db.transaction(() => {
      this.stmt.insertEvent.run(row.id, row.status, to, note, actor.id, at);
      this.stmt.setStatus.run(to, at, row.id);
      this.audit.record(actor, row.status === to ? 'note' : 'status', 'concern', row.id, { status: row.status }, { status: to, note }, at);
    })();
  }

  /** Marks `source` a duplicate of `target`; the source's filer and supporters become the target's supporters. */
  merge(source: ConcernRow, target: ConcernRow, note: string, actor: Actor, now = new Date()): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.stmt.insertEvent.run(source.id, source.status, 'duplicate', note, actor.id, at);
      this.stmt.setDuplicate.run(target.id, at, source.id);
      this.stmt.moveSupporters.run(target.id, source.id);
      this.stmt.dropSupporters.run(source.id);
      this.audit.record(actor, 'merge', 'concern', source.id, { status: source.status }, { status: 'duplicate', into: target.code, note }, at);
    })();
  }

  /** Hides (or shows again) a concern's text and photo from the public, keeping the reason for planners. */
  hide(row: ConcernRow, reason: string, hidden: boolean, actor: Actor, now = new Date()): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      this.stmt.setHidden.run(hidden ? reason : null, hidden ? at : null, at, row.id);
      this.audit.record(actor, hidden ? 'hide' : 'unhide', 'concern', row.id, { hidden_reason: row.hidden_reason }, { hidden_reason: hidden ? reason : null, reason }, at);
    })();
  }

  /** Counts a "me too" from an address hash once per concern; true when it was new. */
  support(row: ConcernRow, ipHash: string, now = new Date()): boolean {
    return this.stmt.support.run(row.id, ipHash, 0, now.toISOString()).changes === 1;
  }
}
