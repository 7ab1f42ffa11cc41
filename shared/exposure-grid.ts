/** Exposure ratio on a raster of square cells for the map's exposure layer, each cell seeing only the
 *  antennas within a cutoff (2 km by default): the fast grid the server answers with (far field interpolated,
 *  within FAR_FIELD_TOLERANCE), the exact indexed grid, and the naive all-pairs baseline for the bench. */
import { EARTH_RADIUS_M, haversineM } from './geodesy.js';
import { exposureRatioAt, OBSERVER_HEIGHT_M, type PackedAntennas } from './exposure.js';
import { FAR_RATIO, farFieldRows, tilePlan, type FarFieldStats } from './exposure-far-field.js';
import { gridSites } from './exposure-kernel.js';
import { siteBuckets } from './exposure-site-buckets.js';

/** Antennas farther than this from a cell are left out of its sum (their ratio is negligible there). */
export const EXPOSURE_CUTOFF_M = 2000;
/** Largest grid computed in one call; callers validate requests against it. */
export const MAX_GRID_CELLS = 1_000_000;

export type Bbox = [west: number, south: number, east: number, north: number];

export interface ExposureGrid {
  /** The extent actually covered: whole cells from the north-west corner of the requested bbox. */
  bbox: Bbox;
  cell_m: number;
  cols: number;
  rows: number;
  /** Total exposure ratio at each cell centre, row-major, row 0 the northernmost (raster order). */
  values: number[];
}

export interface ExposureGridOptions {
  heightM?: number;
  reflectionFactor?: number;
  cutoffM?: number;
  /** Fast grid only: far distance in tile widths (shared/exposure-far-field.ts); 0 sums every site exactly per cell. */
  farRatio?: number;
}

/** Largest relative error of a fast grid cell against the exact sum over the same antennas, as promised: 0.5%.
 *  Measured at FAR_RATIO 3 (bench/exposure-grid.ts, test/unit/exposure-grid.test.ts): at most 0.08% over all
 *  436,050 cells of the Karaj urban bbox at 25 m with the demo registry (the worst at the sparse fringe, where a few
 *  far masts' pattern tails make the whole sum); at most 0.44% over the test's 96 adversarial grids, rings of six
 *  isolated 50 kW sectors facing a point from 0.7 to 2 km, turned and tilted, with nothing else near (alone in a cell, a
 *  sector's steep tail, A_H falling 13 dB from 70° to 101°, is what the cubic follows least well: 0.74% before each
 *  far site was also checked at its tile's centre). Cells are rounded to 3 significant digits on the wire (up to
 *  0.5% more). */
export const FAR_FIELD_TOLERANCE = 5e-3;

/** Ids (indices into the packed antennas) of antennas within radiusM of a point, e.g. from a kdbush index. */
export type AntennasNear = (lon: number, lat: number, radiusM: number) => ArrayLike<number>;

/** Where the grid's cells lie: north-west corner, cell steps in degrees, columns and rows. */
export interface Layout {
  west: number;
  north: number;
  dLon: number;
  dLat: number;
  cols: number;
  rows: number;
}

const RAD = Math.PI / 180;

/** Cells of cellM on the sphere (R = 6371008.8 m, as the exposure distances), longitude step taken at mid-latitude;
 *  callers check cols × rows against MAX_GRID_CELLS before asking for the grid. */
export function exposureGridLayout(bbox: Bbox, cellM: number): Layout {
  const [west, south, east, north] = bbox;
  if (!(cellM > 0) || !(east > west) || !(north > south)) throw new RangeError('exposure grid: empty bbox or cell size');
  const dLat = cellM / (EARTH_RADIUS_M * RAD);
  const dLon = dLat / Math.cos(((south + north) / 2) * RAD);
  const cols = Math.ceil((east - west) / dLon);
  const rows = Math.ceil((north - south) / dLat);
  return { west, north, dLon, dLat, cols, rows };
}

function layoutOf(bbox: Bbox, cellM: number): Layout {
  const l = exposureGridLayout(bbox, cellM);
  if (l.cols * l.rows > MAX_GRID_CELLS) throw new RangeError(`exposure grid: ${l.cols * l.rows} cells > ${MAX_GRID_CELLS}`);
  return l;
}

/** The values as a plain array, by a loop into a sized array: Array.from on a typed array is ten times slower in V8
 *  (measured on the 436,050 cells of the Karaj grid: 2.5 ms against 23–47 ms). */
export function toNumbers(values: Float64Array): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

/** The grid over layout l with its values. */
export function gridOf(l: Layout, cellM: number, values: Float64Array): ExposureGrid {
  return {
    bbox: [l.west, l.north - l.rows * l.dLat, l.west + l.cols * l.dLon, l.north],
    cell_m: cellM,
    cols: l.cols,
    rows: l.rows,
    values: toNumbers(values),
  };
}

/** Exposure ratio grid using a spatial index: one antennasNear query per block of cells, exact cutoff per cell. */
export function exposureGrid(
  bbox: Bbox,
  cellM: number,
  ants: PackedAntennas,
  antennasNear: AntennasNear,
  options: ExposureGridOptions = {},
): ExposureGrid {
  const { heightM = OBSERVER_HEIGHT_M, reflectionFactor = 1, cutoffM = EXPOSURE_CUTOFF_M } = options;
  const l = layoutOf(bbox, cellM);
  const values = new Float64Array(l.cols * l.rows);
  // Blocks of about 500 m share one query whose radius reaches every corner of the block.
  const block = Math.max(1, Math.floor(500 / cellM));
  for (let r0 = 0; r0 < l.rows; r0 += block) {
    for (let c0 = 0; c0 < l.cols; c0 += block) {
      const rEnd = Math.min(r0 + block, l.rows);
      const cEnd = Math.min(c0 + block, l.cols);
      const midLon = l.west + ((c0 + cEnd) / 2) * l.dLon;
      const midLat = l.north - ((r0 + rEnd) / 2) * l.dLat;
      const west = l.west + c0 * l.dLon;
      const east = l.west + cEnd * l.dLon;
      const north = l.north - r0 * l.dLat;
      const south = l.north - rEnd * l.dLat;
      const reachM = Math.max(haversineM(midLon, midLat, west, north), haversineM(midLon, midLat, east, south),
        haversineM(midLon, midLat, west, south), haversineM(midLon, midLat, east, north));
      const ids = antennasNear(midLon, midLat, cutoffM + reachM);
      if (ids.length === 0) continue;
      for (let r = r0; r < rEnd; r++) {
        const lat = l.north - (r + 0.5) * l.dLat;
        for (let c = c0; c < cEnd; c++) {
          const lon = l.west + (c + 0.5) * l.dLon;
          values[r * l.cols + c] = exposureRatioAt(lon, lat, heightM, ants, ids, ids.length, reflectionFactor, cutoffM);
        }
      }
    }
  }
  return gridOf(l, cellM, values);
}

/** The same grid by looping over every antenna for every cell: the bench baseline. */
export function exposureGridNaive(bbox: Bbox, cellM: number, ants: PackedAntennas, options: ExposureGridOptions = {}): ExposureGrid {
  const { heightM = OBSERVER_HEIGHT_M, reflectionFactor = 1, cutoffM = EXPOSURE_CUTOFF_M } = options;
  const l = layoutOf(bbox, cellM);
  const values = new Float64Array(l.cols * l.rows);
  for (let r = 0; r < l.rows; r++) {
    const lat = l.north - (r + 0.5) * l.dLat;
    for (let c = 0; c < l.cols; c++) {
      const lon = l.west + (c + 0.5) * l.dLon;
      values[r * l.cols + c] = exposureRatioAt(lon, lat, heightM, ants, null, ants.count, reflectionFactor, cutoffM);
    }
  }
  return gridOf(l, cellM, values);
}

/** The grid the server answers with: exact sums for near sites, the far field interpolated (FAR_FIELD_TOLERANCE);
 *  one thread here, the server splits the rows between workers (server/index/exposure.ts). */
export function exposureGridFast(bbox: Bbox, cellM: number, ants: PackedAntennas, options: ExposureGridOptions = {}, stats?: FarFieldStats): ExposureGrid {
  const { heightM = OBSERVER_HEIGHT_M, reflectionFactor = 1, cutoffM = EXPOSURE_CUTOFF_M, farRatio = FAR_RATIO } = options;
  const l = layoutOf(bbox, cellM);
  const sites = gridSites(ants);
  const plan = tilePlan(cellM, cutoffM, farRatio);
  const opts = { heightM, reflectionFactor, cutoffM, farRatio, plan };
  return gridOf(l, cellM, farFieldRows(l, cellM, sites, siteBuckets(sites.sites, cutoffM + 2), opts, 0, l.rows, stats));
}
