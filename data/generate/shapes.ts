/** Small planar shapes for synthetic data: rectangles and offsets in metres around a lon/lat, and a
 *  flat-array point-in-polygon for hot sampling loops. Over a few hundred metres the local
 *  equirectangular approximation errs far less than the synthetic data is precise. */

/** Metres per degree of latitude on the sphere turf uses (R = 6371008.8 m). */
export const M_PER_DEG_LAT = (Math.PI * 6371008.8) / 180;

/** Rounds a coordinate to 6 decimals (about 0.1 m), the precision the generators emit. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The point eastM / northM metres from [lon, lat], as [lon, lat]. */
export function offsetM(lon: number, lat: number, eastM: number, northM: number): [number, number] {
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  return [lon + eastM / mPerDegLon, lat + northM / M_PER_DEG_LAT];
}

/** A closed, counter-clockwise rectangle widthM × heightM centred on [lon, lat], rotated clockwise
 *  by rotationDeg (0 = sides along east and north), as a GeoJSON Polygon. */
export function rectanglePolygon(
  lon: number,
  lat: number,
  widthM: number,
  heightM: number,
  rotationDeg: number,
): GeoJSON.Polygon {
  const a = (rotationDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const hw = widthM / 2;
  const hh = heightM / 2;
  const corners: [number, number][] = [
    [-hw, -hh],
    [hw, -hh],
    [hw, hh],
    [-hw, hh],
  ];
  const ring = corners.map(([x, y]) => {
    // Clockwise rotation on the map (bearing sense): east' = x cos + y sin, north' = -x sin + y cos.
    const [lo, la] = offsetM(lon, lat, x * cos + y * sin, -x * sin + y * cos);
    return [round6(lo), round6(la)];
  });
  const first = ring[0];
  if (first) ring.push([...first]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** A closed polygon approximating a circle of radiusM around [lon, lat] (steps vertices). */
export function circlePolygon(lon: number, lat: number, radiusM: number, steps = 48): GeoJSON.Polygon {
  const ring: number[][] = [];
  for (let i = 0; i < steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    const [lo, la] = offsetM(lon, lat, radiusM * Math.cos(a), radiusM * Math.sin(a));
    ring.push([round6(lo), round6(la)]);
  }
  const first = ring[0];
  if (first) ring.push([...first]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** A polygon ring flattened to [lon0, lat0, lon1, lat1, …] for point-in-polygon without allocation. */
export function flattenRing(ring: readonly (readonly number[])[]): Float64Array {
  const flat = new Float64Array(ring.length * 2);
  ring.forEach((p, i) => {
    flat[2 * i] = p[0] ?? NaN;
    flat[2 * i + 1] = p[1] ?? NaN;
  });
  return flat;
}

/** Even–odd ray casting against a flattened ring (closed or not); boundary points may go either way. */
export function pointInRing(lon: number, lat: number, flat: Float64Array): boolean {
  const n = flat.length / 2;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = flat[2 * i]!;
    const yi = flat[2 * i + 1]!;
    const xj = flat[2 * j]!;
    const yj = flat[2 * j + 1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
