/** The measurements of one dataset: each case returns ours, the naive way and their ratio. */
import { KARAJ_BBOX } from '../data/generate/index.js';
import { exposureAt } from '../shared/exposure.js';
import { EXPOSURE_CUTOFF_M } from '../shared/exposure-grid.js';
import { checkSiting, type SitingInput } from '../shared/siting.js';
import { narrowSitingContext } from '../shared/siting-context.js';
import { gatherSitingContext, runSitingCheck } from '../server/siting/context.js';
import { densityFeatures, siteCounts } from '../server/index/site-stats.js';
import type { Fixture } from './fixture.js';
import { measureExposureGrid } from './exposure-grid-measure.js';
import { round, time, viewBBox, type Timing } from './measure.js';
import { sqlBaselines, superclusterOf } from './naive.js';

type BBox = [number, number, number, number];
export type Row = { what: string; ours: string; naive: string; ratio: string };
export const IRAN_BBOX: BBox = [44, 25, 63.5, 39.8];
const fmt = (n: number) => n.toLocaleString('en');
const ms = (t: Timing) => `${t.median_ms} ms`;
const ratio = (naive: Timing, ours: Timing) => `${round(naive.median_ms / ours.median_ms)}×`;

/** Query points near existing sites (so both layouts are asked where masts are), from the seeded PRNG. */
export function queryPoints(fx: Fixture, n: number, rnd: () => number): Array<[number, number]> {
  const { cols, size } = fx.ctx.sites.index();
  return Array.from({ length: n }, () => {
    const s = Math.floor(rnd() * size);
    return [cols.lon[s]! + (rnd() - 0.5) * 0.01, cols.lat[s]! + (rnd() - 0.5) * 0.01];
  });
}

/** Nearby, bbox listing, clusters, density and dashboard counts. */
export function queryCases(fx: Fixture, layout: 'karaj' | 'iran', pts: Array<[number, number]>, centre: [number, number], out: Record<string, unknown>, rows: Row[]): void {
  const { ctx } = fx;
  const sql = sqlBaselines(ctx.db);
  const p = (i: number) => pts[i % pts.length]!;

  const near = time((i) => ctx.sites.near(p(i)[0], p(i)[1], 500, 100), 3000);
  const nearSql = time((i) => sql.near(p(i)[0], p(i)[1], 500, 100), 3000, 5, 2000);
  const hits = pts.slice(0, 200).reduce((a, [x, y]) => a + ctx.sites.index().near(x, y, 500, 1e9), 0) / 200;
  out.nearby_500m = { index: near, rtree: nearSql, mean_hits: Math.round(hits) };
  rows.push({ what: `nearby 500 m, 100 nearest full rows (≈ ${Math.round(hits)} in radius)`, ours: `${fmt(near.per_s)} q/s, ${ms(near)}`, naive: `${fmt(nearSql.per_s)} q/s R*Tree`, ratio: ratio(nearSql, near) });

  const view = (i: number) => viewBBox(p(i)[0], p(i)[1], 14);
  const list = time((i) => ctx.sites.list({ bbox: view(i), limit: 100 }), 2000);
  const listSql = time((i) => sql.list(view(i), 100), 2000, 5, 500);
  out.bbox_list = { index: list, rtree: listSql };
  rows.push({ what: 'bbox listing: zoom-14 view, first 100 rows + total', ours: ms(list), naive: `${ms(listSql)} R*Tree`, ratio: ratio(listSql, list) });

  const sc = superclusterOf(ctx.db);
  const zooms: Record<string, unknown> = {};
  for (const z of [8, 11, 14, 17]) {
    const b = viewBBox(centre[0], centre[1], z);
    const c = time(() => ctx.clusters.queryJson(b, z, {}), 1000);
    const bytes = ctx.clusters.queryJson(b, z, {}).length;
    const s = time(() => JSON.stringify(sc.index.getClusters(b, z)), 1000, 3, 1000);
    zooms[z] = { ours: c, supercluster: s, bytes };
    rows.push({ what: `clusters zoom ${z}, 1280×800 view (JSON text)`, ours: `${ms(c)}, ${Math.round(bytes / 1024)} kB`, naive: `${ms(s)} supercluster`, ratio: ratio(s, c) });
  }
  // One write: ours follows it incrementally; supercluster has to be rebuilt.
  const id = ctx.sites.index().cols.id[0]!;
  const upd = time((i) => ctx.sites.update(id, { height_m: 30 + (i % 10) }, { id: null, name: 'bench' }), 1000, 5, 200);
  zooms.after_write = { update_ms: upd, supercluster_rebuild_ms: round(sc.buildMs) };
  rows.push({ what: 'a site edit, with clusters and index kept current', ours: ms(upd), naive: `${fmt(Math.round(sc.buildMs))} ms supercluster rebuild`, ratio: `${round(sc.buildMs / upd.median_ms)}×` });
  out.clusters = zooms;

  const bbox = layout === 'iran' ? IRAN_BBOX : ([...KARAJ_BBOX] as BBox);
  const dens = time(() => densityFeatures(ctx.sites.index(), bbox, 1), 2000);
  const densSql = time(() => sql.density(bbox, 1), 2000, 2, 20);
  out.density_1km = { index: dens, sql_rows_densityGrid: densSql, cells: densityFeatures(ctx.sites.index(), bbox, 1).features.length };
  rows.push({ what: 'density grid, 1 km equal-area cells over the layout', ours: ms(dens), naive: `${ms(densSql)} rows + densityGrid`, ratio: ratio(densSql, dens) });

  const counts = time(() => siteCounts(ctx.sites.index()), 2000);
  const countsSql = time(() => sql.counts(), 2000, 2, 50);
  out.dashboard_counts = { index: counts, sql_group_by: countsSql };
  rows.push({ what: 'dashboard counts: operator, status, technology, district', ours: ms(counts), naive: `${ms(countsSql)} GROUP BY`, ratio: ratio(countsSql, counts) });
}

/** The siting check from memory (server/siting: site index, registry exposure field), cold and after the start-up
 *  computation of the exposure rule's sums at every place, beside the check over a context read through SQL with the
 *  antennas summed per check (the browser's way, and the server's before the in-memory field); exposure at a point. */
export function sitingCases(fx: Fixture, pts: Array<[number, number]>, out: Record<string, unknown>, rows: Row[]): void {
  const { ctx } = fx;
  const p = (i: number) => pts[i % pts.length]!;
  const input = (i: number): SitingInput => ({
    lon: p(i)[0], lat: p(i)[1], height_m: 30, structure_type: 'monopole', operator_id: 'mci',
    antennas: [{ operator_id: 'mci', technology: 'LTE', frequency_mhz: 1800, eirp_w: 1500, azimuth_deg: 120, tilt_deg: 6, height_m: 28 }],
  });
  const current = ctx.policy.current();
  const noExposure = structuredClone(current.policy);
  noExposure.rules.exposure_sensitive.enabled = false;
  const build = time(() => ctx.siting.exposure.prepare(), 0, 1, 1);
  // Cold: the first checks near each place sum the antennas within 2 km of its reference points (points apart
  // from those checked warm below).
  const cold = time((i) => runSitingCheck(ctx, input(1000 + i)), 2000, 1, 40);
  const light = time((i) => runSitingCheck(ctx, input(i), { policy: noExposure, version: current.version }), 2000, 3, 2000);
  // The server's start-up work (in the background, in slices): every place's sums. Timed here for the places around
  // the points checked below (point by point, within a budget: at city-dense density each place costs seconds) and
  // extrapolated to all places at the same rate.
  const budgetMs = 120_000;
  const warmed = new Set<number>();
  const t0 = performance.now();
  let checked = 0;
  while (checked < 300 && performance.now() - t0 < budgetMs) {
    const near = ctx.siting.placesWithin(p(checked)[0], p(checked)[1], current.policy.rules.exposure_sensitive.place_radius_m).filter((pl) => !warmed.has(pl.id));
    for (const _ of ctx.siting.warmSteps(current.policy, near));
    for (const pl of near) warmed.add(pl.id);
    checked++;
  }
  const warmMs = Math.round(performance.now() - t0);
  const places = ctx.db.prepare('SELECT count(*) FROM sensitive_places').pluck().get() as number;
  const allMs = Math.round((warmMs / Math.max(1, warmed.size)) * places);
  const full = time((i) => runSitingCheck(ctx, input(i % checked)), 3000, 3, 3000);
  // The browser's way: a context through SQL (R*Tree), its antennas summed at each check.
  const viaSql = time((i) => checkSiting(input(i), narrowSitingContext(gatherSitingContext(ctx, { lon: p(i)[0], lat: p(i)[1], height_m: 30, margin_m: 0 }), input(i))), 3000, 1, 30);
  out.siting = { field_build_ms: build.median_ms, cold, check_without_exposure_rule: light, warm: { places: warmed.size, ms: warmMs, all_places: places, all_ms_estimated: allMs, points_checked: checked }, full_check: full, via_sql_context: viaSql };
  rows.push({ what: 'siting: registry exposure field built (one pass over the antennas)', ours: `${fmt(Math.round(build.median_ms))} ms`, naive: '', ratio: '' });
  rows.push({ what: 'siting check, all rules but exposure_sensitive', ours: ms(light), naive: '', ratio: '' });
  rows.push({ what: 'siting check, cold (sums at nearby places not yet computed)', ours: ms(cold), naive: `${ms(viaSql)} context via SQL, sums per check`, ratio: ratio(viaSql, cold) });
  rows.push({ what: `siting: exposure sums at places (start-up, background): ${fmt(warmed.size)} near the checks`, ours: `${fmt(warmMs)} ms (all ${fmt(places)}: ≈ ${fmt(allMs)} ms)`, naive: '', ratio: '' });
  rows.push({ what: `siting check, all rules, at ${checked} points with their places' sums computed`, ours: `${ms(full)}, p99 ${full.p99_ms} ms`, naive: `${ms(viaSql)} context via SQL, sums per check`, ratio: ratio(viaSql, full) });

  const expo = time((i) => exposureAt({ lon: p(i)[0], lat: p(i)[1], height_m: 1.5, reflection_factor: 1 }, ctx.nearby.antennasWithin(p(i)[0], p(i)[1], EXPOSURE_CUTOFF_M)), 2000, 2, 200);
  out.exposure_point = expo;
  rows.push({ what: `exposure at a point (antennas within ${EXPOSURE_CUTOFF_M} m)`, ours: ms(expo), naive: '', ratio: '' });
}

/** The exposure grid over the whole Karaj urban bbox at 25 m with the demo antennas (bench/exposure-grid-measure.ts):
 *  the server's path on its worker threads and one thread, the naive all pairs extrapolated from sample rows beside
 *  them; with `full`, also the exact indexed grid (minutes). */
export async function exposureGridCase(full: boolean, out: Record<string, unknown>, rows: Row[]): Promise<void> {
  const { figures } = await measureExposureGrid({ runs: 3, cellM: 25, naiveRows: 6, withIndexed: full }, (line) => console.error(line));
  out.exposure_grid = figures;
  const { server, one_thread: one, naive_extrapolated: naive } = figures;
  const cells = `${fmt(figures.cells)} cells, ${fmt(figures.antennas)} demo antennas`;
  rows.push({ what: `exposure grid 25 m, Karaj urban bbox (${cells}): server, ${server.threads} worker threads`, ours: `${fmt(server.wall_ms)} ms`, naive: `${fmt(naive.wall_ms)} ms all pairs (extrapolated)`, ratio: `${round(naive.wall_ms / server.wall_ms)}×` });
  rows.push({ what: 'exposure grid, the same on one thread', ours: `${fmt(one.wall_ms)} ms`, naive: '', ratio: `${round(naive.wall_ms / one.wall_ms)}×` });
  rows.push({ what: 'exposure grid, first request after start-up: cold / after warm()', ours: `${fmt(server.first_cold_ms)} / ${fmt(server.first_after_warm_ms)} ms`, naive: '', ratio: '' });
  if (figures.exact_indexed) rows.push({ what: 'exposure grid, exact indexed (the previous path)', ours: `${fmt(figures.exact_indexed.wall_ms)} ms`, naive: '', ratio: '' });
}
