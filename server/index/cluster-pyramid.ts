/** The cluster index's data: per filter set, grid cells 60 px wide at zooms 0–14, each zoom's cells exactly four of
 *  the next's, with the count and Mercator centroid of their sites; changed in place by each write. */
import { ALIVE, type SiteIndex } from './site-index.js';

/** Above this zoom every site is returned on its own. */
export const CLUSTER_MAX_ZOOM = 14;
const RADIUS_PX = 60;
/** Fewer sites than this in a cell are shown one by one. */
export const MIN_POINTS = 3;
/** Top-level (zoom 14) cells per world side: 256·2¹⁴/60 ≈ 69,905 < 2¹⁷. */
export const TOP = (256 * 2 ** CLUSTER_MAX_ZOOM) / RADIUS_PX;
/** Cell keys are column · KEY + row. */
export const KEY = 2 ** 17;

/** A cell's number of sites and the sums of their Mercator x and y. */
export interface Cell {
  n: number;
  sx: number;
  sy: number;
}

/** Web Mercator x in [0, 1). */
export const mercX = (lon: number) => (lon + 180) / 360;
/** Web Mercator y in [0, 1], north at 0 (as supercluster). */
export function mercY(lat: number): number {
  const s = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}
/** Longitude of a Mercator x. */
export const lonOf = (x: number) => x * 360 - 180;
/** Latitude of a Mercator y. */
export const latOf = (y: number) => (360 * Math.atan(Math.exp((180 - y * 360) * (Math.PI / 180)))) / Math.PI - 90;

/** One filter set's cells at zooms 0..CLUSTER_MAX_ZOOM. */
export class Pyramid {
  readonly levels: Array<Map<number, Cell>> = Array.from({ length: CLUSTER_MAX_ZOOM + 1 }, () => new Map());
  constructor(readonly match: (slot: number) => boolean) {}

  /** Adds (sign 1) or removes (sign -1) a point at Mercator x, y in every level. */
  put(x: number, y: number, sign: 1 | -1): void {
    const cx = Math.floor(x * TOP);
    const cy = Math.floor(y * TOP);
    for (let z = CLUSTER_MAX_ZOOM; z >= 0; z--) {
      const shift = CLUSTER_MAX_ZOOM - z;
      const key = Math.floor(cx / 2 ** shift) * KEY + Math.floor(cy / 2 ** shift);
      const level = this.levels[z]!;
      const c = level.get(key);
      if (c) {
        c.n += sign;
        c.sx += sign * x;
        c.sy += sign * y;
        if (c.n === 0) level.delete(key);
      } else if (sign === 1) level.set(key, { n: 1, sx: x, sy: y });
    }
  }

  /** Fills the top level from the index, then every coarser level from its children. */
  build(index: SiteIndex): void {
    const { lon, lat, flags } = index.cols;
    const top = this.levels[CLUSTER_MAX_ZOOM]!;
    for (let s = 0; s < index.size; s++) {
      if (!(flags[s]! & ALIVE) || !this.match(s)) continue;
      const x = mercX(lon[s]!);
      const y = mercY(lat[s]!);
      const key = Math.floor(x * TOP) * KEY + Math.floor(y * TOP);
      const c = top.get(key);
      if (c) {
        c.n++;
        c.sx += x;
        c.sy += y;
      } else top.set(key, { n: 1, sx: x, sy: y });
    }
    for (let z = CLUSTER_MAX_ZOOM - 1; z >= 0; z--) {
      const up = this.levels[z]!;
      for (const [key, c] of this.levels[z + 1]!) {
        const k = Math.floor(Math.floor(key / KEY) / 2) * KEY + Math.floor((key % KEY) / 2);
        const p = up.get(k);
        if (p) {
          p.n += c.n;
          p.sx += c.sx;
          p.sy += c.sy;
        } else up.set(k, { n: c.n, sx: c.sx, sy: c.sy });
      }
    }
  }

  /** The first zoom at which the cell's sites no longer form this one cluster (CLUSTER_MAX_ZOOM + 1 at most). */
  expansionZoom(z: number, cx: number, cy: number): number {
    for (let l = z + 1; l <= CLUSTER_MAX_ZOOM; l++) {
      const level = this.levels[l]!;
      let found = 0;
      let only: Cell | undefined;
      let nx = 0;
      let ny = 0;
      for (let i = 0; i < 4; i++) {
        const x = 2 * cx + (i >> 1);
        const y = 2 * cy + (i & 1);
        const c = level.get(x * KEY + y);
        if (c) {
          found++;
          only = c;
          nx = x;
          ny = y;
        }
      }
      if (found !== 1 || only!.n < MIN_POINTS) return l;
      cx = nx;
      cy = ny;
    }
    return CLUSTER_MAX_ZOOM + 1;
  }
}
