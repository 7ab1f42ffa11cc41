/** Which objects around a proposed point belong in checkSiting's context, as one pure definition: the server
 *  gathers with it and the browser narrows a cached wider context with it, so both check with the same objects. */
import { distanceToPlaceM, haversineM, pointInPolygon } from './geodesy.js';
import type { Policy } from './policy.js';
import { exposureReachM, sitingSearchRadiusM, type SitingContext, type SitingInput } from './siting.js';

export interface SitingRadii {
  /** Structures within this haversine distance of the point. */
  sitesM: number;
  /** Sensitive places whose geometry comes within this ellipsoidal distance of the point. */
  placesM: number;
}

/** The radii of the context for a point and height. Structures: rules measure on the ellipsoid, the stores on the
 *  sphere (under 0.6% apart over short distances anywhere), so 1% more keeps every structure of the point's density
 *  cell — or, when the caller counts the cell itself, of share_first's radius, the only other rule that reads them.
 *  Places: the rules' radii alone — the density cell holds no place a rule reads, and a context of the same places
 *  everywhere gives the same answers. */
export function sitingRadii(policy: Policy, at: Pick<SitingInput, 'lat' | 'height_m'>, densityCounted = false): SitingRadii {
  const share = policy.rules.share_first;
  return {
    sitesM: Math.ceil((densityCounted ? (share.enabled ? share.radius_m : 0) : sitingSearchRadiusM(policy, at)) * 1.01),
    placesM: sitingSearchRadiusM(policy, at, true),
  };
}

/** The part of a (wider, cached) context that a check at this point uses: structures, places and antennas within
 *  sitingRadii of it, antennas within exposureReachM of those places, and the zones containing it. densityCount is dropped: it belongs to one cell. */
export function narrowSitingContext(ctx: SitingContext, input: Pick<SitingInput, 'lon' | 'lat' | 'height_m'>): SitingContext {
  const { lon, lat } = input;
  const r = sitingRadii(ctx.policy, input);
  const sensitivePlaces = ctx.sensitivePlaces.filter((p) => distanceToPlaceM(lon, lat, p.geometry) <= r.placesM);
  const antennasM = exposureReachM(ctx.policy, sensitivePlaces, lon, lat);
  return {
    policy: ctx.policy,
    policyVersion: ctx.policyVersion,
    sites: ctx.sites.filter((s) => haversineM(lon, lat, s.lon, s.lat) <= r.sitesM),
    sensitivePlaces,
    zones: ctx.zones.filter((z) => pointInPolygon(lon, lat, z.geometry)),
    antennas: antennasM > 0 ? ctx.antennas.filter((a) => haversineM(lon, lat, a.lon, a.lat) <= antennasM) : [],
    aerodromes: ctx.aerodromes,
    ...(ctx.existingExposure ? { existingExposure: ctx.existingExposure } : {}),
  };
}
