/** Open311 GeoReport v2 at /open311/v2, tested from the specification (DOMAIN.md section 8;
 *  http://wiki.open311.org/GeoReport_v2): every method, every error code, the required fields,
 *  the defaults (90 days, 1000 requests), form encoding, JSON and XML. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONCERN_CATEGORIES } from '../../shared/concerns.js';
import { buildEvidence } from '../../shared/concern-evidence.js';
import { isTrackingCode, makeTrackingCode } from '../../shared/tracking-code.js';
import { call, login, startServer, type Reply, type TestServer } from '../support/server.js';
import { concernCounts, postForm } from '../support/concerns.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer('demo', { DAKAL_CONCERN_RATE: '10000/1m' });
});
afterAll(() => t.close());

const BASE = '/open311/v2';
const KEY = 'demo-open311-key';
const get = (path: string) => call(t.url, 'GET', BASE + path);
const post = (fields: Record<string, string>, ext = 'json') => postForm(t.url, `${BASE}/requests.${ext}`, fields);
const form = (over: Record<string, string> = {}) => ({ api_key: KEY, service_code: 'health', lat: '35.8355', long: '50.9915', description: 'A worry', ...over });

/** The body must be the specification's error list: one `{code, description}` with code = HTTP status. */
function expectError(r: Reply, status: number): void {
  expect(r.status, r.text).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/json');
  expect(r.body).toEqual([{ code: status, description: expect.any(String) }]);
}

const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
].sort();
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

describe('discovery and services', () => {
  it('describes itself in discovery.json and discovery.xml', async () => {
    const r = await get('/discovery.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(r.body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${t.url}${BASE}`, type: 'production', formats: expect.arrayContaining(['application/json', 'text/xml']) });
    expect(r.body.changeset).toMatch(ISO_WITH_OFFSET);
    const x = await get('/discovery.xml');
    expect(x.headers.get('content-type')).toContain('text/xml');
    expect(x.text).toContain('<discovery><changeset>');
    expect(x.text).toContain('<formats><format>application/json</format><format>text/xml</format></formats>');
  });

  it('lists one realtime service per concern category with the required fields', async () => {
    const r = await get('/services.json');
    expect(r.body.map((s: { service_code: string }) => s.service_code)).toEqual([...CONCERN_CATEGORIES]);
    for (const s of r.body) {
      expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      expect(s).toMatchObject({ type: 'realtime', metadata: true });
    }
    expect((await get('/services.xml')).text.match(/<service>/g)).toHaveLength(CONCERN_CATEGORIES.length);
  });

  it('defines the attributes of every service, and answers 404 for an unknown one', async () => {
    for (const code of CONCERN_CATEGORIES) {
      const r = await get(`/services/${code}.json`);
      expect(r.body.service_code).toBe(code);
      for (const a of r.body.attributes) {
        expect(Object.keys(a).sort()).toEqual(['code', 'datatype', 'datatype_description', 'description', 'order', 'required', 'values', 'variable']);
      }
    }
    expectError(await get('/services/fireworks.json'), 404);
    const x = await get('/services/fireworks.xml');
    expect(x.status).toBe(404);
    expect(x.text).toMatch(/<errors><error><code>404<\/code><description>.+<\/description><\/error><\/errors>/);
  });

  it('answers unknown formats and paths with 404 in its own error shape, not the /api one', async () => {
    expectError(await get('/services.csv'), 404);
    expectError(await get('/nothing-here.json'), 404);
  });
});

describe('POST requests (form-encoded, api_key required)', () => {
  it('files a concern that lands in the planners\' queue, contact kept private', async () => {
    const site = (await call(t.url, 'GET', '/api/sites/7')).body;
    const r = await post(form({ service_code: 'unpermitted', first_name: 'Reza', last_name: 'K', email: 'r@k.ir', phone: '09120000000', [`attribute[site_code]`]: site.properties.code, address_string: 'Golshahr, 45 Metri' }));
    expect(r.status).toBe(201);
    expect(r.body).toEqual([{ service_request_id: expect.any(String), service_notice: expect.stringContaining('/concerns/'), account_id: null }]);
    const code = r.body[0].service_request_id;
    expect(isTrackingCode(code)).toBe(true);
    const planner = await login(t.url, 'planner');
    const mine = (await call(t.url, 'GET', `/api/concerns/queue/${code}`, { session: planner })).body;
    expect(mine).toMatchObject({ channel: 'open311', category: 'unpermitted', status: 'received', address: 'Golshahr, 45 Metri', site: { id: 7, code: site.properties.code }, contact: { name: 'Reza K', email: 'r@k.ir', phone: '09120000000' } });
    expect(mine.evidence.sites.length).toBeGreaterThan(0);
    const q = (await call(t.url, 'GET', '/api/concerns/queue?limit=1000', { session: planner })).body.items;
    expect(q.map((i: { code: string }) => i.code)).toContain(code);
  });

  it('answers in XML when asked by extension, with text escaped', async () => {
    const r = await post(form({ description: '<b>Tom & "Jerry"</b>' }), 'xml');
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toContain('text/xml');
    const code = /<service_request_id>(\d{10})<\/service_request_id>/.exec(r.text)?.[1];
    expect(r.text).toMatch(/<service_requests><request><service_request_id>\d{10}<\/service_request_id><service_notice>.*<\/service_notice><account_id\/><\/request><\/service_requests>/);
    expect((await get(`/requests/${code}.xml`)).text).toContain('<description>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</description>');
  });

  it('refuses a missing or wrong api_key with 403 before anything else, storing nothing', async () => {
    const before = concernCounts(t.ctx);
    const { api_key: _, ...noKey } = form();
    expectError(await post(noKey), 403);
    expectError(await post(form({ api_key: 'guess' })), 403);
    expectError(await post({ api_key: 'guess' }), 403);
    expect(concernCounts(t.ctx)).toEqual(before);
  });

  it('refuses missing or bad fields with 400, storing nothing', async () => {
    const before = concernCounts(t.ctx);
    const { service_code: _s, ...noService } = form();
    const { lat: _a, long: _b, ...noLocation } = form();
    const cases: Array<Record<string, string>> = [
      noService, form({ service_code: 'fireworks' }), noLocation, { ...noLocation, address_string: 'Azimieh, Karaj' },
      form({ lat: 'north' }), form({ lat: '95' }), form({ long: '-181' }), form({ description: 'x'.repeat(4001) }),
      form({ 'attribute[site_code]': 'NO-SUCH-MAST' }), form({ media_url: 'javascript:alert(1)' }), form({ email: 'a\u0000b' }),
    ];
    for (const c of cases) expectError(await post(c), 400);
    expect((await post({ ...noLocation, address_string: 'Azimieh, Karaj' })).body[0].description).toContain('geocode');
    const twice = await fetch(`${t.url}${BASE}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `${new URLSearchParams(form())}&lat=1` });
    expect(twice.status).toBe(400);
    const json = await call(t.url, 'POST', `${BASE}/requests.json`, { body: form() });
    expectError(json, 400);
    expect(json.body[0].description).toContain('x-www-form-urlencoded');
    expect(concernCounts(t.ctx)).toEqual(before);
  });
});

describe('GET requests', () => {
  it('returns request objects with exactly the specified fields, ISO 8601 datetimes with offset', async () => {
    const code = (await post(form({ service_code: 'noise', description: 'Fans at night' }))).body[0].service_request_id;
    const list = (await get('/requests.json')).body as Array<Record<string, unknown>>;
    const mine = list.find((x) => x.service_request_id === code)!;
    expect(Object.keys(mine).sort()).toEqual(REQUEST_FIELDS);
    expect(mine).toMatchObject({ status: 'open', status_notes: 'received', service_code: 'noise', service_name: 'Noise', description: 'Fans at night', lat: 35.8355, long: 50.9915 });
    expect(mine.requested_datetime).toMatch(ISO_WITH_OFFSET);
    const times = list.map((x) => Date.parse(x.requested_datetime as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const one = await get(`/requests/${code}.json`);
    expect(one.body).toEqual([mine]);
    expect((await get(`/requests/${code}.xml`)).text).toContain(`<service_requests><request><service_request_id>${code}</service_request_id><status>open</status>`);
    expectError(await get(`/requests/${makeTrackingCode('100000000')}.json`), 404);
    expectError(await get('/requests/not-a-code.json'), 404);
  });

  it('defaults to the last 90 days; dates select older ones; a span over 90 days or a bad date is 400', async () => {
    const old = (await post(form({ description: 'old one' }))).body[0].service_request_id;
    const at = new Date(Date.now() - 100 * 86_400_000).toISOString();
    t.ctx.db.prepare('UPDATE concerns SET created_at = ?, updated_at = ? WHERE code = ?').run(at, at, old);
    const ids = (r: Reply) => (r.body as Array<{ service_request_id: string }>).map((x) => x.service_request_id);
    expect(ids(await get('/requests.json'))).not.toContain(old);
    const start = new Date(Date.now() - 110 * 86_400_000).toISOString();
    const end = new Date(Date.now() - 95 * 86_400_000).toISOString();
    expect(ids(await get(`/requests.json?start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`))).toEqual([old]);
    expect(ids(await get(`/requests.json?end_date=${encodeURIComponent(end)}`))).toContain(old);
    expectError(await get(`/requests.json?start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(new Date().toISOString())}`), 400);
    expectError(await get('/requests.json?start_date=yesterday'), 400);
    expectError(await get(`/requests.json?start_date=${encodeURIComponent(end)}&end_date=${encodeURIComponent(start)}`), 400);
    // service_request_id overrides every other filter, the date window included.
    const fresh = (await post(form())).body[0].service_request_id;
    expect(ids(await get(`/requests.json?service_request_id=${old},${fresh}&status=closed&service_code=visual`)).sort()).toEqual([old, fresh].sort());
  });

  it('filters by status open/closed, service_code and the bounding-box extension', async () => {
    const a = (await post(form({ service_code: 'visual', lat: '35.70', long: '50.80' }))).body[0].service_request_id;
    const planner = await login(t.url, 'planner');
    await call(t.url, 'POST', `/api/concerns/${a}/status`, { session: planner, body: { status: 'not_upheld', note: 'Stealth mast, approved' } });
    const ids = async (q: string) => ((await get(`/requests.json?${q}`)).body as Array<{ service_request_id: string; status: string; service_code: string }>);
    expect((await ids('status=closed')).map((x) => x.service_request_id)).toContain(a);
    expect((await ids('status=open')).map((x) => x.service_request_id)).not.toContain(a);
    expect((await ids('status=open,closed')).map((x) => x.service_request_id)).toContain(a);
    for (const x of await ids('service_code=visual')) expect(x.service_code).toBe('visual');
    expect((await ids('lat_sw=35.69&long_sw=50.79&lat_ne=35.71&long_ne=50.81')).map((x) => x.service_request_id)).toEqual([a]);
    expect(await ids('lat_sw=35.0&long_sw=50.0&lat_ne=35.1&long_ne=50.1')).toEqual([]);
    expectError(await get('/requests.json?status=pending'), 400);
    expectError(await get('/requests.json?service_code=fireworks'), 400);
    expectError(await get('/requests.json?lat_sw=35&long_sw=50'), 400);
    expectError(await get('/requests.json?lat_sw=36&long_sw=50&lat_ne=35&long_ne=51'), 400);
    expectError(await get('/requests.json?status=open&status=closed'), 400);
  });

  it('resolves a token to its request, and 404 for an unknown token', async () => {
    const code = (await post(form())).body[0].service_request_id;
    expect((await get(`/tokens/${code}.json`)).body).toEqual([{ service_request_id: code, token: code }]);
    expectError(await get('/tokens/abc.json'), 404);
  });
});

describe('the 1000-request ceiling and paging', () => {
  it('returns at most 1000 by default, and pages with page and page_size', async () => {
    const evidence = buildEvidence({ sites: [], places: [], exposure: { total_exposure_ratio: 0, e_total_vm: 0, antennas: 0, observer_height_m: 1.5 }, now: new Date() });
    const contact = { name: null, email: null, phone: null, device_id: null, account_id: null, media_url: null };
    for (let i = 0; i < 1001; i++) {
      t.ctx.concerns.file({ lon: 51, lat: 35.8, site_id: null, category: 'other', description: `bulk ${i}`, channel: 'open311', open311_key_id: null, address: null, district_id: null, evidence, contact, photo: null, ipHash: null }, { id: null, name: 'test' });
    }
    const all = (await get('/requests.json')).body as Array<{ service_request_id: string }>;
    expect(all).toHaveLength(1000);
    const p1 = (await get('/requests.json?page_size=3&page=1')).body as typeof all;
    const p2 = (await get('/requests.json?page_size=3&page=2')).body as typeof all;
    expect([...p1, ...p2].map((x) => x.service_request_id)).toEqual(all.slice(0, 6).map((x) => x.service_request_id));
    const rest = (await get('/requests.json?page=2')).body as typeof all;
    expect(rest.length).toBeGreaterThan(0);
    expect(new Set([...all, ...rest].map((x) => x.service_request_id)).size).toBe(all.length + rest.length);
    expectError(await get('/requests.json?page_size=1001'), 400);
    expectError(await get('/requests.json?page=0'), 400);
  });
});
