/** Sites and their antennas in SQLite: reads, filtered listing, nearby search, audited writes. */
import type { AntennaInput, Antenna, Site, SiteCreate, SitePatch, SiteProperties, SiteStatus, Technology } from '../../shared/model.js';
import type { SiteListQuery } from '../../shared/api/registry.js';
import type { Statement } from 'better-sqlite3';
import type { DB } from '../db.js';
import { SiteIndex, type RawRow } from '../index/site-index.js';
import { listFromIndex } from '../index/site-list.js';
import { loadSites, type BulkLoad } from './sites-bulk.js';
import type { Actor, AuditLog } from './audit.js';

export interface SiteRow extends Omit<Site, 'verified'> {
  verified: 0 | 1;
  operators: string;
  technologies: string;
  antenna_count: number;
}

const SITE_COLUMNS = `s.id, s.code, s.lon, s.lat, s.structure_type, s.height_m, s.owner_operator_id, s.permit_no, s.status,
  s.installed_on, s.permit_date, s.source, s.verified, s.ground_elevation_m, s.address, s.district_id,
  s.operators, s.technologies, s.antenna_count, s.created_at, s.updated_at`;

const FILTERS = `s.id > @cursor
  AND (@status IS NULL OR s.status = @status)
  AND (@operator IS NULL OR instr(s.operators, ',' || @operator || ',') > 0 OR s.owner_operator_id = @operator)
  AND (@technology IS NULL OR instr(s.technologies, ',' || @technology || ',') > 0)
  AND (@shared IS NULL OR (length(s.operators) - length(replace(s.operators, ',', '')) >= 3) = @shared)
  AND (@district IS NULL OR s.district_id = @district)
  AND (@q IS NULL OR s.code LIKE @q ESCAPE '\\' OR s.address LIKE @q ESCAPE '\\')`;

const IN_BBOX = `r.min_lon <= @e AND r.max_lon >= @w AND r.min_lat <= @n AND r.max_lat >= @s`;

/** The stored form of a set of ids: sorted, distinct, `,a,b,` (`,` when empty), as the derive statement writes it. */
const listOf = (xs: readonly string[]) => (xs.length ? `,${[...new Set(xs)].sort().join(',')},` : ',');

/** Splits a stored `,a,b,` list. */
const list = (s: string) => s.split(',').filter(Boolean);

/** A stored row as GeoJSON feature properties. */
export function siteProperties(row: SiteRow): SiteProperties {
  const { lon: _lon, lat: _lat, operators, technologies, verified, ...rest } = row;
  const ops = list(operators);
  return { ...rest, verified: verified === 1, operators: ops, technologies: list(technologies) as Technology[], shared: ops.length >= 2 };
}

/** A stored row as a GeoJSON Feature. */
export function siteFeature(row: SiteRow, extra: Partial<SiteProperties> = {}): GeoJSON.Feature<GeoJSON.Point, SiteProperties> {
  return { type: 'Feature', id: row.id, geometry: { type: 'Point', coordinates: [row.lon, row.lat] }, properties: { ...siteProperties(row), ...extra } };
}

export type ChangeListener = (siteIds: number[]) => void;

/** Data access for sites and antennas. Writes run in one transaction with their audit events. */
export class SiteStore {
  private readonly listeners: ChangeListener[] = [];
  private readonly stmt;

  constructor(
    private readonly db: DB,
    private readonly audit: AuditLog,
    private readonly districtOf: (lon: number, lat: number) => number | null,
  ) {
    this.stmt = {
      get: db.prepare(`SELECT ${SITE_COLUMNS} FROM sites s WHERE s.id = ?`),
      byCode: db.prepare(`SELECT ${SITE_COLUMNS} FROM sites s WHERE s.code = ?`),
      indexAll: db.prepare(`SELECT ${SITE_COLUMNS} FROM sites s ORDER BY s.id`).raw(),
      indexOne: db.prepare(`SELECT ${SITE_COLUMNS} FROM sites s WHERE s.id = ?`).raw(),
      antennas: db.prepare('SELECT * FROM antennas WHERE site_id = ? ORDER BY id'),
      antenna: db.prepare('SELECT * FROM antennas WHERE id = ?'),
      list: db.prepare(`SELECT ${SITE_COLUMNS} FROM sites s WHERE ${FILTERS} ORDER BY s.id LIMIT @limit`),
      listBBox: db.prepare(`SELECT ${SITE_COLUMNS} FROM sites_rtree r CROSS JOIN sites s ON s.id = r.id WHERE ${IN_BBOX} AND ${FILTERS} ORDER BY s.id LIMIT @limit`),
      count: db.prepare(`SELECT count(*) FROM sites s WHERE ${FILTERS}`).pluck(),
      countBBox: db.prepare(`SELECT count(*) FROM sites_rtree r CROSS JOIN sites s ON s.id = r.id WHERE ${IN_BBOX} AND ${FILTERS}`).pluck(),
      total: db.prepare('SELECT count(*) FROM sites').pluck(),
      insert: db.prepare(
        `INSERT INTO sites (code, lon, lat, structure_type, height_m, owner_operator_id, permit_no, status, installed_on, permit_date,
           source, verified, ground_elevation_m, address, district_id, operators, technologies, antenna_count, created_at, updated_at)
         VALUES (@code, @lon, @lat, @structure_type, @height_m, @owner_operator_id, @permit_no, @status, @installed_on, @permit_date,
           @source, @verified, @ground_elevation_m, @address, @district_id, @operators, @technologies, @antenna_count, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE sites SET code = @code, lon = @lon, lat = @lat, structure_type = @structure_type, height_m = @height_m,
           owner_operator_id = @owner_operator_id, permit_no = @permit_no, status = @status, installed_on = @installed_on,
           permit_date = @permit_date, source = @source, verified = @verified, ground_elevation_m = @ground_elevation_m,
           address = @address, district_id = @district_id, updated_at = @now WHERE id = @id`,
      ),
      insertAntenna: db.prepare(
        `INSERT INTO antennas (site_id, operator_id, technology, frequency_mhz, eirp_w, azimuth_deg, tilt_deg, height_m, power_reduction)
         VALUES (@site_id, @operator_id, @technology, @frequency_mhz, @eirp_w, @azimuth_deg, @tilt_deg, @height_m, @power_reduction)`,
      ),
      updateAntenna: db.prepare(
        `UPDATE antennas SET operator_id = @operator_id, technology = @technology, frequency_mhz = @frequency_mhz, eirp_w = @eirp_w,
           azimuth_deg = @azimuth_deg, tilt_deg = @tilt_deg, height_m = @height_m, power_reduction = @power_reduction WHERE id = @id`,
      ),
      deleteAntenna: db.prepare('DELETE FROM antennas WHERE id = ?'),
      derive: db.prepare(
        `UPDATE sites SET
           operators = ',' || coalesce((SELECT group_concat(operator_id, ',') FROM (SELECT DISTINCT operator_id FROM antennas WHERE site_id = @id ORDER BY operator_id)), '') || CASE WHEN EXISTS (SELECT 1 FROM antennas WHERE site_id = @id) THEN ',' ELSE '' END,
           technologies = ',' || coalesce((SELECT group_concat(technology, ',') FROM (SELECT DISTINCT technology FROM antennas WHERE site_id = @id ORDER BY technology)), '') || CASE WHEN EXISTS (SELECT 1 FROM antennas WHERE site_id = @id) THEN ',' ELSE '' END,
           antenna_count = (SELECT count(*) FROM antennas WHERE site_id = @id)
         WHERE id = @id`,
      ),
    };
  }

  /** Calls `fn` with the ids of sites changed by each committed write. */
  onChange(fn: ChangeListener): void {
    this.listeners.push(fn);
  }

  private idx: SiteIndex | null = null;

  /** The in-memory index of every site (built on first use, then kept in step with every write announced here). */
  index(): SiteIndex {
    this.idx ??= new SiteIndex(this.stmt.indexAll as Statement<[], RawRow>, this.stmt.indexOne as Statement<[number], RawRow>);
    return this.idx.fresh();
  }

  private emit(ids: number[]): void {
    // An announcement without ids (district import, seeding) may have touched any site: re-read them all, when next
    // asked. So after a load of many: one pass over the table beats a query per site.
    if (ids.length && ids.length <= 10_000) this.idx?.fresh().update(ids);
    else this.idx?.invalidate();
    for (const fn of this.listeners) fn(ids);
  }

  /** Number of sites. */
  count(): number {
    return this.stmt.total.get() as number;
  }

  /** One site row, or undefined. */
  get(id: number): SiteRow | undefined {
    return this.stmt.get.get(id) as SiteRow | undefined;
  }

  /** One site row by its code, or undefined. */
  getByCode(code: string): SiteRow | undefined {
    return this.stmt.byCode.get(code) as SiteRow | undefined;
  }

  /** The antennas of a site. */
  antennas(siteId: number): Antenna[] {
    return this.stmt.antennas.all(siteId) as Antenna[];
  }

  /** One antenna, or undefined. */
  antenna(id: number): Antenna | undefined {
    return this.stmt.antenna.get(id) as Antenna | undefined;
  }

  /** Filtered rows (keyset-paginated by id) and the total matching the filters; from the in-memory index unless `q` searches text. */
  list(q: SiteListQuery): { rows: SiteRow[]; total: number } {
    if (!q.q) {
      // Everything but the text search is answered by the in-memory index; SQLite decodes only the page.
      const idx = this.index();
      const { ids, total } = listFromIndex(idx, q);
      return { rows: ids.map((id) => idx.row(idx.slotOf(id)) as unknown as SiteRow), total };
    }
    const [w, s, e, n] = q.bbox ?? [-180, -90, 180, 90];
    const p = {
      cursor: q.cursor ?? 0,
      status: q.status ?? null,
      operator: q.operator ?? null,
      technology: q.technology ?? null,
      shared: q.shared === undefined ? null : q.shared ? 1 : 0,
      district: q.district ?? null,
      q: q.q ? `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null,
      limit: q.limit,
    };
    if (q.bbox) {
      const b = { ...p, w, s, e, n };
      return { rows: this.stmt.listBBox.all(b) as SiteRow[], total: this.stmt.countBBox.get({ ...b, cursor: 0, limit: undefined }) as number };
    }
    const { limit: _l, ...countParams } = p;
    return { rows: this.stmt.list.all(p) as SiteRow[], total: this.stmt.count.get({ ...countParams, cursor: 0 }) as number };
  }

  /** Sites within `radiusM` of a point, nearest first, rows included, from the in-memory index (no SQLite read). */
  near(lon: number, lat: number, radiusM: number, limit: number): Array<{ row: SiteRow; distanceM: number }> {
    const idx = this.index();
    const n = idx.near(lon, lat, radiusM, limit);
    const out: Array<{ row: SiteRow; distanceM: number }> = new Array(n);
    for (let k = 0; k < n; k++) out[k] = { row: idx.row(idx.nearSlots[k]!) as unknown as SiteRow, distanceM: idx.nearDist[k]! };
    return out;
  }

  /** Creates a site with its antennas in one transaction; returns its id. */
  create(input: SiteCreate, actor: Actor): number {
    const id = this.db.transaction(() => {
      const now = new Date().toISOString();
      const siteId = this.insertBulk(input, now);
      this.audit.record(actor, 'create', 'site', siteId, null, { ...input, id: siteId }, now);
      return siteId;
    })();
    this.emit([id]);
    return id;
  }

  /** Inserts a site and its antennas without an audit event per row (seed and bulk import record one event themselves); call inside a transaction. */
  insertBulk(input: SiteCreate, now: string): number {
    const { antennas, ...site } = input;
    const derived = {
      operators: listOf(antennas.map((a) => a.operator_id)),
      technologies: listOf(antennas.map((a) => a.technology)),
      antenna_count: antennas.length,
    };
    const siteId = Number(this.stmt.insert.run({ ...site, ...derived, verified: site.verified ? 1 : 0, district_id: this.districtOf(site.lon, site.lat), now }).lastInsertRowid);
    for (const a of antennas) this.stmt.insertAntenna.run({ ...a, site_id: siteId });
    return siteId;
  }

  /** Inserts many new sites with their antennas in one fast transaction (server/store/sites-bulk.ts: multi-row
   *  INSERTs, indexes rebuilt once when the table was empty) and announces them; no audit event per row. */
  insertMany(input: Iterable<SiteCreate>, now: string): BulkLoad {
    const r = loadSites(this.db, this.districtOf, input, now);
    this.emit(Array.from({ length: r.sites }, (_, i) => r.firstId + i));
    return r;
  }

  /** Replaces a site's fields and, when given, its antennas; call inside a transaction (used by import). */
  replaceBulk(id: number, input: SiteCreate, now: string): void {
    const { antennas, ...site } = input;
    this.stmt.update.run({ ...site, id, verified: site.verified ? 1 : 0, district_id: this.districtOf(site.lon, site.lat), now });
    this.db.prepare('DELETE FROM antennas WHERE site_id = ?').run(id);
    for (const a of antennas) this.stmt.insertAntenna.run({ ...a, site_id: id });
    this.stmt.derive.run({ id });
  }

  /** Replaces one operator's antennas on a site (others' keep their ids) and, when given, its height; no audit
   *  event or announcement: call inside `bulk` (used by approved site requests, which audit themselves). */
  replaceOperatorAntennas(siteId: number, operatorId: string, antennas: readonly AntennaInput[], heightM: number | null, now: string): void {
    this.db.prepare('DELETE FROM antennas WHERE site_id = ? AND operator_id = ?').run(siteId, operatorId);
    for (const a of antennas) this.stmt.insertAntenna.run({ ...a, site_id: siteId });
    if (heightM !== null) this.db.prepare('UPDATE sites SET height_m = ? WHERE id = ?').run(heightM, siteId);
    this.stmt.derive.run({ id: siteId });
    this.db.prepare('UPDATE sites SET updated_at = ? WHERE id = ?').run(now, siteId);
  }

  /** Sets a site's lifecycle status (and installed_on when given) and the request that approved it; call inside
   *  `bulk`, with the caller's audit event (site requests: built, lapsed, approved). */
  setLifecycle(siteId: number, status: SiteStatus, installedOn: string | null, approvingRequestId: number | null, now: string): void {
    this.db
      .prepare('UPDATE sites SET status = ?, installed_on = coalesce(?, installed_on), approving_request_id = coalesce(?, approving_request_id), updated_at = ? WHERE id = ?')
      .run(status, installedOn, approvingRequestId, now, siteId);
  }

  /** The site request that approved (or last changed) a site, or null. */
  approvingRequestId(siteId: number): number | null {
    return (this.db.prepare('SELECT approving_request_id FROM sites WHERE id = ?').pluck().get(siteId) as number | null | undefined) ?? null;
  }

  /** Runs `fn` in one transaction and announces the changed sites afterwards. */
  bulk<T>(fn: () => T, changed: () => number[]): T {
    const result = this.db.transaction(fn)();
    this.emit(changed());
    return result;
  }

  /** Applies a patch to a site; returns the updated row. */
  update(id: number, patch: SitePatch, actor: Actor): SiteRow {
    const row = this.db.transaction(() => {
      const before = this.get(id);
      if (!before) throw new Error(`site ${id} vanished`);
      const now = new Date().toISOString();
      const { operators: _o, technologies: _t, antenna_count: _c, created_at: _ca, updated_at: _ua, ...fields } = before;
      const next = { ...fields, ...patch, verified: (patch.verified ?? before.verified === 1) ? 1 : 0 };
      next.district_id = this.districtOf(next.lon, next.lat);
      this.stmt.update.run({ ...next, id, now });
      const after = this.get(id)!;
      this.audit.record(actor, 'update', 'site', id, before, after, now);
      return after;
    })();
    this.emit([id]);
    return row;
  }

  /** Adds an antenna to a site; returns it. */
  addAntenna(siteId: number, input: AntennaInput, actor: Actor): Antenna {
    const a = this.db.transaction(() => {
      const id = Number(this.stmt.insertAntenna.run({ ...input, site_id: siteId }).lastInsertRowid);
      this.stmt.derive.run({ id: siteId });
      this.touch(siteId);
      const after = this.antenna(id)!;
      this.audit.record(actor, 'create', 'antenna', id, null, after);
      return after;
    })();
    this.emit([siteId]);
    return a;
  }

  /** Changes an antenna; returns it. */
  updateAntenna(id: number, patch: Partial<AntennaInput>, actor: Actor): Antenna {
    const a = this.db.transaction(() => {
      const before = this.antenna(id)!;
      this.stmt.updateAntenna.run({ ...before, ...patch, id });
      this.stmt.derive.run({ id: before.site_id });
      this.touch(before.site_id);
      const after = this.antenna(id)!;
      this.audit.record(actor, 'update', 'antenna', id, before, after);
      return after;
    })();
    this.emit([a.site_id]);
    return a;
  }

  /** Removes an antenna. */
  deleteAntenna(id: number, actor: Actor): void {
    const siteId = this.db.transaction(() => {
      const before = this.antenna(id)!;
      this.stmt.deleteAntenna.run(id);
      this.stmt.derive.run({ id: before.site_id });
      this.touch(before.site_id);
      this.audit.record(actor, 'delete', 'antenna', id, before, null);
      return before.site_id;
    })();
    this.emit([siteId]);
  }

  private touch(siteId: number): void {
    this.db.prepare('UPDATE sites SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), siteId);
  }
}
