/** Site requests in SQLite: the request row (JSON columns for antennas, options, reports), its events, and the
 *  lookups the queue, the public map and the clock need. Writes are called inside the workflow's transactions. */
import type { AntennaInput, StructureType } from '../../shared/model.js';
import type { AttachmentKind, Decision, RequestStatus, RequestType, SharingOption, SiteRequest } from '../../shared/site-requests.js';
import type { DB } from '../db.js';
import type { Actor } from './audit.js';

/** A stored request; JSON columns as text. */
export interface RequestRow {
  id: number;
  type: RequestType;
  status: RequestStatus;
  operator_id: string;
  created_by: number;
  site_id: number | null;
  lon: number | null;
  lat: number | null;
  structure_type: StructureType | null;
  height_m: number | null;
  antennas: string;
  purpose: string;
  address: string | null;
  sharing_justification: string | null;
  sharing_options: string;
  missing: string;
  rule_report: string | null;
  rule_report_at: string | null;
  recheck_report: string | null;
  recheck_at: string | null;
  first_submitted_at: string | null;
  submitted_at: string | null;
  consultation_started_at: string | null;
  consultation_days: number | null;
  consultation_ends_at: string | null;
  consultation_radius_m: number | null;
  decision_due_at: string | null;
  decision: Decision | null;
  reasons: string | null;
  conditions: string;
  decided_at: string | null;
  decided_by: string | null;
  lapses_at: string | null;
  built_at: string | null;
  applied: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventRow {
  at: string;
  actor: string;
  from_status: RequestStatus | null;
  to_status: RequestStatus;
  note: string;
}

const INSERT_SQL = `INSERT INTO site_requests (
  type, status, operator_id, created_by, site_id, lon, lat, structure_type, height_m, antennas, purpose, address,
  sharing_justification, sharing_options, missing, rule_report, rule_report_at, recheck_report, recheck_at,
  first_submitted_at, submitted_at, consultation_started_at, consultation_days, consultation_ends_at,
  consultation_radius_m, decision_due_at, decision, reasons, conditions, decided_at, decided_by, lapses_at, built_at,
  applied, created_at, updated_at
) VALUES (
  @type, @status, @operator_id, @created_by, @site_id, @lon, @lat, @structure_type, @height_m, @antennas, @purpose,
  @address, @sharing_justification, @sharing_options, @missing, @rule_report, @rule_report_at, @recheck_report,
  @recheck_at, @first_submitted_at, @submitted_at, @consultation_started_at, @consultation_days,
  @consultation_ends_at, @consultation_radius_m, @decision_due_at, @decision, @reasons, @conditions, @decided_at,
  @decided_by, @lapses_at, @built_at, @applied, @created_at, @updated_at
)`;
const SAVE_SQL = `UPDATE site_requests SET
  type = @type, status = @status, operator_id = @operator_id, created_by = @created_by, site_id = @site_id,
  lon = @lon, lat = @lat, structure_type = @structure_type, height_m = @height_m, antennas = @antennas,
  purpose = @purpose, address = @address, sharing_justification = @sharing_justification,
  sharing_options = @sharing_options, missing = @missing, rule_report = @rule_report,
  rule_report_at = @rule_report_at, recheck_report = @recheck_report, recheck_at = @recheck_at,
  first_submitted_at = @first_submitted_at, submitted_at = @submitted_at,
  consultation_started_at = @consultation_started_at, consultation_days = @consultation_days,
  consultation_ends_at = @consultation_ends_at, consultation_radius_m = @consultation_radius_m,
  decision_due_at = @decision_due_at, decision = @decision, reasons = @reasons, conditions = @conditions,
  decided_at = @decided_at, decided_by = @decided_by, lapses_at = @lapses_at, built_at = @built_at,
  applied = @applied, created_at = @created_at, updated_at = @updated_at
WHERE id = @id`;

/** The workflow's view of a row (parsed JSON, attachment kinds from the attachments table). */
export function toSiteRequest(row: RequestRow, attachmentKinds: AttachmentKind[]): SiteRequest {
  return {
    id: row.id, type: row.type, status: row.status, operator_id: row.operator_id, site_id: row.site_id, lon: row.lon, lat: row.lat,
    structure_type: row.structure_type, height_m: row.height_m, antennas: JSON.parse(row.antennas) as AntennaInput[],
    purpose: row.purpose, address: row.address, sharing_justification: row.sharing_justification,
    sharing_options: JSON.parse(row.sharing_options) as SharingOption[], attachment_kinds: attachmentKinds,
    submitted_at: row.submitted_at, consultation_started_at: row.consultation_started_at, consultation_days: row.consultation_days,
    decision_due_at: row.decision_due_at, decision: row.decision, reasons: row.reasons, conditions: JSON.parse(row.conditions) as string[],
    decided_at: row.decided_at, lapses_at: row.lapses_at, built_at: row.built_at,
  };
}

/** Data access for site requests and their events. */
export class RequestStore {
  /** The workflow's clock; tests move it to pass time (the server never reads Date.now() for request clocks elsewhere). */
  clock: () => Date = () => new Date();
  private readonly stmt;

  constructor(private readonly db: DB) {
    this.stmt = {
      get: db.prepare('SELECT * FROM site_requests WHERE id = ?'),
      insert: db.prepare(INSERT_SQL),
      save: db.prepare(SAVE_SQL),
      list: db.prepare(
        `SELECT * FROM site_requests WHERE (@operator IS NULL OR operator_id = @operator)
           AND (@status IS NULL OR status = @status OR (@status = 'open' AND status NOT IN ('approved', 'approved_with_conditions', 'rejected', 'withdrawn', 'lapsed')))
           AND (@type IS NULL OR type = @type)`,
      ),
      inBox: db.prepare(
        `SELECT * FROM site_requests WHERE status IN ('consultation', 'under_review')
           AND lon BETWEEN @w AND @e AND lat BETWEEN @s AND @n ORDER BY id`,
      ),
      due: db.prepare(
        `SELECT id FROM site_requests WHERE (status = 'consultation' AND consultation_ends_at <= @now)
           OR (status IN ('approved', 'approved_with_conditions') AND built_at IS NULL AND lapses_at <= @now) ORDER BY id`,
      ).pluck(),
      event: db.prepare(
        'INSERT INTO site_request_events (request_id, at, actor_id, actor, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      events: db.prepare('SELECT at, actor, from_status, to_status, note FROM site_request_events WHERE request_id = ? ORDER BY id'),
      operator: db.prepare('SELECT name_fa, name_en FROM operators WHERE id = ?'),
      userName: db.prepare('SELECT username FROM users WHERE id = ?').pluck(),
      publicInCircleBox: db.prepare(
        `SELECT * FROM site_requests WHERE consultation_started_at IS NOT NULL AND status != 'withdrawn'
           AND lon BETWEEN @w AND @e AND lat BETWEEN @s AND @n ORDER BY updated_at DESC LIMIT @limit`,
      ),
    };
  }

  /** One request, or undefined. */
  get(id: number): RequestRow | undefined {
    return this.stmt.get.get(id) as RequestRow | undefined;
  }

  /** Inserts a request; returns its id. */
  insert(row: Omit<RequestRow, 'id'>): number {
    return Number(this.stmt.insert.run(row).lastInsertRowid);
  }

  /** Writes every column of a request back. */
  save(row: RequestRow): void {
    this.stmt.save.run(row);
  }

  /** Requests matching the filters (an operator's own when `operator` is set), unordered. */
  list(operator: string | null, status: RequestStatus | 'open' | null, type: RequestType | null): RequestRow[] {
    return this.stmt.list.all({ operator, status, type }) as RequestRow[];
  }

  /** Requests in consultation or under review inside a box, for the public map. */
  inBox(w: number, s: number, e: number, n: number): RequestRow[] {
    return this.stmt.inBox.all({ w, s, e, n }) as RequestRow[];
  }

  /** Requests that have been public (consultation opened, not withdrawn) inside a box, newest change first: the area feed. */
  publicInBox(w: number, s: number, e: number, n: number, limit: number): RequestRow[] {
    return this.stmt.publicInCircleBox.all({ w, s, e, n, limit }) as RequestRow[];
  }

  /** Ids of requests whose clock owes a step at `now` (ISO timestamps compare as text). */
  dueIds(now: string): number[] {
    return this.stmt.due.all({ now }) as number[];
  }

  /** Records a step of a request's history; call inside the transaction that makes it. */
  addEvent(requestId: number, actor: Actor, from: RequestStatus | null, to: RequestStatus, note: string, at: string): void {
    this.stmt.event.run(requestId, at, actor.id, actor.name, from, to, note);
  }

  /** An operator's names, or undefined for an unknown id. */
  operator(id: string): { name_fa: string; name_en: string } | undefined {
    return this.stmt.operator.get(id) as { name_fa: string; name_en: string } | undefined;
  }

  /** A user's name. */
  userName(id: number): string {
    return (this.stmt.userName.get(id) as string | undefined) ?? `user ${id}`;
  }

  /** A request's history, oldest first. */
  events(requestId: number): EventRow[] {
    return this.stmt.events.all(requestId) as EventRow[];
  }
}
