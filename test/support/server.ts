/** Starts the real server in-process on a free port with a fresh database, and a small HTTP client for it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { configFromEnv } from '../../server/config.js';
import { createContext, type Ctx } from '../../server/context.js';
import { createApp } from '../../server/app.js';
import { migrate, openDatabase } from '../../server/db.js';
import { seed } from '../../server/seed.js';
import { listen } from '../../server/listen.js';

export interface TestServer {
  url: string;
  ctx: Ctx;
  dir: string;
  close(): Promise<void>;
}

/** A running server over a new database seeded with `mode` data. */
export async function startServer(mode: 'demo' | 'none' = 'demo', env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dakal-test-'));
  const config = configFromEnv({ ...process.env, DAKAL_DB: join(dir, 'dakal.db'), DAKAL_TILE_URL: '', ...env });
  const db = openDatabase(config.dbPath);
  migrate(db);
  const ctx = createContext(db, config);
  seed(mode, ctx);
  const server: Server = await listen(createApp(ctx), 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    dir,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** Calls the API; JSON bodies in and out; `session` adds the cookie and CSRF header. */
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string; contentType?: string; session?: Session | null; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.session) {
    headers.cookie = opts.session.cookie;
    headers['x-csrf-token'] = opts.session.csrf;
  }
  let body: string | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] = opts.contentType ?? 'text/plain';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

/** Signs in a demo account (`demo-<username>`). */
export async function login(base: string, username: string, password = `demo-${username}`): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf } = (await res.json()) as { csrf: string };
  return { cookie, csrf };
}

/** Row counts of the registry's tables, to prove a rejected request changed nothing. */
const TABLES = ['sites', 'antennas', 'sensitive_places', 'zones', 'users', 'audit_events', 'observed_cells'] as const;
export function counts(ctx: Ctx): Record<(typeof TABLES)[number], number> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES) {
    out[t] = ctx.db.prepare('SELECT count(*) FROM ' + JSON.stringify(t)).pluck().get() as number;
  }
  return out;
}

/** Asserts the standard error body shape and returns it. */
export function errorOf(r: Reply): { code: string; message: string; fields: Record<string, string> } {
  const e = (r.body as { error?: { code: string; message: string; fields: Record<string, string> } })?.error;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || typeof e.fields !== 'object') throw new Error(`not an error body: ${r.text.slice(0, 200)}`);
  return e;
}
