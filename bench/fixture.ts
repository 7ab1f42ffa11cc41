/** Builds a benchmark database of N generated sites (city-dense or country-wide) through the store's bulk path. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDistricts, generatePlaces, generateSites, OPERATORS, type GeneratedSite } from '../data/generate/index.js';
import { configFromEnv } from '../server/config.js';
import { createContext, type Ctx } from '../server/context.js';
import { migrate, openDatabase } from '../server/db.js';
import { insertOperators } from '../server/seed.js';
import { AuditLog } from '../server/store/audit.js';
import { PlaceStore } from '../server/store/places.js';
import { SiteStore } from '../server/store/sites.js';

export type Layout = 'karaj' | 'iran';

export interface Fixture {
  ctx: Ctx;
  dbPath: string;
  sites: number;
  antennas: number;
  /** Generating and inserting the sites and antennas (indexes rebuilt included). */
  importMs: number;
  /** Generating the same sites without storing them, for the share of import time that is the generator's. */
  generateMs: number;
  /** The load's own phases: rows inserted, B-tree indexes rebuilt, R*Tree filled (ms). */
  phases: { insert_ms: number; index_ms: number; rtree_ms: number };
  placesMs: number;
  /** Building the server's context: the in-memory site index and the default cluster pyramid. */
  startMs: number;
  close(): void;
}

/** The generator hangs one to three band layers of three sectors per operator (≈ 5.7 antennas a site); a regulator's
 *  registry averages about three. Keeping each operator's first layer gives ≈ 3.6 and leaves the operator mix as is. */
export function firstLayer(s: GeneratedSite): GeneratedSite {
  // Parallel arrays, not a Map keyed by a template string: this runs once per site inside the timed import.
  const ops: string[] = [];
  const techs: string[] = [];
  const freqs: number[] = [];
  const antennas: GeneratedSite['antennas'] = [];
  for (const a of s.antennas) {
    let k = ops.indexOf(a.operator_id);
    if (k < 0) {
      k = ops.push(a.operator_id) - 1;
      techs.push(a.technology);
      freqs.push(a.frequency_mhz);
    }
    if (techs[k] === a.technology && freqs[k] === a.frequency_mhz) antennas.push(a);
  }
  return { ...s, antennas };
}

/** Generates and imports `count` sites (and `places` sensitive places) into a fresh database file. */
export function buildFixture(count: number, layout: Layout, opts: { places?: number; allAntennas?: boolean } = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'dakal-bench-'));
  const dbPath = join(dir, 'bench.db');
  const db = openDatabase(dbPath);
  migrate(db);
  const audit = new AuditLog(db);
  const placeStore = new PlaceStore(db);
  db.transaction(() => {
    insertOperators(db, OPERATORS);
    for (const d of generateDistricts(7)) placeStore.insertZone({ kind: 'district', name_fa: d.name_fa, name_en: d.name_en, geometry: d.geometry, source: 'synthetic' });
  })();
  placeStore.loadDistricts();
  const store = new SiteStore(db, audit, placeStore.districtOf);
  const shape = opts.allAntennas ? (s: GeneratedSite) => s : firstLayer;
  function* stream(): Generator<GeneratedSite> {
    for (const s of generateSites({ seed: 7, count, layout })) yield shape(s);
  }

  let t = performance.now();
  let antennas = 0;
  for (const s of stream()) antennas += s.antennas.length;
  const generateMs = performance.now() - t;

  t = performance.now();
  const load = store.insertMany(stream(), new Date().toISOString());
  const importMs = performance.now() - t;
  const phases = { insert_ms: Math.round(load.insertMs), index_ms: Math.round(load.indexMs), rtree_ms: Math.round(load.rtreeMs) };

  t = performance.now();
  db.transaction(() => {
    for (const p of generatePlaces({ seed: 8, count: opts.places ?? 10_000, layout })) placeStore.insertPlace(p);
  })();
  const placesMs = performance.now() - t;

  t = performance.now();
  const ctx = createContext(db, configFromEnv({ ...process.env, DAKAL_DB: dbPath, DAKAL_TILE_URL: '' }));
  ctx.sites.index();
  ctx.clusters.queryJson([44, 25, 63.5, 39.8], 5, {});
  const startMs = performance.now() - t;
  return {
    ctx,
    dbPath,
    sites: count,
    antennas,
    importMs,
    generateMs,
    phases,
    placesMs,
    startMs,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
