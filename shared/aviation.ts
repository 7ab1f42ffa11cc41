/** ICAO Annex 14 obstacle limitation surfaces around aerodromes (DOMAIN.md section 6): the lowest
 *  surface above a point and whether a structure's top penetrates it. Aerodromes come from OurAirports rows. */
import { geodesicInverse, haversineM } from './geodesy.js';

const FT_M = 0.3048;

export interface RunwayEnd {
  ident: string;
  lon: number;
  lat: number;
  /** Elevation of the runway end, metres AMSL; null when OurAirports has none. */
  elevationM: number | null;
  /** Displaced threshold distance from the runway end, metres. */
  displacedThresholdM: number;
}

export interface Runway {
  ident: string;
  lengthM: number;
  /** ICAO aerodrome reference code number from runway length: 1 (< 800 m) … 4 (≥ 1800 m). */
  code: 1 | 2 | 3 | 4;
  /** OurAirports has no approach type: a lighted runway of code 3 or 4 is taken as a precision (CAT I) runway. */
  instrument: boolean;
  ends: [RunwayEnd, RunwayEnd];
}

export interface Aerodrome {
  ident: string;
  name: string;
  lon: number;
  lat: number;
  elevationM: number;
  runways: Runway[];
}

/** Surface dimensions of ICAO Annex 14 Vol. I Table 4-1 for one runway class. */
interface SurfaceSpec {
  innerHorizontalRadiusM: number;
  conicalHeightM: number;
  /** Approach inner edge length = runway strip width; its distance from the threshold = strip extension beyond the end. */
  innerEdgeM: number;
  edgeDistanceM: number;
  divergence: number;
  /** Approach sections outward from the inner edge; slope 0 is the horizontal section. */
  sections: readonly { lengthM: number; slope: number }[];
  transitionalSlope: number;
}

const INNER_HORIZONTAL_HEIGHT_M = 45;
const CONICAL_SLOPE = 0.05;

/** Annex 14 Table 4-1, non-instrument runways, index = code number − 1. */
const NON_INSTRUMENT: readonly SurfaceSpec[] = [
  { innerHorizontalRadiusM: 2000, conicalHeightM: 35, innerEdgeM: 60, edgeDistanceM: 30, divergence: 0.1, sections: [{ lengthM: 1600, slope: 0.05 }], transitionalSlope: 0.2 },
  { innerHorizontalRadiusM: 2500, conicalHeightM: 55, innerEdgeM: 80, edgeDistanceM: 60, divergence: 0.1, sections: [{ lengthM: 2500, slope: 0.04 }], transitionalSlope: 0.2 },
  { innerHorizontalRadiusM: 4000, conicalHeightM: 75, innerEdgeM: 150, edgeDistanceM: 60, divergence: 0.1, sections: [{ lengthM: 3000, slope: 0.0333 }], transitionalSlope: 0.143 },
  { innerHorizontalRadiusM: 4000, conicalHeightM: 100, innerEdgeM: 150, edgeDistanceM: 60, divergence: 0.1, sections: [{ lengthM: 3000, slope: 0.025 }], transitionalSlope: 0.143 },
];

/** Annex 14 Table 4-1, precision approach category I, code 3 and 4. */
const PRECISION_CODE_3_4: SurfaceSpec = {
  innerHorizontalRadiusM: 4000,
  conicalHeightM: 100,
  innerEdgeM: 300,
  edgeDistanceM: 60,
  divergence: 0.15,
  sections: [
    { lengthM: 3000, slope: 0.02 },
    { lengthM: 3600, slope: 0.025 },
    { lengthM: 8400, slope: 0 },
  ],
  transitionalSlope: 0.143,
};

function specOf(runway: Runway): SurfaceSpec {
  return runway.instrument ? PRECISION_CODE_3_4 : NON_INSTRUMENT[runway.code - 1]!;
}

/** ICAO code number by runway length (DOMAIN.md section 6). */
export function runwayCode(lengthM: number): 1 | 2 | 3 | 4 {
  return lengthM < 800 ? 1 : lengthM < 1200 ? 2 : lengthM < 1800 ? 3 : 4;
}

/** Rows of a CSV text as string arrays (RFC 4180 quoting, CRLF or LF; blank lines dropped). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') endRow();
    else if (ch !== '\r') field += ch;
  }
  endRow();
  return rows;
}

/** Rows as objects keyed by the header line. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const num = (s: string | undefined): number | null => (s === undefined || s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));

/** Aerodromes with their open runways from OurAirports airports.csv and runways.csv texts. Runways without end
 *  coordinates, closed runways, and heliports or closed airports are skipped; so is an aerodrome without elevation. */
export function parseAerodromes(airportsCsv: string, runwaysCsv: string): Aerodrome[] {
  const runwaysByAirport = new Map<string, Runway[]>();
  for (const r of records(runwaysCsv)) {
    if (r.closed === '1') continue;
    const end = (p: 'le' | 'he'): RunwayEnd | null => {
      const lon = num(r[`${p}_longitude_deg`]);
      const lat = num(r[`${p}_latitude_deg`]);
      if (lon === null || lat === null) return null;
      const elevFt = num(r[`${p}_elevation_ft`]);
      return { ident: r[`${p}_ident`] ?? '', lon, lat, elevationM: elevFt === null ? null : elevFt * FT_M, displacedThresholdM: (num(r[`${p}_displaced_threshold_ft`]) ?? 0) * FT_M };
    };
    const le = end('le');
    const he = end('he');
    if (!le || !he) continue;
    const lengthM = (num(r.length_ft) ?? 0) * FT_M || geodesicInverse(le.lon, le.lat, he.lon, he.lat).distanceM;
    const code = runwayCode(lengthM);
    const runway: Runway = { ident: `${le.ident}/${he.ident}`, lengthM, code, instrument: r.lighted === '1' && code >= 3, ends: [le, he] };
    const key = r.airport_ident ?? '';
    runwaysByAirport.set(key, [...(runwaysByAirport.get(key) ?? []), runway]);
  }
  const aerodromes: Aerodrome[] = [];
  for (const a of records(airportsCsv)) {
    if (a.type === 'closed' || a.type === 'heliport' || a.type === 'balloonport') continue;
    const lon = num(a.longitude_deg);
    const lat = num(a.latitude_deg);
    const elevFt = num(a.elevation_ft);
    if (lon === null || lat === null || elevFt === null) continue;
    const ident = a.ident ?? '';
    aerodromes.push({ ident, name: a.name ?? ident, lon, lat, elevationM: elevFt * FT_M, runways: runwaysByAirport.get(ident) ?? [] });
  }
  return aerodromes;
}

export type SurfaceName = 'inner_horizontal' | 'conical' | 'approach' | 'transitional' | 'strip';

export interface SurfaceLimit {
  aerodrome_ident: string;
  aerodrome_name: string;
  surface: SurfaceName;
  /** Runway ('12/30'), or runway end for an approach surface ('30'). */
  runway: string;
  limit_m_amsl: number;
  /** Horizontal distance from the runway strip, metres. */
  strip_distance_m: number;
}

/** Beyond this distance from its reference point an aerodrome's surfaces cannot reach (longest runway + 15 km approach + width). */
const REACH_M = 30_000;

/** The lowest obstacle limitation surface of one aerodrome above [lon, lat], or null outside all of them. Runway geometry
 *  is taken on an azimuthal equidistant plane centred on the point (geodesic distances from it are exact). */
export function lowestSurfaceAt(aerodrome: Aerodrome, lon: number, lat: number): SurfaceLimit | null {
  if (haversineM(lon, lat, aerodrome.lon, aerodrome.lat) > REACH_M) return null;
  let best: SurfaceLimit | null = null;
  const offer = (surface: SurfaceName, runway: string, heightM: number, baseM: number, stripM: number) => {
    const limit = baseM + heightM;
    if (!best || limit < best.limit_m_amsl) {
      best = { aerodrome_ident: aerodrome.ident, aerodrome_name: aerodrome.name, surface, runway, limit_m_amsl: limit, strip_distance_m: stripM };
    }
  };
  for (const rw of aerodrome.runways) {
    const spec = specOf(rw);
    const [le, he] = rw.ends;
    const a = geodesicInverse(lon, lat, le.lon, le.lat);
    const b = geodesicInverse(lon, lat, he.lon, he.lat);
    const ax = a.distanceM * Math.sin((a.azimuth1Deg * Math.PI) / 180);
    const ay = a.distanceM * Math.cos((a.azimuth1Deg * Math.PI) / 180);
    const bx = b.distanceM * Math.sin((b.azimuth1Deg * Math.PI) / 180);
    const by = b.distanceM * Math.cos((b.azimuth1Deg * Math.PI) / 180);
    const lengthM = Math.hypot(bx - ax, by - ay);
    if (lengthM === 0) continue;
    const ux = (bx - ax) / lengthM;
    const uy = (by - ay) / lengthM;
    // The point is the origin: along-track position from le and signed cross-track offset.
    const along = -ax * ux - ay * uy;
    const cross = Math.abs(-ax * uy + ay * ux);
    const ext = spec.edgeDistanceM;
    const beyond = along < -ext ? -ext - along : along > lengthM + ext ? along - lengthM - ext : 0;
    const stripM = Math.hypot(beyond, cross);
    const elevLe = le.elevationM ?? aerodrome.elevationM;
    const elevHe = he.elevationM ?? aerodrome.elevationM;

    if (stripM <= spec.innerHorizontalRadiusM) offer('inner_horizontal', rw.ident, INNER_HORIZONTAL_HEIGHT_M, aerodrome.elevationM, stripM);
    else if (stripM <= spec.innerHorizontalRadiusM + spec.conicalHeightM / CONICAL_SLOPE) {
      offer('conical', rw.ident, INNER_HORIZONTAL_HEIGHT_M + CONICAL_SLOPE * (stripM - spec.innerHorizontalRadiusM), aerodrome.elevationM, stripM);
    }
    if (beyond === 0) {
      // Transitional surface from the strip's edge up to the inner horizontal surface (Annex 14 4.1.20–4.1.21);
      // inside the strip nothing may stand.
      const centreElev = elevLe + (elevHe - elevLe) * Math.min(1, Math.max(0, along / lengthM));
      const lateral = cross - spec.innerEdgeM / 2;
      const heightM = spec.transitionalSlope * lateral;
      if (lateral <= 0) offer('strip', rw.ident, 0, centreElev, stripM);
      else if (centreElev + heightM <= aerodrome.elevationM + INNER_HORIZONTAL_HEIGHT_M) offer('transitional', rw.ident, heightM, centreElev, stripM);
    }
    for (const [end, sign, threshold, elev] of [
      [le, -1, le.displacedThresholdM, elevLe],
      [he, 1, lengthM - he.displacedThresholdM, elevHe],
    ] as const) {
      // Inner edge centre, measured along the runway from le; the surface runs outward (sign) from it.
      const s = sign * (along - (threshold + sign * spec.edgeDistanceM));
      if (s < 0 || cross > spec.innerEdgeM / 2 + spec.divergence * s) continue;
      const h = approachHeightM(spec, s);
      if (h !== null) offer('approach', end.ident, h, elev, stripM);
    }
  }
  return best;
}

/** Height of the approach surface above threshold elevation at distance s outward from its inner edge, or null beyond it. */
function approachHeightM(spec: SurfaceSpec, s: number): number | null {
  let h = 0;
  let rest = s;
  for (const section of spec.sections) {
    if (rest <= section.lengthM) return h + section.slope * rest;
    h += section.slope * section.lengthM;
    rest -= section.lengthM;
  }
  return null;
}

export interface ObstacleCheck extends SurfaceLimit {
  top_m_amsl: number;
  /** limit − top; negative when the structure penetrates the surface. */
  clearance_m: number;
  ground_elevation_m: number;
  /** True when the ground elevation was unknown and the aerodrome's elevation was assumed. */
  ground_elevation_assumed: boolean;
}

/** The governing surface for a structure (least clearance over all aerodromes), or null when no surface lies above it. */
export function checkObstacle(
  aerodromes: readonly Aerodrome[],
  structure: { lon: number; lat: number; heightM: number; groundElevationM?: number | null },
): ObstacleCheck | null {
  let worst: ObstacleCheck | null = null;
  for (const aerodrome of aerodromes) {
    const surface = lowestSurfaceAt(aerodrome, structure.lon, structure.lat);
    if (!surface) continue;
    const assumed = structure.groundElevationM === undefined || structure.groundElevationM === null;
    const ground = assumed ? aerodrome.elevationM : (structure.groundElevationM as number);
    const top = ground + structure.heightM;
    const check: ObstacleCheck = { ...surface, top_m_amsl: top, clearance_m: surface.limit_m_amsl - top, ground_elevation_m: ground, ground_elevation_assumed: assumed };
    if (!worst || check.clearance_m < worst.clearance_m) worst = check;
  }
  return worst;
}
