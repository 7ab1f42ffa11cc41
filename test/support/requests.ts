/** Helpers for the site-request tests: file uploads, row counts of the request tables, a moved clock, and a
 *  point a given distance from a demo school. */
import geodesic from 'geographiclib-geodesic';
import type { Ctx } from '../../server/context.js';
import { call, type Reply, type Session } from './server.js';

/** A minimal PDF (header, empty catalogue, trailer): what the server must accept as a drawing. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Sends raw bytes as an attachment. */
export async function upload(base: string, s: Session | null, id: number, bytes: Buffer, filename: string, kind: string, contentType = 'application/octet-stream'): Promise<Reply> {
  const res = await fetch(`${base}/api/requests/${id}/attachments?filename=${encodeURIComponent(filename)}&kind=${kind}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) },
    body: new Uint8Array(bytes),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers, text };
}

const TABLES = ['site_requests', 'site_request_events', 'site_request_attachments', 'site_request_comments', 'sites', 'antennas', 'audit_events'] as const;
/** Row counts of the request tables and the registry, to prove a refused call changed nothing. */
export function requestCounts(ctx: Ctx): Record<(typeof TABLES)[number], number> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES) out[t] = ctx.db.prepare('SELECT count(*) FROM ' + JSON.stringify(t)).pluck().get() as number;
  return out;
}

/** Sets the request workflow's clock to `start` plus `days`. */
export function setClock(ctx: Ctx, start: number, days: number): void {
  ctx.requests.clock = () => new Date(start + days * 86_400_000);
}

/** [lon, lat] `metres` from a point along `azimuth` on the WGS84 ellipsoid. */
export function away(lon: number, lat: number, metres: number, azimuth: number): [number, number] {
  const g = geodesic.Geodesic.WGS84.Direct(lat, lon, azimuth, metres);
  return [g.lon2!, g.lat2!];
}

/** The first demo school given as a point. */
export async function aSchool(base: string): Promise<{ id: number; lon: number; lat: number }> {
  const r = await call(base, 'GET', '/api/sensitive-places');
  const f = (r.body.features as Array<{ id: number; geometry: GeoJSON.Geometry; properties: { kind: string } }>).find((x) => x.properties.kind === 'school' && x.geometry.type === 'Point')!;
  const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
  return { id: f.id, lon, lat };
}

/** One LTE sector of `operator` at `heightM`. */
export const sector = (operator: string, azimuth = 120, heightM = 28) => ({
  operator_id: operator, technology: 'LTE', frequency_mhz: 1800, eirp_w: 1000, azimuth_deg: azimuth, tilt_deg: 8, height_m: heightM,
});
