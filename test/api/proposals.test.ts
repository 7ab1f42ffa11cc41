/** The public consultation over HTTP: the map layer and page of a proposed site with public fields only, the
 *  documents, comments without an account (private contact, moderation, closed after 21 days, rate limit),
 *  the area feed; and the clock: the planner's queue overdue first, an unbuilt colocation lapsing and undone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';
import { callFrom } from '../support/concerns.js';
import { PNG } from '../support/photos.js';
import { PDF, away, requestCounts, sector, setClock, upload } from '../support/requests.js';

let t: TestServer;
let planner: Session;
let irancell: Session;
let rightel: Session;
const T0 = Date.parse('2025-05-10T08:00:00.000Z');
// A quiet corner south-west of the demo city centre.
const [LON, LAT] = away(50.9915, 35.8355, 2500, 200);

beforeAll(async () => {
  t = await startServer('demo');
  [planner, irancell, rightel] = await Promise.all([login(t.url, 'planner'), login(t.url, 'irancell'), login(t.url, 'rightel')]);
  setClock(t.ctx, T0, 0);
});
afterAll(() => t.close());

/** A complete new-structure request in consultation; returns its id. */
async function proposal(s: Session, operator: string, lon: number, lat: number, heightM: number): Promise<number> {
  const r = await call(t.url, 'POST', '/api/requests', {
    session: s,
    body: { type: 'new_structure', lon, lat, structure_type: 'lattice', height_m: heightM, antennas: [sector(operator, 90, heightM - 2)], purpose: 'Coverage of the new housing blocks', address: 'Golshahr, 45 m street', sharing_justification: 'No structure nearby is tall enough' },
  });
  await upload(t.url, s, r.body.id, PDF, 'drawing.pdf', 'drawing');
  await upload(t.url, s, r.body.id, PNG, 'montage.png', 'photomontage');
  const sub = await call(t.url, 'POST', `/api/requests/${r.body.id}/submit`, { session: s });
  expect(sub.body.status).toBe('consultation');
  return r.body.id;
}

let id: number;

describe('the public page of a proposed site', () => {
  it('puts the proposal on the map and gives its page without private fields', async () => {
    id = await proposal(irancell, 'irancell', LON, LAT, 120);
    const fc = await call(t.url, 'GET', `/api/proposals?bbox=${LON - 0.01},${LAT - 0.01},${LON + 0.01},${LAT + 0.01}`);
    expect(fc.status).toBe(200);
    const f = fc.body.features.find((x: { id: number }) => x.id === id);
    expect(f.geometry.coordinates).toEqual([LON, LAT]);
    expect(f.properties).toMatchObject({ status: 'consultation', height_m: 120, consultation_radius_m: 360 }); // 3 × 120 m > 300 m
    const far = await call(t.url, 'GET', `/api/proposals?bbox=${LON + 0.1},${LAT},${LON + 0.2},${LAT + 0.1}`);
    expect(far.body.features.map((x: { id: number }) => x.id)).not.toContain(id);

    const p = await call(t.url, 'GET', `/api/proposals/${id}`);
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ id, type: 'new_structure', operator: { name_en: expect.any(String) }, purpose: 'Coverage of the new housing blocks', height_m: 120, address: 'Golshahr, 45 m street' });
    expect(p.body.consultation).toMatchObject({ open: true, days_left: 21, ends_at: new Date(T0 + 21 * 86_400_000).toISOString(), radius_m: 360 });
    expect(p.body.documents.map((d: { kind: string }) => d.kind)).toEqual(['drawing', 'photomontage']);
    expect(p.body.rule_report.verdict).toMatch(/pass|warn|fail/);
    const kinds = p.body.exposure.map((k: { kind: string }) => k.kind);
    expect(kinds[0]).toBe('foot');
    expect(kinds.at(-1)).toBe('peak');
    for (const key of ['created_by', 'history', 'sharing_options', 'missing', 'next_statuses', 'recheck_report']) expect(p.body).not.toHaveProperty(key);
  });

  it('serves the documents to anyone once public: PDFs as downloads, images inline, sandboxed', async () => {
    const p = await call(t.url, 'GET', `/api/proposals/${id}`);
    const [pdf, png] = p.body.documents;
    const a = await fetch(t.url + pdf.url);
    expect(a.headers.get('content-type')).toBe('application/pdf');
    expect(a.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(a.headers.get('content-security-policy')).toContain('sandbox');
    const b = await fetch(t.url + png.url);
    expect(b.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await b.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('hides drafts from the public (404)', async () => {
    const d = await call(t.url, 'POST', '/api/requests', { session: rightel, body: { type: 'new_structure', lon: LON, lat: LAT } });
    expect((await call(t.url, 'GET', `/api/proposals/${d.body.id}`)).status).toBe(404);
    const fc = await call(t.url, 'GET', '/api/proposals');
    expect(fc.body.features.map((x: { id: number }) => x.id)).not.toContain(d.body.id);
  });
});

describe('residents comment', () => {
  let commentId: number;

  it('takes a comment without an account, keeping name and email for planners only', async () => {
    const r = await callFrom('127.0.0.2', t.url, 'POST', `/api/proposals/${id}/comments`, { body: { body: 'Too close to the park.', name: 'Sara', email: 'sara@example.org' } });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(Number), body: 'Too close to the park.', created_at: new Date(T0).toISOString() });
    commentId = r.body.id;
    const pub = await call(t.url, 'GET', `/api/proposals/${id}`);
    expect(pub.body.comments).toEqual([r.body]);
    expect(pub.text).not.toContain('sara@example.org');
    const op = await call(t.url, 'GET', `/api/requests/${id}`, { session: irancell });
    expect(op.text).not.toContain('sara@example.org');
    const pl = await call(t.url, 'GET', `/api/requests/${id}`, { session: planner });
    expect(pl.body.comments[0]).toMatchObject({ name: 'Sara', email: 'sara@example.org', hidden: false });
  });

  it('refuses bad comments with 400 and stores nothing; a honeypot stores nothing either', async () => {
    const before = requestCounts(t.ctx);
    for (const body of [{ body: '' }, { body: 'x'.repeat(4001) }, { body: 'ok', email: 'not-an-email' }, { body: 'ok', extra: 1 }]) {
      const r = await callFrom('127.0.0.3', t.url, 'POST', `/api/proposals/${id}/comments`, { body });
      expect(r.status).toBe(400);
    }
    const bot = await callFrom('127.0.0.3', t.url, 'POST', `/api/proposals/${id}/comments`, { body: { body: 'buy pills', website: 'http://spam' } });
    expect(bot.status).toBe(201);
    expect(requestCounts(t.ctx)).toEqual(before);
  });

  it('lets a planner hide a comment with a reason; the public no longer sees it', async () => {
    const before = requestCounts(t.ctx);
    expect((await call(t.url, 'POST', `/api/proposals/${id}/comments/${commentId}/hide`, { session: irancell, body: { reason: 'x' } })).status).toBe(403);
    expect(requestCounts(t.ctx)).toEqual(before);
    const r = await call(t.url, 'POST', `/api/proposals/${id}/comments/${commentId}/hide`, { session: planner, body: { reason: 'Personal attack' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ hidden: true, hidden_reason: 'Personal attack' });
    expect((await call(t.url, 'GET', `/api/proposals/${id}`)).body.comments).toEqual([]);
  });

  it('lists the proposal in the area feed', async () => {
    const r = await fetch(`${t.url}/feeds/area.atom?lat=${LAT}&lon=${LON}&radius_m=500`);
    const xml = await r.text();
    expect(xml).toContain(`/proposals/${id}</id>`);
    expect(xml).toContain('<category term="proposal"/>');
  });

  it('limits comments per address (429 with Retry-After)', async () => {
    const from = '127.0.0.9';
    for (let i = 0; i < 5; i++) expect((await callFrom(from, t.url, 'POST', `/api/proposals/${id}/comments`, { body: { body: `comment ${i}` } })).status).toBe(201);
    const r = await callFrom(from, t.url, 'POST', `/api/proposals/${id}/comments`, { body: { body: 'one more' } });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await callFrom('127.0.0.10', t.url, 'POST', `/api/proposals/${id}/comments`, { body: { body: 'another resident' } })).status).toBe(201);
  });

  it('closes comments when the 21 days are over (409)', async () => {
    setClock(t.ctx, T0, 21);
    const r = await callFrom('127.0.0.4', t.url, 'POST', `/api/proposals/${id}/comments`, { body: { body: 'late' } });
    expect(r.status).toBe(409);
    expect(errorOf(r).code).toBe('consultation_closed');
    expect((await call(t.url, 'GET', `/api/proposals/${id}`)).body).toMatchObject({ status: 'under_review', consultation: { open: false, days_left: null } });
  });
});

describe('the clocks', () => {
  it('puts overdue requests first in the planner queue, then fewest days left', async () => {
    // A colocation submitted on day 21 has 60 days; the new structure from day 0 has 150.
    const mast = (await call(t.url, 'GET', '/api/sites?operator=mci&limit=200')).body.features.find(
      (f: { properties: { operators: string[]; owner_operator_id: string; status: string; structure_type: string } }) =>
        f.properties.owner_operator_id === 'mci' && f.properties.operators.join() === 'mci' && f.properties.status === 'active' && f.properties.structure_type !== 'rooftop',
    );
    const c = await call(t.url, 'POST', '/api/requests', { session: rightel, body: { type: 'colocation', site_id: mast.id, antennas: [sector('rightel', 300, 20)], purpose: 'Share the MCI mast' } });
    expect(c.status).toBe(201);
    expect(c.body.lon).toBe(mast.geometry.coordinates[0]);
    await upload(t.url, rightel, c.body.id, PDF, 'd.pdf', 'drawing');
    expect((await call(t.url, 'POST', `/api/requests/${c.body.id}/submit`, { session: rightel })).body.status).toBe('consultation');
    setClock(t.ctx, T0, 21 + 61);
    const q = await call(t.url, 'GET', '/api/requests?status=open', { session: planner });
    const mine = q.body.items.filter((x: { id: number }) => x.id === c.body.id || x.id === id);
    expect(mine.map((x: { id: number }) => x.id)).toEqual([c.body.id, id]);
    expect(mine[0]).toMatchObject({ overdue: true, days_left: -1, status: 'under_review' });
    expect(mine[1]).toMatchObject({ overdue: false, days_left: 150 - 82 });

    // Approved but never built: after 12 months the colocation lapses and the MCI mast is as it was.
    const before = (await call(t.url, 'GET', `/api/sites/${mast.id}`)).body.properties;
    const ok = await call(t.url, 'POST', `/api/requests/${c.body.id}/decision`, { session: planner, body: { decision: 'approve', reasons: 'Sharing is what the policy asks for' } });
    expect(ok.body.status).toBe('approved');
    const shared = (await call(t.url, 'GET', `/api/sites/${mast.id}`)).body.properties;
    expect(shared.operators).toEqual(['mci', 'rightel']);
    expect(shared.approving_request_id).toBe(c.body.id);
    expect(shared.antenna_count).toBe(before.antenna_count + 1);
    setClock(t.ctx, T0, 21 + 61 + 366);
    const lapsed = await call(t.url, 'GET', `/api/requests/${c.body.id}`, { session: rightel });
    expect(lapsed.body.status).toBe('lapsed');
    expect(lapsed.body.history.at(-1)).toMatchObject({ actor: 'system', to_status: 'lapsed' });
    const after = (await call(t.url, 'GET', `/api/sites/${mast.id}`)).body.properties;
    expect(after.operators).toEqual(['mci']);
    expect(after.antennas.map((a: { id: number }) => a.id)).toEqual(before.antennas.map((a: { id: number }) => a.id));
    expect((await call(t.url, 'POST', `/api/requests/${c.body.id}/built`, { session: rightel })).status).toBe(409);
  });

  it('rejects with reasons: nothing enters the registry, and the public page shows the decision', async () => {
    const before = requestCounts(t.ctx);
    const r = await call(t.url, 'POST', `/api/requests/${id}/decision`, { session: planner, body: { decision: 'reject', reasons: 'A 120 m lattice dominates the skyline; share the MCI mast' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'rejected', site_id: null, clocks: { lapses_at: null, days_left: null, overdue: false } });
    const after = requestCounts(t.ctx);
    expect([after.sites, after.antennas]).toEqual([before.sites, before.antennas]);
    const page = await call(t.url, 'GET', `/api/proposals/${id}`);
    expect(page.body.decision).toMatchObject({ decision: 'reject', reasons: 'A 120 m lattice dominates the skyline; share the MCI mast' });
    const letter = await call(t.url, 'GET', `/api/requests/${id}/letter`, { session: irancell });
    expect(letter.body).toMatchObject({ decision: 'reject', lapses_at: null, fa: { decision: 'مخالفت' } });
    const fc = await call(t.url, 'GET', '/api/proposals');
    expect(fc.body.features.map((x: { id: number }) => x.id)).not.toContain(id);
  });

  it('lets an operator withdraw its own undecided request, which then stays off the public pages', async () => {
    const d = await call(t.url, 'POST', '/api/requests', { session: rightel, body: { type: 'new_structure' } });
    expect((await call(t.url, 'POST', `/api/requests/${d.body.id}/withdraw`, { session: irancell })).status).toBe(404);
    const w = await call(t.url, 'POST', `/api/requests/${d.body.id}/withdraw`, { session: rightel, body: { reason: 'Site lease fell through' } });
    expect(w.body).toMatchObject({ status: 'withdrawn', next_statuses: [] });
    expect(w.body.history.at(-1)).toMatchObject({ actor: 'rightel', to_status: 'withdrawn', note: 'Site lease fell through' });
    expect((await call(t.url, 'POST', `/api/requests/${d.body.id}/submit`, { session: rightel })).status).toBe(409);
    expect((await call(t.url, 'GET', `/api/proposals/${d.body.id}`)).status).toBe(404);
  });
});
