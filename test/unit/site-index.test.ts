/** The in-memory site index against brute force over the same rows: nearby, listing, clusters, density, counts,
 *  kept current across writes; and the bulk loader leaves the schema as the migration made it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistricts, generateSites, OPERATORS } from '../../data/generate/index.js';
import { densityGrid } from '../../shared/density.js';
import { haversineM } from '../../shared/geodesy.js';
import { configFromEnv } from '../../server/config.js';
import { createContext, type Ctx } from '../../server/context.js';
import { migrate, openDatabase, type DB } from '../../server/db.js';
import { insertOperators } from '../../server/seed.js';
import { densityFeatures, siteCounts } from '../../server/index/site-stats.js';
import type { SiteRow } from '../../server/store/sites.js';

let dir: string;
let db: DB;
let ctx: Ctx;
const actor = { id: null, name: 'test' };
const all = (): SiteRow[] => ctx.db.prepare('SELECT * FROM sites ORDER BY id').all() as SiteRow[];
const ops = (r: SiteRow) => r.operators.split(',').filter(Boolean);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dakal-index-'));
  db = openDatabase(join(dir, 'x.db'));
  migrate(db);
  ctx = createContext(db, configFromEnv({ ...process.env, DAKAL_DB: join(dir, 'x.db'), DAKAL_TILE_URL: '' }));
  db.transaction(() => {
    insertOperators(db, OPERATORS);
    for (const d of generateDistricts(7)) ctx.places.insertZone({ kind: 'district', name_fa: d.name_fa, name_en: d.name_en, geometry: d.geometry, source: 'synthetic' });
  })();
  ctx.places.loadDistricts();
  const now = new Date().toISOString();
  ctx.sites.insertMany(generateSites({ seed: 3, count: 4000, layout: 'karaj' }), now);
  ctx.sites.insertMany(generateSites({ seed: 4, count: 1000, layout: 'iran', startId: 1 }), now);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bulk load', () => {
  it('stores every site and antenna, and leaves indexes, trigger and R*Tree as the migration made them', () => {
    expect(ctx.sites.count()).toBe(5000);
    expect(db.prepare('SELECT count(*) FROM sites_rtree').pluck().get()).toBe(5000);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND name IN ('sites_status', 'sites_district', 'antennas_site', 'sites_rtree_insert')").pluck().all();
    expect(names.sort()).toEqual(['antennas_site', 'sites_district', 'sites_rtree_insert', 'sites_status']);
    const bad = db.prepare("SELECT count(*) FROM sites s WHERE antenna_count <> (SELECT count(*) FROM antennas a WHERE a.site_id = s.id) OR operators = ','").pluck().get();
    expect(bad).toBe(0);
    expect(db.prepare('SELECT count(*) FROM sites WHERE district_id IS NOT NULL').pluck().get()).toBeGreaterThan(3000);
  });
});

describe('nearby', () => {
  it('finds exactly the sites a full scan finds, nearest first, for city and country points', () => {
    const rows = all();
    for (const [lon, lat, r] of [[50.99, 35.83, 500], [51.02, 35.8, 1500], [51.39, 35.69, 20000], [59.6, 36.3, 5000]] as const) {
      const truth = rows.map((s) => [s.id, haversineM(lon, lat, s.lon, s.lat)] as const).filter(([, d]) => d <= r).sort((a, b) => a[1] - b[1]);
      const got = ctx.sites.near(lon, lat, r, 5000);
      expect(got.map((g) => g.row.id)).toEqual(truth.map(([id]) => id));
      expect(ctx.sites.near(lon, lat, r, 7).map((g) => g.distanceM)).toEqual(truth.slice(0, 7).map(([, d]) => d));
    }
    // The rows come from the index's column store: field for field what SQLite holds, edits included.
    const some = ctx.sites.near(51.39, 35.69, 20000, 50);
    for (const { row } of some) expect(row).toEqual(ctx.sites.get(row.id));
    ctx.sites.update(some[0]!.row.id, { permit_no: 'X/1404/00001', address: 'خیابان آزادی' }, actor);
    expect(ctx.sites.near(51.39, 35.69, 20000, 1)[0]!.row).toEqual(ctx.sites.get(some[0]!.row.id));
    for (const row of ctx.sites.list({ limit: 40, cursor: 3990 }).rows) expect(row).toEqual(ctx.sites.get(row.id));
  });

  it('follows creates and moves before and after the tree is rebuilt', () => {
    const site = { code: 'T-1', lon: 50.95, lat: 35.81, structure_type: 'monopole' as const, height_m: 30, owner_operator_id: 'mci', status: 'active' as const,
      source: 'survey' as const, verified: false, permit_no: null, installed_on: null, permit_date: null, ground_elevation_m: null, address: null, antennas: [] };
    const id = ctx.sites.create(site, actor);
    expect(ctx.sites.near(50.95, 35.81, 1, 10).map((g) => g.row.id)).toEqual([id]);
    ctx.sites.update(id, { lon: 51.05, lat: 35.85 }, actor);
    expect(ctx.sites.near(50.95, 35.81, 1, 10)).toEqual([]);
    expect(ctx.sites.near(51.05, 35.85, 1, 10).map((g) => g.row.id)).toEqual([id]);
    ctx.sites.index().rebuild();
    expect(ctx.sites.near(51.05, 35.85, 1, 10).map((g) => g.row.id)).toEqual([id]);
    expect(ctx.sites.near(50.95, 35.81, 1, 10)).toEqual([]);
  });
});

describe('listing', () => {
  it('pages and counts like the SQL filters, with and without a bbox', () => {
    const rows = all();
    const bbox: [number, number, number, number] = [50.95, 35.8, 51.03, 35.86];
    const inBox = (r: SiteRow) => r.lon >= bbox[0] && r.lon <= bbox[2] && r.lat >= bbox[1] && r.lat <= bbox[3];
    const cases = [
      { q: { limit: 50 }, f: () => true },
      { q: { limit: 50, cursor: 1200, status: 'active' as const }, f: (r: SiteRow) => r.status === 'active' },
      { q: { limit: 20, operator: 'irancell', bbox }, f: (r: SiteRow) => inBox(r) && (ops(r).includes('irancell') || r.owner_operator_id === 'irancell') },
      { q: { limit: 20, technology: 'NR' as const, shared: true }, f: (r: SiteRow) => r.technologies.includes(',NR,') && ops(r).length >= 2 },
      { q: { limit: 30, district: 3, bbox, shared: false }, f: (r: SiteRow) => inBox(r) && r.district_id === 3 && ops(r).length < 2 },
      { q: { limit: 10, operator: 'nobody' }, f: () => false },
    ];
    for (const { q, f } of cases) {
      const want = rows.filter(f);
      const got = ctx.sites.list(q);
      expect(got.total).toBe(want.length);
      expect(got.rows.map((r) => r.id)).toEqual(want.filter((r) => r.id > ((q as { cursor?: number }).cursor ?? 0)).slice(0, q.limit).map((r) => r.id));
    }
  });
});

describe('clusters', () => {
  const world: [number, number, number, number] = [-180, -85, 180, 85];
  it('accounts for every standing site at every zoom, per filter, and follows a status change at once', () => {
    const standing = all().filter((r) => r.status !== 'decommissioned');
    for (const z of [0, 5, 10, 14]) expect(ctx.clusters.query(world, z, {}).total).toBe(standing.length);
    const mci = standing.filter((r) => ops(r).includes('mci') || r.owner_operator_id === 'mci').length;
    expect(ctx.clusters.query(world, 3, { operator: 'mci' }).total).toBe(mci);
    const target = standing.find((r) => ops(r).includes('mci'))!;
    ctx.sites.update(target.id, { status: 'decommissioned' }, actor);
    expect(ctx.clusters.query(world, 3, {}).total).toBe(standing.length - 1);
    expect(ctx.clusters.query(world, 3, { operator: 'mci' }).total).toBe(mci - 1);
    expect(ctx.clusters.query(world, 3, { status: 'decommissioned' }).total).toBe(1);
  });

  it('returns single sites with their properties above zoom 14, and clusters that expand', () => {
    const bbox: [number, number, number, number] = [50.98, 35.82, 51.0, 35.84];
    const inView = all().filter((r) => r.status !== 'decommissioned' && r.lon >= bbox[0] && r.lon <= bbox[2] && r.lat >= bbox[1] && r.lat <= bbox[3]);
    const z17 = ctx.clusters.query(bbox, 17, {});
    expect(z17.features.map((f) => f.id).sort()).toEqual(inView.map((r) => r.id).sort());
    const one = z17.features[0]!.properties as Record<string, unknown>;
    const row = inView.find((r) => r.id === one.id)!;
    expect(one).toMatchObject({ cluster: false, code: row.code, status: row.status, height_m: row.height_m, operators: ops(row) });
    const z10 = ctx.clusters.query([50.8, 35.7, 51.2, 35.95], 10, {});
    const c = z10.features.find((f) => (f.properties as { cluster: boolean }).cluster)!;
    const p = c.properties as { expansion_zoom: number; point_count: number };
    expect(p.expansion_zoom).toBeGreaterThan(10);
    expect(p.expansion_zoom).toBeLessThanOrEqual(15);
  });
});

describe('density and counts', () => {
  it('counts the same cells as shared/density.ts densityGrid', () => {
    const pts = all().filter((r) => r.status !== 'decommissioned').map((r) => ({ lon: r.lon, lat: r.lat, operators: ops(r) }));
    for (const [bbox, km, op] of [[[50.87, 35.75, 51.09, 35.89], 1, undefined], [[44, 25, 63.5, 39.8], 10, 'rightel'], [[50.9, 35.78, 51.0, 35.85], 0.25, 'mci']] as const) {
      const want = densityGrid(pts, [...bbox], km, op);
      const got = densityFeatures(ctx.sites.index(), [...bbox], km, op);
      expect(got.features.map((f) => [f.id, f.properties.count])).toEqual(want.features.map((f) => [f.id, f.properties.count]));
      expect(got.features[0]!.geometry).toEqual(want.features[0]!.geometry);
    }
  });

  it('counts by status, operator, technology and district as GROUP BY does', () => {
    const rows = all();
    const c = siteCounts(ctx.sites.index());
    expect(c.total).toBe(rows.length);
    for (const st of ['active', 'unpermitted', 'decommissioned']) expect(c.by_status[st]).toBe(rows.filter((r) => r.status === st).length);
    for (const op of ['mci', 'irancell', 'rightel']) expect(c.by_operator[op]).toBe(rows.filter((r) => ops(r).includes(op)).length);
    expect(c.by_technology.LTE).toBe(rows.filter((r) => r.technologies.includes(',LTE,')).length);
    expect(c.by_district['3']).toBe(rows.filter((r) => r.district_id === 3).length);
    expect(c.by_district['0']).toBe(rows.filter((r) => r.district_id === null).length);
  });
});
