/** Helpers for the concern and Open311 tests: calls from another loopback address (127.0.0.0/8 is all
 *  loopback on Linux, so each address is a different "resident"), form posts, row counts of the concern tables. */
import { request } from 'node:http';
import type { Ctx } from '../../server/context.js';
import type { Reply } from './server.js';

/** Calls the server from a chosen local address; JSON in and out like `call`. */
export function callFrom<T = any>(localAddress: string, base: string, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
  const url = new URL(path, base);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress, headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
          resolve({ status: res.statusCode ?? 0, body: body as T, headers, text });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** POSTs a form-encoded body (Open311's encoding). */
export async function postForm(base: string, path: string, fields: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): Promise<Reply> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(fields).toString() });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* XML or text */
  }
  return { status: res.status, body, headers: res.headers, text };
}

const TABLES = ['concerns', 'concern_contacts', 'concern_photos', 'concern_events', 'concern_supporters', 'response_templates', 'open311_keys', 'audit_events'] as const;

/** Row counts of the concern tables and the audit trail, to prove a rejected request changed nothing. */
export function concernCounts(ctx: Ctx): Record<(typeof TABLES)[number], number> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES) out[t] = ctx.db.prepare('SELECT count(*) FROM ' + JSON.stringify(t)).pluck().get() as number;
  return out;
}

/** The point `metres` east (bearing 90°) or north (0°) of [lon, lat] on the WGS84 ellipsoid. */
export async function offset(lon: number, lat: number, metres: number, azimuthDeg: number): Promise<[number, number]> {
  const { default: geodesic } = await import('geographiclib-geodesic');
  const r = geodesic.Geodesic.WGS84.Direct(lat, lon, azimuthDeg, metres);
  return [r.lon2!, r.lat2!];
}
