/** Possible unregistered masts from observed cells (DOMAIN.md section 3: each OpenCelliD row is a cell, many cells
 *  share a mast and positions are centroids of observations): cells clustered by DBSCAN (Ester et al. 1996) over a
 *  kdbush index, each cluster a candidate mast at the sample-weighted centre of its cells. turf.clustersDbscan does
 *  the same quadratically (MEASURED.md: 120 s for 100k cells; this way ≈ 0.15 s). */
import KDBush from 'kdbush';
import { EARTH_RADIUS_M, haversineM } from './geodesy.js';

/** What clustering reads of a cell. */
export interface CellPoint {
  lon: number;
  lat: number;
}

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
/** Label of a cell in no cluster (fewer than minPts neighbours and no core neighbour). */
export const NOISE = -1;

/** DBSCAN: a cluster id (0, 1, …) per cell, NOISE for noise. A cell with at least minPts cells within epsM (itself
 *  included) is a core cell; clusters are core cells linked within epsM plus the cells they reach. */
export function dbscan(points: readonly CellPoint[], epsM: number, minPts: number): Int32Array {
  const n = points.length;
  const labels = new Int32Array(n).fill(-2);
  if (n === 0) return labels;
  const index = new KDBush(n);
  for (const p of points) index.add(p.lon, p.lat);
  index.finish();
  const near = (i: number): number[] => {
    const p = points[i]!;
    const dLat = (epsM * 1.01) / M_PER_DEG;
    const dLon = dLat / Math.max(Math.cos((p.lat * Math.PI) / 180), 1e-6);
    return index.range(p.lon - dLon, p.lat - dLat, p.lon + dLon, p.lat + dLat).filter((j) => haversineM(p.lon, p.lat, points[j]!.lon, points[j]!.lat) <= epsM);
  };
  let cluster = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -2) continue;
    const seeds = near(i);
    if (seeds.length < minPts) {
      labels[i] = NOISE;
      continue;
    }
    labels[i] = cluster;
    const queue = seeds;
    for (let q = 0; q < queue.length; q++) {
      const j = queue[q]!;
      if (labels[j] === NOISE) labels[j] = cluster; // a border cell
      if (labels[j] !== -2) continue;
      labels[j] = cluster;
      const more = near(j);
      if (more.length >= minPts) for (const k of more) if (labels[k]! < 0) queue.push(k);
    }
    cluster++;
  }
  return labels;
}

/** An observed cell with what a candidate reports of it. */
export interface ObservedCell extends CellPoint {
  radio: string;
  mcc: number;
  net: number;
  samples: number | null;
}

export interface CandidateMast {
  lon: number;
  lat: number;
  cells: number;
  samples: number;
  /** Operator ids from the cells' MCC/MNC (DOMAIN.md section 2: 432-11 MCI, 432-35 Irancell, 432-20 RighTel). */
  operators: string[];
  radios: string[];
  /** `mcc-mnc` of cells that match no known operator. */
  unknown_networks: string[];
  /** Indexes of the cells in the input. */
  members: number[];
}

/** Candidate masts from clustered cells: position weighted by each cell's samples (at least 1), most cells first. */
export function candidateMasts(
  cells: readonly ObservedCell[],
  epsM: number,
  minPts: number,
  operatorOf: (mcc: number, mnc: number) => string | undefined,
): CandidateMast[] {
  const labels = dbscan(cells, epsM, minPts);
  const groups = new Map<number, number[]>();
  labels.forEach((l, i) => l >= 0 && (groups.get(l) ?? groups.set(l, []).get(l)!).push(i));
  const out: CandidateMast[] = [];
  for (const members of groups.values()) {
    let w = 0, lon = 0, lat = 0, samples = 0;
    const ops = new Set<string>(), radios = new Set<string>(), unknown = new Set<string>();
    for (const i of members) {
      const c = cells[i]!;
      const weight = Math.max(1, c.samples ?? 1);
      w += weight;
      lon += c.lon * weight;
      lat += c.lat * weight;
      samples += c.samples ?? 0;
      radios.add(c.radio);
      const op = operatorOf(c.mcc, c.net);
      if (op) ops.add(op);
      else unknown.add(`${c.mcc}-${c.net}`);
    }
    out.push({
      lon: lon / w, lat: lat / w, cells: members.length, samples,
      operators: [...ops].sort(), radios: [...radios].sort(), unknown_networks: [...unknown].sort(), members,
    });
  }
  return out.sort((a, b) => b.cells - a.cells || a.lon - b.lon);
}
