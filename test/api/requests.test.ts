/** Site requests end to end over HTTP: drafts and files, operators kept apart, a failing pre-check that still
 *  goes in with its report, the completeness check, the consultation clock, the planner's decision creating the
 *  site in the same transaction, built turning it active, illegal steps refused, bad input changing nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';
import { PNG } from '../support/photos.js';
import { PDF, aSchool, away, requestCounts, sector, setClock, upload } from '../support/requests.js';

let t: TestServer;
let planner: Session;
let irancell: Session;
let mci: Session;
const T0 = Date.parse('2025-04-01T06:00:00.000Z');
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startServer('demo');
  [planner, irancell, mci] = await Promise.all([login(t.url, 'planner'), login(t.url, 'irancell'), login(t.url, 'mci')]);
  setClock(t.ctx, T0, 0);
});
afterAll(() => t.close());

let id: number;
let lon: number;
let lat: number;

describe('an operator drafts a request', () => {
  it('creates a draft 30 m from a school, for its own operator, with the live sharing options', async () => {
    const school = await aSchool(t.url);
    [lon, lat] = away(school.lon, school.lat, 30, 0);
    const r = await call(t.url, 'POST', '/api/requests', {
      session: irancell,
      body: { type: 'new_structure', lon, lat, structure_type: 'monopole', height_m: 30, antennas: [sector('irancell', 0), sector('irancell', 240)], purpose: 'LTE capacity for the neighbourhood' },
    });
    expect(r.status).toBe(201);
    id = r.body.id;
    expect(r.headers.get('location')).toBe(`/api/requests/${id}`);
    expect(r.body).toMatchObject({ status: 'draft', operator_id: 'irancell', created_by: 'irancell', rule_report: null, next_statuses: ['submitted', 'withdrawn'] });
    expect(r.body.history).toEqual([{ at: new Date(T0).toISOString(), actor: 'irancell', from_status: null, to_status: 'draft', note: '' }]);
    for (const o of r.body.sharing_options) {
      expect(o.distance_m).toBeLessThanOrEqual(400);
      expect(o.operators).not.toContain('irancell');
      expect(o.free_slots).toBe(Math.max(0, o.capacity - o.operators.length));
    }
  });

  it('answers bad input with 400 naming the field, and changes nothing', async () => {
    const before = requestCounts(t.ctx);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ type: 'new_structure', antennas: [sector('mci')] }, 'body.antennas.0.operator_id'],
      [{ type: 'new_structure', height_m: -3 }, 'body.height_m'],
      [{ type: 'colocation' }, 'body.site_id'],
      [{ type: 'change', site_id: 99999999 }, 'body.site_id'],
      [{ type: 'new_structure', site_id: 1 }, 'body.site_id'],
      [{ type: 'tower' }, 'body.type'],
      [{ type: 'new_structure', owner: 'x' }, 'body'],
    ];
    for (const [body, field] of bad) {
      const r = await call(t.url, 'POST', '/api/requests', { session: irancell, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(errorOf(r).fields).some((k) => k.startsWith(field)), `${field} in ${JSON.stringify(errorOf(r).fields)}`).toBe(true);
    }
    const p = await call(t.url, 'PATCH', `/api/requests/${id}`, { session: irancell, body: { lat: 95 } });
    expect(p.status).toBe(400);
    expect(errorOf(p).fields).toHaveProperty('body.lat');
    expect((await call(t.url, 'POST', '/api/requests', { session: planner, body: { type: 'new_structure' } })).status).toBe(403);
    expect((await call(t.url, 'POST', '/api/requests', { body: { type: 'new_structure' } })).status).toBe(401);
    expect(requestCounts(t.ctx)).toEqual(before);
  });

  it("keeps another operator out of the request (404) and changes nothing", async () => {
    const before = requestCounts(t.ctx);
    expect((await call(t.url, 'GET', `/api/requests/${id}`, { session: mci })).status).toBe(404);
    expect((await call(t.url, 'PATCH', `/api/requests/${id}`, { session: mci, body: { purpose: 'mine now' } })).status).toBe(404);
    expect((await call(t.url, 'POST', `/api/requests/${id}/submit`, { session: mci })).status).toBe(404);
    expect((await call(t.url, 'POST', `/api/requests/${id}/withdraw`, { session: mci })).status).toBe(404);
    expect((await upload(t.url, mci, id, PDF, 'd.pdf', 'drawing')).status).toBe(404);
    const list = await call(t.url, 'GET', '/api/requests', { session: mci });
    expect(list.body.items.map((x: { id: number }) => x.id)).not.toContain(id);
    expect((await call(t.url, 'POST', `/api/requests/${id}/decision`, { session: mci, body: { decision: 'approve', reasons: 'x' } })).status).toBe(403);
    expect(requestCounts(t.ctx)).toEqual(before);
    expect((await call(t.url, 'GET', `/api/requests/${id}`, { session: planner })).status).toBe(200);
  });
});

describe('submission', () => {
  it('returns an incomplete request with the missing items, and freezes the failing pre-check', async () => {
    const r = await call(t.url, 'POST', `/api/requests/${id}/submit`, { session: irancell });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('incomplete');
    const items = r.body.missing.map((m: { item: string }) => m.item);
    expect(items).toEqual(expect.arrayContaining(['drawing', 'photomontage']));
    expect(items.includes('sharing_justification')).toBe(r.body.sharing_options.some((o: { free_slots: number }) => o.free_slots > 0));
    expect(r.body.history.map((h: { to_status: string }) => h.to_status)).toEqual(['draft', 'submitted', 'incomplete']);
    expect(r.body.history[2].actor).toBe('system');
    expect(r.body.rule_report.verdict).toBe('fail');
    const buffer = r.body.rule_report.rules.find((x: { rule: string }) => x.rule === 'sensitive_buffer');
    expect(buffer.status).toBe('fail');
    expect(buffer.measured).toBeGreaterThan(25);
    expect(buffer.measured).toBeLessThan(35);
    expect(r.body.clocks.decision_due_at).toBeNull(); // an incomplete filing starts no clock
  });

  it('takes PDF and images by their bytes, refuses other bytes and oversize files', async () => {
    const before = requestCounts(t.ctx);
    expect((await upload(t.url, irancell, id, Buffer.from('<html><script>alert(1)</script>'), 'x.pdf', 'drawing', 'application/pdf')).status).toBe(415);
    expect((await upload(t.url, irancell, id, Buffer.alloc(0), 'x.pdf', 'drawing')).status).toBe(400);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload(t.url, irancell, id, big, 'big.pdf', 'drawing')).status).toBe(413);
    expect((await upload(t.url, irancell, id, PDF, 'x.pdf', 'plan')).status).toBe(400);
    expect(requestCounts(t.ctx)).toEqual(before);
    const d = await upload(t.url, irancell, id, PDF, 'نقشه-drawing.pdf', 'drawing', 'image/png');
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ kind: 'drawing', content_type: 'application/pdf', size_bytes: PDF.length });
    const p = await upload(t.url, irancell, id, PNG, 'montage.png', 'photomontage');
    expect(p.body.content_type).toBe('image/png');
    // Not public yet: only the operator and planners may fetch the files.
    expect((await call(t.url, 'GET', d.body.url)).status).toBe(404);
    expect((await call(t.url, 'GET', d.body.url, { session: mci })).status).toBe(404);
    const own = await fetch(t.url + d.body.url, { headers: { cookie: irancell.cookie } });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''/);
    expect(Buffer.from(await own.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('opens a 21-day consultation once complete; the decision clock of a new structure is 150 days', async () => {
    await call(t.url, 'PATCH', `/api/requests/${id}`, { session: irancell, body: { sharing_justification: 'The MCI mast is 15 m and cannot carry a 3rd sector at 28 m' } });
    setClock(t.ctx, T0, 2);
    const r = await call(t.url, 'POST', `/api/requests/${id}/submit`, { session: irancell });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('consultation');
    const at = T0 + 2 * DAY;
    expect(r.body.clocks).toMatchObject({
      submitted_at: new Date(at).toISOString(), first_submitted_at: new Date(T0).toISOString(),
      consultation_ends_at: new Date(at + 21 * DAY).toISOString(), decision_due_at: new Date(at + 150 * DAY).toISOString(),
      consultation_open: true, consultation_radius_m: 300, days_left: 150, overdue: false,
    });
    expect(r.body.rule_report.verdict).toBe('fail');
    expect(r.body.public_path).toBe(`/proposals/${id}`);
    expect((await call(t.url, 'PATCH', `/api/requests/${id}`, { session: irancell, body: { purpose: 'x' } })).status).toBe(409);
    expect((await upload(t.url, irancell, id, PDF, 'late.pdf', 'other')).status).toBe(409);
  });

  it('shows the planner the failing request in the queue with its report', async () => {
    const q = await call(t.url, 'GET', '/api/requests', { session: planner });
    const item = q.body.items.find((x: { id: number }) => x.id === id);
    expect(item).toMatchObject({ status: 'consultation', verdict: 'fail', days_left: 150, overdue: false });
    const r = await call(t.url, 'GET', `/api/requests/${id}`, { session: planner });
    expect(r.body.rule_report.rules.find((x: { rule: string }) => x.rule === 'sensitive_buffer').status).toBe('fail');
    expect(r.body.next_statuses).toEqual(['under_review']);
  });
});

describe('review and decision', () => {
  it('refuses to decide or close the review while residents may comment (409, nothing changed)', async () => {
    const before = requestCounts(t.ctx);
    const d = await call(t.url, 'POST', `/api/requests/${id}/decision`, { session: planner, body: { decision: 'approve', reasons: 'fine' } });
    expect(d.status).toBe(409);
    expect((await call(t.url, 'POST', `/api/requests/${id}/review`, { session: planner })).status).toBe(409);
    expect(requestCounts(t.ctx)).toEqual(before);
  });

  it('moves the request under review when the 21 days have passed, on the next read', async () => {
    setClock(t.ctx, T0, 2 + 21);
    const r = await call(t.url, 'GET', `/api/requests/${id}`, { session: irancell });
    expect(r.body.status).toBe('under_review');
    expect(r.body.history.at(-1)).toMatchObject({ actor: 'system', from_status: 'consultation', to_status: 'under_review' });
    expect(r.body.clocks.days_left).toBe(150 - 21);
  });

  it('refuses a decision without reasons or with misplaced conditions (400), changing nothing', async () => {
    const before = requestCounts(t.ctx);
    for (const body of [
      { decision: 'approve', reasons: '  ' },
      { decision: 'approve_with_conditions', reasons: 'ok' },
      { decision: 'reject', reasons: 'no', conditions: ['paint it'] },
      { decision: 'maybe', reasons: 'x' },
    ]) {
      const r = await call(t.url, 'POST', `/api/requests/${id}/decision`, { session: planner, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect(requestCounts(t.ctx)).toEqual(before);
  });

  it('approves with conditions and creates the site in the registry in the same step', async () => {
    const before = requestCounts(t.ctx);
    const r = await call(t.url, 'POST', `/api/requests/${id}/decision`, {
      session: planner, body: { decision: 'approve_with_conditions', reasons: 'Needed for coverage; buffer breach accepted after exposure review', conditions: ['Stealth finish', 'Measure exposure at the school after switch-on'] },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'approved_with_conditions', decided_by: 'planner' });
    expect(r.body.decision).toMatchObject({ decision: 'approve_with_conditions', conditions: ['Stealth finish', 'Measure exposure at the school after switch-on'] });
    expect(r.body.clocks.lapses_at).toBe('2026-04-24T06:00:00.000Z'); // decided on day 23 (24 April 2025) + 12 months
    const after = requestCounts(t.ctx);
    expect(after.sites).toBe(before.sites + 1);
    expect(after.antennas).toBe(before.antennas + 2);
    const site = await call(t.url, 'GET', `/api/sites/${r.body.site_id}`);
    expect(site.body.properties).toMatchObject({ status: 'approved', source: 'request', owner_operator_id: 'irancell', height_m: 30, approving_request_id: id, antenna_count: 2 });
    expect(site.body.geometry.coordinates).toEqual([lon, lat]);
  });

  it('refuses steps the workflow does not allow after the decision (409)', async () => {
    const before = requestCounts(t.ctx);
    expect((await call(t.url, 'POST', `/api/requests/${id}/withdraw`, { session: irancell })).status).toBe(409);
    expect((await call(t.url, 'POST', `/api/requests/${id}/submit`, { session: irancell })).status).toBe(409);
    expect((await call(t.url, 'POST', `/api/requests/${id}/decision`, { session: planner, body: { decision: 'reject', reasons: 'changed mind' } })).status).toBe(409);
    expect((await call(t.url, 'POST', `/api/requests/${id}/built`, { session: mci })).status).toBe(404);
    expect(requestCounts(t.ctx)).toEqual(before);
  });

  it('turns the site active when the operator marks it built, and the site names the approving request', async () => {
    const r = await call(t.url, 'POST', `/api/requests/${id}/built`, { session: irancell, body: { built_on: '2025-06-01' } });
    expect(r.status).toBe(200);
    expect(r.body.clocks.built_at).not.toBeNull();
    const site = await call(t.url, 'GET', `/api/sites/${r.body.site_id}`);
    expect(site.body.properties).toMatchObject({ status: 'active', installed_on: '2025-06-01', approving_request_id: id });
    expect((await call(t.url, 'POST', `/api/requests/${id}/built`, { session: irancell })).status).toBe(409);
    // Built approvals never lapse.
    setClock(t.ctx, T0, 800);
    expect((await call(t.url, 'GET', `/api/requests/${id}`, { session: irancell })).body.status).toBe('approved_with_conditions');
  });

  it('gives the decision letter in Persian and English', async () => {
    const r = await call(t.url, 'GET', `/api/requests/${id}/letter`, { session: irancell });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ request_id: id, decision: 'approve_with_conditions', decided_by: 'planner', verdict: 'fail', conditions: ['Stealth finish', 'Measure exposure at the school after switch-on'] });
    expect(r.body.reference).toMatch(/^DKL-2025-\d{5}$/);
    expect(r.body.fa.decision).toBe('موافقت مشروط');
    expect(r.body.fa.body.join('\n')).toContain('۱۴۰۴'); // 24 April 2025 is 4 Ordibehesht 1404
    expect(r.body.en.body).toContain('Condition 1: Stealth finish');
    expect((await call(t.url, 'GET', `/api/requests/${id}/letter`, { session: mci })).status).toBe(404);
  });

  it('records every step with actor and time in the history and the audit log', async () => {
    const r = await call(t.url, 'GET', `/api/requests/${id}`, { session: planner });
    expect(r.body.history.map((h: { to_status: string; actor: string }) => `${h.actor}:${h.to_status}`)).toEqual([
      'irancell:draft', 'irancell:submitted', 'system:incomplete', 'irancell:submitted', 'system:consultation', 'system:under_review',
      'planner:approved_with_conditions', 'irancell:approved_with_conditions',
    ]);
    const audit = t.ctx.db.prepare("SELECT actor, action FROM audit_events WHERE entity = 'site_request' AND entity_id = ? ORDER BY id").all(String(id));
    expect(audit.filter((a: any) => a.action === 'transition')).toHaveLength(6);
  });
});
