/** Sessions (rotation, server-side logout, idle expiry), CSRF on every state-changing operation, login
 *  throttling, and the security headers. */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../server/http/throttle.js';
import { fingerprint } from '../support/db-state.js';
import { loginFrom } from '../support/login-from.js';
import { isWrite, servedOperations } from '../support/openapi-ops.js';
import { call, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';

const t: TestServer = await startServer('demo', { DAKAL_SESSION_IDLE_MIN: '30' });
const { ops } = await servedOperations(t.url);
afterAll(() => t.close());

const sessionId = (s: Session) => createHash('sha256').update(decodeURIComponent(s.cookie.split('=')[1]!)).digest('hex');
const userOf = async (s: Session) => (await call(t.url, 'GET', '/api/auth/me', { session: s })).body.user as { username: string } | null;

describe('sessions', () => {
  it('gets a new session id at every sign-in and ends the one the browser had', async () => {
    const first = await login(t.url, 'planner');
    const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: first.cookie }, body: JSON.stringify({ username: 'planner', password: 'demo-planner' }) });
    const second: Session = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrf: string }).csrf };
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrf).not.toBe(first.csrf);
    expect(await userOf(first)).toBeNull();
    expect((await userOf(second))?.username).toBe('planner');
    // The database holds a hash of the token, never the token a thief could replay.
    const token = decodeURIComponent(second.cookie.split('=')[1]!);
    expect(t.ctx.db.prepare('SELECT count(*) FROM sessions WHERE id = ?').pluck().get(token)).toBe(0);
    expect(t.ctx.db.prepare('SELECT count(*) FROM sessions WHERE id = ?').pluck().get(sessionId(second))).toBe(1);
  });

  it('sign-out deletes the session on the server, so a copied cookie is worthless', async () => {
    const s = await login(t.url, 'admin');
    expect((await call(t.url, 'POST', '/api/auth/logout', { session: s })).status).toBe(204);
    expect(t.ctx.db.prepare('SELECT count(*) FROM sessions WHERE id = ?').pluck().get(sessionId(s))).toBe(0);
    expect(await userOf(s)).toBeNull();
    const replay = await call(t.url, 'PATCH', '/api/sites/1', { session: s, body: { address: 'replayed' } });
    expect([replay.status, errorOf(replay).code]).toEqual([401, 'unauthenticated']);
  });

  it('expires after DAKAL_SESSION_IDLE_MIN minutes without a request, and not before', async () => {
    const s = await login(t.url, 'planner');
    const setIdle = (ms: number) => t.ctx.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(Date.now() - ms, sessionId(s));
    setIdle(29 * 60_000);
    expect((await userOf(s))?.username).toBe('planner');
    setIdle(31 * 60_000);
    expect(await userOf(s)).toBeNull();
    expect(t.ctx.db.prepare('SELECT count(*) FROM sessions WHERE id = ?').pluck().get(sessionId(s))).toBe(0);
    const write = await call(t.url, 'POST', '/api/sites/1/antennas', { session: s, body: {} });
    expect(write.status).toBe(401);
  });
});

describe('CSRF', () => {
  // Sign-in itself is exempt: it has no session yet (SameSite=Lax keeps other sites' forms from sending one).
  const writes = ops.filter((o) => isWrite(o) && o.path !== '/api/auth/login');

  it('the document lists the state-changing operations to check', () => {
    expect(writes.length).toBeGreaterThanOrEqual(6);
  });

  for (const op of writes) {
    it(`${op.method.toUpperCase()} ${op.path} refuses a signed-in change without the right X-CSRF-Token`, async () => {
      const admin = await login(t.url, 'admin');
      const planner = await login(t.url, 'planner');
      const path = op.path.replace(/\{[^}]+\}/g, '1');
      const before = fingerprint(t.ctx.db);
      for (const [label, csrf] of [['missing', undefined], ['wrong', 'x'.repeat(32)], ["another session's", planner.csrf]] as const) {
        const headers: Record<string, string> = { cookie: admin.cookie, 'content-type': 'application/json' };
        if (csrf) headers['x-csrf-token'] = csrf;
        const res = await fetch(t.url + path, { method: op.method.toUpperCase(), headers, body: op.method === 'delete' ? undefined : '{}' });
        const body = (await res.json()) as { error?: { code: string } };
        expect([label, res.status, body.error?.code]).toEqual([label, 403, 'csrf_failed']);
      }
      expect(fingerprint(t.ctx.db)).toEqual(before);
      expect((await userOf(admin))?.username, 'a refused sign-out leaves the session alive').toBe('admin');
    });
  }

  it('sign-in, exempt from the token, cannot be posted by a cross-site form: JSON only, which forms cannot send', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'username=planner&password=demo-planner'],
      ['text/plain', '{"username":"planner","password":"demo-planner"}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nplanner\r\n--x--\r\n'],
    ]) {
      const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': type!, origin: 'https://evil.example' }, body });
      expect([type, res.status, res.headers.get('set-cookie')]).toEqual([type, 400, null]);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('reads need no token', async () => {
    const s = await login(t.url, 'planner');
    const r = await fetch(`${t.url}/api/auth/me`, { headers: { cookie: s.cookie } });
    expect(r.status).toBe(200);
  });
});

describe('login throttling', () => {
  it('locks an account after 5 failures, whatever the address, with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await loginFrom(t.url, '127.0.0.2', 'mci', `guess-${i}`)).status).toBe(401);
    const locked = await loginFrom(t.url, '127.0.0.2', 'mci', 'demo-mci');
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'too_many_attempts', fields: {} });
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect((await loginFrom(t.url, '127.0.0.3', 'mci', 'demo-mci')).status).toBe(429);
    expect((await loginFrom(t.url, '127.0.0.3', 'MCI', 'demo-mci')).status).toBe(429);
    expect((await loginFrom(t.url, '127.0.0.2', 'rightel', 'demo-rightel')).status).toBe(200);
  });

  it('locks an address after 20 failures over any accounts, leaving other addresses free', async () => {
    for (let i = 0; i < 20; i++) expect((await loginFrom(t.url, '127.0.0.4', `nobody-${i}`, 'x')).status).toBe(401);
    const locked = await loginFrom(t.url, '127.0.0.4', 'planner', 'demo-planner');
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect((await loginFrom(t.url, '127.0.0.5', 'planner', 'demo-planner')).status).toBe(200);
  });

  it("a good password clears the account's failures", async () => {
    for (let i = 0; i < 4; i++) expect((await loginFrom(t.url, '127.0.0.6', 'irancell', 'nope')).status).toBe(401);
    expect((await loginFrom(t.url, '127.0.0.6', 'irancell', 'demo-irancell')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginFrom(t.url, '127.0.0.6', 'irancell', 'nope')).status).toBe(401);
  });

  it('forgets failures older than the 15-minute window', () => {
    const th = new LoginThrottle();
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 5; i++) th.fail('admin', '10.0.0.1', t0 + i * 1000);
    expect(th.wait('admin', '10.0.0.9', t0 + 5000)).toBe(895); // the oldest of the five ends its 900 s at t0 + 900 s
    expect(th.wait('admin', '10.0.0.9', t0 + 15 * 60_000 + 500)).toBe(0);
  });
});

describe('security headers', () => {
  it('every answer carries a strict CSP and the anti-sniffing and framing headers', async () => {
    for (const path of ['/api/health', '/api/no-such-route', '/']) {
      const r = await fetch(t.url + path);
      const csp = r.headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
      expect(directives['default-src'], path).toEqual(["'self'"]);
      expect(directives['script-src'], path).toEqual(["'self'"]);
      expect(directives['object-src'], path).toEqual(["'none'"]);
      expect(directives['frame-ancestors'], path).toEqual(["'none'"]);
      expect(directives['base-uri'], path).toEqual(["'none'"]);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('referrer-policy')).toBe('same-origin');
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('sets the session cookie HttpOnly and SameSite', async () => {
    const r = await loginFrom(t.url, '127.0.0.7', 'planner', 'demo-planner');
    expect(r.cookie).toMatch(/^dakal_session=/);
    const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner', password: 'demo-planner' }) });
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
  });
});
