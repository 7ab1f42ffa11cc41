/** Which objects around a proposed point belong in checkSiting's context, as one pure definition: the server
 *  gathers with it and the browser narrows a cached wider context with it, so both check with the same objects. */
import { distanceToPlaceM, haversineM, pointInPolygon } from './geodesy.js';
import type { Policy } from './policy.js';
import { sitingAntennaRadiusM, sitingSearchRadiusM, type SitingContext, type SitingInput } from './siting.js';

export interface SitingRadii {
  /** Structures within this haversine distance of the point. */
  sitesM: number;
  /** Sensitive places whose geometry comes within this ellipsoidal distance of the point. */
  placesM: number;
  /** Antennas within this haversine distance of the point (0 when the exposure rule is off). */
  antennasM: number;
}

/** The radii of the context for a point and height. Structures: rules measure on the ellipsoid, the stores on the
 *  sphere (up to 0.23% apart, DOMAIN.md section 9), so 1% more keeps every structure of the point's density cell. */
export function sitingRadii(policy: Policy, at: Pick<SitingInput, 'lat' | 'height_m'>): SitingRadii {
  const searchM = sitingSearchRadiusM(policy, at);
  return { sitesM: Math.ceil(searchM * 1.01), placesM: searchM, antennasM: sitingAntennaRadiusM(policy) };
}

/** The part of a (wider, cached) context that a check at this point uses: structures, places and antennas within
 *  sitingRadii of it and the zones containing it. densityCount is dropped: it belongs to one cell. */
export function narrowSitingContext(ctx: SitingContext, input: Pick<SitingInput, 'lon' | 'lat' | 'height_m'>): SitingContext {
  const { lon, lat } = input;
  const r = sitingRadii(ctx.policy, input);
  return {
    policy: ctx.policy,
    policyVersion: ctx.policyVersion,
    sites: ctx.sites.filter((s) => haversineM(lon, lat, s.lon, s.lat) <= r.sitesM),
    sensitivePlaces: ctx.sensitivePlaces.filter((p) => distanceToPlaceM(lon, lat, p.geometry) <= r.placesM),
    zones: ctx.zones.filter((z) => pointInPolygon(lon, lat, z.geometry)),
    antennas: ctx.antennas.filter((a) => haversineM(lon, lat, a.lon, a.lat) <= r.antennasM),
    aerodromes: ctx.aerodromes,
  };
}
