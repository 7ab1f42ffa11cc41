/** The authorisation matrix: every role against every state-changing operation of the served OpenAPI document,
 *  judged by the operation's `x-access`, then operators against other operators' sites and antennas. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../support/db-state.js';
import { isWrite, servedOperations, type Operation } from '../support/openapi-ops.js';
import { call, login, startServer, type Session, type TestServer } from '../support/server.js';

const ROLES = ['anonymous', 'mci', 'irancell', 'rightel', 'planner', 'admin'] as const;
type Role = (typeof ROLES)[number];

const t: TestServer = await startServer('demo');
const { ops } = await servedOperations(t.url);
const writes = ops.filter(isWrite);
const sessions = {} as Record<Exclude<Role, 'anonymous'>, Session>;

beforeAll(async () => {
  for (const r of ROLES) if (r !== 'anonymous') sessions[r] = await login(t.url, r);
});
afterAll(() => t.close());

/** Which roles the access level lets past the role check (DOMAIN roles; admin counts as a planner). */
const isOperator = (role: Role) => role === 'mci' || role === 'irancell' || role === 'rightel';

/** Signs in again any role whose session an operation ended (logout is one of the operations). */
async function keepSignedIn(): Promise<void> {
  for (const r of ROLES) {
    if (r === 'anonymous') continue;
    const me = await call(t.url, 'GET', '/api/auth/me', { session: sessions[r] });
    if (!me.body?.user) sessions[r] = await login(t.url, r);
  }
}

function allowed(access: string, role: Role): boolean {
  const operator = isOperator(role);
  switch (access) {
    case 'public':
      return true;
    case 'user':
      return role !== 'anonymous';
    case 'planner':
      return role === 'planner' || role === 'admin';
    case 'admin':
      return role === 'admin';
    case 'operator':
      return operator;
    default:
      throw new Error(`unknown x-access ${access}`);
  }
}

const concrete = (op: Operation) => op.path.replace(/\{[^}]+\}/g, '1');
const codeOf = (body: unknown) => (body as { error?: { code?: string } })?.error?.code;

describe('every role against every state-changing operation', () => {
  it('covers the registry writes at least', () => {
    expect(writes.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(['post /api/sites', 'patch /api/sites/{id}', 'post /api/sites/{id}/antennas', 'delete /api/antennas/{id}', 'post /api/import']));
  });

  for (const op of writes) {
    it(`${op.method.toUpperCase()} ${op.path} (x-access ${op.access})`, async () => {
      const seen: string[] = [];
      for (const role of ROLES) {
        const session = role === 'anonymous' ? null : sessions[role];
        const before = fingerprint(t.ctx.db);
        // An empty body: allowed roles then meet validation (400), not a change, so the next role sees the same state.
        const r = await call(t.url, op.method.toUpperCase(), concrete(op), { session, body: op.method === 'delete' ? undefined : {} });
        const code = codeOf(r.body);
        seen.push(`${role}:${r.status}${code ? `/${code}` : ''}`);
        expect(r.status, `${role} must never meet a server error`).toBeLessThan(500);
        if (!allowed(op.access, role)) {
          expect([role, r.status, code]).toEqual([role, role === 'anonymous' ? 401 : 403, role === 'anonymous' ? 'unauthenticated' : 'forbidden']);
          expect(fingerprint(t.ctx.db), `refused ${role} changed nothing`).toEqual(before);
        } else {
          expect([role, code], seen.join(' ')).not.toEqual([role, 'unauthenticated']);
          expect([role, code], seen.join(' ')).not.toEqual([role, 'csrf_failed']);
          // An operator past the role check may still meet 403 on another operator's resource (row 1 here is
          // anyone's); that rule has its own tests below. Planners and admins never meet 403.
          if (!isOperator(role)) expect([role, code], seen.join(' ')).not.toEqual([role, 'forbidden']);
        }
      }
      await keepSignedIn();
    });
  }
});

describe("operators and other operators' resources", () => {
  const site = (code: string, owner: string, antennaOperator = owner) => ({
    code, lon: 50.99, lat: 35.83, structure_type: 'monopole', height_m: 30, owner_operator_id: owner,
    antennas: [{ operator_id: antennaOperator, technology: 'LTE', frequency_mhz: 1800, eirp_w: 800, azimuth_deg: 90, tilt_deg: 5, height_m: 28 }],
  });
  const antenna = (operator: string) => ({ operator_id: operator, technology: 'NR', frequency_mhz: 3500, eirp_w: 1500, azimuth_deg: 0, tilt_deg: 4, height_m: 25 });

  it('an operator may create only sites and antennas of its own operator', async () => {
    expect((await call(t.url, 'POST', '/api/sites', { session: sessions.mci, body: site('AZ-OWN-MCI', 'mci') })).status).toBe(201);
    const before = fingerprint(t.ctx.db);
    const other = await call(t.url, 'POST', '/api/sites', { session: sessions.mci, body: site('AZ-MCI-AS-IRC', 'irancell') });
    expect([other.status, codeOf(other.body)]).toEqual([403, 'forbidden']);
    const foreignAntenna = await call(t.url, 'POST', '/api/sites', { session: sessions.mci, body: site('AZ-MCI-IRC-ANT', 'mci', 'irancell') });
    expect([foreignAntenna.status, codeOf(foreignAntenna.body)]).toEqual([403, 'forbidden']);
    expect(fingerprint(t.ctx.db)).toEqual(before);
  });

  it("an operator may not change another operator's site, antenna, or hand its own site away", async () => {
    const made = await call(t.url, 'POST', '/api/sites', { session: sessions.irancell, body: site('AZ-IRC-1', 'irancell') });
    expect(made.status).toBe(201);
    const siteId = made.body.id as number;
    const antennaId = made.body.properties.antennas[0].id as number;
    const before = fingerprint(t.ctx.db);
    for (const op of ['mci', 'rightel'] as const) {
      const s = sessions[op];
      const attempts = [
        await call(t.url, 'PATCH', `/api/sites/${siteId}`, { session: s, body: { height_m: 31 } }),
        await call(t.url, 'PATCH', `/api/antennas/${antennaId}`, { session: s, body: { tilt_deg: 9 } }),
        await call(t.url, 'DELETE', `/api/antennas/${antennaId}`, { session: s }),
        await call(t.url, 'POST', `/api/sites/${siteId}/antennas`, { session: s, body: antenna('irancell') }),
      ];
      expect(attempts.map((a) => [op, a.status, codeOf(a.body)])).toEqual(attempts.map(() => [op, 403, 'forbidden']));
    }
    const giveAway = await call(t.url, 'PATCH', `/api/sites/${siteId}`, { session: sessions.irancell, body: { owner_operator_id: 'mci' } });
    expect(giveAway.status).toBe(403);
    expect(fingerprint(t.ctx.db)).toEqual(before);
  });

  it('an operator may co-locate its own antenna on any structure, and planners may change anything', async () => {
    const made = await call(t.url, 'POST', '/api/sites', { session: sessions.irancell, body: site('AZ-IRC-2', 'irancell') });
    const colocated = await call(t.url, 'POST', `/api/sites/${made.body.id}/antennas`, { session: sessions.rightel, body: antenna('rightel') });
    expect(colocated.status).toBe(201);
    const own = await call(t.url, 'PATCH', `/api/antennas/${colocated.body.id}`, { session: sessions.rightel, body: { tilt_deg: 7 } });
    expect(own.status).toBe(200);
    for (const who of ['planner', 'admin'] as const) {
      const r = await call(t.url, 'PATCH', `/api/sites/${made.body.id}`, { session: sessions[who], body: { address: `checked by ${who}` } });
      expect([who, r.status]).toEqual([who, 200]);
    }
  });
});
