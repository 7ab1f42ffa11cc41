/** `npx tsx bench/consolidation.ts [-- --sizes 100000 --layout iran --stats 1000000]`: the consolidation plan (merge pairs
 *  with the kdbush index beside all pairs, then the whole plan with a siting check per group) on the demo city and on
 *  generated registries, and the planning dashboard's aggregates on a large one. Prints a table; times are medians
 *  where repeated, wall clock and this process's CPU time otherwise (the machine may be shared). */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { neighboursAllPairs, neighboursIndexed, type MergeDistances } from '../shared/consolidation.js';
import { configFromEnv } from '../server/config.js';
import { createContext, type Ctx } from '../server/context.js';
import { migrate, openDatabase } from '../server/db.js';
import { ConsolidationPlanner } from '../server/planning/consolidation.js';
import { countStanding, planningSummary } from '../server/planning/summary.js';
import { seed } from '../server/seed.js';
import { buildFixture, type Layout } from './fixture.js';
import { round, time } from './measure.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000' },
    layout: { type: 'string', default: 'iran' },
    stats: { type: 'string', default: '1000000' },
    'naive-max': { type: 'string', default: '200000' },
  },
});
const DISTANCES: MergeDistances = { ground_m: 150, rooftop_m: 50 };
const rows: Array<Record<string, string>> = [];
const add = (dataset: string, what: string, ours: string, naive = '', ratio = '') => {
  rows.push({ dataset, what, ours, naive, ratio });
  console.error(`${dataset} · ${what}: ${ours}${naive ? ` | naive ${naive}` : ''}${ratio ? ` | ${ratio}` : ''}`);
};

/** Wall and CPU milliseconds of one call. */
function once<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${round(ms)} ms`);

/** Wall and CPU milliseconds of one awaited call. */
async function onceAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}

/** Pairs (index vs all pairs) and the whole plan, cold. */
async function consolidationCases(dataset: string, ctx: Ctx, naiveMax: number): Promise<void> {
  const sites = ctx.planning.standingSites();
  const indexed = time(() => neighboursIndexed(sites, DISTANCES), 3000, 3, 20);
  const pairs = neighboursIndexed(sites, DISTANCES).items.length / 2;
  if (sites.length <= naiveMax) {
    const naive = once(() => neighboursAllPairs(sites, DISTANCES));
    add(dataset, `merge pairs of ${sites.length.toLocaleString('en')} standing structures (${pairs.toLocaleString('en')} pairs)`, `${fmtMs(indexed.median_ms)} (kdbush)`, `${fmtMs(naive.ms)} (all pairs)`, `${round(naive.ms / indexed.median_ms)} ×`);
  } else {
    add(dataset, `merge pairs of ${sites.length.toLocaleString('en')} standing structures (${pairs.toLocaleString('en')} pairs)`, `${fmtMs(indexed.median_ms)} (kdbush)`, 'skipped (quadratic)');
  }
  const planner = new ConsolidationPlanner(ctx, ctx.planning);
  const plan = await onceAsync(() => planner.plan(DISTANCES));
  const { groups, refused, totals } = plan.value;
  add(
    dataset,
    `whole plan, cold: ${groups.length.toLocaleString('en')} groups offered, ${refused.length.toLocaleString('en')} refused, ${totals.before.toLocaleString('en')} → ${totals.after.toLocaleString('en')} structures`,
    `${fmtMs(plan.ms)} wall, ${fmtMs(plan.cpuMs)} CPU`,
    '',
    `${round((plan.cpuMs / Math.max(1, groups.length + refused.length)))} ms CPU per check`,
  );
  // A running server computed the exposure rule's sums at every place at start (ctx.siting.warmSteps, in the
  // background); a fresh planner on the same registry meets them ready, as a planner opening the view would.
  const fresh = await onceAsync(() => new ConsolidationPlanner(ctx, ctx.planning).plan(DISTANCES));
  add(dataset, 'whole plan, a fresh planner with the places\' exposure sums ready (as after the server\'s start-up)', `${fmtMs(fresh.ms)} wall, ${fmtMs(fresh.cpuMs)} CPU`);
  const cached = await onceAsync(() => planner.plan(DISTANCES));
  add(dataset, 'the same plan again (cached until the registry changes)', fmtMs(cached.ms));
  const other = await onceAsync(() => planner.plan({ ground_m: 120, rooftop_m: 40 }));
  add(dataset, `other distances (120 m / 40 m): ${other.value.totals.removed.toLocaleString('en')} removed, groups already checked reused`, `${fmtMs(other.ms)} wall, ${fmtMs(other.cpuMs)} CPU`);
}

// The demo city: the registry a planner opens.
{
  const dir = mkdtempSync(join(tmpdir(), 'dakal-bench-consolidation-'));
  const config = configFromEnv({ ...process.env, DAKAL_DB: join(dir, 'bench.db'), DAKAL_TILE_URL: '' });
  const db = openDatabase(config.dbPath);
  migrate(db);
  const ctx = createContext(db, config);
  seed('demo', ctx);
  await consolidationCases('demo city (2,500)', ctx, Infinity);
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

for (const n of args.sizes!.split(',').filter(Boolean).map(Number)) {
  const layout = args.layout as Layout;
  console.error(`building ${layout} ${n}…`);
  const fx = buildFixture(n, layout);
  await consolidationCases(`${layout} ${n.toLocaleString('en')}`, fx.ctx, Number(args['naive-max']));
  fx.close();
}

// Dashboard aggregates at scale: one pass over the in-memory site index (target: under 300 ms at 1,000,000).
for (const n of args.stats!.split(',').filter(Boolean).map(Number)) {
  console.error(`building karaj ${n} for the dashboard…`);
  const fx = buildFixture(n, 'karaj', { places: 0 });
  const dataset = `karaj ${n.toLocaleString('en')}`;
  const index = fx.ctx.sites.index();
  const counts = time(() => countStanding(index), 3000, 5, 200);
  const districts = fx.ctx.places.zones(undefined, 'district');
  const summary = time(() => planningSummary(fx.ctx, fx.ctx.planning, districts, new Date()), 3000, 5, 100);
  // Naive: the same figures by GROUP BY over the sites table.
  const naive = time(() => fx.ctx.db.prepare("SELECT district_id, status, operators, technologies, structure_type, count(*) FROM sites WHERE status <> 'decommissioned' GROUP BY 1, 2, 3, 4, 5").all(), 3000, 3, 20);
  add(dataset, 'dashboard counts (status, operator, technology, type, per district): one pass over the site index', `${fmtMs(counts.median_ms)} median`, `${fmtMs(naive.median_ms)} (SQL GROUP BY)`, `${round(naive.median_ms / counts.median_ms)} ×`);
  add(dataset, 'GET /api/planning/summary body (counts + district areas + concerns + requests)', `${fmtMs(summary.median_ms)} median, p99 ${fmtMs(summary.p99_ms)}`);
  fx.close();
}

console.table(rows);
console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 vCPUs shared with other work inflate wall times)`);
