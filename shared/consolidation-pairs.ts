/** Which structures may merge (DOMAIN.md section 7): pairs of the same merge class, of different operators, within
 *  the class's merge distance. Found with a kdbush index (build once, one box query per structure, exact haversine
 *  after), and the naive all-pairs way beside it for the bench and as the test's reference. */
import KDBush from 'kdbush';
import { EARTH_RADIUS_M, haversineM } from './geodesy.js';
import type { StructureType } from './model.js';

/** Structures that may share one physical support: rooftops with rooftops, ground masts with ground masts, small
 *  cells on poles with small cells (a macro array does not fit a lamp-post pole, nor a pole a roof's load limit). */
export type MergeClass = 'rooftop' | 'ground' | 'small_cell';

/** The merge class of a structure type. */
export function mergeClassOf(type: StructureType): MergeClass {
  return type === 'rooftop' ? 'rooftop' : type === 'small_cell' ? 'small_cell' : 'ground';
}

/** Merge distances of the policy (data/policy/karaj.json consolidation): ground masts (and small cells) and rooftops. */
export interface MergeDistances {
  ground_m: number;
  rooftop_m: number;
}

/** The merge distance of a class. */
export function mergeDistanceM(cls: MergeClass, d: MergeDistances): number {
  return cls === 'rooftop' ? d.rooftop_m : d.ground_m;
}

/** What the pair search reads of a structure. */
export interface PairSite {
  lon: number;
  lat: number;
  structure_type: StructureType;
  operators: readonly string[];
}

/** Neighbours as compressed rows: the neighbours of site i are `items[offsets[i] .. offsets[i + 1])`, indexes into
 *  the sites array in ascending order. */
export interface Neighbours {
  offsets: Int32Array;
  items: Int32Array;
}

const CLASS_CODE: Record<MergeClass, number> = { rooftop: 0, ground: 1, small_cell: 2 };
/** Metres per degree of latitude on the sphere of haversineM. */
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** Per site: class code, merge radius and a code for its set of operators (equal codes = the same operators). */
function keysOf(sites: readonly PairSite[], d: MergeDistances): { cls: Uint8Array; radius: Float64Array; ops: Int32Array } {
  const cls = new Uint8Array(sites.length);
  const radius = new Float64Array(sites.length);
  const ops = new Int32Array(sites.length);
  const codes = new Map<string, number>();
  sites.forEach((s, i) => {
    const c = mergeClassOf(s.structure_type);
    cls[i] = CLASS_CODE[c];
    radius[i] = mergeDistanceM(c, d);
    const key = [...new Set(s.operators)].sort().join(',');
    let code = codes.get(key);
    if (code === undefined) codes.set(key, (code = codes.size));
    ops[i] = code;
  });
  return { cls, radius, ops };
}

/** Growable int list, so the rows are built without an array per site. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

/** Mergeable neighbours of every site through a kdbush index over lon/lat. */
export function neighboursIndexed(sites: readonly PairSite[], d: MergeDistances): Neighbours {
  const { cls, radius, ops } = keysOf(sites, d);
  const index = new KDBush(Math.max(1, sites.length));
  for (const s of sites) index.add(s.lon, s.lat);
  if (sites.length === 0) index.add(0, 0);
  index.finish();
  const offsets = new Int32Array(sites.length + 1);
  const items = new IntList();
  for (let i = 0; i < sites.length; i++) {
    offsets[i] = items.length;
    const s = sites[i]!;
    const r = radius[i]!;
    // 1% more than the radius in degrees: the box must hold every point the exact distance accepts.
    const dLat = (r * 1.01) / M_PER_DEG;
    const dLon = dLat / Math.max(Math.cos((s.lat * Math.PI) / 180), 1e-6);
    const hits = index.range(s.lon - dLon, s.lat - dLat, s.lon + dLon, s.lat + dLat);
    hits.sort((a, b) => a - b);
    for (const j of hits) {
      if (j === i || j >= sites.length || cls[j] !== cls[i] || ops[j] === ops[i]) continue;
      const t = sites[j]!;
      if (haversineM(s.lon, s.lat, t.lon, t.lat) <= r) items.push(j);
    }
  }
  offsets[sites.length] = items.length;
  return { offsets, items: items.data.slice(0, items.length) };
}

/** The same neighbours by testing every pair (quadratic): the baseline the index is measured against. */
export function neighboursAllPairs(sites: readonly PairSite[], d: MergeDistances): Neighbours {
  const { cls, radius, ops } = keysOf(sites, d);
  const rows: number[][] = sites.map(() => []);
  const lon = Float64Array.from(sites, (s) => s.lon);
  const lat = Float64Array.from(sites, (s) => s.lat);
  for (let i = 0; i < sites.length; i++) {
    const r = radius[i]!;
    // Every pair is still visited; the latitude difference only spares the haversine for pairs plainly apart.
    const dLat = (r * 1.01) / M_PER_DEG;
    for (let j = i + 1; j < sites.length; j++) {
      if (cls[j] !== cls[i] || ops[j] === ops[i] || Math.abs(lat[j]! - lat[i]!) > dLat) continue;
      if (haversineM(lon[i]!, lat[i]!, lon[j]!, lat[j]!) <= r) {
        rows[i]!.push(j);
        rows[j]!.push(i);
      }
    }
  }
  const offsets = new Int32Array(sites.length + 1);
  const items = new IntList();
  rows.forEach((row, i) => {
    offsets[i] = items.length;
    for (const j of row.sort((a, b) => a - b)) items.push(j);
  });
  offsets[sites.length] = items.length;
  return { offsets, items: items.data.slice(0, items.length) };
}
