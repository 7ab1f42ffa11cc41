import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { checkObstacle, lowestSurfaceAt, parseAerodromes, runwayCode, type Aerodrome } from '../../shared/aviation.js';

const WGS84 = geodesic.Geodesic.WGS84;
const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../data/aviation/${name}`, import.meta.url)), 'utf8');
const aerodromes = parseAerodromes(read('airports_tehran_alborz_excerpt.csv'), read('runways_tehran_alborz_excerpt.csv'));
const byIdent = (ident: string): Aerodrome => aerodromes.find((a) => a.ident === ident)!;

const FT = 0.3048;
/** OurAirports figures for Payam (OIIP), DOMAIN.md section 6. */
const OIIP_ELEV = 4170 * FT;
const THR12 = { lat: 35.78609848022461, lon: 50.8109016418457, elev: 4164 * FT };
const THR30 = { lat: 35.76580047607422, lon: 50.842899322509766, elev: 4163 * FT };
const OIIM_ELEV = 4040 * FT;

/** Point reached from lat/lon along a geodesic: [lon, lat, azimuth there]. */
function go(lat: number, lon: number, azimuth: number, distanceM: number): { lon: number; lat: number; azi: number } {
  const r = WGS84.Direct(lat, lon, azimuth, distanceM);
  return { lon: r.lon2!, lat: r.lat2!, azi: r.azi2! };
}

/** OIIP runway: geodesic from threshold 12 to threshold 30; its midpoint and the azimuth of the line there. */
const runway = WGS84.Inverse(THR12.lat, THR12.lon, THR30.lat, THR30.lon);
const mid = go(THR12.lat, THR12.lon, runway.azi1!, runway.s12! / 2);
/** A point D metres from the runway midpoint at right angles, on the south-west side (away from Naja). */
const abeam = (distanceM: number) => go(mid.lat, mid.lon, mid.azi + 90, distanceM);
/** A point on the extended centerline beyond threshold 30, then `lateralM` to the right. */
function beyond30(alongM: number, lateralM = 0) {
  const c = go(THR30.lat, THR30.lon, runway.azi2!, alongM);
  return lateralM === 0 ? c : go(c.lat, c.lon, c.azi + 90, lateralM);
}

describe('parseAerodromes (OurAirports excerpt)', () => {
  it('reads the 7 airfields and their open runways', () => {
    expect(aerodromes.map((a) => a.ident).sort()).toEqual(['OIIA', 'OIID', 'OIIE', 'OIII', 'OIIK', 'OIIM', 'OIIP']);
    // OIIE 11R/29L is closed in the file.
    expect(byIdent('OIIE').runways.map((r) => r.ident)).toEqual(['11L/29R']);
    expect(byIdent('OIII').runways).toHaveLength(3);
  });

  it('reads Payam as an instrument code 4 runway 12/30 at 4170 ft', () => {
    const oiip = byIdent('OIIP');
    expect(oiip.name).toBe('Payam International Airport');
    expect(oiip.elevationM).toBeCloseTo(1271.016, 6);
    const rw = oiip.runways[0]!;
    expect(rw.ident).toBe('12/30');
    expect(rw.lengthM).toBeCloseTo(12005 * FT, 6);
    expect(rw.code).toBe(4);
    expect(rw.instrument).toBe(true);
    expect(rw.ends[0]).toMatchObject({ ident: '12', lat: THR12.lat, lon: THR12.lon });
    expect(rw.ends[1].elevationM).toBeCloseTo(THR30.elev, 6);
  });

  it('reads Naja (1106 m, unlit) as a non-instrument code 2 runway without end elevations', () => {
    const rw = byIdent('OIIM').runways[0]!;
    expect(rw.code).toBe(2);
    expect(rw.instrument).toBe(false);
    expect(rw.ends[0].elevationM).toBeNull();
  });

  it('handles quoted fields, doubled quotes and CRLF', () => {
    const airports = 'ident,type,name,latitude_deg,longitude_deg,elevation_ft\r\n"X1","small_airport","A ""quoted"", name",35,51,1000\r\n"X2","closed","Gone",35,51,1000\r\n';
    const runways = 'airport_ident,length_ft,lighted,closed,le_ident,le_latitude_deg,le_longitude_deg,he_ident,he_latitude_deg,he_longitude_deg\n"X1",2000,0,0,"09",35,51,"27",35,51.01\n';
    const [x] = parseAerodromes(airports, runways);
    expect(x?.name).toBe('A "quoted", name');
    expect(x?.runways[0]?.code).toBe(1);
    expect(parseAerodromes(airports, runways)).toHaveLength(1);
  });

  it('codes runways by length: 800 / 1200 / 1800 m', () => {
    expect([799, 800, 1199, 1200, 1799, 1800].map(runwayCode)).toEqual([1, 2, 2, 3, 3, 4]);
  });
});

describe('obstacle limitation surfaces at Payam (ICAO Annex 14, DOMAIN.md section 6)', () => {
  const oiip = byIdent('OIIP');

  it('inner horizontal surface: 45 m above the aerodrome within 4000 m of the strip', () => {
    const p = abeam(2500);
    const s = lowestSurfaceAt(oiip, p.lon, p.lat)!;
    expect(s.surface).toBe('inner_horizontal');
    expect(s.limit_m_amsl).toBeCloseTo(OIIP_ELEV + 45, 6);
    expect(s.strip_distance_m).toBeCloseTo(2500, 0);
  });

  it('conical surface: 45 + 5% of the distance beyond 4000 m', () => {
    const p = abeam(5000);
    const s = lowestSurfaceAt(oiip, p.lon, p.lat)!;
    expect(s.surface).toBe('conical');
    expect(s.limit_m_amsl).toBeCloseTo(OIIP_ELEV + 45 + 0.05 * 1000, 1);
    const edge = abeam(5990);
    expect(lowestSurfaceAt(oiip, edge.lon, edge.lat)!.limit_m_amsl).toBeCloseTo(OIIP_ELEV + 145 - 0.5, 1);
  });

  it('no surface beyond the conical surface (6000 m)', () => {
    const p = abeam(6100);
    expect(lowestSurfaceAt(oiip, p.lon, p.lat)).toBeNull();
    expect(checkObstacle(aerodromes, { lon: p.lon, lat: p.lat, heightM: 300 })).toBeNull();
  });

  it('approach surface 30: 2% from the inner edge 60 m beyond the threshold, above threshold elevation', () => {
    const p = beyond30(1060);
    const s = lowestSurfaceAt(oiip, p.lon, p.lat)!;
    expect(s.surface).toBe('approach');
    expect(s.runway).toBe('30');
    expect(s.limit_m_amsl).toBeCloseTo(THR30.elev + 0.02 * 1000, 1);
  });

  it('approach surface widens 15% each side: in at 365 m off the centerline 1500 m out, out at 385 m', () => {
    const inside = beyond30(1560, 365);
    const outside = beyond30(1560, 385);
    expect(lowestSurfaceAt(oiip, inside.lon, inside.lat)!).toMatchObject({ surface: 'approach' });
    expect(lowestSurfaceAt(oiip, inside.lon, inside.lat)!.limit_m_amsl).toBeCloseTo(THR30.elev + 30, 1);
    expect(lowestSurfaceAt(oiip, outside.lon, outside.lat)!).toMatchObject({ surface: 'inner_horizontal' });
  });

  it('the lowest surface governs: conical beats the 2.5% approach section 5 km out; 150 m level section at 8 km', () => {
    const five = beyond30(5060);
    expect(lowestSurfaceAt(oiip, five.lon, five.lat)!).toMatchObject({ surface: 'conical' });
    expect(lowestSurfaceAt(oiip, five.lon, five.lat)!.limit_m_amsl).toBeCloseTo(OIIP_ELEV + 45 + 0.05 * 1000, 1);
    const eight = beyond30(8060);
    expect(lowestSurfaceAt(oiip, eight.lon, eight.lat)!).toMatchObject({ surface: 'approach', runway: '30' });
    expect(lowestSurfaceAt(oiip, eight.lon, eight.lat)!.limit_m_amsl).toBeCloseTo(THR30.elev + 150, 1);
    const end = beyond30(60 + 15_100);
    expect(lowestSurfaceAt(oiip, end.lon, end.lat)).toBeNull();
  });

  it('transitional surface rises 14.3% from the strip edge (150 m from the centerline); nothing may stand in the strip', () => {
    const midElev = (THR12.elev + THR30.elev) / 2;
    const side = abeam(200);
    const s = lowestSurfaceAt(oiip, side.lon, side.lat)!;
    expect(s.surface).toBe('transitional');
    expect(s.limit_m_amsl).toBeCloseTo(midElev + 0.143 * 50, 1);
    const inStrip = abeam(100);
    expect(lowestSurfaceAt(oiip, inStrip.lon, inStrip.lat)!).toMatchObject({ surface: 'strip' });
  });

  it('a 40 m mast under the inner horizontal surface clears it, a 50 m mast penetrates (ground elevation assumed)', () => {
    const p = abeam(2500);
    const low = checkObstacle(aerodromes, { lon: p.lon, lat: p.lat, heightM: 40 })!;
    expect(low).toMatchObject({ aerodrome_ident: 'OIIP', surface: 'inner_horizontal', ground_elevation_assumed: true });
    expect(low.top_m_amsl).toBeCloseTo(OIIP_ELEV + 40, 6);
    expect(low.clearance_m).toBeCloseTo(5, 6);
    const high = checkObstacle(aerodromes, { lon: p.lon, lat: p.lat, heightM: 50 })!;
    expect(high.clearance_m).toBeCloseTo(-5, 6);
    const known = checkObstacle(aerodromes, { lon: p.lon, lat: p.lat, heightM: 50, groundElevationM: 1250 })!;
    expect(known).toMatchObject({ ground_elevation_assumed: false, ground_elevation_m: 1250 });
    expect(known.clearance_m).toBeCloseTo(OIIP_ELEV + 45 - 1300, 6);
  });
});

describe('smaller runways get smaller surfaces: Naja (OIIM), code 2 non-instrument', () => {
  const oiim = byIdent('OIIM');
  const [e13, e31] = oiim.runways[0]!.ends;
  const line = WGS84.Inverse(e13.lat, e13.lon, e31.lat, e31.lon);
  const nMid = go(e13.lat, e13.lon, line.azi1!, line.s12! / 2);
  const abeamNaja = (d: number) => go(nMid.lat, nMid.lon, nMid.azi - 90, d);

  it('inner horizontal radius 2500 m, then a conical surface rising to 55 m', () => {
    const ihs = abeamNaja(2000);
    expect(lowestSurfaceAt(oiim, ihs.lon, ihs.lat)!).toMatchObject({ surface: 'inner_horizontal' });
    expect(lowestSurfaceAt(oiim, ihs.lon, ihs.lat)!.limit_m_amsl).toBeCloseTo(OIIM_ELEV + 45, 6);
    const con = abeamNaja(3000);
    expect(lowestSurfaceAt(oiim, con.lon, con.lat)!.limit_m_amsl).toBeCloseTo(OIIM_ELEV + 45 + 0.05 * 500, 1);
    const out = abeamNaja(3700);
    expect(lowestSurfaceAt(oiim, out.lon, out.lat)).toBeNull();
  });

  it('the aerodrome with the least clearance governs: Naja’s lower surface, not Payam’s', () => {
    const p = abeamNaja(2000);
    const o = checkObstacle(aerodromes, { lon: p.lon, lat: p.lat, heightM: 30, groundElevationM: 1230 })!;
    expect(o.aerodrome_ident).toBe('OIIM');
    expect(o.clearance_m).toBeCloseTo(OIIM_ELEV + 45 - 1260, 6);
    expect(lowestSurfaceAt(byIdent('OIIP'), p.lon, p.lat)!.limit_m_amsl).toBeGreaterThan(o.limit_m_amsl);
  });
});
