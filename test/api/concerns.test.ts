/** Residents' concerns end to end over HTTP: filing with evidence checked against independent
 *  computations, "me too", photos, privacy of contact details, the planner's queue and actions,
 *  what the public and Open311 see after them, abuse limits, and rejected input changing nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import geodesic from 'geographiclib-geodesic';
import * as turf from '@turf/turf';
import { exposureAt, type ExposureAntennaInput } from '../../shared/exposure.js';
import { isTrackingCode } from '../../shared/tracking-code.js';
import { call, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';
import { callFrom, concernCounts, offset } from '../support/concerns.js';
import { JPEG, PNG, WEBP, hasGps, jpegWithGps, pngWithGps, webpWithGps } from '../support/photos.js';

let t: TestServer;
let planner: Session;

beforeAll(async () => {
  t = await startServer('demo', { DAKAL_CONCERN_RATE: '10000/1m' });
  planner = await login(t.url, 'planner');
});
afterAll(() => t.close());

const HOME = { lat: 35.8355, lon: 50.9915 };
const file = (body: Record<string, unknown>, from = '127.0.0.1') => callFrom(from, t.url, 'POST', '/api/concerns', { body: { ...HOME, category: 'health', ...body } });
const geo = (lat1: number, lon1: number, lat2: number, lon2: number) => geodesic.Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12!;

describe('filing a concern without an account', () => {
  it('answers 201 with a tracking code, the public page and a Location header', async () => {
    const r = await file({ description: 'The new mast on our roof worries us.' });
    expect(r.status).toBe(201);
    expect(isTrackingCode(r.body.code)).toBe(true);
    expect(r.headers.get('location')).toBe(`/api/concerns/${r.body.code}`);
    expect(r.body).toMatchObject({ status: 'received', open: true, category: 'health', supporters: 0, hidden: false, district_id: expect.any(Number) });
    expect(r.body.history).toEqual([{ from_status: null, status: 'received', note: '', at: r.body.created_at }]);
    const page = await call(t.url, 'GET', `/api/concerns/${r.body.code}`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual(r.body);
  });

  it('finds the concern by its code typed in Persian digits with dashes', async () => {
    const r = await file({});
    const fa = r.body.code.replace(/\d/g, (d: string) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const typed = encodeURIComponent(`${fa.slice(0, 3)}-${fa.slice(3, 6)}-${fa.slice(6)}`);
    expect((await call(t.url, 'GET', `/api/concerns/${typed}`)).body.code).toBe(r.body.code);
    const wrongDigit = r.body.code.slice(0, 9) + String((Number(r.body.code[9]) + 1) % 10);
    const bad = await call(t.url, 'GET', `/api/concerns/${wrongDigit}`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toHaveProperty('params.code');
  });

  it('names the mast when a site was tapped, and refuses an unknown site', async () => {
    const site = (await call(t.url, 'GET', '/api/sites/12')).body;
    const [lon, lat] = site.geometry.coordinates;
    const r = await file({ lat, lon, site_id: 12, category: 'unpermitted' });
    expect(r.body.site).toEqual({ id: 12, code: site.properties.code });
    expect(r.body.evidence.sites[0]).toMatchObject({ id: 12, distance_m: 0 });
    const before = concernCounts(t.ctx);
    const bad = await file({ site_id: 999999 });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toHaveProperty('body.site_id');
    expect(concernCounts(t.ctx)).toEqual(before);
  });
});

describe('evidence stored with the concern', () => {
  it('lists every standing site within 300 m with geodesic distances, and none beyond', async () => {
    const r = await file({});
    const ev = r.body.evidence;
    const all = (await call(t.url, 'GET', '/api/sites')).body.features as Array<{ id: number; geometry: { coordinates: [number, number] }; properties: { status: string; permit_no: string | null; code: string } }>;
    const truth = new Map(all.map((f) => [f.id, { d: geo(HOME.lat, HOME.lon, f.geometry.coordinates[1], f.geometry.coordinates[0]), f }]));
    expect(ev.sites.length).toBeGreaterThan(3);
    for (const s of ev.sites) {
      const { d, f } = truth.get(s.id)!;
      expect(Math.abs(s.distance_m - d) / d).toBeLessThan(0.003);
      expect(s.code).toBe(f.properties.code);
      expect(s.permit).toBe(f.properties.status === 'unpermitted' ? 'unpermitted' : f.properties.permit_no ? 'permitted' : 'unknown');
    }
    const listed = new Set(ev.sites.map((s: { id: number }) => s.id));
    for (const { d, f } of truth.values()) {
      if (f.properties.status === 'decommissioned') continue;
      if (d < 300 * 0.997) expect(listed.has(f.id), `site ${f.id} at ${d} m`).toBe(true);
      if (d > 300 * 1.003) expect(listed.has(f.id)).toBe(false);
    }
    const distances = ev.sites.map((s: { distance_m: number }) => s.distance_m);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('predicts the total exposure ratio as shared/exposure.ts does on the same antennas, from the export', async () => {
    const r = await file({});
    const exported = JSON.parse((await call(t.url, 'GET', '/api/export/sites.geojson')).text) as {
      features: Array<{ geometry: { coordinates: [number, number] }; properties: { status: string; antennas: Array<Omit<ExposureAntennaInput, 'lon' | 'lat'>> } }>;
    };
    const antennas: ExposureAntennaInput[] = [];
    for (const f of exported.features) {
      const [lon, lat] = f.geometry.coordinates;
      if (!['active', 'unpermitted'].includes(f.properties.status)) continue;
      // The model's cut-off is the spherical distance turf measures (DOMAIN.md section 5).
      if (turf.distance([HOME.lon, HOME.lat], [lon, lat], { units: 'meters' }) > 2000) continue;
      for (const a of f.properties.antennas) antennas.push({ lon, lat, height_m: a.height_m, azimuth_deg: a.azimuth_deg, tilt_deg: a.tilt_deg, eirp_w: a.eirp_w, frequency_mhz: a.frequency_mhz, power_reduction: a.power_reduction });
    }
    const expected = exposureAt({ ...HOME, height_m: 1.5, reflection_factor: 1 }, antennas);
    const x = r.body.evidence.exposure;
    expect(x.antennas).toBe(antennas.length);
    expect(Math.abs(x.total_exposure_ratio - expected.total_exposure_ratio) / expected.total_exposure_ratio).toBeLessThan(1e-9);
    expect(x.e_total_vm).toBeCloseTo(expected.e_total_vm, 9);
    expect(x.limit).toBe(1);
    expect(r.body.evidence.summary.en).toContain('not a measurement');
    expect(r.body.evidence.summary.fa).not.toMatch(/[0-9]/);
  });

  it('names sensitive places within 300 m and raises the concern in the queue', async () => {
    const places = (await call(t.url, 'GET', '/api/sensitive-places')).body.features as Array<{ id: number; geometry: { type: string; coordinates: [number, number] } }>;
    const point = places.find((p) => p.geometry.type === 'Point')!;
    const [lon, lat] = await offset(point.geometry.coordinates[0], point.geometry.coordinates[1], 120, 90);
    const r = await file({ lat, lon, category: 'measurement' });
    const found = r.body.evidence.sensitive_places.find((p: { id: number }) => p.id === point.id);
    expect(found).toBeDefined();
    expect(Math.abs(found.distance_m - 120) / 120).toBeLessThan(0.003);
    for (const p of r.body.evidence.sensitive_places) expect(p.distance_m).toBeLessThanOrEqual(300);
    expect(r.body.near_sensitive).toBe(true);
    const q = await call(t.url, 'GET', '/api/concerns/queue?near_sensitive=true&limit=1000', { session: planner });
    const item = q.body.items.find((i: { code: string }) => i.code === r.body.code);
    expect(item.priority).toBeGreaterThanOrEqual(40);
    for (const i of q.body.items) expect(i.near_sensitive).toBe(true);
  });
});

describe('duplicates and "me too"', () => {
  it('offers open concerns of the same category within 50 m, nearest first, and nothing else', async () => {
    const spot = await offset(51.05, 35.81, 0, 0);
    const a = await file({ lon: spot[0], lat: spot[1], category: 'noise', description: 'Generator hums all night' });
    const [lon30, lat30] = await offset(spot[0], spot[1], 30, 90);
    const near = await call(t.url, 'GET', `/api/concerns/nearby?lat=${lat30}&lon=${lon30}&category=noise`);
    expect(near.status).toBe(200);
    const hit = near.body.find((n: { code: string }) => n.code === a.body.code);
    expect(Math.abs(hit.distance_m - 30) / 30).toBeLessThan(0.003);
    expect(hit.description).toBe('Generator hums all night');
    const [lon80, lat80] = await offset(spot[0], spot[1], 80, 90);
    expect((await call(t.url, 'GET', `/api/concerns/nearby?lat=${lat80}&lon=${lon80}&category=noise`)).body).toEqual([]);
    expect((await call(t.url, 'GET', `/api/concerns/nearby?lat=${lat30}&lon=${lon30}&category=visual`)).body).toEqual([]);
    await call(t.url, 'POST', `/api/concerns/${a.body.code}/status`, { session: planner, body: { status: 'not_upheld', note: 'Generator is a bakery’s' } });
    expect((await call(t.url, 'GET', `/api/concerns/nearby?lat=${lat30}&lon=${lon30}&category=noise`)).body).toEqual([]);
  });

  it('counts one supporter per address, never the filer, and ignores X-Forwarded-For', async () => {
    const a = await file({ lon: 51.06, lat: 35.82, category: 'visual' });
    const support = (from: string, headers: Record<string, string> = {}) => callFrom(from, t.url, 'POST', `/api/concerns/${a.body.code}/support`, { headers });
    expect((await support('127.0.0.1')).body).toEqual({ supporters: 0, counted: false });
    expect((await support('127.0.0.2')).body).toEqual({ supporters: 1, counted: true });
    expect((await support('127.0.0.2')).body).toEqual({ supporters: 1, counted: false });
    expect((await support('127.0.0.2', { 'x-forwarded-for': '203.0.113.9' })).body).toEqual({ supporters: 1, counted: false });
    expect((await support('127.0.0.3')).body).toEqual({ supporters: 2, counted: true });
    expect((await call(t.url, 'GET', `/api/concerns/${a.body.code}`)).body.supporters).toBe(2);
    const stored = t.ctx.db.prepare('SELECT ip_hash FROM concern_supporters WHERE concern_id = (SELECT id FROM concerns WHERE code = ?)').pluck().all(a.body.code) as string[];
    expect(stored.join(' ')).not.toContain('127.0.0');
  });

  it('merges a duplicate: it closes as duplicate, its filer and supporters count for the other', async () => {
    const a = await file({ lon: 51.07, lat: 35.83, category: 'structural' });
    const b = await file({ lon: 51.0701, lat: 35.8301, category: 'structural' }, '127.0.0.4');
    await callFrom('127.0.0.5', t.url, 'POST', `/api/concerns/${b.body.code}/support`);
    const m = await call(t.url, 'POST', `/api/concerns/${b.body.code}/merge`, { session: planner, body: { into: a.body.code, note: 'Same mast' } });
    expect(m.status).toBe(200);
    expect(m.body.code).toBe(a.body.code);
    expect(m.body.supporters).toBe(2);
    const pb = (await call(t.url, 'GET', `/api/concerns/${b.body.code}`)).body;
    expect(pb).toMatchObject({ status: 'duplicate', open: false, duplicate_of: a.body.code, supporters: 0 });
    expect(pb.history.at(-1)).toMatchObject({ from_status: 'received', status: 'duplicate', note: 'Same mast' });
    const o = (await call(t.url, 'GET', `/open311/v2/requests/${b.body.code}.json`)).body[0];
    expect(o).toMatchObject({ status: 'closed', status_notes: `duplicate of ${a.body.code}: Same mast` });
    expect((await callFrom('127.0.0.6', t.url, 'POST', `/api/concerns/${b.body.code}/support`)).status).toBe(409);
    expect((await call(t.url, 'POST', `/api/concerns/${a.body.code}/merge`, { session: planner, body: { into: a.body.code } })).status).toBe(400);
    expect((await call(t.url, 'POST', `/api/concerns/${a.body.code}/merge`, { session: planner, body: { into: b.body.code } })).status).toBe(409);
  });
});

describe('photos', () => {
  it('stores JPEG, PNG and WebP without their GPS metadata and serves them with the sniffed type', async () => {
    for (const [dirty, clean, type, ext, asDataUrl] of [
      [jpegWithGps(), JPEG, 'image/jpeg', 'jpg', true],
      [pngWithGps(), PNG, 'image/png', 'png', false],
      [webpWithGps(), WEBP, 'image/webp', 'webp', false],
    ] as const) {
      const b64 = dirty.toString('base64');
      const r = await file({ photo_base64: asDataUrl ? `data:application/octet-stream;base64,${b64}` : b64 });
      expect(r.status, r.text).toBe(201);
      expect(r.body.photo_url).toBe(`/api/concerns/${r.body.code}/photo`);
      const res = await fetch(t.url + r.body.photo_url);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="concern-${r.body.code}.${ext}"`);
      expect(hasGps(bytes)).toBe(false);
      expect(bytes.equals(clean)).toBe(true);
    }
  });

  it('refuses a non-image, a broken image and a photo over 5 MB, storing nothing', async () => {
    const before = concernCounts(t.ctx);
    const html = await file({ photo_base64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') });
    expect(html.status).toBe(400);
    expect(errorOf(html)).toMatchObject({ code: 'unsupported_image', fields: { 'body.photo_base64': expect.any(String) } });
    expect((await file({ photo_base64: JPEG.subarray(0, 200).toString('base64') })).status).toBe(400);
    expect((await file({ photo_base64: 'not*base64' })).status).toBe(400);
    const big = Buffer.concat([JPEG.subarray(0, 2), Buffer.alloc(5 * 1024 * 1024)]).toString('base64');
    const tooBig = await file({ photo_base64: big });
    expect(tooBig.status).toBe(413);
    expect(errorOf(tooBig).code).toBe('payload_too_large');
    expect(concernCounts(t.ctx)).toEqual(before);
    expect((await call(t.url, 'GET', `/api/concerns/${(await file({})).body.code}/photo`)).status).toBe(404);
  });
});
