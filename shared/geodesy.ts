/** Distances, bearings and boundary distances on the sphere (turf-compatible) and on the WGS84
 *  ellipsoid (for legal buffer verdicts, DOMAIN.md section 9). Coordinates are [lon, lat] degrees. */

/** Mean earth radius used by turf.distance (IUGG R1), metres. */
export const EARTH_RADIUS_M = 6371008.8;
/** WGS84 semi-major axis (m) and flattening (NIMA TR8350.2). */
export const WGS84_A_M = 6378137;
export const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** Wraps an angle in degrees into [-180, 180). */
export function wrap180(deg: number): number {
  return ((((deg + 180) % 360) + 360) % 360) - 180;
}

/** Great-circle distance in metres by the haversine formula, R = 6371008.8 m (same as turf.distance). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const sinDLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sinDLon = Math.sin(((lon2 - lon1) * RAD) / 2);
  const a = sinDLat * sinDLat + sinDLon * sinDLon * Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD);
  return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

/** Initial great-circle bearing in degrees, (-180, 180], from the first point to the second (same as turf.bearing). */
export function bearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const phi1 = lat1 * RAD;
  const phi2 = lat2 * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const y = Math.sin(dLon) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLon);
  return Math.atan2(y, x) * DEG;
}

/** Point reached from [lon, lat] along a great circle of distanceM at the given bearing (same as turf.destination). */
export function destination(lon: number, lat: number, distanceM: number, bearing: number): [number, number] {
  const delta = distanceM / EARTH_RADIUS_M;
  const theta = bearing * RAD;
  const phi1 = lat * RAD;
  const phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta));
  const lambda2 =
    lon * RAD +
    Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
  return [wrap180(lambda2 * DEG), phi2 * DEG];
}

export interface GeodesicInverse {
  distanceM: number;
  /** Forward azimuth at the first point, degrees clockwise from north. */
  azimuth1Deg: number;
  /** Forward azimuth at the second point. */
  azimuth2Deg: number;
}

/** Geodesic distance and azimuths on the WGS84 ellipsoid by Vincenty's inverse method
 *  (Vincenty 1975, Survey Review 23(176), eqs. 13–21); sub-millimetre, throws for nearly antipodal points. */
export function geodesicInverse(lon1: number, lat1: number, lon2: number, lat2: number): GeodesicInverse {
  const f = WGS84_F;
  const b = WGS84_A_M * (1 - f);
  const L = wrap180(lon2 - lon1) * RAD;
  const tanU1 = (1 - f) * Math.tan(lat1 * RAD);
  const cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
  const sinU1 = tanU1 * cosU1;
  const tanU2 = (1 - f) * Math.tan(lat2 * RAD);
  const cosU2 = 1 / Math.sqrt(1 + tanU2 * tanU2);
  const sinU2 = tanU2 * cosU2;

  let lambda = L;
  let sinLambda = 0;
  let cosLambda = 1;
  let sinSigma = 0;
  let cosSigma = 1;
  let sigma = 0;
  let cosSqAlpha = 1;
  let cos2SigmaM = 0;
  let converged = false;
  for (let iter = 0; iter < 200; iter++) {
    sinLambda = Math.sin(lambda);
    cosLambda = Math.cos(lambda);
    const t1 = cosU2 * sinLambda;
    const t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
    sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
    if (sinSigma === 0) return { distanceM: 0, azimuth1Deg: 0, azimuth2Deg: 0 };
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cosSqAlpha = 1 - sinAlpha * sinAlpha;
    // On the equator cosSqAlpha = 0 and cos2SigmaM is undefined; its coefficient C is 0 there (eq. 10).
    cos2SigmaM = cosSqAlpha !== 0 ? cosSigma - (2 * sinU1 * sinU2) / cosSqAlpha : 0;
    const C = (f / 16) * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
    const prev = lambda;
    lambda =
      L +
      (1 - C) *
        f *
        sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - prev) <= 1e-12) {
      converged = true;
      break;
    }
  }
  if (!converged) throw new RangeError('geodesicInverse: no convergence (nearly antipodal points)');

  const uSq = (cosSqAlpha * (WGS84_A_M * WGS84_A_M - b * b)) / (b * b);
  const A = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const B = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  const c2 = cos2SigmaM * cos2SigmaM;
  const deltaSigma =
    B *
    sinSigma *
    (cos2SigmaM +
      (B / 4) *
        (cosSigma * (-1 + 2 * c2) - (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * c2)));
  return {
    distanceM: b * A * (sigma - deltaSigma),
    azimuth1Deg: Math.atan2(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) * DEG,
    azimuth2Deg: Math.atan2(cosU1 * sinLambda, -sinU1 * cosU2 + cosU1 * sinU2 * cosLambda) * DEG,
  };
}

/** Geodesic distance in metres on the WGS84 ellipsoid: the distance buffer verdicts are judged by. */
export function ellipsoidalDistanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return geodesicInverse(lon1, lat1, lon2, lat2).distanceM;
}

/** Metres per degree of longitude and latitude at a latitude on WGS84 (radii of curvature N and M). */
export function metresPerDegree(lat: number): { lonM: number; latM: number } {
  const s = Math.sin(lat * RAD);
  const w = 1 - WGS84_E2 * s * s;
  const n = WGS84_A_M / Math.sqrt(w);
  const m = (WGS84_A_M * (1 - WGS84_E2)) / (w * Math.sqrt(w));
  return { lonM: n * Math.cos(lat * RAD) * RAD, latM: m * RAD };
}

type Ring = readonly (readonly number[])[];
export type AreaGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;
export type PlaceGeometry = GeoJSON.Point | AreaGeometry;

function polygonsOf(geometry: AreaGeometry): readonly (readonly Ring[])[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Whether [lon, lat] lies inside a Polygon or MultiPolygon (even-odd ray casting, holes excluded). */
export function pointInPolygon(lon: number, lat: number, geometry: AreaGeometry): boolean {
  for (const rings of polygonsOf(geometry)) {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i]!;
        const b = ring[j]!;
        const ax = a[0]!, ay = a[1]!, bx = b[0]!, by = b[1]!;
        if (ay > lat !== by > lat && lon < ((bx - ax) * (lat - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
    if (inside) return true;
  }
  return false;
}

export interface NearestPoint {
  lon: number;
  lat: number;
  /** Ellipsoidal distance from the query point, metres. */
  distanceM: number;
}

/** Distance from [lon, lat] to the segment a–b: the foot is found on a local plane scaled by the
 *  ellipsoid's radii of curvature at the point (accurate well under 10 km), the distance to it is ellipsoidal. */
export function nearestPointOnSegment(lon: number, lat: number, a: readonly number[], b: readonly number[]): NearestPoint {
  const { lonM, latM } = metresPerDegree(lat);
  const t = segmentFoot(lonM, latM, lon, lat, a[0]!, a[1]!, b[0]!, b[1]!);
  const fLon = a[0]! + t * (b[0]! - a[0]!);
  const fLat = a[1]! + t * (b[1]! - a[1]!);
  return { lon: fLon, lat: fLat, distanceM: ellipsoidalDistanceM(lon, lat, fLon, fLat) };
}

/** Parameter t in [0, 1] of the foot of the perpendicular from the point to a–b on the local plane. */
function segmentFoot(kx: number, ky: number, lon: number, lat: number, ax: number, ay: number, bx: number, by: number): number {
  const px = (lon - ax) * kx;
  const py = (lat - ay) * ky;
  const dx = (bx - ax) * kx;
  const dy = (by - ay) * ky;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return 0;
  return Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
}

/** Nearest point on the boundary (outer rings and holes) of a Polygon or MultiPolygon, with its ellipsoidal distance. */
export function nearestBoundaryPoint(lon: number, lat: number, geometry: AreaGeometry): NearestPoint {
  const { lonM: kx, latM: ky } = metresPerDegree(lat);
  let best = Infinity;
  let bestLon = NaN;
  let bestLat = NaN;
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1]!;
        const b = ring[i]!;
        const ax = a[0]!, ay = a[1]!, bx = b[0]!, by = b[1]!;
        const t = segmentFoot(kx, ky, lon, lat, ax, ay, bx, by);
        const fx = ax + t * (bx - ax);
        const fy = ay + t * (by - ay);
        const ex = (fx - lon) * kx;
        const ey = (fy - lat) * ky;
        const d2 = ex * ex + ey * ey;
        if (d2 < best) {
          best = d2;
          bestLon = fx;
          bestLat = fy;
        }
      }
    }
  }
  if (best === Infinity) throw new RangeError('nearestBoundaryPoint: geometry has no segments');
  return { lon: bestLon, lat: bestLat, distanceM: ellipsoidalDistanceM(lon, lat, bestLon, bestLat) };
}

/** The last distance asked of each place geometry: a siting check asks the same place from the same point four
 *  times (gathering, sensitive_buffer, fall_zone, exposure_sensitive). A pure function's memo; geometries are
 *  treated as immutable, as everywhere here. */
const lastDistance = new WeakMap<object, { lon: number; lat: number; d: number }>();

/** Ellipsoidal distance in metres from [lon, lat] to a place: to a Point, or to an area's boundary (0 inside it). */
export function distanceToPlaceM(lon: number, lat: number, geometry: PlaceGeometry): number {
  const last = lastDistance.get(geometry);
  if (last && last.lon === lon && last.lat === lat) return last.d;
  let d: number;
  if (geometry.type === 'Point') d = ellipsoidalDistanceM(lon, lat, geometry.coordinates[0]!, geometry.coordinates[1]!);
  else d = pointInPolygon(lon, lat, geometry) ? 0 : nearestBoundaryPoint(lon, lat, geometry).distanceM;
  lastDistance.set(geometry, { lon, lat, d });
  return d;
}
