/** The siting policy as versioned data over HTTP: the default from data/policy/karaj.json on any new database,
 *  a planner's edit as a new audited version that later checks report and use, roles, validation. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Policy } from '../../shared/policy.js';
import { call, counts, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';
import { isolatedPlace, northOf, type PlaceFeature } from '../support/siting.js';

const fileRaw: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../../data/policy/karaj.json', import.meta.url)), 'utf8'));
const filePolicy = Policy.parse(fileRaw);

let t: TestServer;
let planner: Session;
let operator: Session;
beforeAll(async () => {
  t = await startServer('demo');
  [planner, operator] = await Promise.all([login(t.url, 'planner'), login(t.url, 'irancell')]);
});
afterAll(() => t.close());

const withSchoolBuffer = (m: unknown) => {
  const p = structuredClone(filePolicy) as Record<string, any>;
  p.rules.sensitive_buffer.buffer_m.school = m;
  return p;
};
const bufferRule = (r: { body: { rules: Array<{ rule: string }> } }) => r.body.rules.find((x) => x.rule === 'sensitive_buffer') as
  | { status: string; measured: number; limit: number; related: Array<{ id: number }> }
  | undefined;

describe('the policy in force', () => {
  it('is version 1, the file data/policy/karaj.json, readable by anyone', async () => {
    const r = await call(t.url, 'GET', '/api/policy');
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(1);
    expect(r.body.policy).toEqual(filePolicy);
    expect(r.body).not.toHaveProperty('created_by');
  });

  it('exists on a new database seeded with DAKAL_SEED=none too', async () => {
    const empty = await startServer('none');
    try {
      const r = await call(empty.url, 'GET', '/api/policy');
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ version: 1, policy: filePolicy });
      expect(empty.ctx.sites.count()).toBe(0);
    } finally {
      await empty.close();
    }
  });
});

describe('PUT /api/policy', () => {
  it('refuses operators (403) and anonymous callers (401), changing nothing', async () => {
    const before = counts(t.ctx);
    const op = await call(t.url, 'PUT', '/api/policy', { session: operator, body: withSchoolBuffer(150) });
    expect(op.status).toBe(403);
    expect(errorOf(op).code).toBe('forbidden');
    expect((await call(t.url, 'PUT', '/api/policy', { body: withSchoolBuffer(150) })).status).toBe(401);
    expect((await call(t.url, 'GET', '/api/policy/versions', { session: operator })).status).toBe(403);
    expect(counts(t.ctx)).toEqual(before);
    expect((await call(t.url, 'GET', '/api/policy')).body.version).toBe(1);
  });

  it('refuses an invalid policy with 400 naming each bad field, and changes nothing', async () => {
    const before = counts(t.ctx);
    const negative = await call(t.url, 'PUT', '/api/policy', { session: planner, body: withSchoolBuffer(-5) });
    expect(negative.status).toBe(400);
    expect(errorOf(negative).fields).toHaveProperty(['body.rules.sensitive_buffer.buffer_m.school']);
    const p = structuredClone(filePolicy) as Record<string, any>;
    delete p.rules.aviation;
    p.rules.share_first.status = 'maybe';
    p.surprise = true;
    const broken = await call(t.url, 'PUT', '/api/policy', { session: planner, body: p });
    expect(broken.status).toBe(400);
    expect(Object.keys(errorOf(broken).fields)).toEqual(expect.arrayContaining(['body.rules.aviation', 'body.rules.share_first.status']));
    expect(counts(t.ctx)).toEqual(before);
    expect((await call(t.url, 'GET', '/api/policy')).body.version).toBe(1);
  });

  it('a planner sets the school buffer to 150 m: version 2, audited, and later checks report version 2 and use 150 m', async () => {
    const schools = (await call(t.url, 'GET', '/api/sensitive-places')).body.features as PlaceFeature[];
    const school = isolatedPlace(schools, 'school', 600);
    const at = northOf(school, 120);
    const proposal = { lat: at.lat, lon: at.lon, height_m: 20, structure_type: 'rooftop' };

    const v1 = await call(t.url, 'POST', '/api/siting/check', { body: proposal });
    expect(v1.body.policy_version).toBe(1);
    expect(bufferRule(v1)).toMatchObject({ status: 'pass', limit: 100 });

    const put = await call(t.url, 'PUT', '/api/policy?note=wider%20school%20buffer&base_version=1', { session: planner, body: withSchoolBuffer(150) });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ version: 2, note: 'wider school buffer' });
    expect(put.body.policy.rules.sensitive_buffer.buffer_m).toEqual({ kindergarten: 100, school: 150, hospital: 100 });
    expect((await call(t.url, 'GET', '/api/policy')).body.version).toBe(2);

    const audit = t.ctx.db.prepare("SELECT actor, action, before, after FROM audit_events WHERE entity = 'policy' AND entity_id = '2'").get() as Record<string, string>;
    expect(audit).toMatchObject({ actor: 'planner', action: 'update' });
    expect(JSON.parse(audit.before!).policy.rules.sensitive_buffer.buffer_m.school).toBe(100);
    expect(JSON.parse(audit.after!).policy.rules.sensitive_buffer.buffer_m.school).toBe(150);

    const v2 = await call(t.url, 'POST', '/api/siting/check', { body: proposal });
    expect(v2.body.policy_version).toBe(2);
    const rule = bufferRule(v2)!;
    expect(rule).toMatchObject({ status: 'fail', limit: 150 });
    expect(rule.measured).toBeCloseTo(120, 2);
    expect(rule.related.map((x) => x.id)).toContain(school.id);
    expect(v2.body.verdict).toBe('fail');
  });

  it('lists versions newest first for planners, and refuses an edit of a stale version with 409', async () => {
    const list = await call(t.url, 'GET', '/api/policy/versions', { session: planner });
    expect(list.status).toBe(200);
    expect(list.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.body[0]).toMatchObject({ created_by: 'planner', note: 'wider school buffer' });
    expect(list.body[1]).toMatchObject({ created_by: 'system' });
    const before = counts(t.ctx);
    const stale = await call(t.url, 'PUT', '/api/policy?base_version=1', { session: planner, body: withSchoolBuffer(200) });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).fields).toHaveProperty(['query.base_version']);
    expect(counts(t.ctx)).toEqual(before);
  });
});
