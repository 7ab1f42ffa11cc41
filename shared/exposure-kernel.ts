/** The exposure model of shared/exposure.ts (DOMAIN.md section 5) arranged for the grid's hot loop, same formulas,
 *  not an approximation (agrees with exposureRatioAt to ≈ 1e-11 relative, test/unit/exposure-kernel.test.ts):
 *  - antennas grouped by site, since a site's antennas share the distance and the bearing to a cell: one chord,
 *    square root and atan2 per site, one atan2 per antenna height, one exp per antenna in front of its sector;
 *  - sites and cells as unit vectors on the same sphere (R = 6371008.8 m, as turf): distance 2R·asin(c/2) from the
 *    chord c, bearing atan2(D·east, D·north) with D the chord vector — turf.bearing's own arguments;
 *  - 10^(A/10) as exp(A·ln10/10) by a table and a short polynomial (expNeg: Math.exp and ** call out to C in V8),
 *    atan2 from one Math.atan (a third of Math.atan2's cost), F_PR·P/(4π S_lim) per antenna once, and the back lobe
 *    (|φ| ≥ 101°: A = −25 dB whatever θ, 3GPP TR 36.814) without exp; each within a few ulps of the Math function.
 *  No antenna within the cutoff is skipped for being weak: its gain can be anything from 0 to −25 dB, so its bound is
 *  316 times its least value, and a cell's total can itself be tiny (at the city's edge a few far back lobes make it
 *  all); no rule that drops terms against a running total keeps a relative error bound, so none is used. */
import { EARTH_RADIUS_M } from './geodesy.js';
import type { PackedAntennas } from './exposure.js';

/** Numbers kept per site; offsets below. */
export const SITE_STRIDE = 13;
/** Unit vector of the site (earth-centred, x towards lon 0, z towards the north pole). */
export const S_X = 0;
/** East unit vector (x, y; z is 0) and north unit vector (x, y, z) at the site. */
const S_EX = 3;
const S_NX = 5;
export const S_LON_RAD = 8;
export const S_LAT_RAD = 9;
export const S_COS_LAT = 10;
/** Index of the site's first antenna and its number of antennas. */
export const S_FIRST = 11;
export const S_COUNT = 12;
/** Numbers kept per antenna: height (m), tilt (°), F_PR·EIRP/(4π S_lim) (the ratio at 1 m in the main beam),
 *  azimuth (°, NaN for omni). */
export const ANTENNA_STRIDE = 4;

/** Sites and their antennas, projected once for a grid. */
export interface GridSites {
  count: number;
  sites: Float64Array;
  antennas: Float64Array;
}

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
const DB_TO_LN = Math.LN10 / 10;
/** A_H = −min(12 (φ/70)², 25) reaches the 25 dB floor at φ = 70·√(25/12) ≈ 101.04° (3GPP TR 36.814 Table A.2.1.1-2). */
export const PHI_FLOOR_DEG = 70 * Math.sqrt(25 / 12);
/** Linear gain at the −25 dB floor. */
export const FLOOR_GAIN = 10 ** -2.5;
const HALF_PI = Math.PI / 2;
/** exp(−j/EXP_STEPS) for j up to EXP_MAX · EXP_STEPS: gains down to −26 dB, past the −25 dB floor (12 KB). */
const EXP_STEPS = 256;
const EXP_MAX = 6;
const EXP_TABLE = Float64Array.from({ length: EXP_MAX * EXP_STEPS + 1 }, (_, j) => Math.exp(-j / EXP_STEPS));

/** exp(−y): a table step exp(−j/256) times Taylor to r⁵ of exp(−r), r = y − j/256 < 1/256 (exact in binary), whose
 *  remainder r⁶/6! < 4e-18, summed in Estrin's order (a short dependency chain); within 4e-16 relative of Math.exp
 *  (measured over 1e6 draws) and in V8 two to three times cheaper (Math.exp calls out to C). Math.exp beyond. */
function expNeg(y: number): number {
  if (!(y >= 0 && y < EXP_MAX)) return Math.exp(-y);
  const j = (y * EXP_STEPS) | 0;
  const r = y - j * (1 / EXP_STEPS);
  const r2 = r * r;
  return EXP_TABLE[j]! * (1 - r + r2 * (0.5 - r / 6 + r2 * (1 / 24 - r / 120)));
}

/** Math.atan2 from one Math.atan of a ratio within ±1 (atan2 costs three times atan in V8: 28 ns against 9);
 *  within 3e-16 relative of it (measured over 2e6 draws spanning 8 decades), the same on signed zeros and axes. */
function atan2(y: number, x: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  let a: number;
  if (ay <= ax) {
    if (y === 0) return Math.atan2(y, x);
    a = Math.atan(ay / ax);
  } else a = HALF_PI - Math.atan(ax / ay);
  if (x < 0) a = Math.PI - a;
  return y < 0 ? -a : a;
}

/** Groups packed antennas by position into sites (antennas of a site ordered by height and tilt, so the vertical
 *  angle is computed once per layer) and projects them. */
export function gridSites(p: PackedAntennas): GridSites {
  const order = Array.from({ length: p.count }, (_, i) => i);
  const key = (i: number, j: number) =>
    p.latRad[i]! - p.latRad[j]! || p.lonRad[i]! - p.lonRad[j]! || p.heightM[i]! - p.heightM[j]! || p.tiltDeg[i]! - p.tiltDeg[j]!;
  order.sort(key);
  const antennas = new Float64Array(p.count * ANTENNA_STRIDE);
  const sites: number[] = [];
  let count = 0;
  order.forEach((i, n) => {
    antennas.set([p.heightM[i]!, p.tiltDeg[i]!, p.eirpW[i]! / (4 * Math.PI * p.sLimitWm2[i]!), p.azimuthDeg[i]!], n * ANTENNA_STRIDE);
    const prev = n > 0 ? order[n - 1]! : -1;
    if (prev >= 0 && p.latRad[prev] === p.latRad[i] && p.lonRad[prev] === p.lonRad[i]) {
      sites[(count - 1) * SITE_STRIDE + S_COUNT]!++;
      return;
    }
    const [lon, cosLat, sinLat] = [p.lonRad[i]!, p.cosLat[i]!, p.sinLat[i]!];
    const [cosLon, sinLon] = [Math.cos(lon), Math.sin(lon)];
    // East (−sinλ, cosλ, 0) and north (−sinφ cosλ, −sinφ sinλ, cosφ): P·east and P·north are the y and x of turf.bearing.
    sites.push(cosLat * cosLon, cosLat * sinLon, sinLat, -sinLon, cosLon, -sinLat * cosLon, -sinLat * sinLon, cosLat, lon, p.latRad[i]!, cosLat, n, 1);
    count++;
  });
  return { count, sites: Float64Array.from(sites), antennas };
}

/** Squared chord between unit vectors whose great-circle distance is cutoffM: the cutoff test without a root. */
export function chord2Of(cutoffM: number): number {
  if (!(cutoffM < Math.PI * EARTH_RADIUS_M)) return Infinity;
  const c = 2 * Math.sin(cutoffM / (2 * EARTH_RADIUS_M));
  return c * c;
}

/** Σ F_PR·P·g/(4π r² S_lim) (F_refl left to the caller) at the point of unit vector (px, py, pz), heightM above
 *  ground, over the sites in sites[0 .. count·SITE_STRIDE) whose great-circle distance is within the cutoff of
 *  squared chord cut2. */
export function ratioSum(px: number, py: number, pz: number, heightM: number, sites: Float64Array, count: number, antennas: Float64Array, cut2: number): number {
  let ter = 0;
  const end = count * SITE_STRIDE;
  for (let o = 0; o < end; o += SITE_STRIDE) {
    const dx = px - sites[o]!;
    const dy = py - sites[o + 1]!;
    const dz = pz - sites[o + 2]!;
    const c2 = dx * dx + dy * dy + dz * dz;
    if (c2 > cut2) continue;
    // d = 2R·asin(c/2) = R·c·(1 + c²/24 + 3c⁴/640 + …): past c = 0.01 (64 km) the two terms would lose digits.
    const dH = c2 < 1e-4 ? EARTH_RADIUS_M * Math.sqrt(c2) * (1 + c2 / 24) : 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(c2) / 2);
    // turf.bearing: atan2(sinΔλ cosφ2, cosφ1 sinφ2 − sinφ1 cosφ2 cosΔλ) = atan2(P·east, P·north), and A·east = A·north = 0;
    // turf gives 0 from a point to itself, and so does this within 6 µm, where either direction is rounding noise.
    const brg = c2 < 1e-24 ? 0 : atan2(dx * sites[o + S_EX]! + dy * sites[o + S_EX + 1]!, dx * sites[o + S_NX]! + dy * sites[o + S_NX + 1]! + dz * sites[o + S_NX + 2]!) * DEG;
    const dH2 = dH * dH;
    let layerH = NaN;
    let dV = 0;
    let invR2 = 0;
    let lastH = NaN;
    let lastTilt = NaN;
    let delta = 0;
    let aV = 0;
    for (let a = sites[o + S_FIRST]! * ANTENNA_STRIDE, e = a + sites[o + S_COUNT]! * ANTENNA_STRIDE; a < e; a += ANTENNA_STRIDE) {
      const h = antennas[a]!;
      if (h !== layerH) {
        // One 1/r² per layer (K/r² as K · 1/r², within an ulp): divisions cost several multiplications.
        layerH = h;
        dV = h - heightM;
        const r2 = dH2 + dV * dV;
        invR2 = 1 / (r2 > 1 ? r2 : 1);
      }
      const k = antennas[a + 2]! * invR2;
      const az = antennas[a + 3]!;
      let aH = 0;
      if (az === az) {
        // wrap180(brg − α), brg in (−180, 180] and α in [0, 360]
        let phi = brg - az;
        if (phi < -180) phi += 360;
        if (phi < 0) phi = -phi;
        if (phi >= PHI_FLOOR_DEG) {
          ter += k * FLOOR_GAIN;
          continue;
        }
        aH = phi * phi * (12 / 4900);
      }
      if (h !== lastH) {
        delta = (dH > 0 ? Math.atan(dV / dH) : Math.atan2(dV, dH)) * DEG;
        lastH = h;
        lastTilt = NaN;
      }
      if (antennas[a + 1] !== lastTilt) {
        lastTilt = antennas[a + 1]!;
        const theta = delta - lastTilt;
        aV = theta * theta * (12 / 100);
        if (aV > 20) aV = 20;
      }
      const att = aH + aV;
      ter += k * expNeg((att < 25 ? att : 25) * DB_TO_LN);
    }
  }
  return ter;
}

/** Attenuation at which A = −min(A_H + A_V, 25) stops following the pattern and stays at the −25 dB floor. */
export const FLOOR_DB = 25;
/** A_V's own cap, 20 dB. */
export const VERTICAL_CAP_DB = 20;
/** The floor's gain as the interpolation computes gains (expNeg: an ulp from 10 ** −2.5). */
export const FLOOR_NODE_GAIN = expNeg(FLOOR_DB * DB_TO_LN);

const nodeDH = new Float64Array(16);
const nodeBrg = new Float64Array(16);
const nodeInvR2 = new Float64Array(16);
const nodeDelta = new Float64Array(16);
const nodeAV = new Float64Array(16);
const nodeRatio = new Float64Array(16);

/** The far site at offset o at the 16 interpolation nodes of a tile (unit vectors xyz[3k ..]), summed for
 *  interpolation: per antenna K/r² (base) and A_H + min(A_V, 20) without the 25 dB floor (att) at each node, into
 *  base and att at [antenna · 16 + node]; then, by where att lies at the nodes against the floor's kink with `margin`
 *  dB to spare, the antenna's ratio base · 10^(−min(att, 25)/10) is added to sum[node] (all below the kink), or its
 *  floor term base · 10^(−2.5) (all above, or across the kink: such an antenna's index goes into kinked, for the
 *  caller to add its excess above the floor per cell). Returns the number of kinked antennas, or −1 at once when an
 *  antenna's A_V crosses its 20 dB cap in the tile (within margin): such a site cannot be interpolated. The site is
 *  read once and each layer's distances and vertical angles serve its antennas at all nodes; the gain is computed
 *  while the node terms are (only below the floor, where it is cheap); divisions become multiplications (K times
 *  1/r², 12/70² φ²), each within an ulp. */
export function siteSumAtNodes(
  xyz: Float64Array, heightM: number, sites: Float64Array, o: number, antennas: Float64Array, margin: number,
  sum: Float64Array, base: Float64Array, att: Float64Array, kinked: Int32Array,
): number {
  // Plain consts, not array destructuring: V8 does not always take the literal apart in hot code (measured).
  const sx = sites[o]!;
  const sy = sites[o + 1]!;
  const sz = sites[o + 2]!;
  const ex = sites[o + S_EX]!;
  const ey = sites[o + S_EX + 1]!;
  const nx = sites[o + S_NX]!;
  const ny = sites[o + S_NX + 1]!;
  const nz = sites[o + S_NX + 2]!;
  for (let k = 0; k < 16; k++) {
    const dx = xyz[3 * k]! - sx;
    const dy = xyz[3 * k + 1]! - sy;
    const dz = xyz[3 * k + 2]! - sz;
    const c2 = dx * dx + dy * dy + dz * dz;
    nodeDH[k] = c2 < 1e-4 ? EARTH_RADIUS_M * Math.sqrt(c2) * (1 + c2 / 24) : 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(c2) / 2);
    nodeBrg[k] = c2 < 1e-24 ? 0 : atan2(dx * ex + dy * ey, dx * nx + dy * ny + dz * nz) * DEG;
    sum[k] = 0;
  }
  const n = sites[o + S_COUNT]!;
  let lastH = NaN;
  let lastTilt = NaN;
  let nKinked = 0;
  for (let j = 0, a = sites[o + S_FIRST]! * ANTENNA_STRIDE; j < n; j++, a += ANTENNA_STRIDE) {
    const h = antennas[a]!;
    if (h !== lastH) {
      lastH = h;
      lastTilt = NaN;
      const dV = h - heightM;
      for (let k = 0; k < 16; k++) {
        const dH = nodeDH[k]!;
        const r2 = dH * dH + dV * dV;
        nodeInvR2[k] = 1 / (r2 > 1 ? r2 : 1);
        nodeDelta[k] = (dH > 0 ? Math.atan(dV / dH) : Math.atan2(dV, dH)) * DEG;
      }
    }
    const tilt = antennas[a + 1]!;
    if (tilt !== lastTilt) {
      lastTilt = tilt;
      let vMin = Infinity;
      let vMax = -Infinity;
      for (let k = 0; k < 16; k++) {
        const t = nodeDelta[k]! - tilt;
        const v = t * t * (12 / 100);
        nodeAV[k] = v;
        if (v < vMin) vMin = v;
        if (v > vMax) vMax = v;
      }
      if (!(vMax <= VERTICAL_CAP_DB - margin || vMin >= VERTICAL_CAP_DB + margin)) return -1;
    }
    const kw = antennas[a + 2]!;
    const az = antennas[a + 3]!;
    const omni = az !== az;
    let attMin = Infinity;
    let attMax = -Infinity;
    for (let k = 0, i = j * 16; k < 16; k++, i++) {
      let phi = omni ? 0 : nodeBrg[k]! - az;
      if (phi < -180) phi += 360;
      const v = nodeAV[k]!;
      const t = phi * phi * (12 / 4900) + (v < VERTICAL_CAP_DB ? v : VERTICAL_CAP_DB);
      const b = kw * nodeInvR2[k]!;
      base[i] = b;
      att[i] = t;
      nodeRatio[k] = t < FLOOR_DB ? b * expNeg(t * DB_TO_LN) : 0;
      if (t < attMin) attMin = t;
      if (t > attMax) attMax = t;
    }
    if (attMax <= FLOOR_DB - margin) {
      for (let k = 0; k < 16; k++) sum[k]! += nodeRatio[k]!;
      continue;
    }
    for (let k = 0, i = j * 16; k < 16; k++, i++) sum[k]! += base[i]! * FLOOR_NODE_GAIN;
    if (!(attMin >= FLOOR_DB + margin)) kinked[nKinked++] = j;
  }
  return nKinked;
}

/** exp(−A·ln10/10) = 10^(−A/10), the linear gain of an attenuation in dB. */
export function gainOf(attDb: number): number {
  return expNeg(attDb * DB_TO_LN);
}
