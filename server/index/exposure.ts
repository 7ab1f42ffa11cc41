/** The registry's antennas in memory for the exposure layer: packed typed arrays and a kdbush index over their
 *  positions, built on first use and rebuilt lazily after any site or antenna change. Grids are computed in
 *  slices that yield to the event loop, their cost is bounded before they start, and recent ones are cached. */
import KDBush from 'kdbush';
import { exposureRatioAt, OBSERVER_HEIGHT_M, packAntennas, type PackedAntennas } from '../../shared/exposure.js';
import { EXPOSURE_CUTOFF_M, MAX_GRID_CELLS, exposureGridLayout, type Bbox, type ExposureGrid } from '../../shared/exposure-grid.js';
import { haversineM } from '../../shared/geodesy.js';
import { radiusBBox, type NearbyStore } from '../store/nearby.js';

/** Antenna evaluations one grid may cost (≈ 80–300 ns each on the reference machine, MEASURED.md): a few seconds. */
export const MAX_GRID_EVALUATIONS = 40_000_000;
/** Work done between two yields to the event loop, in milliseconds. */
const SLICE_MS = 20;
const CACHE_SIZE = 16;

interface Built {
  generation: number;
  packed: PackedAntennas;
  index: KDBush;
}

/** A block of cells sharing one index query (shared/exposure-grid.ts exposureGrid's blocking, kept identical). */
interface Block {
  r0: number;
  rEnd: number;
  c0: number;
  cEnd: number;
  ids: number[];
}

/** What a grid would cost before computing it: its blocks and the antenna evaluations they need. */
export interface GridPlan {
  blocks: Block[];
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

  constructor(private readonly nearby: NearbyStore) {}

  /** Drops the index and the cached grids; the next grid rebuilds it (call on any site or antenna change). */
  invalidate(): void {
    this.built = null;
    this.generation++;
    this.cache.clear();
  }

  private index(): Built {
    if (this.built) return this.built;
    const antennas = this.nearby.allAntennas();
    const index = new KDBush(antennas.length);
    for (const a of antennas) index.add(a.lon, a.lat);
    index.finish();
    this.built = { generation: this.generation, packed: packAntennas(antennas), index };
    return this.built;
  }

  /** Antennas in the index (builds it). */
  size(): number {
    return this.index().packed.count;
  }

  /** The blocks of a grid and their antenna evaluations: one index query per block of about 500 m, whose radius
   *  reaches every corner of the block (as exposureGrid in shared/exposure-grid.ts). */
  plan(bbox: Bbox, cellM: number, cutoffM = EXPOSURE_CUTOFF_M): GridPlan {
    const { index } = this.index();
    const l = exposureGridLayout(bbox, cellM);
    const block = Math.max(1, Math.floor(500 / cellM));
    const blocks: Block[] = [];
    let evaluations = 0;
    for (let r0 = 0; r0 < l.rows; r0 += block) {
      for (let c0 = 0; c0 < l.cols; c0 += block) {
        const rEnd = Math.min(r0 + block, l.rows);
        const cEnd = Math.min(c0 + block, l.cols);
        const midLon = l.west + ((c0 + cEnd) / 2) * l.dLon;
        const midLat = l.north - ((r0 + rEnd) / 2) * l.dLat;
        const [west, east] = [l.west + c0 * l.dLon, l.west + cEnd * l.dLon];
        const [north, south] = [l.north - r0 * l.dLat, l.north - rEnd * l.dLat];
        const reachM = Math.max(haversineM(midLon, midLat, west, north), haversineM(midLon, midLat, east, south),
          haversineM(midLon, midLat, west, south), haversineM(midLon, midLat, east, north));
        const [w, s, e, n] = radiusBBox(midLon, midLat, cutoffM + reachM);
        const ids = index.range(w, s, e, n);
        if (ids.length === 0) continue;
        blocks.push({ r0, rEnd, c0, cEnd, ids });
        evaluations += ids.length * (rEnd - r0) * (cEnd - c0);
      }
    }
    return { blocks, evaluations, cols: l.cols, rows: l.rows };
  }

  /** The plan at the smallest whole-metre cell size from cellM up whose grid stays within MAX_GRID_CELLS and
   *  MAX_GRID_EVALUATIONS (evaluations scale with the number of cells, i.e. with 1 / cell²). */
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
      cell = Math.ceil(cell * Math.sqrt(plan.evaluations / MAX_GRID_EVALUATIONS) * 1.02);
    }
  }

  /** Total exposure ratio at every cell centre (values equal shared exposureGrid's), computed in slices of SLICE_MS
   *  so other requests are served meanwhile; the same request while one runs or after it shares its answer. */
  grid(bbox: Bbox, cellM: number, heightM = OBSERVER_HEIGHT_M, plan?: GridPlan): Promise<ExposureGrid> {
    const key = JSON.stringify([this.generation, bbox, cellM, heightM]);
    let answer = this.cache.get(key);
    if (!answer) {
      answer = this.compute(bbox, cellM, heightM, plan ?? this.plan(bbox, cellM));
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

  private async compute(bbox: Bbox, cellM: number, heightM: number, plan: GridPlan): Promise<ExposureGrid> {
    const { packed } = this.index();
    const l = exposureGridLayout(bbox, cellM);
    const values = new Float64Array(l.cols * l.rows);
    let since = performance.now();
    for (const b of plan.blocks) {
      for (let r = b.r0; r < b.rEnd; r++) {
        const lat = l.north - (r + 0.5) * l.dLat;
        for (let c = b.c0; c < b.cEnd; c++) {
          const lon = l.west + (c + 0.5) * l.dLon;
          values[r * l.cols + c] = exposureRatioAt(lon, lat, heightM, packed, b.ids, b.ids.length, 1, EXPOSURE_CUTOFF_M);
        }
      }
      if (performance.now() - since > SLICE_MS) {
        await nextTurn();
        since = performance.now();
      }
    }
    return {
      bbox: [l.west, l.north - l.rows * l.dLat, l.west + l.cols * l.dLon, l.north],
      cell_m: cellM,
      cols: l.cols,
      rows: l.rows,
      values: Array.from(values),
    };
  }
}
