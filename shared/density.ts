/** Structure density on an equal-area grid (DOMAIN.md section 7): square cells of the WGS84 Lambert
 *  cylindrical equal-area projection with standard parallel 30° (EPSG:6933, "EASE-Grid 2.0"), so every
 *  cell of cellKm × cellKm on the map covers exactly cellKm² of the ellipsoid. */
import { WGS84_A_M, WGS84_F } from './geodesy.js';

const E2 = WGS84_F * (2 - WGS84_F);
const E = Math.sqrt(E2);
const RAD = Math.PI / 180;
/** Scale along the standard parallel 30° (Snyder 1987, Map Projections: A Working Manual, eq. 10-13). */
const K0 = Math.cos(30 * RAD) / Math.sqrt(1 - E2 * Math.sin(30 * RAD) ** 2);
/** Smallest cell the integer cell id can address (|ix|, |iy| < 2^20). */
export const MIN_CELL_KM = 0.02;
const OFFSET = 2 ** 20;
const SPAN = 2 ** 21;

/** Snyder eq. 3-12: q(φ), the authalic-latitude function. */
function qOf(sinPhi: number): number {
  const es = E * sinPhi;
  return (1 - E2) * (sinPhi / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
}

/** Projects [lon, lat] to EPSG:6933 metres (Snyder eqs. 10-15, 10-16). */
export function projectEqualArea(lon: number, lat: number): [x: number, y: number] {
  return [WGS84_A_M * K0 * lon * RAD, (WGS84_A_M * qOf(Math.sin(lat * RAD))) / (2 * K0)];
}

/** Inverse of projectEqualArea: EPSG:6933 metres to [lon, lat] (Snyder eq. 3-16, iterated). */
export function unprojectEqualArea(x: number, y: number): [lon: number, lat: number] {
  const q = (2 * K0 * y) / WGS84_A_M;
  let phi = Math.asin(Math.max(-1, Math.min(1, q / 2)));
  for (let i = 0; i < 10; i++) {
    const s = Math.sin(phi);
    const w = 1 - E2 * s * s;
    const next = phi + ((w * w) / (2 * Math.cos(phi))) * (q / (1 - E2) - s / w + (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
    if (Math.abs(next - phi) < 1e-13) {
      phi = next;
      break;
    }
    phi = next;
  }
  return [x / (WGS84_A_M * K0) / RAD, phi / RAD];
}

function checkCellKm(cellKm: number): number {
  if (!(cellKm >= MIN_CELL_KM)) throw new RangeError(`cell size ${cellKm} km below ${MIN_CELL_KM} km`);
  return cellKm * 1000;
}

/** Cell id from lon/lat with kx = cells per degree of longitude and ky = cells per unit of q (one formula for all callers). */
function keyOf(lon: number, lat: number, kx: number, ky: number): number {
  return (Math.floor(lon * kx) + OFFSET) * SPAN + (Math.floor(ky * qOf(Math.sin(lat * RAD))) + OFFSET);
}

function scalesOf(cellKm: number): { kx: number; ky: number } {
  const cellM = checkCellKm(cellKm);
  return { kx: (WGS84_A_M * K0 * RAD) / cellM, ky: WGS84_A_M / (2 * K0) / cellM };
}

/** Integer id of the grid cell of cellKm containing [lon, lat]; ids are only comparable for the same cellKm. */
export function cellIdOf(lon: number, lat: number, cellKm: number): number {
  const { kx, ky } = scalesOf(cellKm);
  return keyOf(lon, lat, kx, ky);
}

/** Column and row of a cell id in the projected grid. */
export function cellIndexOf(cellId: number): { ix: number; iy: number } {
  return { ix: Math.floor(cellId / SPAN) - OFFSET, iy: (cellId % SPAN) - OFFSET };
}

/** The lon/lat rectangle [west, south, east, north] of a cell (its edges are meridians and parallels). */
export function cellBbox(cellId: number, cellKm: number): [number, number, number, number] {
  const cellM = checkCellKm(cellKm);
  const { ix, iy } = cellIndexOf(cellId);
  const [west, south] = unprojectEqualArea(ix * cellM, iy * cellM);
  const [east, north] = unprojectEqualArea((ix + 1) * cellM, (iy + 1) * cellM);
  return [west, south, east, north];
}

/** Ground width (east–west) and height (north–south) of a cell at a latitude: cellKm·1000 divided and
 *  multiplied by the parallel scale k = k0·sqrt(1 − e² sin²φ)/cos φ (Snyder eq. 10-17); their product is exact. */
export function cellGroundSizeM(lat: number, cellKm: number): { widthM: number; heightM: number } {
  const cellM = checkCellKm(cellKm);
  const s = Math.sin(lat * RAD);
  const k = (K0 * Math.sqrt(1 - E2 * s * s)) / Math.cos(lat * RAD);
  return { widthM: cellM / k, heightM: cellM * k };
}

/** Counts points per cell in one pass over typed arrays; points with mask[i] === 0 are skipped. */
export function countByCell(lon: ArrayLike<number>, lat: ArrayLike<number>, cellKm: number, mask?: ArrayLike<number>): Map<number, number> {
  const { kx, ky } = scalesOf(cellKm);
  const counts = new Map<number, number>();
  for (let i = 0; i < lon.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const key = keyOf(lon[i]!, lat[i]!, kx, ky);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The bbox grown to whole cells: query points in this box so that edge cells are counted in full. */
export function expandToCells(bbox: [number, number, number, number], cellKm: number): [number, number, number, number] {
  const sw = cellBbox(cellIdOf(bbox[0], bbox[1], cellKm), cellKm);
  const ne = cellBbox(cellIdOf(bbox[2], bbox[3], cellKm), cellKm);
  return [sw[0], sw[1], ne[2], ne[3]];
}

export interface DensityPoint {
  lon: number;
  lat: number;
  operators: readonly string[];
}

export interface DensityCellProperties {
  cell_id: number;
  count: number;
  per_km2: number;
}

/** Structures per km² in the cells of cellKm touching bbox (non-empty cells only), in total or for one operator. */
export function densityGrid(
  points: readonly DensityPoint[],
  bbox: [number, number, number, number],
  cellKm: number,
  operator?: string,
): GeoJSON.FeatureCollection<GeoJSON.Polygon, DensityCellProperties> {
  const { ix: minX, iy: minY } = cellIndexOf(cellIdOf(bbox[0], bbox[1], cellKm));
  const { ix: maxX, iy: maxY } = cellIndexOf(cellIdOf(bbox[2], bbox[3], cellKm));
  const lon = new Float64Array(points.length);
  const lat = new Float64Array(points.length);
  const mask = new Uint8Array(points.length);
  points.forEach((p, i) => {
    lon[i] = p.lon;
    lat[i] = p.lat;
    mask[i] = operator === undefined || p.operators.includes(operator) ? 1 : 0;
  });
  const features: GeoJSON.Feature<GeoJSON.Polygon, DensityCellProperties>[] = [];
  for (const [cellId, count] of countByCell(lon, lat, cellKm, mask)) {
    const { ix, iy } = cellIndexOf(cellId);
    if (ix < minX || ix > maxX || iy < minY || iy > maxY) continue;
    const [w, s, e, n] = cellBbox(cellId, cellKm);
    features.push({
      type: 'Feature',
      id: cellId,
      geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
      properties: { cell_id: cellId, count, per_km2: count / (cellKm * cellKm) },
    });
  }
  features.sort((a, b) => a.properties.cell_id - b.properties.cell_id);
  return { type: 'FeatureCollection', features };
}
