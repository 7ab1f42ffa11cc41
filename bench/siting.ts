/** `npx tsx bench/siting.ts [-- --grid25]`: the siting check, the browser's context and the exposure grid on the
 *  demo registry, each beside its naive way; prints a table. --grid25 adds the whole urban bbox at 25 m (minutes). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KARAJ_BBOX } from '../data/generate/index.js';
import { packAntennas } from '../shared/exposure.js';
import { exposureGridNaive, type Bbox } from '../shared/exposure-grid.js';
import { checkSiting } from '../shared/siting.js';
import { configFromEnv } from '../server/config.js';
import { createContext } from '../server/context.js';
import { migrate, openDatabase } from '../server/db.js';
import { seed } from '../server/seed.js';
import { gatherSitingContext, runSitingCheck } from '../server/siting/context.js';
import { prng, time } from './measure.js';

const { values: args } = parseArgs({ options: { grid25: { type: 'boolean', default: false } } });
const dir = mkdtempSync(join(tmpdir(), 'dakal-bench-siting-'));
const config = configFromEnv({ ...process.env, DAKAL_DB: join(dir, 'bench.db') });
const db = openDatabase(config.dbPath);
migrate(db);
const ctx = createContext(db, config);
seed('demo', ctx);
const rows: Array<Record<string, string>> = [];
const add = (what: string, ours: string, naive = '') => rows.push({ what, ours, naive });

// Points spread over the urban bbox, the same every run.
const rnd = prng(7);
const [w, s, e, n] = KARAJ_BBOX;
const points = Array.from({ length: 200 }, () => ({ lon: w + rnd() * (e - w), lat: s + rnd() * (n - s) }));
const sector = { frequency_mhz: 1800, eirp_w: 2000, azimuth_deg: 90, tilt_deg: 6, height_m: 28 };
const input = (i: number) => ({ ...points[i % points.length]!, height_m: 30, structure_type: 'monopole' as const, antennas: [sector] });

const check = time((i) => runSitingCheck(ctx, input(i)), 3000, 20, 400);
// Naive: no index, every structure, place, zone and antenna of the registry read and handed to the rules.
const everything = () => ({
  policy: ctx.policy.current().policy,
  policyVersion: 1,
  sites: ctx.nearby.sitesWithin(50.98, 35.82, 100_000),
  sensitivePlaces: ctx.places.places(),
  zones: ctx.places.zones(),
  antennas: ctx.nearby.allAntennas(),
  aerodromes: ctx.aerodromes,
});
const naiveCheck = time((i) => checkSiting(input(i), everything()), 3000, 5, 50);
add('siting check (gather with indexes + 7 rules)', `${check.median_ms} ms median, p99 ${check.p99_ms} ms`, `${naiveCheck.median_ms} ms (whole registry as context)`);

const context = time((i) => JSON.stringify(gatherSitingContext(ctx, { ...points[i % points.length]!, height_m: 650, margin_m: 500 })), 2000, 10, 200);
const centre = JSON.stringify(gatherSitingContext(ctx, { lon: 50.9915, lat: 35.8355, height_m: 650, margin_m: 500 }));
add('GET /api/siting/context (margin 500 m) build + JSON', `${context.median_ms} ms median`, `${Math.round(centre.length / 1024)} KiB at the centre`);

const grid = async (bbox: Bbox, cellM: number) => {
  ctx.exposure.invalidate();
  const t0 = performance.now();
  const plan = ctx.exposure.plan(bbox, cellM);
  const g = await ctx.exposure.grid(bbox, cellM, 1.5, plan);
  return { ms: Math.round(performance.now() - t0), cells: g.cols * g.rows, evaluations: plan.evaluations };
};
const small: Bbox = [50.975, 35.825, 51.0, 35.845];
const ours = await grid(small, 50);
const packed = packAntennas(ctx.nearby.allAntennas());
const t0 = performance.now();
exposureGridNaive(small, 50, packed);
add(`exposure grid 2.3 × 2.2 km at 50 m (${ours.cells} cells, ${packed.count} antennas)`, `${ours.ms} ms`, `${Math.round(performance.now() - t0)} ms (every antenna per cell)`);
for (const cellM of args.grid25 ? [100, 25] : [100]) {
  const g = await grid(KARAJ_BBOX as Bbox, cellM);
  add(`exposure grid, urban bbox at ${cellM} m (${g.cells} cells)`, `${g.ms} ms, ${(g.evaluations / 1e6).toFixed(0)} M evaluations`);
}

console.table(rows);
db.close();
rmSync(dir, { recursive: true, force: true });
