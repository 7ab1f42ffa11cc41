/** Reading many concerns: the public map layer and heat points, open ones near a point, the planner's
 *  queue, Open311's filtered list, the newest in a circle for feeds. R*Tree box first, exact distance second. */
import { CLOSED_STATUSES, CONCERN_STATUSES, OPEN_STATUSES, concernPriority, type ConcernCategory, type ConcernStatus } from '../../shared/concerns.js';
import { ellipsoidalDistanceM, haversineM } from '../../shared/geodesy.js';
import type { QueueQuery } from '../../shared/api/concerns.js';
import type { DB } from '../db.js';
import { CONCERN_SELECT, type ConcernRow } from './concerns.js';

type BBox = [number, number, number, number];
export type StatusFilter = 'open' | 'closed' | 'all' | ConcernStatus;

/** A status filter as the stored list form `,a,b,` that the statements test with instr(). */
export function statusList(f: StatusFilter): string {
  const set: readonly string[] = f === 'open' ? OPEN_STATUSES : f === 'closed' ? CLOSED_STATUSES : f === 'all' ? CONCERN_STATUSES : [f];
  return `,${set.join(',')},`;
}

/** A box around a circle, padded 1% so float rounding never drops a point on the rim. */
function circleBox(lon: number, lat: number, radiusM: number): { w: number; s: number; e: number; n: number } {
  const dLat = (radiusM * 1.01) / 111_194.9;
  const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  return { w: lon - dLon, e: lon + dLon, s: lat - dLat, n: lat + dLat };
}

const IN_BOX = 'c.id IN (SELECT id FROM concerns_rtree WHERE min_lon <= @e AND max_lon >= @w AND min_lat <= @n AND max_lat >= @s)';

/** Filters of Open311's GET requests (DOMAIN.md section 8). */
export interface Open311Filter {
  /** Tracking codes; when given every other filter is ignored. */
  codes: string[] | null;
  services: ConcernCategory[] | null;
  startIso: string;
  endIso: string;
  statuses: string;
  bbox: BBox | null;
  limit: number;
  offset: number;
}

/** Read-only queries over many concerns. */
export class ConcernSearch {
  private readonly stmt;

  constructor(db: DB) {
    this.stmt = {
      layer: db.prepare(
        `${CONCERN_SELECT} WHERE ${IN_BOX} AND instr(@statuses, ',' || c.status || ',') > 0 AND c.status != 'duplicate'
         AND (@category IS NULL OR c.category = @category) ORDER BY c.created_at DESC, c.id DESC LIMIT @limit`,
      ),
      layerCount: db.prepare(
        `SELECT count(*) FROM concerns c WHERE ${IN_BOX} AND instr(@statuses, ',' || c.status || ',') > 0 AND c.status != 'duplicate'
         AND (@category IS NULL OR c.category = @category)`,
      ).pluck(),
      heat: db.prepare(
        `SELECT c.lon, c.lat, (SELECT count(*) FROM concern_supporters u WHERE u.concern_id = c.id AND u.filer = 0) AS supporters FROM concerns c
         WHERE ${IN_BOX} AND instr(@statuses, ',' || c.status || ',') > 0 AND c.status != 'duplicate' AND (@category IS NULL OR c.category = @category)`,
      ).raw(),
      inBoxNewest: db.prepare(`${CONCERN_SELECT} WHERE ${IN_BOX} AND instr(@statuses, ',' || c.status || ',') > 0 AND (@category IS NULL OR c.category = @category) ORDER BY c.created_at DESC, c.id DESC`),
      queue: db.prepare(
        `${CONCERN_SELECT} WHERE instr(@statuses, ',' || c.status || ',') > 0 AND (@category IS NULL OR c.category = @category)
         AND (@before IS NULL OR c.created_at <= @before) AND (@district IS NULL OR c.district_id = @district)
         AND (@near IS NULL OR c.near_sensitive = @near)`,
      ),
      open311: db.prepare(
        `${CONCERN_SELECT} WHERE
           (@codes IS NOT NULL AND c.code IN (SELECT value FROM json_each(@codes)))
           OR (@codes IS NULL AND c.created_at >= @start AND c.created_at <= @end
               AND (@services IS NULL OR c.category IN (SELECT value FROM json_each(@services)))
               AND instr(@statuses, ',' || c.status || ',') > 0
               AND (@w IS NULL OR (c.lon BETWEEN @w AND @e AND c.lat BETWEEN @s AND @n)))
         ORDER BY c.created_at DESC, c.id DESC LIMIT @limit OFFSET @offset`,
      ),
    };
  }

  /** The public layer: concerns in a box (merged duplicates left out), newest first, and how many match. */
  layer(bbox: BBox, status: StatusFilter, category: ConcernCategory | null, limit: number): { rows: ConcernRow[]; total: number } {
    const p = { w: bbox[0], s: bbox[1], e: bbox[2], n: bbox[3], statuses: statusList(status), category };
    return { rows: this.stmt.layer.all({ ...p, limit }) as ConcernRow[], total: this.stmt.layerCount.get(p) as number };
  }

  /** [lon, lat, supporters] of the concerns in a box, for the heat layer. */
  heatPoints(bbox: BBox, status: StatusFilter, category: ConcernCategory | null): Array<[number, number, number]> {
    return this.stmt.heat.all({ w: bbox[0], s: bbox[1], e: bbox[2], n: bbox[3], statuses: statusList(status), category }) as Array<[number, number, number]>;
  }

  /** Concerns within radiusM of a point, newest first, with their distance (sphere, as the sites store). */
  inCircle(lon: number, lat: number, radiusM: number, status: StatusFilter, category: ConcernCategory | null, limit: number): Array<{ row: ConcernRow; distanceM: number }> {
    const rows = this.stmt.inBoxNewest.all({ ...circleBox(lon, lat, radiusM), statuses: statusList(status), category }) as ConcernRow[];
    const out: Array<{ row: ConcernRow; distanceM: number }> = [];
    for (const row of rows) {
      const distanceM = haversineM(lon, lat, row.lon, row.lat);
      if (distanceM <= radiusM) out.push({ row, distanceM });
      if (out.length === limit) break;
    }
    return out;
  }

  /** Open concerns of one category within radiusM, nearest first, with ellipsoidal distances: the "me too" offer. */
  nearbyOpen(lon: number, lat: number, radiusM: number, category: ConcernCategory): Array<{ row: ConcernRow; distanceM: number }> {
    return this.inCircle(lon, lat, radiusM, 'open', category, 100)
      .map(({ row }) => ({ row, distanceM: ellipsoidalDistanceM(lon, lat, row.lon, row.lat) }))
      .sort((a, b) => a.distanceM - b.distanceM);
  }

  /** The planner's queue: filtered in SQL, ordered by concernPriority at `now` (ties: oldest first), one page and the total. */
  queue(q: QueueQuery, now: Date): { rows: Array<ConcernRow & { priority: number }>; total: number } {
    const before = q.age_days === undefined ? null : new Date(now.getTime() - q.age_days * 86_400_000).toISOString();
    const rows = this.stmt.queue.all({
      statuses: statusList(q.status), category: q.category ?? null, before, district: q.district ?? null,
      near: q.near_sensitive === undefined ? null : q.near_sensitive ? 1 : 0,
    }) as ConcernRow[];
    const ranked = rows.map((r) => ({ ...r, priority: concernPriority({ ...r, near_sensitive: r.near_sensitive === 1 }, now) }));
    ranked.sort((a, b) => b.priority - a.priority || a.created_at.localeCompare(b.created_at) || a.id - b.id);
    return { rows: ranked.slice(q.offset, q.offset + q.limit), total: ranked.length };
  }

  /** Open311's list, newest first. */
  open311(f: Open311Filter): ConcernRow[] {
    const [w, s, e, n] = f.bbox ?? [null, null, null, null];
    return this.stmt.open311.all({
      codes: f.codes ? JSON.stringify(f.codes) : null, services: f.services ? JSON.stringify(f.services) : null,
      start: f.startIso, end: f.endIso, statuses: f.statuses, w, s, e, n, limit: f.limit, offset: f.offset,
    }) as ConcernRow[];
  }
}
