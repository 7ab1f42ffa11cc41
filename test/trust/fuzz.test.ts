/** Fuzzing every operation of the served OpenAPI document (and Open311 when mounted) with seeded hostile requests,
 *  as anonymous and as a signed-in planner: no 5xx, the standard error shape, a healthy server, and a database
 *  that no rejected request changed. */
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/generate/prng.js';
import { COOKIE } from '../../server/http/session.js';
import { fingerprint, foreignKeyViolations, integrity } from '../support/db-state.js';
import { fuzzRequest, type FuzzRequest } from '../support/fuzz-requests.js';
import { servedOperations, type Operation } from '../support/openapi-ops.js';
import { rawClient, type RawAnswer } from '../support/raw-http.js';
import { startServer } from '../support/server.js';

const SEED = 20240320;
/** Requests per identity spread over the operations, each operation getting at least MIN_PER_OP. */
const BUDGET = 2600;
const MIN_PER_OP = 30;

const t = await startServer('demo');
const { ops, open311 } = await servedOperations(t.url);
const plannerId = t.ctx.db.prepare("SELECT id FROM users WHERE username = 'planner'").pluck().get() as number;
const client = rawClient(t.url);
const perOp = Math.max(MIN_PER_OP, Math.ceil(BUDGET / ops.length));
let sent = 0;
const allStatuses: Record<number, number> = {};
let token = '';
let csrf = '';

afterAll(async () => {
  console.log(`fuzz: ${sent} requests over ${ops.length} operations (${open311 ? 'Open311 included' : 'no Open311 mounted'}); answers ${JSON.stringify(allStatuses)}`);
  client.close();
  await t.close();
});

/** A live planner session minted by the server's own store (no password: login throttling stays out of it). */
function plannerSession(): { cookie: string; csrf: string } {
  if (!token || !t.ctx.sessions.lookup(token)) ({ token, csrf } = t.ctx.sessions.create(plannerId));
  return { cookie: `${COOKIE}=${token}`, csrf };
}

const seedOf = (id: string) => [...id].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, SEED);

async function send(r: FuzzRequest, asPlanner: boolean): Promise<RawAnswer> {
  const headers = { ...r.headers };
  if (asPlanner) {
    const s = plannerSession();
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrf;
  }
  const a = await client.send(r.method, r.path, headers, r.body);
  sent++;
  return a;
}

/** What is wrong with an error answer's body, or null when it has the shape its API promises. */
function badErrorShape(path: string, a: RawAnswer): string | null {
  // Only /api and /open311 promise a body shape; other documented paths (feeds) need only stay below 500.
  if (!path.startsWith('/api/') && !path.startsWith('/open311/')) return null;
  let body: any;
  try {
    body = JSON.parse(a.text);
  } catch {
    return `not JSON (${a.contentType}): ${a.text.slice(0, 120)}`;
  }
  if (path.startsWith('/open311/')) {
    // GeoReport v2 errors: [{code, description}] (DOMAIN.md section 8).
    const ok = Array.isArray(body) && body.length > 0 && body.every((e: any) => e && (typeof e.code === 'number' || typeof e.code === 'string') && typeof e.description === 'string');
    return ok ? null : `not [{code, description}]: ${a.text.slice(0, 160)}`;
  }
  const e = body?.error;
  const ok =
    e && typeof e.code === 'string' && typeof e.message === 'string' && e.fields && typeof e.fields === 'object' && !Array.isArray(e.fields) &&
    Object.values(e.fields).every((v) => typeof v === 'string');
  return ok ? null : `not {error:{code,message,fields}}: ${a.text.slice(0, 160)}`;
}

async function fuzzOperation(op: Operation): Promise<{ failures: string[]; statuses: Record<number, number> }> {
  const rng = mulberry32(seedOf(`${op.method} ${op.path}`));
  const failures: string[] = [];
  const statuses: Record<number, number> = {};
  let before = fingerprint(t.ctx.db);
  for (let i = 0; i < perOp; i++) {
    const r = fuzzRequest(op, rng);
    for (const asPlanner of [false, true]) {
      const who = asPlanner ? 'planner' : 'anonymous';
      let a: RawAnswer;
      try {
        a = await send(r, asPlanner);
      } catch (err) {
        failures.push(`${who} ${r.kind} ${r.method} ${r.path.slice(0, 120)}: no answer (${String(err)} ${String((err as { cause?: unknown }).cause)})`);
        continue;
      }
      statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      allStatuses[a.status] = (allStatuses[a.status] ?? 0) + 1;
      const where = `${who} ${r.kind} ${r.method} ${r.path.slice(0, 120)} -> ${a.status}`;
      if (a.status >= 500) failures.push(`${where}: server error ${a.text.slice(0, 200)}`);
      if (a.status >= 400) {
        const bad = badErrorShape(r.path, a);
        if (bad) failures.push(`${where}: ${bad}`);
      }
      // Nothing else writes between two requests, so the state before this one is the state after the last.
      const after = fingerprint(t.ctx.db);
      if (a.status >= 400 && a.status < 500 && JSON.stringify(after) !== JSON.stringify(before)) {
        failures.push(`${where}: a rejected request changed the database ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
      }
      before = after;
    }
  }
  return { failures, statuses };
}

describe('fuzzing every documented operation', () => {
  it('reads the operations from the served document', () => {
    expect(ops.length).toBeGreaterThanOrEqual(17);
    expect(ops.map((o) => o.path)).toContain('/api/sites/{id}');
  });

  for (const op of ops) {
    it(`${op.method.toUpperCase()} ${op.path} (${op.access}) survives ${perOp} hostile requests per identity`, async () => {
      const { failures, statuses } = await fuzzOperation(op);
      expect(failures.slice(0, 15), JSON.stringify(statuses)).toEqual([]);
      const health = await fetch(`${t.url}/api/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
      expect(integrity(t.ctx.db)).toBe('ok');
      expect(foreignKeyViolations(t.ctx.db)).toEqual([]);
    });
  }

  it('sent at least 5,000 requests', () => {
    expect(sent).toBeGreaterThanOrEqual(5000);
  });
});
