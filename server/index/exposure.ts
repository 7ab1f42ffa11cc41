/** The registry's antennas in memory for the exposure layer, grouped by site and projected once, rebuilt lazily after
 *  any site or antenna change. Grids are the fast grid of shared/exposure-far-field.ts (exact near sums, far field
 *  interpolated within FAR_FIELD_TOLERANCE), computed in bands of rows on one worker thread per core — or in-process
 *  in slices that yield to the event loop when threads are unavailable; their cost is counted before they start
 *  (the same tiling without the arithmetic), and recent ones are cached. */
import { OBSERVER_HEIGHT_M, packAntennas } from '../../shared/exposure.js';
import { FAR_RATIO, farFieldRows, tilePlan, type FarFieldStats, type SitesNear } from '../../shared/exposure-far-field.js';
import { EXPOSURE_CUTOFF_M, MAX_GRID_CELLS, exposureGridLayout, gridOf, type Bbox, type ExposureGrid } from '../../shared/exposure-grid.js';
import { ANTENNA_STRIDE, SITE_STRIDE, S_LAT_RAD, S_LON_RAD, gridSites, type GridSites } from '../../shared/exposure-kernel.js';
import { siteBuckets } from '../../shared/exposure-site-buckets.js';
import { radiusBBox, type NearbyStore } from '../store/nearby.js';
import { GridWorkers } from './exposure-workers.js';

/** Antenna evaluations one grid may cost, counted as the fast grid makes them (at cells and at interpolation nodes,
 *  plus per-cell interpolated terms at 1/ITEM_COST each): ≈ 40 ns of CPU each on the reference machine when it is
 *  quiet, so ≈ 4 s of CPU at the cap, shared by the workers. The whole Karaj urban bbox at 25 m with the demo registry
 *  counts 80 M and took 3.1–3.9 s of CPU on one thread (bench/exposure-grid.ts). Before the fast grid the cap was
 *  40 M evaluations of every antenna within 2 km of every cell, which that grid needed ≈ 485 M of. */
export const MAX_GRID_EVALUATIONS = 100_000_000;
/** Per-cell interpolated terms (a cutoff test and four multiply-adds) counted as one antenna evaluation. */
const ITEM_COST = 8;
/** Work done between two yields to the event loop when computing in-process, in milliseconds. */
const SLICE_MS = 20;
const CACHE_SIZE = 16;
const DEG = 180 / Math.PI;

interface Built {
  generation: number;
  sites: GridSites;
  near: SitesNear;
}

/** What a grid would cost before computing it: its size and its antenna evaluations. */
export interface GridPlan {
  evaluations: number;
  cols: number;
  rows: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Exposure grids over every antenna on a non-decommissioned structure. */
export class ExposureIndex {
  private built: Built | null = null;
  private generation = 0;
  private readonly cache = new Map<string, Promise<ExposureGrid>>();
  private workers: GridWorkers | null;
  private sentGeneration = -1;

  /** `threads`: worker threads for grids (default one per core); 0 computes in-process. */
  constructor(private readonly nearby: NearbyStore, threads?: number) {
    this.workers = threads === 0 ? null : new GridWorkers(threads);
  }

  /** Drops the index and the cached grids; the next grid rebuilds it (call on any site or antenna change). */
  invalidate(): void {
    this.built = null;
    this.generation++;
    this.cache.clear();
  }

  /** Builds the index and hands its sites to the worker threads, starting them if need be: a request's plan() builds
   *  it, so the threads boot and load the sites while the plan is counted, not after. */
  private index(): Built {
    if (this.built) return this.built;
    const sites = gridSites(packAntennas(this.nearby.allAntennas()));
    this.built = { generation: this.generation, sites, near: siteBuckets(sites.sites, EXPOSURE_CUTOFF_M + 2) };
    if (this.workers?.start()) {
      this.workers.setSites(this.built.generation, sites, EXPOSURE_CUTOFF_M);
      this.sentGeneration = this.built.generation;
    }
    return this.built;
  }

  /** Antennas in the index (builds it). */
  size(): number {
    return this.index().sites.antennas.length / ANTENNA_STRIDE;
  }

  /** The size of a grid and the antenna evaluations the fast grid will make, counted by running its tiling alone. */
  plan(bbox: Bbox, cellM: number): GridPlan {
    const { sites, near } = this.index();
    const l = exposureGridLayout(bbox, cellM);
    const stats: FarFieldStats = { exact: 0, nodes: 0, items: 0 };
    const plan = tilePlan(cellM, EXPOSURE_CUTOFF_M);
    const opts = { heightM: OBSERVER_HEIGHT_M, reflectionFactor: 1, cutoffM: EXPOSURE_CUTOFF_M, farRatio: FAR_RATIO, plan, countOnly: true };
    if (l.cols * l.rows <= MAX_GRID_CELLS) farFieldRows(l, cellM, sites, near, opts, 0, l.rows, stats);
    return { evaluations: Math.round(stats.exact + stats.nodes + stats.items / ITEM_COST), cols: l.cols, rows: l.rows };
  }

  /** The plan at the smallest whole-metre cell size from cellM up whose grid stays within MAX_GRID_CELLS and
   *  MAX_GRID_EVALUATIONS (evaluations scale about with the number of cells, i.e. with 1 / cell²). */
  fittedPlan(bbox: Bbox, cellM: number): GridPlan & { cellM: number } {
    let cell = cellM;
    for (;;) {
      const { cols, rows } = exposureGridLayout(bbox, cell);
      if (cols * rows > MAX_GRID_CELLS) {
        cell = Math.ceil(cell * Math.sqrt((cols * rows) / MAX_GRID_CELLS) * 1.01);
        continue;
      }
      const plan = this.plan(bbox, cell);
      if (plan.evaluations <= MAX_GRID_EVALUATIONS) return { ...plan, cellM: cell };
      cell = Math.max(cell + 1, Math.ceil(cell * Math.sqrt(plan.evaluations / MAX_GRID_EVALUATIONS) * 1.02));
    }
  }

  /** Total exposure ratio at every cell centre (shared exposureGridFast's values); the same request while one runs
   *  or after it shares its answer. The plan argument is accepted for callers that checked the cost first. */
  grid(bbox: Bbox, cellM: number, heightM = OBSERVER_HEIGHT_M, _plan?: GridPlan): Promise<ExposureGrid> {
    const key = JSON.stringify([this.generation, bbox, cellM, heightM]);
    let answer = this.cache.get(key);
    if (!answer) {
      answer = this.compute(bbox, cellM, heightM);
      this.cache.set(key, answer);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      answer.catch(() => this.cache.delete(key));
    } else {
      // Most recently used last, so the oldest is dropped first.
      this.cache.delete(key);
      this.cache.set(key, answer);
    }
    return answer;
  }

  /** Gets the first grid request ready at start-up: builds the index, starts the worker threads with the sites and
   *  has them compute a small grid (2 km a side at 25 m around the middle site), so that request finds the threads
   *  booted and their code compiled. Resolves with the milliseconds it took (0 with no antennas). */
  async warm(): Promise<number> {
    const t = performance.now();
    const { count, sites } = this.index().sites;
    if (!count) return 0;
    const o = Math.floor(count / 2) * SITE_STRIDE;
    await this.compute(radiusBBox(sites[o + S_LON_RAD]! * DEG, sites[o + S_LAT_RAD]! * DEG, 1000), 25, OBSERVER_HEIGHT_M);
    return Math.round(performance.now() - t);
  }

  /** Worker threads running (0 before the first grid, or when they could not start and grids run in-process). */
  threads(): number {
    return this.workers?.running ?? 0;
  }

  /** Ends the worker threads (the index keeps working in-process). */
  close(): void {
    this.workers?.close();
    this.workers = null;
  }

  private async compute(bbox: Bbox, cellM: number, heightM: number): Promise<ExposureGrid> {
    const built = this.index();
    const l = exposureGridLayout(bbox, cellM);
    const plan = tilePlan(cellM, EXPOSURE_CUTOFF_M);
    const values = new Float64Array(l.cols * l.rows);
    // Bands of whole top-level tiles, about eight per worker: the dense centre rows cost more than the fringe.
    const tileRows = Math.ceil(l.rows / plan.topCells);
    const bands: Array<[number, number]> = [];
    const per = Math.max(1, Math.ceil(tileRows / (8 * (this.workers?.size ?? 1))));
    for (let t = 0; t < tileRows; t += per) bands.push([t * plan.topCells, Math.min((t + per) * plan.topCells, l.rows)]);
    let done = false;
    if (this.workers?.start()) {
      try {
        if (this.sentGeneration !== built.generation) this.workers.setSites(built.generation, built.sites, EXPOSURE_CUTOFF_M);
        this.sentGeneration = built.generation;
        const task = (rowStart: number, rowEnd: number) => ({ bbox, cellM, heightM, farRatio: FAR_RATIO, rowStart, rowEnd });
        const parts = await Promise.all(bands.map(([a, b]) => this.workers!.rows(built.generation, task(a, b))));
        parts.forEach((part, i) => values.set(part, bands[i]![0] * l.cols));
        done = true;
      } catch {
        // A thread that failed to start or died: compute here from now on.
        this.close();
      }
    }
    if (!done) {
      const opts = { heightM, reflectionFactor: 1, cutoffM: EXPOSURE_CUTOFF_M, farRatio: FAR_RATIO, plan };
      let since = performance.now();
      for (let r0 = 0; r0 < l.rows; r0 += plan.topCells) {
        values.set(farFieldRows(l, cellM, built.sites, built.near, opts, r0, Math.min(r0 + plan.topCells, l.rows)), r0 * l.cols);
        if (performance.now() - since > SLICE_MS) {
          await nextTurn();
          since = performance.now();
        }
      }
    }
    return gridOf(l, cellM, values);
  }
}
