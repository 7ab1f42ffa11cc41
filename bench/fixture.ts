/** Builds a benchmark database of N generated sites (city-dense or country-wide) through the store's bulk path. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSites, generatePlaces, OPERATORS } from '../data/generate/index.js';
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
  sites: number;
  antennas: number;
  importMs: number;
  close(): void;
}

/** Generates and imports `count` sites (and `places` sensitive places) into a fresh database file. */
export function buildFixture(count: number, layout: Layout, places = 10_000): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'dakal-bench-'));
  const dbPath = join(dir, 'bench.db');
  const db = openDatabase(dbPath);
  migrate(db);
  insertOperators(db, OPERATORS);
  const audit = new AuditLog(db);
  const placeStore = new PlaceStore(db);
  const store = new SiteStore(db, audit, placeStore.districtOf);
  let antennas = 0;
  const t = performance.now();
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const s of generateSites({ seed: 7, count, layout })) {
      store.insertBulk(s, now);
      antennas += s.antennas.length;
    }
    for (const p of generatePlaces({ seed: 8, count: places, layout })) placeStore.insertPlace(p);
  })();
  const importMs = performance.now() - t;
  const ctx = createContext(db, configFromEnv({ ...process.env, DAKAL_DB: dbPath, DAKAL_TILE_URL: '' }));
  return {
    ctx,
    sites: count,
    antennas,
    importMs,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
