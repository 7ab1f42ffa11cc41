/** The one place where GeoJSON's [lon, lat] meets Leaflet's [lat, lng]. */
import L from 'leaflet';

/** A `[w, s, e, n]` box in degrees, GeoJSON order. */
export type BBox = [number, number, number, number];

/** A GeoJSON position as a Leaflet LatLng. */
export function toLatLng(position: readonly number[]): L.LatLng {
  return L.latLng(position[1] ?? 0, position[0] ?? 0);
}

/** A Leaflet LatLng as a GeoJSON [lon, lat] position. */
export function toLonLat(latLng: L.LatLng): [number, number] {
  return [latLng.lng, latLng.lat];
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The map's bounds as a `[w, s, e, n]` box clamped to the world (the API rejects anything outside). */
export function boundsToBBox(bounds: L.LatLngBounds): BBox {
  return [clamp(bounds.getWest(), -180, 180), clamp(bounds.getSouth(), -90, 90), clamp(bounds.getEast(), -180, 180), clamp(bounds.getNorth(), -90, 90)];
}

/** A box as the API's `bbox=w,s,e,n` parameter (six decimals, about 0.1 m). */
export function bboxParam(b: BBox): string {
  return b.map((v) => v.toFixed(6)).join(',');
}

/** Leaflet bounds of every position of a Polygon or MultiPolygon. */
export function geometryBounds(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): L.LatLngBounds {
  const bounds = L.latLngBounds([]);
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) for (const p of ring) bounds.extend(toLatLng(p));
  return bounds;
}

/** The centre of a polygon's outer ring, by its bounds: where a district's name is written. */
export function labelPoint(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): L.LatLng {
  return geometryBounds(g).getCenter();
}

/** A list of GeoJSON positions as Leaflet LatLngs (for rings and lines). */
export function toLatLngs(positions: readonly (readonly number[])[]): L.LatLng[] {
  return positions.map(toLatLng);
}
