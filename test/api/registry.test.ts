/** The registry API end to end over HTTP: reads, writes, roles, errors, atomicity. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import SwaggerParser from '@apidevtools/swagger-parser';
import geodesic from 'geographiclib-geodesic';
import { call, counts, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';

let t: TestServer;
let planner: Session;
let irancell: Session;
let mci: Session;

beforeAll(async () => {
  t = await startServer('demo');
  [planner, irancell, mci] = await Promise.all([login(t.url, 'planner'), login(t.url, 'irancell'), login(t.url, 'mci')]);
});
afterAll(() => t.close());

const newSite = (over: Record<string, unknown> = {}) => ({
  code: 'TEST-0001', lon: 50.99, lat: 35.83, structure_type: 'monopole', height_m: 30, owner_operator_id: 'irancell',
  antennas: [{ operator_id: 'irancell', technology: 'LTE', frequency_mhz: 1800, eirp_w: 1000, azimuth_deg: 120, tilt_deg: 6, height_m: 28 }],
  ...over,
});

describe('reading the registry', () => {
  it('reports health with the number of sites', async () => {
    const r = await call(t.url, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, sites: 2500 });
  });

  it('lists the three operators with their MCC-MNC and the tower company', async () => {
    const r = await call<Array<{ id: string; mcc: number | null; mnc: number | null }>>(t.url, 'GET', '/api/operators');
    const byId = Object.fromEntries(r.body.map((o) => [o.id, o]));
    expect(byId.mci).toMatchObject({ mcc: 432, mnc: 11 });
    expect(byId.irancell).toMatchObject({ mcc: 432, mnc: 35 });
    expect(byId.rightel).toMatchObject({ mcc: 432, mnc: 20 });
    expect(byId.towerco).toMatchObject({ kind: 'tower', mnc: null });
  });

  it('returns the whole city as a valid GeoJSON FeatureCollection', async () => {
    const r = await call(t.url, 'GET', '/api/sites');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/geo+json');
    expect(() => checkGeoJson(r.text)).not.toThrow();
    expect(r.body.features).toHaveLength(2500);
    expect(r.body.total).toBe(2500);
    const f = r.body.features[0];
    expect(f.geometry.coordinates[0]).toBeGreaterThan(50); // [lon, lat]
    expect(f.geometry.coordinates[1]).toBeLessThan(37);
  });

  it('pages with a cursor and filters by operator, status and shared', async () => {
    const p1 = await call(t.url, 'GET', '/api/sites?limit=100');
    expect(p1.body.features).toHaveLength(100);
    const p2 = await call(t.url, 'GET', `/api/sites?limit=100&cursor=${p1.body.next_cursor}`);
    expect(p2.body.features[0].id).toBeGreaterThan(p1.body.features[99].id);
    const irc = await call(t.url, 'GET', '/api/sites?operator=irancell');
    expect(irc.body.total).toBeLessThan(2500);
    for (const f of irc.body.features) expect([...f.properties.operators, f.properties.owner_operator_id]).toContain('irancell');
    const unp = await call(t.url, 'GET', '/api/sites?status=unpermitted');
    expect(unp.body.total).toBeGreaterThan(2500 * 0.03);
    expect(unp.body.total).toBeLessThan(2500 * 0.07);
    const shared = await call(t.url, 'GET', '/api/sites?shared=true');
    for (const f of shared.body.features) expect(new Set(f.properties.operators).size).toBeGreaterThanOrEqual(2);
    expect(shared.body.total / 2500).toBeGreaterThan(0.2);
  });

  it('finds sites near a point, nearest first, with distances that match a geodesic within 0.3%', async () => {
    const lat = 35.8355;
    const lon = 50.9915;
    const r = await call(t.url, 'GET', `/api/sites/near?lat=${lat}&lon=${lon}&radius_m=800&limit=1000`);
    expect(r.status).toBe(200);
    const feats = r.body.features as Array<{ geometry: { coordinates: [number, number] }; properties: { distance_m: number } }>;
    expect(feats.length).toBeGreaterThan(5);
    let prev = 0;
    for (const f of feats) {
      const [flon, flat] = f.geometry.coordinates;
      const truth = geodesic.Geodesic.WGS84.Inverse(lat, lon, flat, flon).s12!;
      expect(Math.abs(f.properties.distance_m - truth) / truth).toBeLessThan(0.003);
      expect(f.properties.distance_m).toBeGreaterThanOrEqual(prev);
      prev = f.properties.distance_m;
    }
    // Nothing inside the radius is missed: compare with a full scan judged by the geodesic.
    const all = (await call(t.url, 'GET', '/api/sites')).body.features as typeof feats;
    const inside = all.filter((f) => geodesic.Geodesic.WGS84.Inverse(lat, lon, f.geometry.coordinates[1], f.geometry.coordinates[0]).s12! < 800 * 0.997);
    expect(feats.length).toBeGreaterThanOrEqual(inside.length);
  });

  it('returns one site with its antennas, and 404 for an unknown one', async () => {
    const r = await call(t.url, 'GET', '/api/sites/1');
    expect(r.status).toBe(200);
    expect(r.body.properties.antennas.length).toBeGreaterThan(0);
    expect(r.body.properties.antennas[0]).toHaveProperty('eirp_w');
    const missing = await call(t.url, 'GET', '/api/sites/999999');
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe('not_found');
  });

  it('serves places and districts, and a JSON 404 for unknown API routes', async () => {
    const places = await call(t.url, 'GET', '/api/sensitive-places');
    expect(places.body.features.length).toBeGreaterThanOrEqual(250);
    const districts = await call(t.url, 'GET', '/api/zones?kind=district');
    expect(districts.body.features).toHaveLength(12);
    const nope = await call(t.url, 'GET', '/api/no-such-thing');
    expect(nope.status).toBe(404);
    expect(nope.headers.get('content-type')).toContain('application/json');
    expect(errorOf(nope).code).toBe('not_found');
  });

  it('publishes an OpenAPI 3.1 document that validates', async () => {
    const r = await call(t.url, 'GET', '/api/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(r.body))).resolves.toBeTruthy();
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/sites', '/api/sites/near', '/api/sites/{id}', '/api/import', '/api/clusters']));
  });
});

describe('signing in', () => {
  it('refuses a wrong password with 401 and the error shape', async () => {
    const r = await call(t.url, 'POST', '/api/auth/login', { body: { username: 'planner', password: 'nope' } });
    expect(r.status).toBe(401);
    expect(errorOf(r).code).toBe('invalid_credentials');
  });

  it('sets an HttpOnly SameSite cookie, and logout ends the session on the server', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo-admin' }) });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const s = { cookie: setCookie.split(';')[0]!, csrf: ((await res.json()) as { csrf: string }).csrf };
    expect((await call(t.url, 'GET', '/api/auth/me', { session: s })).body.user.username).toBe('admin');
    expect((await call(t.url, 'POST', '/api/auth/logout', { session: s })).status).toBe(204);
    expect((await call(t.url, 'GET', '/api/auth/me', { session: s })).body.user).toBeNull();
    expect((await call(t.url, 'POST', '/api/sites', { session: s, body: newSite({ code: 'AFTER-LOGOUT' }) })).status).toBe(401);
  });

  it('refuses a signed-in change without the CSRF header', async () => {
    const before = counts(t.ctx);
    const r = await call(t.url, 'POST', '/api/sites', { session: { cookie: planner.cookie, csrf: 'wrong' }, body: newSite({ code: 'CSRF-1' }) });
    expect(r.status).toBe(403);
    expect(errorOf(r).code).toBe('csrf_failed');
    expect(counts(t.ctx)).toEqual(before);
  });
});

describe('changing the registry', () => {
  it('refuses anonymous writes with 401', async () => {
    const r = await call(t.url, 'POST', '/api/sites', { body: newSite() });
    expect(r.status).toBe(401);
    expect(errorOf(r).code).toBe('unauthenticated');
  });

  it("gives an operator 403 changing another operator's site, and changes nothing", async () => {
    const mciSite = (await call(t.url, 'GET', '/api/sites?operator=mci&limit=50')).body.features.find((f: any) => f.properties.owner_operator_id === 'mci');
    const before = counts(t.ctx);
    const r = await call(t.url, 'PATCH', `/api/sites/${mciSite.id}`, { session: irancell, body: { height_m: 99 } });
    expect(r.status).toBe(403);
    expect(errorOf(r).code).toBe('forbidden');
    expect((await call(t.url, 'GET', `/api/sites/${mciSite.id}`)).body.properties.height_m).toBe(mciSite.properties.height_m);
    const a = (await call(t.url, 'GET', `/api/sites/${mciSite.id}`)).body.properties.antennas.find((x: any) => x.operator_id === 'mci');
    expect((await call(t.url, 'PATCH', `/api/antennas/${a.id}`, { session: irancell, body: { eirp_w: 1 } })).status).toBe(403);
    expect((await call(t.url, 'DELETE', `/api/antennas/${a.id}`, { session: irancell })).status).toBe(403);
    expect(counts(t.ctx)).toEqual(before);
  });

  it('lets an operator create its own site with antennas, audited with before and after', async () => {
    const r = await call(t.url, 'POST', '/api/sites', { session: irancell, body: newSite({ code: 'IRC-NEW-1' }) });
    expect(r.status).toBe(201);
    expect(r.body.properties).toMatchObject({ code: 'IRC-NEW-1', operators: ['irancell'], shared: false, antenna_count: 1 });
    const id = r.body.id;
    const p = await call(t.url, 'PATCH', `/api/sites/${id}`, { session: irancell, body: { height_m: 32.5 } });
    expect(p.status).toBe(200);
    expect(p.body.properties.height_m).toBe(32.5);
    const ev = t.ctx.db.prepare("SELECT * FROM audit_events WHERE entity = 'site' AND entity_id = ? ORDER BY id").all(String(id)) as any[];
    expect(ev.map((e) => e.action)).toEqual(['create', 'update']);
    expect(ev[1].actor).toBe('irancell');
    expect(JSON.parse(ev[1].before).height_m).toBe(30);
    expect(JSON.parse(ev[1].after).height_m).toBe(32.5);
  });

  it('lets another operator co-locate its antenna, making the site shared; decommissioning is a status change', async () => {
    const site = (await call(t.url, 'POST', '/api/sites', { session: planner, body: newSite({ code: 'SHARE-1', owner_operator_id: 'towerco', antennas: [] }) })).body;
    const a = await call(t.url, 'POST', `/api/sites/${site.id}/antennas`, {
      session: mci, body: { operator_id: 'mci', technology: 'NR', frequency_mhz: 3500, eirp_w: 40000, azimuth_deg: null, tilt_deg: 4, height_m: 25, power_reduction: 0.25 },
    });
    expect(a.status).toBe(201);
    await call(t.url, 'POST', `/api/sites/${site.id}/antennas`, { session: irancell, body: { operator_id: 'irancell', technology: 'LTE', frequency_mhz: 2600, eirp_w: 800, azimuth_deg: 10, tilt_deg: 4, height_m: 22 } });
    const got = (await call(t.url, 'GET', `/api/sites/${site.id}`)).body.properties;
    expect(got.shared).toBe(true);
    expect(got.operators).toEqual(['irancell', 'mci']);
    const d = await call(t.url, 'PATCH', `/api/sites/${site.id}`, { session: planner, body: { status: 'decommissioned' } });
    expect(d.body.properties.status).toBe('decommissioned');
    expect((await call(t.url, 'GET', `/api/sites/${site.id}`)).status).toBe(200);
  });

  it('answers bad input with 400, the fields named, and the database unchanged', async () => {
    const before = counts(t.ctx);
    const cases: Array<[unknown, string]> = [
      [newSite({ code: 'BAD-1', lat: 200 }), 'body.lat'],
      [newSite({ code: 'BAD-2', height_m: -3 }), 'body.height_m'],
      [newSite({ code: 'BAD-3', structure_type: 'tree' }), 'body.structure_type'],
      [{ ...newSite({ code: 'BAD-4' }), extra: 1 }, 'body'],
      [newSite({ code: 'BAD-5', antennas: [{ operator_id: 'irancell', technology: 'LTE', frequency_mhz: 1800, eirp_w: 'lots', azimuth_deg: 0, tilt_deg: 0, height_m: 10 }] }), 'body.antennas.0.eirp_w'],
      [newSite({ code: 'BAD-6', owner_operator_id: 'nobody' }), 'body.owner_operator_id'],
    ];
    for (const [body, field] of cases) {
      const r = await call(t.url, 'POST', '/api/sites', { session: planner, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(errorOf(r).fields).join(' ')).toContain(field);
    }
    const notJson = await call(t.url, 'POST', '/api/sites', { session: planner, raw: '{"code":', contentType: 'application/json' });
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson).code).toBe('invalid_json');
    const huge = await call(t.url, 'POST', '/api/sites', { session: planner, raw: JSON.stringify({ code: 'x'.repeat(2_000_000) }), contentType: 'application/json' });
    expect(huge.status).toBe(413);
    expect(errorOf(huge).code).toBe('payload_too_large');
    const badQuery = await call(t.url, 'GET', '/api/sites/near?lat=91&lon=abc');
    expect(badQuery.status).toBe(400);
    expect(Object.keys(errorOf(badQuery).fields)).toEqual(expect.arrayContaining(['query.lat', 'query.lon']));
    const dup = await call(t.url, 'POST', '/api/sites', { session: planner, body: newSite({ code: 'KRJ-000001' }) });
    expect(dup.status).toBe(409);
    expect(counts(t.ctx)).toEqual(before);
  });

  it('keeps the clusters current when a site is added', async () => {
    const bbox = '50.7,35.6,51.3,36.0';
    const before = (await call(t.url, 'GET', `/api/clusters?bbox=${bbox}&zoom=10`)).body.total;
    await call(t.url, 'POST', '/api/sites', { session: planner, body: newSite({ code: 'CLUSTER-1', lon: 51.0, lat: 35.8 }) });
    const after = (await call(t.url, 'GET', `/api/clusters?bbox=${bbox}&zoom=10`)).body;
    expect(after.total).toBe(before + 1);
    const onlyMci = (await call(t.url, 'GET', `/api/clusters?bbox=${bbox}&zoom=10&operator=mci`)).body.total;
    expect(onlyMci).toBeLessThan(after.total);
    const near = (await call(t.url, 'GET', `/api/clusters?bbox=50.999,35.799,51.001,35.801&zoom=17`)).body.features;
    expect(near.map((f: any) => f.properties.code)).toContain('CLUSTER-1');
  });
});
