/** Exposure grid over the Karaj urban bbox at 25 m with the demo antennas (generateDemo()): the server's fast grid as
 *  a request gets it (ExposureIndex.plan() then grid() on worker threads) and on one thread, the same cells summed
 *  exactly with the grid kernel, the exact indexed grid of shared/exposure-grid.ts (haversine kernel, every antenna
 *  within 2 km of a 500 m block), and the naive all pairs timed on a sample of rows and extrapolated to the grid. Wall
 *  time and process CPU time (all threads) side by side, medians of the runs; and the fast grid's largest relative
 *  error against the exact sums over every cell.
 *  Run by `npm run bench` (bench/run.ts) and on its own by bench/exposure-grid.ts. */
import { KARAJ_BBOX, generateDemo } from '../data/generate/index.js';
import { FAR_RATIO, type FarFieldStats } from '../shared/exposure-far-field.js';
import { FAR_FIELD_TOLERANCE, exposureGrid, exposureGridFast, exposureGridLayout, exposureGridNaive, type Bbox } from '../shared/exposure-grid.js';
import { packAntennas } from '../shared/exposure.js';
import { ExposureIndex } from '../server/index/exposure.js';
import type { NearbyStore } from '../server/store/nearby.js';
import { pointsNear } from './measure.js';

/** What to measure: timed runs (medians), cell size, sample rows for the naive way, and whether to time the exact
 *  indexed grid (minutes). */
export interface GridBenchOptions {
  runs: number;
  cellM: number;
  naiveRows: number;
  withIndexed: boolean;
}

/** Wall and process CPU time (all threads): not bench/measure.ts's Timing, which times a call many times. */
interface WallCpu {
  wall_ms: number;
  cpu_ms: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function measure<T>(f: () => T | Promise<T>): Promise<WallCpu & { value: T }> {
  const [c0, t0] = [cpuMs(), performance.now()];
  const value = await f();
  return { wall_ms: Math.round(performance.now() - t0), cpu_ms: Math.round(cpuMs() - c0), value };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function repeat<T>(n: number, f: () => T | Promise<T>): Promise<WallCpu & { value: T; all: WallCpu[] }> {
  const all: Array<WallCpu & { value: T }> = [];
  for (let i = 0; i < n; i++) all.push(await measure(f));
  return { wall_ms: median(all.map((t) => t.wall_ms)), cpu_ms: median(all.map((t) => t.cpu_ms)), value: all[0]!.value, all: all.map(({ wall_ms, cpu_ms }) => ({ wall_ms, cpu_ms })) };
}
const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** Measures the grids (log lines go to `log`) and returns the table's rows and the figures for results.json. */
export async function measureExposureGrid({ runs, cellM, naiveRows, withIndexed }: GridBenchOptions, log: (line: string) => void = console.log) {
  const bbox = [...KARAJ_BBOX] as Bbox;
  const ants = generateDemo().sites.flatMap((s) => s.antennas.map((a) => ({ ...a, lon: s.lon, lat: s.lat })));
  const packed = packAntennas(ants);
  const l = exposureGridLayout(bbox, cellM);
  const cells = l.cols * l.rows;

  log(`Karaj urban bbox ${bbox.join(', ')} at ${cellM} m: ${l.cols} × ${l.rows} = ${fmt(cells)} cells, ${fmt(ants.length)} demo antennas; ${runs} runs, medians`);

  // The server's path as the route takes it (server/routes/exposure.ts): ExposureIndex.plan() to check the cost, then
  // grid(), bands of rows on one worker per core. The first request after start-up also boots the threads (timed on its
  // own); each timed run follows invalidate(), so it rebuilds the index and sends the sites again, as after any edit.
  const positioned = ants.map((a, i) => ({ ...a, antenna_id: i + 1, site_id: 0, site_code: '', operator_id: a.operator_id, power_reduction: a.power_reduction ?? 1 }));
  const index = new ExposureIndex({ allAntennas: () => positioned } as unknown as NearbyStore);
  const request = () => {
    const plan = index.plan(bbox, cellM);
    return index.grid(bbox, cellM, undefined, plan);
  };
  const start = await measure(request);
  const plan = index.plan(bbox, cellM);
  // The server's start (server/main.ts) boots the threads in the background with ExposureIndex.warm(): the first request
  // after that, on an index of its own.
  const warmed = new ExposureIndex({ allAntennas: () => positioned } as unknown as NearbyStore);
  const warmMs = await warmed.warm();
  const afterWarm = await measure(async () => warmed.grid(bbox, cellM, undefined, warmed.plan(bbox, cellM)));
  warmed.close();
  const planned = await repeat(runs, () => {
    index.invalidate();
    return index.plan(bbox, cellM);
  });
  const served = await repeat(runs, () => {
    index.invalidate();
    return request();
  });
  const threads = index.threads();
  index.close();

  const stats: FarFieldStats = { exact: 0, nodes: 0, items: 0 };
  const oneThread = await repeat(runs, () => exposureGridFast(bbox, cellM, packed, {}, stats));
  const exact = await measure(() => exposureGridFast(bbox, cellM, packed, { farRatio: 0 }));

  // Largest relative error of the fast grid against the exact sums, and how the cells' errors spread.
  const fast = oneThread.value.values;
  let [worst, worstAt, above] = [0, 0, 0];
  const errs: number[] = [];
  fast.forEach((v, i) => {
    const e = exact.value.values[i]!;
    const rel = v === e ? 0 : Math.abs(v - e) / e;
    errs.push(rel);
    if (rel > worst) [worst, worstAt] = [rel, i];
    if (rel > 1e-3) above++;
  });
  errs.sort((a, b) => a - b);
  const servedMatches = served.value.values.every((v, i) => v === fast[i]);

  // The exact indexed grid of shared/exposure-grid.ts (the previous server path), once: minutes on this machine.
  let indexed: (WallCpu & { value: { values: number[] } }) | null = null;
  if (withIndexed) {
    const near = pointsNear(ants);
    indexed = await measure(() => exposureGrid(bbox, cellM, packed, near));
  }
  const kernelVsIndexed = indexed ? indexed.value.values.reduce((m, v, i) => Math.max(m, v === exact.value.values[i] ? 0 : Math.abs(v - exact.value.values[i]!) / v), 0) : null;

  // Naive all pairs on a sample of whole rows spread over the grid (the same cell centres), extrapolated by cells.
  let naiveCells = 0;
  const naive = await measure(() => {
    for (let k = 0; k < naiveRows; k++) {
      const r = Math.floor(((k + 0.5) * l.rows) / naiveRows);
      const lat = l.north - (r + 0.5) * l.dLat;
      naiveCells += exposureGridNaive([l.west, lat - l.dLat / 4, l.west + l.cols * l.dLon, lat + l.dLat / 4], cellM, packed).values.length;
    }
  });
  const perCell = (t: WallCpu) => ({ wall_ms: (t.wall_ms / naiveCells) * cells, cpu_ms: (t.cpu_ms / naiveCells) * cells });
  const naiveAll = perCell(naive);

  const row = (what: string, t: WallCpu, note = '') => ({
    what,
    wall_ms: fmt(t.wall_ms),
    cpu_ms: fmt(t.cpu_ms),
    'naive ÷ this (wall)': `${(naiveAll.wall_ms / t.wall_ms).toFixed(0)}×`,
    'exact indexed ÷ this (cpu)': indexed ? `${(indexed.cpu_ms / t.cpu_ms).toFixed(1)}×` : '',
    note,
  });
  const table = [
    row('fast grid, server path: plan() + grid() on worker threads', served, `${fmt(plan.evaluations)} evaluations; plan() alone ${fmt(planned.wall_ms)} ms; first request after start-up ${fmt(start.wall_ms)} ms cold (threads boot), ${fmt(afterWarm.wall_ms)} ms after warm() (${fmt(warmMs)} ms in the background)`),
    row('fast grid, one thread', oneThread, `exact ${fmt(stats.exact / runs)}, nodes ${fmt(stats.nodes / runs)}, per-cell terms ${fmt(stats.items / runs)}`),
    row('exact sums, grid kernel (farRatio 0)', exact, 'same cells, every antenna within 2 km, sites grouped'),
    ...(indexed ? [row('exact indexed grid (haversine kernel, kdbush)', indexed, 'the previous server path, 1 run')] : []),
    row(`naive all pairs, extrapolated from ${naiveRows} rows`, naiveAll, `${fmt(naiveCells)} cells timed: ${fmt(naive.wall_ms)} ms wall, ${fmt(naive.cpu_ms)} ms cpu`),
  ];
  log(`runs (wall/cpu ms): server ${JSON.stringify(served.all)}, one thread ${JSON.stringify(oneThread.all)}`);
  log(`fast vs exact over ${fmt(cells)} cells: max relative error ${(worst * 100).toFixed(4)}% (cell ${Math.floor(worstAt / l.cols)},${worstAt % l.cols}, exact ${exact.value.values[worstAt]!.toExponential(3)}), ` +
    `99.9th percentile ${(errs[Math.floor(errs.length * 0.999)]! * 100).toFixed(4)}%, median ${(errs[Math.floor(errs.length / 2)]! * 100).toFixed(5)}%, ${above} cells above 0.1%; ` +
    `stated tolerance ${FAR_FIELD_TOLERANCE * 100}% at FAR_RATIO ${FAR_RATIO}; server grid equals one-thread grid: ${servedMatches}`);
  if (kernelVsIndexed !== null) log(`grid kernel vs exact indexed (haversine) grid: max relative difference ${kernelVsIndexed.toExponential(2)}`);
  const figures = {
    bbox, cell_m: cellM, cells, antennas: ants.length, runs,
    server: { threads, wall_ms: served.wall_ms, cpu_ms: served.cpu_ms, all: served.all, evaluations: plan.evaluations, plan_ms: planned.wall_ms, first_cold_ms: start.wall_ms, first_after_warm_ms: afterWarm.wall_ms, warm_ms: warmMs },
    one_thread: { wall_ms: oneThread.wall_ms, cpu_ms: oneThread.cpu_ms, all: oneThread.all },
    exact_kernel: { wall_ms: exact.wall_ms, cpu_ms: exact.cpu_ms },
    exact_indexed: indexed ? { wall_ms: indexed.wall_ms, cpu_ms: indexed.cpu_ms } : null,
    naive_extrapolated: { wall_ms: Math.round(naiveAll.wall_ms), cpu_ms: Math.round(naiveAll.cpu_ms), sample_cells: naiveCells },
    max_relative_error: worst, tolerance: FAR_FIELD_TOLERANCE, server_equals_one_thread: servedMatches,
  };
  return { table, figures };
}
