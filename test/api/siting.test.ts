/** The siting check over HTTP on the demo registry: rules breached next to a school, in a no-build zone, under
 *  Payam airport's surfaces; the browser's pre-check (shared checkSiting on public answers) agreeing with the
 *  server; structure density per equal-area cell. Points are placed with GeographicLib, an independent geodesic. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAerodromes } from '../../shared/aviation.js';
import { narrowSitingContext, sitingRadii } from '../../shared/siting-context.js';
import { checkSiting, exposureReachM, RULE_NAMES, type SitingContext, type SitingInput, type SitingPlace, type SitingResult, type SitingSite } from '../../shared/siting.js';
import { distanceToPlaceM } from '../../shared/geodesy.js';
import { call, errorOf, login, startServer, type TestServer } from '../support/server.js';
import { geodesicM, isolatedPlace, northernmost, northOf, type PlaceFeature } from '../support/siting.js';
import geodesic from 'geographiclib-geodesic';

const WGS84 = geodesic.Geodesic.WGS84;
const data = (p: string) => readFileSync(fileURLToPath(new URL(`../../data/aviation/${p}`, import.meta.url)), 'utf8');
const aerodromes = parseAerodromes(data('airports_tehran_alborz_excerpt.csv'), data('runways_tehran_alborz_excerpt.csv'));

let t: TestServer;
let places: PlaceFeature[];
beforeAll(async () => {
  t = await startServer('demo');
  places = (await call(t.url, 'GET', '/api/sensitive-places')).body.features;
});
afterAll(() => t.close());

const check = async (input: SitingInput) => {
  const r = await call<SitingResult>(t.url, 'POST', '/api/siting/check', { body: input });
  expect(r.status, r.text).toBe(200);
  return r.body;
};
const ruleOf = (res: SitingResult, name: string) => res.rules.find((r) => r.rule === name)!;
const sector = { frequency_mhz: 1800, eirp_w: 2000, azimuth_deg: 90, tilt_deg: 6, height_m: 28 };

/** A point 2 km south-west of Payam's runway midpoint, square to the runway (OurAirports thresholds, DOMAIN.md section 6). */
function besidePayam(): { lon: number; lat: number } {
  const axis = WGS84.Inverse(35.786098, 50.810902, 35.7658, 50.842899);
  const mid = WGS84.Direct(35.786098, 50.810902, axis.azi1!, axis.s12! / 2);
  const p = WGS84.Direct(mid.lat2!, mid.lon2!, axis.azi1! + 90, 2000);
  return { lon: p.lon2!, lat: p.lat2! };
}

describe('POST /api/siting/check', () => {
  it('fails sensitive_buffer 50 m from a school with the measured distance, every rule answered in order', async () => {
    const school = isolatedPlace(places, 'school', 600);
    const at = northOf(school, 50);
    const res = await check({ lon: at.lon, lat: at.lat, height_m: 25, structure_type: 'rooftop', operator_id: 'mci' });
    expect(res.rules.map((r) => r.rule)).toEqual([...RULE_NAMES]);
    expect(res.policy_version).toBe(1);
    const rule = ruleOf(res, 'sensitive_buffer');
    expect(rule).toMatchObject({ status: 'fail', limit: 100, unit: 'm' });
    expect(rule.measured).toBeCloseTo(geodesicM([at.lon, at.lat], at.anchor), 3);
    expect(rule.measured).toBeCloseTo(50, 3);
    expect(rule.related[0]).toMatchObject({ type: 'sensitive_place', id: school.id, kind: 'school' });
    expect(rule.message.en).toContain('50 m');
    expect(rule.message.fa).toContain('۵۰');
    expect(res.verdict).toBe('fail');
  });

  it('passes sensitive_buffer far from every sensitive place', async () => {
    const far = { lon: 51.05, lat: 35.95 };
    const nearest = Math.min(...places.map((p) => geodesicM([far.lon, far.lat], turf.centroid(p).geometry.coordinates as [number, number])));
    expect(nearest).toBeGreaterThan(3000);
    const res = await check({ ...far, height_m: 30, structure_type: 'monopole' });
    expect(ruleOf(res, 'sensitive_buffer').status).toBe('pass');
    expect(ruleOf(res, 'fall_zone').status).toBe('pass');
  });

  it('fails zone inside a demo no-build zone and names it', async () => {
    const zone = (await call(t.url, 'GET', '/api/zones?kind=no_build')).body.features[0];
    const [lon, lat] = turf.pointOnFeature(zone).geometry.coordinates as [number, number];
    const res = await check({ lon, lat, height_m: 20, structure_type: 'stealth' });
    const rule = ruleOf(res, 'zone');
    expect(rule.status).toBe('fail');
    expect(rule.related.map((r) => r.id)).toContain(zone.id);
    expect(res.verdict).toBe('fail');
  });

  it("fails aviation for a 100 m mast beside Payam's runway, under the inner horizontal surface (45 m above 4170 ft)", async () => {
    const at = besidePayam();
    const res = await check({ ...at, height_m: 100, structure_type: 'lattice' });
    const rule = ruleOf(res, 'aviation');
    const elevationM = 4170 * 0.3048;
    expect(rule).toMatchObject({ status: 'fail', unit: 'm AMSL' });
    expect(rule.measured).toBeCloseTo(elevationM + 100, 6);
    expect(rule.limit).toBeCloseTo(elevationM + 45, 6);
    expect(rule.related[0]).toMatchObject({ type: 'aerodrome', id: 'OIIP', surface: 'inner_horizontal' });
    const low = await check({ ...at, height_m: 30, structure_type: 'lattice', ground_elevation_m: elevationM });
    expect(ruleOf(low, 'aviation').status).toBe('pass');
  });

  it('refuses bad input with 400 naming the fields, and an unknown site_id', async () => {
    const missing = await call(t.url, 'POST', '/api/siting/check', { body: { lat: 35.83, lon: 50.99, structure_type: 'tower' } });
    expect(missing.status).toBe(400);
    expect(Object.keys(errorOf(missing).fields)).toEqual(expect.arrayContaining(['body.height_m', 'body.structure_type']));
    const unknown = await call(t.url, 'POST', '/api/siting/check', { body: { lat: 35.83, lon: 50.99, height_m: 20, structure_type: 'rooftop', site_id: 999999 } });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).fields).toHaveProperty(['body.site_id']);
  });
});

/** Same verdict and version; per rule the same status, limit, unit, related objects and measured value within 1e-6. */
function expectSameResult(browser: SitingResult, server: SitingResult) {
  expect(browser.verdict).toBe(server.verdict);
  expect(browser.policy_version).toBe(server.policy_version);
  expect(browser.rules.map((r) => r.rule)).toEqual(server.rules.map((r) => r.rule));
  browser.rules.forEach((b, i) => {
    const s = server.rules[i]!;
    expect([b.rule, b.status, b.limit, b.unit]).toEqual([s.rule, s.status, s.limit, s.unit]);
    if (s.measured === null) expect(b.measured).toBeNull();
    else expect(Math.abs(b.measured! - s.measured), `${s.rule} measured`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(s.measured)));
    expect(b.related.map((x) => x.id)).toEqual(s.related.map((x) => x.id));
    expect(b.message).toEqual(s.message);
  });
}

describe('the siting check follows the registry', () => {
  it("adds exactly a new structure's antennas to the exposure at a place near it, and drops them once it is decommissioned", async () => {
    const planner = await login(t.url, 'planner');
    const kinds = ['clinic', 'kindergarten', 'elderly_care'];
    const place = places.find((p) => p.geometry.type === 'Point' && kinds.includes(p.properties.kind) && places.every((q) => q.id === p.id || geodesicM(northernmost(p), northernmost(q)) >= 600))!;
    expect(place).toBeDefined();
    const [lon, lat] = place.geometry.coordinates as [number, number];
    const from = northOf(place, 300);
    const input: SitingInput = { lon: from.lon, lat: from.lat, height_m: 25, structure_type: 'rooftop', operator_id: 'mci' };
    const terAt = async () => {
      const related = ruleOf(await check(input), 'exposure_sensitive').related.find((r) => r.id === place.id);
      expect(related, 'the place is among those listed').toBeDefined();
      return related!.total_exposure_ratio!;
    };
    const before = await terAt();
    const pos = WGS84.Direct(lat, lon, 90, 150);
    const antenna = { frequency_mhz: 1800, eirp_w: 3000, azimuth_deg: 270, tilt_deg: 4, height_m: 28 };
    const body = { code: 'EXPO-FOLLOW', lon: pos.lon2, lat: pos.lat2, structure_type: 'monopole', height_m: 30, owner_operator_id: 'irancell', antennas: [{ ...antenna, operator_id: 'irancell', technology: 'LTE' }] };
    const created = await call(t.url, 'POST', '/api/sites', { session: planner, body });
    expect(created.status, created.text).toBe(201);
    const own = await call(t.url, 'POST', '/api/exposure', { body: { point: { lon, lat, height_m: 1.5 }, antennas: [{ ...antenna, lon: pos.lon2, lat: pos.lat2 }] } });
    expect(own.status).toBe(200);
    const added = own.body.total_exposure_ratio as number;
    expect(added).toBeGreaterThan(before / 10);
    expect(Math.abs((await terAt()) - (before + added))).toBeLessThanOrEqual(1e-9 * (before + added));
    const gone = await call(t.url, 'PATCH', `/api/sites/${created.body.id}`, { session: planner, body: { status: 'decommissioned' } });
    expect(gone.status).toBe(200);
    expect(Math.abs((await terAt()) - before)).toBeLessThanOrEqual(1e-12 * before);
  });
});

describe("the browser's live pre-check agrees with the server", () => {
  const inputs = (): SitingInput[] => {
    const school = isolatedPlace(places, 'school', 600);
    const nearSchool = northOf(school, 50);
    return [
      { lon: nearSchool.lon, lat: nearSchool.lat, height_m: 25, structure_type: 'monopole', operator_id: 'irancell', antennas: [sector] },
      { lon: 50.9915, lat: 35.8355, height_m: 30, structure_type: 'rooftop', operator_id: 'mci', antennas: [sector, { ...sector, azimuth_deg: 210 }] },
      { lon: 50.965, lat: 35.842, height_m: 18, structure_type: 'stealth' },
      { ...besidePayam(), height_m: 100, structure_type: 'lattice' },
      { lon: 51.05, lat: 35.95, height_m: 30, structure_type: 'monopole' },
    ];
  };

  it('with GET /api/siting/context at the point (sent gzipped)', async () => {
    for (const input of inputs()) {
      const r = await call(t.url, 'GET', `/api/siting/context?lat=${input.lat}&lon=${input.lon}&height_m=${input.height_m}`, { headers: { 'accept-encoding': 'gzip' } });
      if (r.text.length > 8192) expect(r.headers.get('content-encoding')).toBe('gzip');
      const ctx = r.body as SitingContext;
      expectSameResult(checkSiting(input, narrowSitingContext(ctx, input)), await check(input));
    }
  });

  it('with one context fetched 300 m away (margin 500 m, tallest 650 m), as while dragging the pin', async () => {
    for (const input of inputs()) {
      const from = WGS84.Direct(input.lat, input.lon, 135, 300);
      const ctx = (await call(t.url, 'GET', `/api/siting/context?lat=${from.lat2}&lon=${from.lon2}&margin_m=500`)).body as SitingContext;
      expectSameResult(checkSiting(input, narrowSitingContext(ctx, input)), await check(input));
    }
  });

  it('with a context assembled from the public endpoints: sites near, places and zones by bbox, site antennas, policy', async () => {
    for (const input of inputs().slice(0, 2)) {
      const { policy, version } = (await call(t.url, 'GET', '/api/policy')).body;
      const radii = sitingRadii(policy, input);
      const near = async (radiusM: number) =>
        (await call(t.url, 'GET', `/api/sites/near?lat=${input.lat}&lon=${input.lon}&radius_m=${radiusM}&limit=5000`)).body.features as Array<{
          id: number; geometry: { coordinates: [number, number] }; properties: Omit<SitingSite, 'id' | 'lon' | 'lat'>;
        }>;
      const sites: SitingSite[] = (await near(radii.sitesM)).map((f) => {
        const { code, structure_type, height_m, operators, status } = f.properties;
        return { id: f.id, code, structure_type, height_m, operators, status, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] };
      });
      const d = 0.03;
      const bbox = `${input.lon - d},${input.lat - d},${input.lon + d},${input.lat + d}`;
      const sensitivePlaces = (await call(t.url, 'GET', `/api/sensitive-places?bbox=${bbox}`)).body.features.map((f: PlaceFeature) => ({ ...f.properties, geometry: f.geometry }));
      const checked = sensitivePlaces.filter((p: SitingPlace) => distanceToPlaceM(input.lon, input.lat, p.geometry) <= radii.placesM);
      const standing = (await near(exposureReachM(policy, checked, input.lon, input.lat))).filter((f) => f.properties.status !== 'decommissioned');
      const details = await Promise.all(standing.map((f) => call(t.url, 'GET', `/api/sites/${f.id}`)));
      const antennas = details.flatMap((d) => d.body.properties.antennas.map((a: object) => ({ ...a, lon: d.body.geometry.coordinates[0], lat: d.body.geometry.coordinates[1] })));
      const zones = (await call(t.url, 'GET', `/api/zones?bbox=${input.lon},${input.lat},${input.lon},${input.lat}`)).body.features.map((f: { properties: object; geometry: unknown }) => ({ ...f.properties, geometry: f.geometry }));
      const wide: SitingContext = { policy, policyVersion: version, sites, sensitivePlaces, zones, antennas, aerodromes };
      expect(antennas.length).toBeGreaterThan(100);
      expectSameResult(checkSiting(input, narrowSitingContext(wide, input)), await check(input));
    }
  });
});

describe('GET /api/density', () => {
  const bbox: [number, number, number, number] = [50.95, 35.8, 51.03, 35.86];

  it('counts standing structures per equal-area cell, the same as a point-in-polygon count of the registry', async () => {
    const r = await call(t.url, 'GET', `/api/density?bbox=${bbox.join(',')}&cell_km=1`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/geo+json');
    const cells = r.body.features as Array<GeoJSON.Feature<GeoJSON.Polygon, { cell_id: number; count: number; per_km2: number }>>;
    expect(cells.length).toBeGreaterThan(10);
    const sites = (await call(t.url, 'GET', `/api/sites?bbox=50.9,35.75,51.1,35.9&limit=10000`)).body.features as Array<GeoJSON.Feature<GeoJSON.Point, { status: string }>>;
    const standing = sites.filter((s) => s.properties.status !== 'decommissioned');
    for (const cell of cells.slice(0, 12)) {
      // Equal-area cells: 1 km² on the ellipsoid; turf measures on a sphere, within 0.5%.
      expect(turf.area(cell) / 1e6).toBeCloseTo(1, 2);
      const inside = standing.filter((s) => turf.booleanPointInPolygon(s, cell, { ignoreBoundary: true })).length;
      expect(cell.properties.count).toBe(inside);
      expect(cell.properties.per_km2).toBeCloseTo(inside, 9);
    }
  });

  it("agrees with the siting check's density rule at a point, and filters by operator", async () => {
    const at = { lon: 50.9915, lat: 35.8355 };
    const res = await check({ ...at, height_m: 30, structure_type: 'monopole' });
    const all = (await call(t.url, 'GET', `/api/density?bbox=${at.lon},${at.lat},${at.lon},${at.lat}`)).body;
    expect(all.cell_km).toBe(1);
    expect(all.features).toHaveLength(1);
    expect(ruleOf(res, 'density').measured).toBe(all.features[0].properties.count + 1);
    const mci = (await call(t.url, 'GET', `/api/density?bbox=${at.lon},${at.lat},${at.lon},${at.lat}&operator=mci`)).body;
    expect(mci.features[0].properties.count).toBeLessThan(all.features[0].properties.count);
    expect(mci.features[0].properties.count).toBeGreaterThan(0);
  });

  it('refuses more cells than the cap with 400', async () => {
    const r = await call(t.url, 'GET', '/api/density?bbox=44,25,63,40&cell_km=0.1');
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe('too_many_cells');
  });
});
