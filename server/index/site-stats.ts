/** Whole-registry figures from the in-memory site index in one pass over typed arrays: counts for the dashboard and
 *  structure density per equal-area cell (the cells of shared/density.ts). */
import { cellBbox, cellIdOf, cellIndexOf, expandToCells, type DensityCellProperties } from '../../shared/density.js';
import { SITE_STATUSES, TECHNOLOGIES } from '../../shared/model.js';
import { ALIVE, type SiteIndex } from './site-index.js';

type BBox = [number, number, number, number];

/** Site counts by status, by operator (sites carrying it), by technology and by district (0: none); decommissioned included. */
export interface SiteCounts {
  total: number;
  by_status: Record<string, number>;
  by_operator: Record<string, number>;
  by_technology: Record<string, number>;
  by_district: Record<string, number>;
}

/** Counts every live site by status, operator, technology and district in one pass. */
export function siteCounts(index: SiteIndex): SiteCounts {
  const { flags, status, ops, tech, district, size } = { ...index.cols, size: index.size };
  const byStatus = new Float64Array(SITE_STATUSES.length);
  const byOp = new Float64Array(32);
  const byTech = new Float64Array(TECHNOLOGIES.length);
  const byDistrict = new Map<number, number>();
  let total = 0;
  let lastDistrict = -1;
  let lastCount = 0;
  for (let i = 0; i < size; i++) {
    if (!(flags[i]! & ALIVE)) continue;
    total++;
    byStatus[status[i]!]!++;
    for (let m = ops[i]!, b = 0; m !== 0; m >>>= 1, b++) if (m & 1) byOp[b]!++;
    for (let m = tech[i]!, b = 0; m !== 0; m >>>= 1, b++) if (m & 1) byTech[b]!++;
    // Neighbouring slots often share a district: count runs before touching the map.
    const d = district[i]!;
    if (d === lastDistrict) lastCount++;
    else {
      if (lastCount) byDistrict.set(lastDistrict, (byDistrict.get(lastDistrict) ?? 0) + lastCount);
      lastDistrict = d;
      lastCount = 1;
    }
  }
  if (lastCount) byDistrict.set(lastDistrict, (byDistrict.get(lastDistrict) ?? 0) + lastCount);
  const rec = (names: readonly string[], xs: Float64Array) => Object.fromEntries(names.map((n, i) => [n, xs[i]!]).filter(([, v]) => v));
  return {
    total,
    by_status: rec(SITE_STATUSES, byStatus),
    by_operator: rec(index.operators.names, byOp),
    by_technology: rec(TECHNOLOGIES, byTech),
    by_district: Object.fromEntries([...byDistrict].sort((a, b) => a[0] - b[0]).map(([d, n]) => [String(d), n])),
  };
}

/** Cell ids and counts of live, non-decommissioned sites (optionally carrying `operator`) in the cells of cellKm
 *  touching bbox, as densityGrid (shared/density.ts) counts them; ids ascending. */
export function densityCounts(index: SiteIndex, bbox: BBox, cellKm: number, operator?: string): { cellIds: number[]; counts: number[] } {
  const cellM = cellKm * 1000;
  const { ix: minX, iy: minY } = cellIndexOf(cellIdOf(bbox[0], bbox[1], cellKm));
  const { ix: maxX, iy: maxY } = cellIndexOf(cellIdOf(bbox[2], bbox[3], cellKm));
  const w = maxX - minX + 1;
  const h = maxY - minY + 1;
  const [ew, es, ee, en] = expandToCells(bbox, cellKm);
  const { hits, count } = index.range(ew, es, ee, en);
  const { ex, ey, status, ops } = index.cols;
  const bit = operator === undefined ? -1 : index.operators.find(operator);
  const mask = bit < 0 ? 0 : (1 << bit) >>> 0;
  const gone = SITE_STATUSES.indexOf('decommissioned');
  const dense = w * h <= 4_000_000;
  const grid = dense ? new Uint32Array(w * h) : null;
  const sparse = new Map<number, number>();
  if (operator !== undefined && bit < 0) return { cellIds: [], counts: [] };
  for (let k = 0; k < count; k++) {
    const s = hits[k]!;
    if (status[s] === gone || (mask !== 0 && !(ops[s]! & mask))) continue;
    const ix = Math.floor(ex[s]! / cellM) - minX;
    const iy = Math.floor(ey[s]! / cellM) - minY;
    if (ix < 0 || iy < 0 || ix >= w || iy >= h) continue;
    if (grid) grid[ix * h + iy]!++;
    else sparse.set(ix * h + iy, (sparse.get(ix * h + iy) ?? 0) + 1);
  }
  const cellIds: number[] = [];
  const counts: number[] = [];
  const emit = (k: number, n: number) => {
    const ix = Math.floor(k / h) + minX;
    const iy = (k % h) + minY;
    cellIds.push((ix + 2 ** 20) * 2 ** 21 + (iy + 2 ** 20));
    counts.push(n);
  };
  // Cell ids order by column, then row (shared/density.ts keyOf), as k = ix·h + iy does.
  if (grid) for (let k = 0; k < grid.length; k++) grid[k] && emit(k, grid[k]!);
  else for (const [k, n] of [...sparse].sort((a, b) => a[0] - b[0])) emit(k, n);
  return { cellIds, counts };
}

/** The density grid of shared/density.ts densityGrid, counted from the index instead of a list of points. */
export function densityFeatures(index: SiteIndex, bbox: BBox, cellKm: number, operator?: string): GeoJSON.FeatureCollection<GeoJSON.Polygon, DensityCellProperties> {
  const { cellIds, counts } = densityCounts(index, bbox, cellKm, operator);
  const area = cellKm * cellKm;
  // Neighbouring cells share edges: unproject each column and row once (the inverse is iterative).
  const west = new Map<number, [number, number]>();
  const south = new Map<number, [number, number]>();
  const edges = (cellId: number): [number, number, number, number] => {
    const ix = Math.floor(cellId / 2 ** 21);
    const iy = cellId % 2 ** 21;
    let x = west.get(ix);
    let y = south.get(iy);
    if (!x || !y) {
      const b = cellBbox(cellId, cellKm);
      x ??= [b[0], b[2]];
      y ??= [b[1], b[3]];
      west.set(ix, x);
      south.set(iy, y);
    }
    return [x[0], y[0], x[1], y[1]];
  };
  return {
    type: 'FeatureCollection',
    features: cellIds.map((cellId, i) => {
      const [w, s, e, n] = edges(cellId);
      return {
        type: 'Feature' as const,
        id: cellId,
        geometry: { type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
        properties: { cell_id: cellId, count: counts[i]!, per_km2: counts[i]! / area },
      };
    }),
  };
}
