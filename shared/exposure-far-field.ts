/** The exposure grid in nested tiles with the far field interpolated (the near–far split of multilevel summation):
 *  a site at least FAR_RATIO tile widths from a tile adds a function that is smooth over the tile, so the tile sums
 *  such sites exactly at 4 × 4 Chebyshev–Lobatto nodes only and interpolates bicubically to its cells. Tiles nest as a
 *  quadtree; a tile's cubic is carried to its children's nodes (exact for cubics), so each level sums only the sites
 *  of its own distance band. Two things are not smooth and are kept exact: the 2 km cutoff (a far site whose circle
 *  crosses a smallest tile is interpolated on its own and added only to the cells within the cutoff, by the same test
 *  as the exact sum), and the pattern's −25 dB floor, min(A_H + A_V, 25), whose kink would cost the cubic up to a
 *  fifth of a floor-level term (an antenna whose kink crosses a smallest tile adds its floor term to the tile's sum
 *  and the smooth excess above it per cell, clipped at 0: max(·, floor) = floor + max(· − floor, 0)). Near sites, and
 *  far ones with A_V crossing its 20 dB cap in the tile, are summed exactly per cell. An isolated sector seen near its
 *  pattern's steep tail is smooth but not cubic over a tile (it erred by up to 0.74% alone): each far site is also
 *  summed exactly at its tile's centre, and one the cubic misses there by over 0.1% goes on to smaller tiles. The error
 *  this leaves is measured, not assumed: FAR_FIELD_TOLERANCE in shared/exposure-grid.ts. */
import { EARTH_RADIUS_M } from './geodesy.js';
import {
  FLOOR_NODE_GAIN, S_COS_LAT, S_COUNT, S_LAT_RAD, S_LON_RAD, SITE_STRIDE, chord2Of, gainOf, ratioSum, siteSumAtNodes, type GridSites,
} from './exposure-kernel.js';
import type { Layout } from './exposure-grid.js';
import { TileItems } from './exposure-tile-items.js';

/** Cells a side of the smallest tile: its 16 nodes stand for 64 cells. */
export const TILE_CELLS = 8;
/** A site is far for a tile when it is at least FAR_RATIO × the tile's width from every cell of it. */
export const FAR_RATIO = 3;
/** Largest tile on which a far site crossed by its cutoff circle is interpolated with a test per cell; on larger
 *  tiles it goes to the children, most of which lie wholly inside or outside the circle. */
const MASKED_CELLS = 16;
/** Chebyshev–Lobatto nodes on [0, 1]: the cubic through them errs least near the tile's edges. */
export const NODE_AT = [0, 0.25, 0.75, 1] as const;
/** An antenna's attenuation counts as clear of a kink (25 dB floor, 20 dB A_V cap) in a tile when it stays this far
 *  on one side at all 16 nodes: between nodes A_H + A_V is within a few hundredths of a dB of its cubic, and a
 *  quadratic bulging past the nodes by 0.5 dB would need 8 dB of curvature across the tile (A_H has about 2). */
const KINK_MARGIN_DB = 0.5;
/** Metres of slack on the tiles' cutoff tests: classify's planar distance is within millimetres of the great
 *  circle's at 2 km, and slack only moves sites to the per-cell path, which tests every cell exactly. */
const MARGIN_M = 1;
/** Largest relative error of a far site's interpolated ratio at its tile's centre, where the cubic through the nodes
 *  errs most; a site beyond it goes to the children (or, at level 1, is summed exactly). A site interpolated within
 *  a relative error ε at every cell adds at most ε to the cell's relative error, all terms being positive. */
const CENTRE_CHECK = 1e-3;
const RAD = Math.PI / 180;

/** How a grid is tiled: interpolating levels (0: every site summed exactly per cell) and the largest tile's side. */
export interface TilePlan {
  levels: number;
  topCells: number;
}

/** Levels for a cell size: the largest tile's far distance reaches two thirds of the cutoff (farther bands are thin). */
export function tilePlan(cellM: number, cutoffM: number, farRatio = FAR_RATIO): TilePlan {
  let levels = 0;
  if (Number.isFinite(cutoffM) && farRatio > 0) while (levels < 10 && farRatio * TILE_CELLS * cellM * 2 ** levels < (2 * cutoffM) / 3) levels++;
  return { levels, topCells: TILE_CELLS * 2 ** Math.max(0, levels - 1) };
}

/** Work counters: antenna evaluations at cells and at nodes (16 per tile and the centre check), and per-cell
 *  interpolated terms (cheap). */
export interface FarFieldStats {
  exact: number;
  nodes: number;
  items: number;
}

/** Lagrange weights at x of the 4 nodes NODE_AT · span, into out[at ..]. */
export function lagrange(span: number, x: number, out: Float64Array, at: number): void {
  for (let k = 0; k < 4; k++) {
    let w = 1;
    for (let j = 0; j < 4; j++) if (j !== k) w *= (x - NODE_AT[j]! * span) / ((NODE_AT[k]! - NODE_AT[j]!) * span);
    out[at + k] = w;
  }
}

/** Σ_j wy[j] Σ_i wx[i] v[4j + i]: the bicubic through 16 node values at one point. */
export function bicubic(v: Float64Array, vo: number, wx: Float64Array, xo: number, wy: Float64Array, yo: number): number {
  let s = 0;
  for (let j = 0; j < 4; j++) {
    const o = vo + 4 * j;
    s += wy[yo + j]! * (wx[xo]! * v[o]! + wx[xo + 1]! * v[o + 1]! + wx[xo + 2]! * v[o + 2]! + wx[xo + 3]! * v[o + 3]!);
  }
  return s;
}

/** Lists into `out` the ids of sites that may lie within the cutoff of a box of radians; returns how many. */
export type SitesNear = (west: number, south: number, east: number, north: number, out: Int32Array) => number;

/** Exposure ratio (F_refl applied) of rows [rowStart, rowEnd) of the layout, rowStart a multiple of plan.topCells.
 *  With countOnly the tiles are sorted but nothing is evaluated: stats then count the work a real run does, but for
 *  the per-cell terms of kinked antennas and the few sites whose A_V crosses its cap or that miss the centre check
 *  (known only once evaluated). */
export function farFieldRows(
  l: Layout,
  cellM: number,
  grid: GridSites,
  near: SitesNear,
  opts: { heightM: number; reflectionFactor: number; cutoffM: number; farRatio: number; plan: TilePlan; countOnly?: boolean },
  rowStart: number,
  rowEnd: number,
  stats: FarFieldStats = { exact: 0, nodes: 0, items: 0 },
): Float64Array {
  const { heightM, cutoffM, farRatio, plan, countOnly = false } = opts;
  const { sites, antennas, count } = grid;
  const L = plan.levels;
  const top = Math.max(L, 1);
  if (rowStart % plan.topCells !== 0) throw new RangeError('exposure grid: a band must start on a tile row');
  const cols = l.cols;
  const lastRow = Math.min(rowEnd, l.rows);
  const out = new Float64Array(countOnly ? 0 : Math.max(0, lastRow - rowStart) * cols);
  const cut2 = chord2Of(cutoffM);
  const cutIn2 = (cutoffM - MARGIN_M) ** 2;
  const cutOut2 = (cutoffM + MARGIN_M) ** 2;
  let maxAntennas = 0;
  for (let o = 0; o < sites.length; o += SITE_STRIDE) maxAntennas = Math.max(maxAntennas, sites[o + S_COUNT]!);
  // Per level: candidate site ids and node values; weights to the children's nodes and to the level-1 cells.
  const ids = Array.from({ length: top + 1 }, () => new Int32Array(count));
  const nodeVals = Array.from({ length: top + 1 }, () => new Float64Array(16));
  const toChild: Float64Array[] = [];
  for (let lv = 0; lv <= top; lv++) {
    const size = TILE_CELLS * 2 ** (lv - 1);
    const w = new Float64Array(2 * 16);
    for (let h = 0; h < 2 && lv >= 2; h++) for (let k = 0; k < 4; k++) lagrange(size - 1, (h * size) / 2 + NODE_AT[k]! * (size / 2 - 1), w, (h * 4 + k) * 4);
    toChild.push(w);
  }
  const toCell = new Float64Array(TILE_CELLS * 4);
  for (let i = 0; i < TILE_CELLS; i++) lagrange(TILE_CELLS - 1, i, toCell, i * 4);
  // Per-cell terms of the tile at each level that contains the current cell, and that tile's first column and row.
  const items = Array.from({ length: top + 1 }, (_, lv) => {
    const size = TILE_CELLS * 2 ** (lv - 1);
    const w = new Float64Array(Math.max(1, size) * 4);
    for (let i = 0; lv >= 1 && i < size; i++) lagrange(size - 1, i, w, i * 4);
    return new TileItems(lv >= 1 ? grid.antennas.length / 4 + count : 0, w);
  });
  const origin = new Int32Array(2 * (top + 1));
  // Lagrange weights at the centre of a tile of each level, the centre's unit vector, and one site's numbers.
  const centreW = Array.from({ length: top + 1 }, (_, lv) => {
    const w = new Float64Array(4);
    if (lv >= 1) lagrange(TILE_CELLS * 2 ** (lv - 1) - 1, (TILE_CELLS * 2 ** (lv - 1) - 1) / 2, w, 0);
    return w;
  });
  const centre = new Float64Array(3);
  const oneSite = new Float64Array(SITE_STRIDE);
  const nearBuf = new Float64Array(count * SITE_STRIDE);
  const nodeXYZ = new Float64Array(48);
  const siteNodes = new Float64Array(16);
  const [tb, ta] = [new Float64Array(maxAntennas * 16), new Float64Array(maxAntennas * 16)];
  const kinked = new Int32Array(maxAntennas);
  const colCos = new Float64Array(cols);
  const colSin = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    colCos[c] = Math.cos((l.west + (c + 0.5) * l.dLon) * RAD);
    colSin[c] = Math.sin((l.west + (c + 0.5) * l.dLon) * RAD);
  }

  /** Unit vectors of the 16 nodes of the tile (c0, r0, size): four latitudes by four longitudes. */
  const lonCos = new Float64Array(4);
  const lonSin = new Float64Array(4);
  const nodesOf = (c0: number, r0: number, size: number): void => {
    for (let kx = 0; kx < 4; kx++) {
      const lon = (l.west + (c0 + 0.5 + NODE_AT[kx]! * (size - 1)) * l.dLon) * RAD;
      lonCos[kx] = Math.cos(lon);
      lonSin[kx] = Math.sin(lon);
    }
    for (let ky = 0; ky < 4; ky++) {
      const lat = (l.north - (r0 + 0.5 + NODE_AT[ky]! * (size - 1)) * l.dLat) * RAD;
      const [cl, sl] = [Math.cos(lat), Math.sin(lat)];
      for (let kx = 0, i = 12 * ky; kx < 4; kx++, i += 3) {
        nodeXYZ[i] = cl * lonCos[kx]!;
        nodeXYZ[i + 1] = cl * lonSin[kx]!;
        nodeXYZ[i + 2] = sl;
      }
    }
  };

  /** Interpolates the far site at offset o over the current tile of level lv: its smooth terms into the tile's
   *  nodes (or, masked by the cutoff, into a per-cell term), kinked antennas as clipped per-cell terms. False when it
   *  cannot be (A_V crosses its cap in the tile, masked on a tile above MASKED_CELLS, or the interpolation misses the
   *  exact ratio at the tile's centre by more than CENTRE_CHECK): the caller sends it down to the children or, at
   *  level 1, sums it exactly. */
  const farSite = (o: number, lv: number, masked: boolean): boolean => {
    if (masked && TILE_CELLS * 2 ** (lv - 1) > MASKED_CELLS) return false;
    const n = sites[o + S_COUNT]!;
    stats.nodes += 17 * n;
    if (countOnly) {
      if (masked) items[lv]!.add(o, false);
      return true;
    }
    const nKinked = siteSumAtNodes(nodeXYZ, heightM, sites, o, antennas, KINK_MARGIN_DB, siteNodes, tb, ta, kinked);
    if (nKinked < 0) return false;
    const before = items[lv]!.count;
    for (let q = 0; q < nKinked; q++) {
      const j = kinked[q]!;
      const clip = 16 * items[lv]!.add(masked ? o : -1, true);
      const clipNodes = items[lv]!.nodes;
      for (let k = 0; k < 16; k++) clipNodes[clip + k] = tb[j * 16 + k]! * (gainOf(ta[j * 16 + k]!) - FLOOR_NODE_GAIN);
    }
    if (!checkedAtCentre(o, lv, before)) {
      items[lv]!.count = before;
      return false;
    }
    if (masked) items[lv]!.nodes.set(siteNodes, 16 * items[lv]!.add(o, false));
    else for (let k = 0; k < 16; k++) nodeVals[lv]![k]! += siteNodes[k]!;
    return true;
  };

  /** Whether the site's interpolated terms (siteNodes and the clipped terms from index `from` on) are within
   *  CENTRE_CHECK of its exact ratio at the tile's centre, midway between the middle nodes, where the interpolation
   *  error of a smooth function peaks (the node polynomial ∏(x − x_k) is largest there on both axes). */
  const checkedAtCentre = (o: number, lv: number, from: number): boolean => {
    const w = centreW[lv]!;
    let interpolated = bicubic(siteNodes, 0, w, 0, w, 0);
    const it = items[lv]!;
    for (let t = from; t < it.count; t++) {
      const v = bicubic(it.nodes, 16 * t, w, 0, w, 0);
      if (v > 0) interpolated += v;
    }
    for (let k = 0; k < SITE_STRIDE; k++) oneSite[k] = sites[o + k]!;
    const exact = ratioSum(centre[0]!, centre[1]!, centre[2]!, heightM, oneSite, 1, antennas, Infinity);
    return Math.abs(interpolated - exact) <= CENTRE_CHECK * exact;
  };

  /** The tile at level lv ≥ 1 with candidates ids[lv][0..n) and inherited node values nodeVals[lv]: sorts its sites
   *  into far (interpolated) and the rest, which go to its children or, at level 1, are summed at every cell. */
  const tile = (lv: number, n: number, c0: number, r0: number): void => {
    if (r0 >= lastRow || c0 >= cols) return;
    const size = TILE_CELLS * 2 ** (lv - 1);
    const [src, rest] = [ids[lv]!, ids[lv - 1]!];
    const lonT = (l.west + (c0 + size / 2) * l.dLon) * RAD;
    const latT = (l.north - (r0 + size / 2) * l.dLat) * RAD;
    const cosT = Math.cos(latT);
    const cosMax = Math.cos(Math.min(Math.abs(l.north - r0 * l.dLat), Math.abs(l.north - (r0 + size) * l.dLat)) * RAD);
    const hx = ((size - 1) / 2) * l.dLon * RAD * EARTH_RADIUS_M * cosMax;
    const hy = ((size - 1) / 2) * l.dLat * RAD * EARTH_RADIUS_M;
    const far2 = L > 0 ? (farRatio * size * cellM) ** 2 : Infinity;
    if (L > 0 && !countOnly) {
      nodesOf(c0, r0, size);
      centre[0] = cosT * Math.cos(lonT);
      centre[1] = cosT * Math.sin(lonT);
      centre[2] = Math.sin(latT);
    }
    items[lv]!.clear();
    [origin[2 * lv], origin[2 * lv + 1]] = [c0, r0];
    let nRest = 0;
    for (let k = 0; k < n; k++) {
      const o = src[k]! * SITE_STRIDE;
      // Equirectangular at the pair's mean latitude: planar distances within millimetres of the great circle's here.
      const dx = Math.abs((sites[o + S_LON_RAD]! - lonT) * EARTH_RADIUS_M * ((sites[o + S_COS_LAT]! + cosT) / 2));
      const dy = Math.abs((sites[o + S_LAT_RAD]! - latT) * EARTH_RADIUS_M);
      const ex = dx > hx ? dx - hx : 0;
      const ey = dy > hy ? dy - hy : 0;
      const min2 = ex * ex + ey * ey;
      if (min2 > cutOut2) continue;
      if (min2 < far2 || !farSite(o, lv, (dx + hx) ** 2 + (dy + hy) ** 2 > cutIn2)) rest[nRest++] = src[k]!;
    }
    if (lv >= 2) {
      // Children read ids[lv − 1] and write ids[lv − 2], so each sibling finds the same list.
      const [parent, child, w] = [nodeVals[lv]!, nodeVals[lv - 1]!, toChild[lv]!];
      for (let hy = 0; hy < 2; hy++) {
        for (let hx = 0; hx < 2; hx++) {
          for (let ky = 0; ky < 4 && !countOnly; ky++) for (let kx = 0; kx < 4; kx++) child[4 * ky + kx] = bicubic(parent, 0, w, (hx * 4 + kx) * 4, w, (hy * 4 + ky) * 4);
          tile(lv - 1, nRest, c0 + (hx * size) / 2, r0 + (hy * size) / 2);
        }
      }
      return;
    }
    const [rEnd, cEnd] = [Math.min(r0 + size, lastRow), Math.min(c0 + size, cols)];
    for (let k = 0; k < nRest; k++) stats.exact += (rEnd - r0) * (cEnd - c0) * sites[rest[k]! * SITE_STRIDE + S_COUNT]!;
    for (let a = 1; a <= top; a++) stats.items += items[a]!.count * (rEnd - r0) * (cEnd - c0);
    if (countOnly) return;
    for (let k = 0; k < nRest; k++) nearBuf.set(sites.subarray(rest[k]! * SITE_STRIDE, rest[k]! * SITE_STRIDE + SITE_STRIDE), k * SITE_STRIDE);
    const v = nodeVals[1]!;
    for (let r = r0; r < rEnd; r++) {
      const lat = (l.north - (r + 0.5) * l.dLat) * RAD;
      const cl = Math.cos(lat);
      const sl = Math.sin(lat);
      for (let a = 1; a <= top; a++) if (items[a]!.count) items[a]!.row(r - origin[2 * a + 1]!);
      for (let c = c0, i = (r - rowStart) * cols + c0; c < cEnd; c++, i++) {
        const px = cl * colCos[c]!;
        const py = cl * colSin[c]!;
        let s = ratioSum(px, py, sl, heightM, nearBuf, nRest, antennas, cut2);
        if (L > 0) s += bicubic(v, 0, toCell, (c - c0) * 4, toCell, (r - r0) * 4);
        for (let a = 1; a <= top; a++) if (items[a]!.count) s += items[a]!.at(c - origin[2 * a]!, px, py, sl, sites, cut2);
        out[i] = s;
      }
    }
  };

  for (let r0 = rowStart; r0 < lastRow; r0 += plan.topCells) {
    for (let c0 = 0; c0 < cols; c0 += plan.topCells) {
      const west = (l.west + c0 * l.dLon) * RAD;
      const east = (l.west + (c0 + plan.topCells) * l.dLon) * RAD;
      const north = (l.north - r0 * l.dLat) * RAD;
      const south = (l.north - (r0 + plan.topCells) * l.dLat) * RAD;
      nodeVals[top]!.fill(0);
      tile(top, near(west, south, east, north, ids[top]!), c0, r0);
    }
  }
  if (opts.reflectionFactor !== 1) for (let i = 0; i < out.length; i++) out[i]! *= opts.reflectionFactor;
  return out;
}
