/** Predicted exposure from a proposed installation at the key points a resident asks about: the foot of the
 *  mast, fixed distances along each sector's main beam, and the ground peak where the tilted beam lands
 *  (DOMAIN.md section 5; about 125 m from a 30 m mast with 10° tilt). A prediction, not a measurement. */
import { exposureAt, OBSERVER_HEIGHT_M, type ExposureAntennaInput } from '../exposure.js';
import { destination } from '../geodesy.js';
import type { AntennaInput } from '../model.js';

/** Distances along the main beam at which the public page reports exposure, metres. */
export const KEY_DISTANCES_M = [0, 50, 100, 200, 300, 500] as const;
/** The ground peak is searched along each beam from 0 to this distance in PEAK_STEP_M steps. */
const PEAK_SEARCH_M = 1000;
const PEAK_STEP_M = 5;

export interface KeyExposurePoint {
  /** `foot`, `beam` (a fixed distance along a sector's azimuth) or `peak` (the highest value found). */
  kind: 'foot' | 'beam' | 'peak';
  bearing_deg: number;
  distance_m: number;
  lon: number;
  lat: number;
  total_exposure_ratio: number;
  e_total_vm: number;
}

/** Key points around a proposed structure at [lon, lat] with the applicant's antennas alone, at the observer
 *  height of 1.5 m; the directions are the distinct sector azimuths (north for omni antennas only). */
export function keyExposurePoints(lon: number, lat: number, antennas: readonly Pick<AntennaInput, 'frequency_mhz' | 'eirp_w' | 'azimuth_deg' | 'tilt_deg' | 'height_m' | 'power_reduction'>[]): KeyExposurePoint[] {
  if (antennas.length === 0) return [];
  const positioned: ExposureAntennaInput[] = antennas.map((a) => ({
    lon, lat, height_m: a.height_m, azimuth_deg: a.azimuth_deg, tilt_deg: a.tilt_deg, eirp_w: a.eirp_w,
    frequency_mhz: a.frequency_mhz, power_reduction: a.power_reduction,
  }));
  const at = (kind: KeyExposurePoint['kind'], bearing: number, d: number): KeyExposurePoint => {
    const [plon, plat] = d === 0 ? [lon, lat] : destination(lon, lat, d, bearing);
    const r = exposureAt({ lon: plon, lat: plat, height_m: OBSERVER_HEIGHT_M, reflection_factor: 1 }, positioned);
    return { kind, bearing_deg: bearing, distance_m: d, lon: plon, lat: plat, total_exposure_ratio: r.total_exposure_ratio, e_total_vm: r.e_total_vm };
  };
  const bearings = [...new Set(antennas.map((a) => a.azimuth_deg).filter((b): b is number => b !== null))].sort((a, b) => a - b);
  if (bearings.length === 0) bearings.push(0);
  const points: KeyExposurePoint[] = [at('foot', 0, 0)];
  let peak = points[0]!;
  for (const b of bearings) {
    for (const d of KEY_DISTANCES_M) if (d > 0) points.push(at('beam', b, d));
    for (let d = PEAK_STEP_M; d <= PEAK_SEARCH_M; d += PEAK_STEP_M) {
      const p = at('peak', b, d);
      if (p.total_exposure_ratio > peak.total_exposure_ratio) peak = p;
    }
  }
  points.push({ ...peak, kind: 'peak' });
  return points;
}
