/** Test points for siting checks, placed with GeographicLib (an independent geodesic) next to demo places. */
import geodesic from 'geographiclib-geodesic';

const WGS84 = geodesic.Geodesic.WGS84;

export interface PlaceFeature {
  type: 'Feature';
  id: number;
  geometry: GeoJSON.Point | GeoJSON.Polygon;
  properties: { id: number; kind: string; name_en: string };
}

/** The place's northernmost point: the point itself, or the northernmost vertex of its outer ring. */
export function northernmost(place: PlaceFeature): [number, number] {
  const g = place.geometry;
  if (g.type === 'Point') return g.coordinates as [number, number];
  let best: [number, number] = [0, -90];
  for (const [lon = 0, lat = -90] of g.coordinates[0] ?? []) if (lat > best[1]) best = [lon, lat];
  return best;
}

/** A point `distanceM` due north of the place's northernmost point (geodesic Direct). Every boundary point lies
 *  south of that vertex, so the vertex is the nearest and the point's distance to the place is exactly distanceM. */
export function northOf(place: PlaceFeature, distanceM: number): { lon: number; lat: number; anchor: [number, number] } {
  const anchor = northernmost(place);
  const r = WGS84.Direct(anchor[1], anchor[0], 0, distanceM);
  return { lon: r.lon2!, lat: r.lat2!, anchor };
}

/** Geodesic distance in metres between two [lon, lat] points. */
export function geodesicM(a: readonly [number, number], b: readonly [number, number]): number {
  return WGS84.Inverse(a[1], a[0], b[1], b[0]).s12!;
}

/** The first place of a kind whose every other place lies at least clearanceM from it (by representative points). */
export function isolatedPlace(places: PlaceFeature[], kind: string, clearanceM: number): PlaceFeature {
  const found = places.find(
    (p) => p.properties.kind === kind && places.every((q) => q.id === p.id || geodesicM(northernmost(p), northernmost(q)) >= clearanceM),
  );
  if (!found) throw new Error(`no ${kind} with ${clearanceM} m clear around it`);
  return found;
}
