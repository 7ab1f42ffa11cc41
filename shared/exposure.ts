/** Predicted far-field RF exposure at a point from base-station antennas, exactly DOMAIN.md section 5:
 *  ICNIRP 2020 limits, 3GPP TR 36.814 sector pattern, power ratios summed over antennas. */
import { z } from 'zod';
import { Lat, Lon } from './model.js';
import { EARTH_RADIUS_M, bearingDeg, haversineM, wrap180 } from './geodesy.js';

/** Default observer height above ground, metres (DOMAIN.md section 5). */
export const OBSERVER_HEIGHT_M = 1.5;
/** Free-space impedance used to turn power density into field strength, ohms. */
const Z0_OHM = 376.73;

export const ExposurePoint = z
  .object({
    lat: Lat,
    lon: Lon,
    height_m: z.number().finite().gte(0).lte(1000).default(OBSERVER_HEIGHT_M),
    /** 1 = free space; 2.56 is FCC OET-65's conservative ground-reflection factor; 4 is the physical maximum. */
    reflection_factor: z.number().finite().gte(1).lte(4).default(1),
  })
  .strict();
export type ExposurePoint = z.infer<typeof ExposurePoint>;

export const ExposureAntenna = z
  .object({
    lat: Lat,
    lon: Lon,
    height_m: z.number().finite().gte(0).lte(1000),
    /** Degrees from north; null for an omni antenna. */
    azimuth_deg: z.number().finite().gte(0).lte(360).nullable(),
    tilt_deg: z.number().finite().gte(-90).lte(90),
    eirp_w: z.number().finite().gte(0).lte(1_000_000),
    /** ICNIRP 2020 reference levels here cover 30 MHz – 300 GHz. */
    frequency_mhz: z.number().finite().gte(30).lte(300_000),
    power_reduction: z.number().finite().gt(0).lte(1).default(1),
  })
  .strict();
export type ExposureAntenna = z.infer<typeof ExposureAntenna>;
/** An antenna as callers may write it, power_reduction optional. */
export type ExposureAntennaInput = z.input<typeof ExposureAntenna>;

/** Body of an exposure request: one observation point and 1–5000 antennas. */
export const ExposureRequest = z.object({ point: ExposurePoint, antennas: z.array(ExposureAntenna).min(1).max(5000) }).strict();
export type ExposureRequest = z.infer<typeof ExposureRequest>;

export interface ExposureContribution {
  distance_m: number;
  gain_db: number;
  s_wm2: number;
  s_limit_wm2: number;
  ratio: number;
}

export interface ExposureResult {
  total_exposure_ratio: number;
  e_total_vm: number;
  contributions: ExposureContribution[];
  compliance_distance_m: number[];
}

/** ICNIRP 2020 whole-body general-public power-density reference level in W/m² (ICNIRP 2020 Table 5). */
export function icnirpLimitWm2(frequencyMhz: number): number {
  if (!(frequencyMhz >= 30 && frequencyMhz <= 300_000)) throw new RangeError(`frequency ${frequencyMhz} MHz outside 30 MHz–300 GHz`);
  if (frequencyMhz < 400) return 2;
  if (frequencyMhz < 2000) return frequencyMhz / 200;
  return 10;
}

/** Gain relative to the main beam in dB, 3GPP TR 36.814 Table A.2.1.1-2 (φ null for an omni antenna). */
export function patternGainDb(phiDeg: number | null, thetaDeg: number): number {
  const aH = phiDeg === null ? 0 : -Math.min(12 * (phiDeg / 70) ** 2, 25);
  const aV = -Math.min(12 * (thetaDeg / 10) ** 2, 20);
  return -Math.min(-(aH + aV), 25);
}

/** Main-beam compliance distance r_c = sqrt(F_refl · F_PR · P / (4π S_lim)) in metres (DOMAIN.md section 5). */
export function complianceDistanceM(antenna: ExposureAntennaInput, reflectionFactor = 1): number {
  const power = reflectionFactor * (antenna.power_reduction ?? 1) * antenna.eirp_w;
  return Math.sqrt(power / (4 * Math.PI * icnirpLimitWm2(antenna.frequency_mhz)));
}

/** One antenna's power density and exposure ratio at an observation point. */
export function antennaContribution(antenna: ExposureAntennaInput, point: ExposurePoint): ExposureContribution {
  const dH = haversineM(antenna.lon, antenna.lat, point.lon, point.lat);
  const dV = antenna.height_m - point.height_m;
  const phi = antenna.azimuth_deg === null ? null : wrap180(bearingDeg(antenna.lon, antenna.lat, point.lon, point.lat) - antenna.azimuth_deg);
  const theta = (Math.atan2(dV, dH) * 180) / Math.PI - antenna.tilt_deg;
  const gainDb = patternGainDb(phi, theta);
  const r = Math.max(Math.sqrt(dH * dH + dV * dV), 1);
  const s = (point.reflection_factor * (antenna.power_reduction ?? 1) * antenna.eirp_w * 10 ** (gainDb / 10)) / (4 * Math.PI * r * r);
  const sLimit = icnirpLimitWm2(antenna.frequency_mhz);
  return { distance_m: dH, gain_db: gainDb, s_wm2: s, s_limit_wm2: sLimit, ratio: s / sLimit };
}

/** Total field strength in V/m from the summed power density: E_tot = sqrt(Σ E_i²) and E_i² = Z0 · S_i. */
export function totalFieldVm(sumSWm2: number): number {
  return Math.sqrt(Z0_OHM * sumSWm2);
}

/** Total exposure ratio, total field and per-antenna terms at a point: the answer to an ExposureRequest. */
export function exposureAt(point: ExposurePoint, antennas: readonly ExposureAntennaInput[]): ExposureResult {
  const contributions = antennas.map((a) => antennaContribution(a, point));
  let ter = 0;
  let sumS = 0;
  for (const c of contributions) {
    ter += c.ratio;
    sumS += c.s_wm2;
  }
  return {
    total_exposure_ratio: ter,
    e_total_vm: totalFieldVm(sumS),
    contributions,
    compliance_distance_m: antennas.map((a) => complianceDistanceM(a, point.reflection_factor)),
  };
}

/** Antennas as flat typed arrays (struct of arrays), projected once for the grid hot path. */
export interface PackedAntennas {
  count: number;
  lonRad: Float64Array;
  latRad: Float64Array;
  cosLat: Float64Array;
  sinLat: Float64Array;
  heightM: Float64Array;
  /** Azimuth in degrees, NaN for omni. */
  azimuthDeg: Float64Array;
  tiltDeg: Float64Array;
  /** F_PR · EIRP, watts. */
  eirpW: Float64Array;
  sLimitWm2: Float64Array;
}

/** Packs antennas into typed arrays; index i of every array is antenna i of the input. */
export function packAntennas(antennas: readonly ExposureAntennaInput[]): PackedAntennas {
  const n = antennas.length;
  const p: PackedAntennas = {
    count: n,
    lonRad: new Float64Array(n),
    latRad: new Float64Array(n),
    cosLat: new Float64Array(n),
    sinLat: new Float64Array(n),
    heightM: new Float64Array(n),
    azimuthDeg: new Float64Array(n),
    tiltDeg: new Float64Array(n),
    eirpW: new Float64Array(n),
    sLimitWm2: new Float64Array(n),
  };
  antennas.forEach((a, i) => {
    const lat = (a.lat * Math.PI) / 180;
    p.lonRad[i] = (a.lon * Math.PI) / 180;
    p.latRad[i] = lat;
    p.cosLat[i] = Math.cos(lat);
    p.sinLat[i] = Math.sin(lat);
    p.heightM[i] = a.height_m;
    p.azimuthDeg[i] = a.azimuth_deg ?? NaN;
    p.tiltDeg[i] = a.tilt_deg;
    p.eirpW[i] = (a.power_reduction ?? 1) * a.eirp_w;
    p.sLimitWm2[i] = icnirpLimitWm2(a.frequency_mhz);
  });
  return p;
}

const RAD = Math.PI / 180;

/** Total exposure ratio at a point from the packed antennas listed in ids[0..count) (all when ids is null)
 *  within cutoffM; allocation-free, same formulas as antennaContribution. */
export function exposureRatioAt(
  lon: number,
  lat: number,
  heightM: number,
  ants: PackedAntennas,
  ids: ArrayLike<number> | null,
  count: number,
  reflectionFactor = 1,
  cutoffM = Infinity,
): number {
  const lonP = lon * RAD;
  const latP = lat * RAD;
  const cosP = Math.cos(latP);
  const sinP = Math.sin(latP);
  let ter = 0;
  for (let k = 0; k < count; k++) {
    const i = ids === null ? k : ids[k]!;
    const dLon = lonP - ants.lonRad[i]!;
    const sLat = Math.sin((latP - ants.latRad[i]!) / 2);
    const sLon = Math.sin(dLon / 2);
    const cosA = ants.cosLat[i]!;
    const h = sLat * sLat + sLon * sLon * cosA * cosP;
    const dH = 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
    if (dH > cutoffM) continue;
    const dV = ants.heightM[i]! - heightM;
    const theta = Math.atan2(dV, dH) / RAD - ants.tiltDeg[i]!;
    const aV = Math.min(12 * (theta / 10) * (theta / 10), 20);
    let aH = 0;
    const az = ants.azimuthDeg[i]!;
    if (az === az) {
      // bearing from antenna to point, as bearingDeg() (turf.bearing)
      const brg = Math.atan2(Math.sin(dLon) * cosP, cosA * sinP - ants.sinLat[i]! * cosP * Math.cos(dLon)) / RAD;
      const phi = wrap180(brg - az);
      aH = Math.min(12 * (phi / 70) * (phi / 70), 25);
    }
    const gainDb = -Math.min(aH + aV, 25);
    const r = Math.max(Math.sqrt(dH * dH + dV * dV), 1);
    ter += (reflectionFactor * ants.eirpW[i]! * 10 ** (gainDb / 10)) / (4 * Math.PI * r * r) / ants.sLimitWm2[i]!;
  }
  return ter;
}
