/** Concerns after filing: nobody but planners sees contact details, the planner's queue and actions
 *  reach the public page and Open311, hiding, templates, the map layers and feed, and abuse limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';
import { callFrom, concernCounts, postForm } from '../support/concerns.js';
import { makeTrackingCode } from '../../shared/tracking-code.js';

let t: TestServer;
let planner: Session;
let mci: Session;
let admin: Session;

beforeAll(async () => {
  t = await startServer('demo', { DAKAL_CONCERN_RATE: '10000/1m' });
  [planner, mci, admin] = await Promise.all([login(t.url, 'planner'), login(t.url, 'mci'), login(t.url, 'admin')]);
});
afterAll(() => t.close());

const file = (body: Record<string, unknown>, from = '127.0.0.1') => callFrom(from, t.url, 'POST', '/api/concerns', { body: { lat: 35.82, lon: 50.98, category: 'health', ...body } });

describe('privacy: name, email, phone and address reach planners only', () => {
  const NAME = 'Zinat Qolizadeh-Xyzzy';
  const EMAIL = 'xyzzy.private@example.ir';
  const PHONE = '+98 912 555 0199';
  const SECRETS = [NAME, 'Qolizadeh', EMAIL, 'xyzzy.private', PHONE, '9125550199', '555 0199', 'Ostad-Xyzzy', '127.0.0.7', '127.0.0.8'];

  it('finds none of them in any public answer of the API, Open311 or the feeds', async () => {
    const web = await file({ name: NAME, email: EMAIL, phone: PHONE, description: 'Please measure near the school' }, '127.0.0.7');
    const o311 = await postForm(t.url, '/open311/v2/requests.json', {
      api_key: 'demo-open311-key', service_code: 'health', lat: '35.8201', long: '50.9801', first_name: 'Ostad-Xyzzy', last_name: 'Qolizadeh',
      email: EMAIL, phone: PHONE, device_id: 'device-xyzzy', account_id: 'acct-xyzzy', description: 'Filed by the 311 desk',
    });
    expect(o311.status).toBe(201);
    const codes = [web.body.code as string, o311.body[0].service_request_id as string];
    await callFrom('127.0.0.8', t.url, 'POST', `/api/concerns/${codes[0]}/support`);
    const bbox = '50.97,35.81,50.99,35.83';
    const answers = [web, o311, await callFrom('127.0.0.8', t.url, 'POST', `/api/concerns/${codes[1]}/support`)];
    for (const code of codes) {
      for (const path of [`/api/concerns/${code}`, `/open311/v2/requests/${code}.json`, `/open311/v2/requests/${code}.xml`, `/open311/v2/tokens/${code}.json`, `/api/concerns/queue/${code}`]) answers.push(await call(t.url, 'GET', path));
    }
    for (const path of [
      `/api/concerns?bbox=${bbox}`, `/api/concerns/heat?bbox=${bbox}&zoom=12`, '/api/concerns/nearby?lat=35.82&lon=50.98&category=health',
      '/open311/v2/requests.json', '/open311/v2/requests.xml', `/open311/v2/requests.json?service_request_id=${codes.join(',')}`,
      '/feeds/area.atom?lat=35.82&lon=50.98&radius_m=1000', '/api/concerns/queue', '/api/response-templates',
    ]) answers.push(await call(t.url, 'GET', path));
    const hashes = t.ctx.db.prepare('SELECT ip_hash FROM concern_supporters').pluck().all() as string[];
    for (const a of answers) {
      expect(a.status, a.text.slice(0, 200)).toBeLessThan(500);
      for (const s of [...SECRETS, 'device-xyzzy', 'acct-xyzzy', ...hashes]) expect(a.text, `${s} leaked`).not.toContain(s);
    }
    // The feed and the lists did carry the concerns, so the scan looked at real answers.
    expect(answers.some((a) => a.text.includes(codes[0]!) && a.text.includes('<feed'))).toBe(true);
  });

  it('shows them to a planner in the queue and the planner view, never to an operator', async () => {
    const web = await file({ name: NAME, email: EMAIL, phone: PHONE });
    const detail = await call(t.url, 'GET', `/api/concerns/queue/${web.body.code}`, { session: planner });
    expect(detail.body.contact).toEqual({ name: NAME, email: EMAIL, phone: PHONE });
    const q = await call(t.url, 'GET', '/api/concerns/queue?limit=1000', { session: planner });
    expect(q.body.items.find((i: { code: string }) => i.code === web.body.code).contact.email).toBe(EMAIL);
    expect((await call(t.url, 'GET', '/api/concerns/queue', { session: mci })).status).toBe(403);
    expect((await call(t.url, 'GET', `/api/concerns/queue/${web.body.code}`, { session: mci })).status).toBe(403);
    const audit = t.ctx.db.prepare("SELECT after FROM audit_events WHERE entity = 'concern'").pluck().all().join('\n');
    expect(audit).not.toContain(EMAIL);
  });
});

describe("a planner's answer reaches the resident's page and Open311", () => {
  it('moves through the lifecycle with notes; Open311 says open, then closed, with the state in status_notes', async () => {
    const c = (await file({})).body.code as string;
    const set = (status: string, note: string) => call(t.url, 'POST', `/api/concerns/${c}/status`, { session: planner, body: { status, note } });
    const r1 = await set('investigating', 'Inspector visit booked');
    expect(r1.status).toBe(200);
    expect(r1.body.next_statuses).toEqual(['action_scheduled', 'resolved', 'not_upheld', 'duplicate', 'referred']);
    const page = (await call(t.url, 'GET', `/api/concerns/${c}`)).body;
    expect(page.history.at(-1)).toMatchObject({ from_status: 'received', status: 'investigating', note: 'Inspector visit booked' });
    expect(page.history.at(-1)).not.toHaveProperty('actor');
    let o = (await call(t.url, 'GET', `/open311/v2/requests/${c}.json`)).body[0];
    expect(o).toMatchObject({ status: 'open', status_notes: 'investigating: Inspector visit booked' });
    await set('action_scheduled', 'Antenna to be re-tilted on Monday');
    const done = await set('resolved', 'Antenna re-tilted; exposure re-measured');
    expect(done.body.open).toBe(false);
    o = (await call(t.url, 'GET', `/open311/v2/requests/${c}.json`)).body[0];
    expect(o).toMatchObject({ status: 'closed', status_notes: 'resolved: Antenna re-tilted; exposure re-measured' });
    expect(Date.parse(o.updated_datetime)).toBeGreaterThanOrEqual(Date.parse(o.requested_datetime));
    const closed = (await call(t.url, 'GET', `/open311/v2/requests.json?status=closed`)).body.map((x: { service_request_id: string }) => x.service_request_id);
    expect(closed).toContain(c);
    const events = t.ctx.db.prepare("SELECT actor, action FROM audit_events WHERE entity = 'concern' AND entity_id = (SELECT CAST(id AS TEXT) FROM concerns WHERE code = ?) ORDER BY id").all(c);
    expect(events).toEqual([{ actor: 'resident', action: 'file' }, ...Array(3).fill({ actor: 'planner', action: 'status' })]);
  });

  it('answers an illegal move with 409, duplicate-by-status with use_merge, and changes nothing', async () => {
    const c = (await file({})).body.code as string;
    const before = concernCounts(t.ctx);
    const illegal = await call(t.url, 'POST', `/api/concerns/${c}/status`, { session: planner, body: { status: 'resolved', note: 'x' } });
    expect(illegal.status).toBe(409);
    expect(errorOf(illegal)).toMatchObject({ code: 'illegal_transition', fields: { 'body.status': 'not allowed from received' } });
    expect(errorOf(await call(t.url, 'POST', `/api/concerns/${c}/status`, { session: planner, body: { status: 'duplicate' } })).code).toBe('use_merge');
    expect((await call(t.url, 'POST', `/api/concerns/${c}/status`, { session: planner, body: { status: 'closed' } })).status).toBe(400);
    expect((await call(t.url, 'POST', `/api/concerns/${c}/status`, { body: { status: 'acknowledged' } })).status).toBe(401);
    expect((await call(t.url, 'POST', `/api/concerns/${c}/status`, { session: mci, body: { status: 'acknowledged' } })).status).toBe(403);
    expect((await call(t.url, 'POST', `/api/concerns/${makeTrackingCode('100000000')}/status`, { session: planner, body: { status: 'acknowledged' } })).status).toBe(404);
    expect(concernCounts(t.ctx)).toEqual(before);
    expect((await call(t.url, 'GET', `/api/concerns/${c}`)).body.status).toBe('received');
  });

  it('treats a repeated change as done once, and the same state with a new note as a note', async () => {
    const c = (await file({})).body.code as string;
    const ack = () => call(t.url, 'POST', `/api/concerns/${c}/status`, { session: planner, body: { status: 'acknowledged', note: 'Thank you' } });
    await ack();
    await ack();
    await call(t.url, 'POST', `/api/concerns/${c}/status`, { session: planner, body: { status: 'acknowledged', note: 'We visit next week' } });
    const h = (await call(t.url, 'GET', `/api/concerns/${c}`)).body.history;
    expect(h.map((e: { status: string; note: string }) => `${e.status}:${e.note}`)).toEqual(['received:', 'acknowledged:Thank you', 'acknowledged:We visit next week']);
  });
});

describe('hiding abusive content', () => {
  it('hides text and photo from the public, keeps the reason for planners, and can show them again', async () => {
    const c = (await file({ description: 'ABUSIVE-TEXT-123' })).body.code as string;
    const h = await call(t.url, 'POST', `/api/concerns/${c}/hide`, { session: planner, body: { reason: 'REASON-insults-a-neighbour' } });
    expect(h.body).toMatchObject({ hidden: true, hidden_reason: 'REASON-insults-a-neighbour', description: 'ABUSIVE-TEXT-123' });
    for (const path of [`/api/concerns/${c}`, `/open311/v2/requests/${c}.json`, '/feeds/area.atom?lat=35.82&lon=50.98&radius_m=100', '/api/concerns/nearby?lat=35.82&lon=50.98&category=health']) {
      const r = await call(t.url, 'GET', path);
      expect(r.text).not.toContain('ABUSIVE-TEXT-123');
      expect(r.text).not.toContain('REASON-insults');
    }
    expect((await call(t.url, 'GET', `/api/concerns/${c}`)).body).toMatchObject({ hidden: true, description: null });
    await call(t.url, 'POST', `/api/concerns/${c}/hide`, { session: planner, body: { reason: 'Reviewed: fine', hidden: false } });
    expect((await call(t.url, 'GET', `/api/concerns/${c}`)).body.description).toBe('ABUSIVE-TEXT-123');
  });
});

describe("the planner's queue and response templates", () => {
  it('filters by status, category, district and age, highest priority first', async () => {
    const v = (await file({ category: 'visual', lat: 35.79, lon: 50.93 })).body;
    const q = (s: string) => call(t.url, 'GET', `/api/concerns/queue?${s}&limit=1000`, { session: planner });
    const visual = (await q('category=visual')).body;
    expect(visual.items.map((i: { code: string }) => i.code)).toContain(v.code);
    for (const i of visual.items) expect(i.category).toBe('visual');
    const pr = visual.items.map((i: { priority: number }) => i.priority);
    expect(pr).toEqual([...pr].sort((a: number, b: number) => b - a));
    expect((await q(`district=${v.district_id}`)).body.items.every((i: { district_id: number }) => i.district_id === v.district_id)).toBe(true);
    expect((await q('age_days=1')).body.items.map((i: { code: string }) => i.code)).not.toContain(v.code);
    t.ctx.db.prepare('UPDATE concerns SET created_at = ? WHERE code = ?').run(new Date(Date.now() - 20 * 86_400_000).toISOString(), v.code);
    const old = (await q('age_days=14')).body.items.find((i: { code: string }) => i.code === v.code);
    expect(old.priority - (old.near_sensitive ? 40 : 0)).toBeCloseTo(20, 0);
    expect((await q('status=closed')).body.items.every((i: { open: boolean }) => !i.open)).toBe(true);
    expect((await q('status=bogus')).status).toBe(400);
  });

  it('keeps reusable response texts for planners only', async () => {
    const before = concernCounts(t.ctx);
    expect((await call(t.url, 'POST', '/api/response-templates', { session: planner, body: { title: '', body: 'x' } })).status).toBe(400);
    expect((await call(t.url, 'POST', '/api/response-templates', { session: mci, body: { title: 'a', body: 'b' } })).status).toBe(403);
    expect(concernCounts(t.ctx)).toEqual(before);
    const c = await call(t.url, 'POST', '/api/response-templates', { session: planner, body: { title: 'Measurement booked', body: 'اندازه‌گیری تابش برای هفتهٔ آینده برنامه‌ریزی شد.', status: 'action_scheduled' } });
    expect(c.status).toBe(201);
    const list = (await call(t.url, 'GET', '/api/response-templates', { session: planner })).body;
    expect(list).toContainEqual(c.body);
    expect((await call(t.url, 'GET', '/api/response-templates')).status).toBe(401);
  });

  it('lets an admin issue an Open311 key that then files, and nobody else', async () => {
    expect((await call(t.url, 'POST', '/api/open311-keys', { session: planner, body: { name: 'x' } })).status).toBe(403);
    const k = await call(t.url, 'POST', '/api/open311-keys', { session: admin, body: { name: 'Karaj 137 call centre' } });
    expect(k.status).toBe(201);
    const r = await postForm(t.url, '/open311/v2/requests.json', { api_key: k.body.api_key, service_code: 'other', lat: '35.8', long: '50.9' });
    expect(r.status).toBe(201);
    expect(JSON.stringify(t.ctx.db.prepare('SELECT * FROM open311_keys').all())).not.toContain(k.body.api_key);
  });
});
