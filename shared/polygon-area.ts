/** Area of a district or zone on the WGS84 ellipsoid, for structures per km² (DOMAIN.md section 7): the shoelace
 *  formula in EPSG:6933 equal-area metres (shared/density.ts projectEqualArea), where planar area is ellipsoidal area. */
import { projectEqualArea } from './density.js';

function ringAreaM2(ring: readonly (readonly number[])[]): number {
  let twice = 0;
  let prev: [number, number] | null = null;
  let first: [number, number] | null = null;
  for (const p of ring) {
    const xy = projectEqualArea(p[0]!, p[1]!);
    if (prev) twice += prev[0] * xy[1] - xy[0] * prev[1];
    else first = xy;
    prev = xy;
  }
  // Close the ring when the last position does not repeat the first.
  if (prev && first) twice += prev[0] * first[1] - first[0] * prev[1];
  return Math.abs(twice) / 2;
}

/** Area in km² of a Polygon or MultiPolygon (outer rings minus holes). Edges are taken straight in the equal-area
 *  plane, not along geodesics: for district-sized polygons with vertices every few hundred metres the two differ by
 *  far less than the vertices' own uncertainty. */
export function polygonAreaKm2(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let m2 = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      m2 += (i === 0 ? 1 : -1) * ringAreaM2(ring);
    });
  }
  return m2 / 1e6;
}
