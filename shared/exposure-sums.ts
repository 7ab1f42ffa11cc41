/** Total exposure ratio and total power density at points, from antennas grouped by structure: the siting engine's
 *  exposure_sensitive sums, the same formulas as antennaContribution (shared/exposure.ts, DOMAIN.md section 5) with
 *  the distance and the bearing computed once per structure, as the grid's kernel does (shared/exposure-kernel.ts):
 *  unit vectors on turf's sphere, the great-circle distance from the chord, the bearing as atan2(D·east, D·north).
 *  Flat typed arrays, no allocation per point, so a server index can keep one layout current for the whole registry
 *  and the browser can build it from the few thousand antennas of its context. */
import { EARTH_RADIUS_M } from './geodesy.js';
import { icnirpLimitWm2, type ExposureAntennaInput } from './exposure.js';
import { FLOOR_DB, FLOOR_GAIN, PHI_FLOOR_DEG, chord2Of, gainOf } from './exposure-kernel.js';

/** Numbers kept per structure: unit vector (x, y, z), east (x, y), north (x, y, z), first antenna, antenna count. */
export const SUM_SITE_STRIDE = 10;
const X = 0;
const EAST = 3;
const NORTH = 5;
const FIRST = 8;
/** Offset of a structure's antenna count (0 leaves it out of every sum). */
export const SUM_COUNT = 9;
const COUNT = SUM_COUNT;
/** Numbers kept per antenna: height (m), tilt (°), azimuth (°, NaN omni), F_PR·EIRP/4π (W), 1/S_lim (m²/W). */
export const SUM_ANTENNA_STRIDE = 5;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** Structures and their antennas in the layout above; `count` structures. */
export interface SumSites {
  sites: Float64Array;
  antennas: Float64Array;
  count: number;
}

/** Writes a structure at `slot`: its position's vectors and where its antennas lie in the antenna array. */
export function writeSumSite(sites: Float64Array, slot: number, lon: number, lat: number, first: number, count: number): void {
  const [cl, sl, co, so] = [Math.cos(lat * RAD), Math.sin(lat * RAD), Math.cos(lon * RAD), Math.sin(lon * RAD)];
  const o = slot * SUM_SITE_STRIDE;
  // East (−sinλ, cosλ, 0) and north (−sinφ cosλ, −sinφ sinλ, cosφ).
  sites[o + X] = cl * co;
  sites[o + X + 1] = cl * so;
  sites[o + X + 2] = sl;
  sites[o + EAST] = -so;
  sites[o + EAST + 1] = co;
  sites[o + NORTH] = -sl * co;
  sites[o + NORTH + 1] = -sl * so;
  sites[o + NORTH + 2] = cl;
  sites[o + FIRST] = first;
  sites[o + COUNT] = count;
}

/** The fields of an antenna the sums read (an ExposureAntennaInput without its position). */
export type SumAntenna = Pick<ExposureAntennaInput, 'height_m' | 'tilt_deg' | 'azimuth_deg' | 'eirp_w' | 'frequency_mhz' | 'power_reduction'>;

/** Writes antenna number `index` of the antenna array. */
export function writeSumAntenna(antennas: Float64Array, index: number, a: SumAntenna): void {
  const o = index * SUM_ANTENNA_STRIDE;
  antennas[o] = a.height_m;
  antennas[o + 1] = a.tilt_deg;
  antennas[o + 2] = a.azimuth_deg ?? NaN;
  antennas[o + 3] = ((a.power_reduction ?? 1) * a.eirp_w) / (4 * Math.PI);
  antennas[o + 4] = 1 / icnirpLimitWm2(a.frequency_mhz);
}

/** Interleaved bits of lon and lat quantised to 15 bits each (cells of about 1 km): the order in which structures
 *  are laid out, so those around a point lie close together in memory and every layout sums them alike. */
export function morton(lon: number, lat: number): number {
  const spread = (v: number) => {
    let x = v & 0x7fff;
    x = (x | (x << 8)) & 0x00ff00ff;
    x = (x | (x << 4)) & 0x0f0f0f0f;
    x = (x | (x << 2)) & 0x33333333;
    x = (x | (x << 1)) & 0x55555555;
    return x;
  };
  const x = Math.floor(((lon + 180) / 360) * 32767);
  const y = Math.floor(((lat + 90) / 180) * 32767);
  return (spread(x) | (spread(y) << 1)) >>> 0;
}

/** Groups positioned antennas by exact position into structures in Morton order (then first appearance), each
 *  structure's antennas by height and tilt (then input order), as addExposureSums expects. */
export function sumSitesOf(antennas: readonly ExposureAntennaInput[]): SumSites {
  const groups = new Map<string, number[]>();
  antennas.forEach((a, i) => {
    const key = `${a.lon},${a.lat}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const sites = new Float64Array(groups.size * SUM_SITE_STRIDE);
  const packed = new Float64Array(antennas.length * SUM_ANTENNA_STRIDE);
  let slot = 0;
  let next = 0;
  const keyOf = (g: number[]) => morton(antennas[g[0]!]!.lon, antennas[g[0]!]!.lat);
  const ordered = [...groups.values()].map((g) => ({ g, key: keyOf(g) })).sort((a, b) => a.key - b.key || a.g[0]! - b.g[0]!);
  for (const { g } of ordered) {
    const first = antennas[g[0]!]!;
    g.sort((i, j) => antennas[i]!.height_m - antennas[j]!.height_m || antennas[i]!.tilt_deg - antennas[j]!.tilt_deg || i - j);
    writeSumSite(sites, slot++, first.lon, first.lat, next, g.length);
    for (const i of g) writeSumAntenna(packed, next++, antennas[i]!);
  }
  return { sites, antennas: packed, count: groups.size };
}

/** Adds, over the structures listed in slots[0..n) (all `n` first ones when slots is null) within cutoffM of the
 *  point, the total exposure ratio Σ S_i/S_lim,i to out[0] and the power density Σ S_i (W/m²) to out[1]. */
export function addExposureSums(
  lon: number, lat: number, heightM: number, reflectionFactor: number, cutoffM: number,
  s: Pick<SumSites, 'sites' | 'antennas'>, slots: ArrayLike<number> | null, n: number, out: Float64Array,
): void {
  const { sites, antennas } = s;
  const [cl, sl] = [Math.cos(lat * RAD), Math.sin(lat * RAD)];
  const px = cl * Math.cos(lon * RAD);
  const py = cl * Math.sin(lon * RAD);
  const pz = sl;
  const cut2 = chord2Of(cutoffM);
  let ter = 0;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const o = (slots === null ? k : slots[k]!) * SUM_SITE_STRIDE | 0;
    const count = sites[o + COUNT]! | 0;
    if (count === 0) continue;
    const dx = px - sites[o + X]!;
    const dy = py - sites[o + X + 1]!;
    const dz = pz - sites[o + X + 2]!;
    const c2 = dx * dx + dy * dy + dz * dz;
    if (c2 > cut2) continue;
    // d = 2R·asin(c/2); below c = 0.01 (64 km) the series R·c·(1 + c²/24) keeps every digit (exposure-kernel.ts).
    const dH = c2 < 1e-4 ? EARTH_RADIUS_M * Math.sqrt(c2) * (1 + c2 / 24) : 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(c2) / 2);
    // turf.bearing from the structure to the point; 0 at the structure itself, as turf.
    const brg = c2 < 1e-24 ? 0 : Math.atan2(dx * sites[o + EAST]! + dy * sites[o + EAST + 1]!, dx * sites[o + NORTH]! + dy * sites[o + NORTH + 1]! + dz * sites[o + NORTH + 2]!) * DEG;
    const dH2 = dH * dH;
    // A structure's antennas are ordered by height and tilt (sumSitesOf, the server's field): the vertical
    // attenuation is computed once per layer.
    let lastH = NaN;
    let lastTilt = NaN;
    let aV = 0;
    let r2 = 0;
    for (let a = (sites[o + FIRST]! * SUM_ANTENNA_STRIDE) | 0, end = a + count * SUM_ANTENNA_STRIDE; a < end; a += SUM_ANTENNA_STRIDE) {
      const h = antennas[a]!;
      const tilt = antennas[a + 1]!;
      if (h !== lastH || tilt !== lastTilt) {
        const dV = h - heightM;
        const theta = Math.atan2(dV, dH) * DEG - tilt;
        aV = Math.min(12 * (theta / 10) * (theta / 10), 20);
        r2 = dH2 + dV * dV;
        if (r2 < 1) r2 = 1;
        lastH = h;
        lastTilt = tilt;
      }
      let att = aV;
      const az = antennas[a + 2]!;
      if (az === az) {
        // wrap180(brg − α); past PHI_FLOOR_DEG A_H alone reaches the 25 dB floor.
        // brg in (−180, 180], α in [0, 360]: brg − α in (−540, 180], which one turn brings into (−180, 180].
        let phi = brg - az;
        if (phi < -180) phi += 360;
        if (phi < 0) phi = -phi;
        att = phi >= PHI_FLOOR_DEG ? FLOOR_DB : att + 12 * (phi / 70) * (phi / 70);
      }
      const density = (reflectionFactor * antennas[a + 3]! * (att >= FLOOR_DB ? FLOOR_GAIN : gainOf(att))) / r2;
      sum += density;
      ter += density * antennas[a + 4]!;
    }
  }
  out[0]! += ter;
  out[1]! += sum;
}

/** Exposure sums of existing antennas at any point: an index over the whole registry on the server, or the
 *  structures of a context in the browser. */
export interface ExposureField {
  /** Adds the total exposure ratio to out[0] and the power density (W/m²) to out[1] at the point. */
  addSums(lon: number, lat: number, heightM: number, reflectionFactor: number, cutoffM: number, out: Float64Array): void;
}

/** The field of a list of positioned antennas (each structure tested against the cutoff). */
export function fieldOf(antennas: readonly ExposureAntennaInput[]): ExposureField {
  const s = sumSitesOf(antennas);
  return { addSums: (lon, lat, heightM, refl, cutoffM, out) => addExposureSums(lon, lat, heightM, refl, cutoffM, s, null, s.count, out) };
}
