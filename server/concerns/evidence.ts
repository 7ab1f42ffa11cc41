/** Gathers what a concern's evidence is computed from: the registry's sites near the point, the
 *  antennas of transmitting sites within 2 km for the exposure model, the sensitive places near it. */
import { EVIDENCE_RADIUS_M, EXPOSURE_RADIUS_M } from '../../shared/concerns.js';
import { buildEvidence, TRANSMITTING_STATUSES, type ConcernEvidence } from '../../shared/concern-evidence.js';
import { exposureAt, OBSERVER_HEIGHT_M, type ExposureAntennaInput } from '../../shared/exposure.js';
import { distanceToPlaceM, ellipsoidalDistanceM, metresPerDegree } from '../../shared/geodesy.js';
import type { PlaceStore } from '../store/places.js';
import { siteProperties, type SiteStore } from '../store/sites.js';

/** Far more sites than 2 km of the densest city holds, so the near search never truncates. */
const NO_LIMIT = 1_000_000;

/** The exposure model's antennas: those of transmitting sites within EXPOSURE_RADIUS_M, placed at their site. */
export function antennasNear(sites: SiteStore, lon: number, lat: number): ExposureAntennaInput[] {
  const out: ExposureAntennaInput[] = [];
  for (const { row } of sites.near(lon, lat, EXPOSURE_RADIUS_M, NO_LIMIT)) {
    if (!TRANSMITTING_STATUSES.includes(row.status)) continue;
    for (const a of sites.antennas(row.id)) {
      out.push({ lon: row.lon, lat: row.lat, height_m: a.height_m, azimuth_deg: a.azimuth_deg, tilt_deg: a.tilt_deg, eirp_w: a.eirp_w, frequency_mhz: a.frequency_mhz, power_reduction: a.power_reduction });
    }
  }
  return out;
}

/** The evidence at a point now: sites within 300 m (decommissioned ones left out) with ellipsoidal
 *  distances, the predicted total exposure ratio at 1.5 m, sensitive places within 300 m of their outline. */
export function gatherEvidence(deps: { sites: SiteStore; places: PlaceStore }, lon: number, lat: number, now = new Date()): ConcernEvidence {
  const sites = deps.sites
    .near(lon, lat, EVIDENCE_RADIUS_M, NO_LIMIT)
    .filter(({ row }) => row.status !== 'decommissioned')
    .map(({ row }) => ({ id: row.id, code: row.code, operators: siteProperties(row).operators, status: row.status, permit_no: row.permit_no, distance_m: ellipsoidalDistanceM(lon, lat, row.lon, row.lat) }));

  const antennas = antennasNear(deps.sites, lon, lat);
  const x = exposureAt({ lon, lat, height_m: OBSERVER_HEIGHT_M, reflection_factor: 1 }, antennas);

  // Places are boxed by their outline, so a box padded by the radius finds every one whose outline is near.
  const { lonM, latM } = metresPerDegree(lat);
  const pad = EVIDENCE_RADIUS_M * 1.01;
  const box: [number, number, number, number] = [lon - pad / lonM, lat - pad / latM, lon + pad / lonM, lat + pad / latM];
  const places = deps.places
    .places(box)
    .map((p) => ({ id: p.id, kind: p.kind, name_fa: p.name_fa, name_en: p.name_en, distance_m: distanceToPlaceM(lon, lat, p.geometry) }))
    .filter((p) => p.distance_m <= EVIDENCE_RADIUS_M);

  return buildEvidence({ sites, places, exposure: { total_exposure_ratio: x.total_exposure_ratio, e_total_vm: x.e_total_vm, antennas: antennas.length, observer_height_m: OBSERVER_HEIGHT_M }, now });
}
