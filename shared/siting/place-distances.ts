/** Ellipsoidal distances from the proposed point to sensitive places, each against its own limit: the measure
 *  shared by sensitive_buffer and fall_zone, so that no point truly inside a buffer passes (DOMAIN.md section 9). */
import { distanceToPlaceM } from '../geodesy.js';
import type { RelatedObject } from './rule-result.js';
import type { SitingInput, SitingPlace } from './request.js';

export interface PlaceDistance {
  place: SitingPlace;
  distanceM: number;
  limitM: number;
}

/** Places with a limit, sorted by how far inside (or outside) their limit the point stands; breaches first. */
export function placeDistances(input: SitingInput, places: readonly SitingPlace[], limitOf: (p: SitingPlace) => number | undefined): PlaceDistance[] {
  const out: PlaceDistance[] = [];
  for (const place of places) {
    const limitM = limitOf(place);
    if (limitM === undefined) continue;
    out.push({ place, distanceM: distanceToPlaceM(input.lon, input.lat, place.geometry), limitM });
  }
  return out.sort((a, b) => a.distanceM - a.limitM - (b.distanceM - b.limitM));
}

/** A sensitive place as a related object of a rule result. */
export function relatedPlace(p: PlaceDistance): RelatedObject {
  return { type: 'sensitive_place', id: p.place.id, kind: p.place.kind, name: p.place.name_en, name_fa: p.place.name_fa, distance_m: p.distanceM };
}
