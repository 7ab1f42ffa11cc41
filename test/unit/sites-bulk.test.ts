/** The bulk loader against the row-by-row path over the same generated sites: identical rows, derived columns and
 *  R*Tree boxes; the packed R*Tree passes SQLite's own check, answers bbox queries like a scan, and keeps working
 *  under later writes; a failed load leaves the database as it was. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistricts, generateSites, OPERATORS, type GeneratedSite } from '../../data/generate/index.js';
import { migrate, openDatabase, type DB } from '../../server/db.js';
import { insertOperators } from '../../server/seed.js';
import { AuditLog } from '../../server/store/audit.js';
import { PlaceStore } from '../../server/store/places.js';
import { SiteStore } from '../../server/store/sites.js';
import { rtreeDown, rtreeUp } from '../../server/store/sites-rtree-pack.js';
import { createRng } from '../../data/generate/prng.js';

let dir: string;
const now = '2026-01-02T03:04:05.000Z';
const actor = { id: null, name: 'test' };

/** A fresh migrated database with operators and the synthetic districts, and its site store. */
function fresh(name: string): { db: DB; store: SiteStore } {
  const db = openDatabase(join(dir, `${name}.db`));
  migrate(db);
  const places = new PlaceStore(db);
  db.transaction(() => {
    insertOperators(db, OPERATORS);
    for (const d of generateDistricts(7)) places.insertZone({ kind: 'district', name_fa: d.name_fa, name_en: d.name_en, geometry: d.geometry, source: 'synthetic' });
  })();
  places.loadDistricts();
  return { db, store: new SiteStore(db, new AuditLog(db), places.districtOf) };
}

const rtreeRows = (db: DB) => db.prepare('SELECT * FROM sites_rtree ORDER BY id').raw().all();
const rtreeCheck = (db: DB) => db.prepare("SELECT rtreecheck('sites_rtree')").pluck().get();
const inBox = (db: DB, [w, s, e, n]: number[]) =>
  db.prepare('SELECT id FROM sites_rtree WHERE min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ? ORDER BY id').pluck().all(e, w, n, s) as number[];

// Both layouts, more than one level of R*Tree nodes (51 cells a node), and both sign cases of the float rounding.
const sites: GeneratedSite[] = [
  ...generateSites({ seed: 11, count: 6000, layout: 'karaj' }),
  ...generateSites({ seed: 12, count: 4000, layout: 'iran' }),
  ...[...generateSites({ seed: 13, count: 50, layout: 'iran', startId: 9_000_000 })].map((s) => ({ ...s, lon: -s.lon, lat: -s.lat, code: `NEG-${s.code}` })),
];
let bulk: { db: DB; store: SiteStore };
let rows: { db: DB; store: SiteStore };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dakal-bulk-'));
  bulk = fresh('bulk');
  rows = fresh('rows');
  const load = bulk.store.insertMany(sites, now);
  expect(load).toMatchObject({ sites: sites.length, firstId: 1, rebuilt: true, packed: true, jsChecks: true });
  rows.db.transaction(() => {
    for (const s of sites) rows.store.insertBulk(s, now);
  })();
});
afterAll(() => {
  bulk.db.close();
  rows.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bulk load into an empty registry', () => {
  it('stores the same sites and antennas, derived columns and districts included, as inserting row by row', () => {
    const all = (db: DB, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw().all();
    expect(all(bulk.db, 'sites')).toEqual(all(rows.db, 'sites'));
    expect(all(bulk.db, 'antennas')).toEqual(all(rows.db, 'antennas'));
    const derived = bulk.db.prepare("SELECT operators, technologies FROM sites WHERE id = 1").get() as { operators: string; technologies: string };
    const ops = [...new Set(sites[0]!.antennas.map((a) => a.operator_id))].sort();
    expect(derived.operators).toBe(`,${ops.join(',')},`);
  });

  it('packs an R*Tree that SQLite checks as sound, holding the very boxes its own insert stores', () => {
    expect(rtreeCheck(bulk.db)).toBe('ok');
    expect(bulk.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(rtreeRows(bulk.db)).toEqual(rtreeRows(rows.db));
    expect(bulk.db.prepare('SELECT count(*) FROM sites_rtree').pluck().get()).toBe(sites.length);
    // More than one level: 10,050 points at most 51 to a node.
    expect(bulk.db.prepare('SELECT count(*) FROM sites_rtree_node').pluck().get()).toBeGreaterThan(200);
  });

  it('answers bbox queries with exactly the sites a scan of the stored float32 boxes finds', () => {
    const rng = createRng(5);
    const boxes = [[50.9, 35.75, 51.1, 35.9], [51.3, 35.6, 51.5, 35.8], [44, 25, 63.5, 39.8], [-60, -38, -45, -25], [50.99, 35.83, 50.995, 35.835]];
    for (let k = 0; k < 40; k++) {
      const w = rng.uniform(44, 62);
      const s = rng.uniform(25, 39);
      boxes.push([w, s, w + rng.uniform(0.001, 2), s + rng.uniform(0.001, 2)]);
    }
    for (const [w, s, e, n] of boxes as [number, number, number, number][]) {
      const scan = sites
        .map((site, i) => [i + 1, site] as const)
        .filter(([, p]) => rtreeDown(p.lon) <= e && rtreeUp(p.lon) >= w && rtreeDown(p.lat) <= n && rtreeUp(p.lat) >= s)
        .map(([id]) => id);
      expect(inBox(bulk.db, [w, s, e, n])).toEqual(scan);
      expect(inBox(rows.db, [w, s, e, n])).toEqual(scan);
    }
  });

  it('keeps the R*Tree sound through later creates, moves and deletes', () => {
    const site = { ...sites[0]!, code: 'T-1', lon: 50.95, lat: 35.81 };
    const id = bulk.store.create(site, actor);
    expect(inBox(bulk.db, [50.9499, 35.8099, 50.9501, 35.8101])).toContain(id);
    bulk.store.update(5, { lon: 51.05, lat: 35.85 }, actor);
    expect(inBox(bulk.db, [51.0499, 35.8499, 51.0501, 35.8501])).toContain(5);
    // Enough deletes to empty whole leaves, which makes SQLite reinsert their neighbours' cells.
    bulk.db.transaction(() => {
      bulk.db.prepare('DELETE FROM antennas WHERE site_id BETWEEN 100 AND 2100').run();
      bulk.db.prepare('DELETE FROM sites WHERE id BETWEEN 100 AND 2100').run();
    })();
    expect(rtreeCheck(bulk.db)).toBe('ok');
    expect(bulk.db.prepare('SELECT count(*) FROM sites_rtree').pluck().get()).toBe(sites.length + 1 - 2001);
    expect(inBox(bulk.db, [44, 25, 63.5, 39.8]).filter((i) => i >= 100 && i <= 2100)).toEqual([]);
  });
});

describe('bulk load edge cases', () => {
  it('into a registry that has sites: appends ids, keeps the trigger path, and the tree stays sound', () => {
    const { db, store } = fresh('twice');
    const first = store.insertMany(sites.slice(0, 3000), now);
    const second = store.insertMany(sites.slice(3000, 5000), now);
    expect(second).toMatchObject({ firstId: 3001, rebuilt: false, packed: false, sites: 2000 });
    expect(first.packed).toBe(true);
    expect(rtreeCheck(db)).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM sites_rtree').pluck().get()).toBe(5000);
    db.close();
  });

  it("inside a caller's transaction, with the foreign keys on, stores sites before their antennas", () => {
    const { db, store } = fresh('caller');
    const load = db.transaction(() => store.insertMany(sites.slice(0, 1500), now))();
    expect(load).toMatchObject({ sites: 1500, packed: true });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM antennas').pluck().get()).toBe(sites.slice(0, 1500).reduce((n, s) => n + s.antennas.length, 0));
    expect(rtreeCheck(db)).toBe('ok');
    db.close();
  });

  it('refuses what the CHECK constraints refuse, rolls back, and switches SQLite\'s own checks back on', () => {
    const { db, store } = fresh('checks');
    const base = sites[0]!;
    const antenna = base.antennas[0]!;
    const breaches: GeneratedSite[] = [
      { ...base, lon: 181 },
      { ...base, lat: -90.5 },
      { ...base, height_m: 0 },
      { ...base, status: 'demolished' as never },
      { ...base, structure_type: 'balloon' as never },
      { ...base, antennas: [{ ...antenna, technology: '6G' as never }] },
      { ...base, antennas: [{ ...antenna, eirp_w: -1 }] },
      { ...base, antennas: [{ ...antenna, power_reduction: 1.5 }] },
    ];
    for (const bad of breaches) {
      // SQLite itself refuses each one row by row, so the tests here are no stricter or looser than the schema.
      expect(() => db.transaction(() => store.insertBulk(bad, now))()).toThrow(/CHECK constraint failed/);
      expect(() => store.insertMany([...sites.slice(1, 300), bad], now)).toThrow(/CHECK failed/);
      expect(db.prepare('SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM antennas)').pluck().get()).toBe(0);
    }
    expect(db.pragma('ignore_check_constraints', { simple: true })).toBe(0);
    db.close();
  });

  it('leaves the CHECK constraints to SQLite when a table carries one it does not know', () => {
    const { db, store } = fresh('newcheck');
    db.exec('ALTER TABLE antennas ADD COLUMN gain_dbi REAL CHECK (gain_dbi < 30)');
    expect(store.insertMany(sites.slice(0, 200), now)).toMatchObject({ sites: 200, jsChecks: false });
    expect(() => store.insertMany([{ ...sites[300]!, lon: 200 }], now)).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('loads nothing, one site, and exactly one node of sites', () => {
    for (const n of [0, 1, 51, 52]) {
      const { db, store } = fresh(`n${n}`);
      expect(store.insertMany(sites.slice(0, n), now).sites).toBe(n);
      expect(rtreeCheck(db)).toBe('ok');
      expect(inBox(db, [-180, -90, 180, 90])).toHaveLength(n);
      db.close();
    }
  });

  it('rolls back everything when a site names an unknown operator, leaving the schema as the migration made it', () => {
    const { db, store } = fresh('bad');
    const bad = [...sites.slice(0, 500), { ...sites[500]!, owner_operator_id: 'nobody' }, ...sites.slice(501, 900)];
    expect(() => store.insertMany(bad, now)).toThrow(/unknown operator nobody/);
    expect(db.prepare('SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM antennas) + (SELECT count(*) FROM sites_rtree_rowid)').pluck().get()).toBe(0);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE name IN ('sites_status', 'sites_district', 'antennas_site', 'sites_rtree_insert')").pluck().all();
    expect(names.sort()).toEqual(['antennas_site', 'sites_district', 'sites_rtree_insert', 'sites_status']);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The registry still takes a load afterwards.
    expect(store.insertMany(sites.slice(0, 100), now)).toMatchObject({ sites: 100, packed: true });
    expect(rtreeCheck(db)).toBe('ok');
    db.close();
  });
});
