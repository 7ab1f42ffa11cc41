/** Planning endpoints over the real server: planners only; district counts against an independent point-in-polygon
 *  count (turf) over GET /api/zones and GET /api/sites; the Article 100 case list against the registry and concerns
 *  filed through the API; unregistered masts from an OpenCelliD import; request throughput. The consolidation plan:
 *  consolidation.test.ts. */
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENCELLID_HEADER } from '../../server/import/opencellid.js';
import type { EnforcementResponse, SummaryResponse, UnregisteredResponse } from '../../shared/api/planning.js';
import { callFrom } from '../support/concerns.js';
import { call, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';

let t: TestServer;
let planner: Session;
type SiteF = GeoJSON.Feature<GeoJSON.Point, { id: number; code: string; status: string; structure_type: string; operators: string[]; district_id: number | null }>;
let sites: SiteF[];
let districts: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { id: number }>[];

beforeAll(async () => {
  t = await startServer('demo', { DAKAL_CONCERN_RATE: '10000/1m' });
  planner = await login(t.url, 'planner');
  sites = (await call(t.url, 'GET', '/api/sites?limit=10000')).body.features;
  districts = (await call(t.url, 'GET', '/api/zones?kind=district')).body.features;
});
afterAll(() => t.close());

const get = <T>(path: string) => call<T>(t.url, 'GET', path, { session: planner });
const PATHS = ['/api/planning/summary', '/api/planning/consolidation', '/api/planning/enforcement', '/api/planning/unregistered'];

describe('who may plan', () => {
  it('answers 401 signed out and 403 to an operator, 200 to the planner and the admin; the document marks each planner-only', async () => {
    const [mci, admin] = await Promise.all([login(t.url, 'mci'), login(t.url, 'admin')]);
    const doc = (await call(t.url, 'GET', '/api/openapi.json')).body;
    for (const p of PATHS) {
      expect((await call(t.url, 'GET', p)).status, p).toBe(401);
      expect((await call(t.url, 'GET', p, { session: mci })).status, p).toBe(403);
      expect((await call(t.url, 'GET', p, { session: admin })).status, p).toBe(200);
      expect(doc.paths[p].get['x-access'], p).toBe('planner');
    }
  });

  it('names a bad parameter in a 400', async () => {
    for (const [p, field] of [['/api/planning/consolidation?ground_m=0', 'query.ground_m'], ['/api/planning/summary?district=999', 'query.district'], ['/api/planning/enforcement?reason=rude', 'query.reason'], ['/api/planning/unregistered?eps_m=x', 'query.eps_m']] as const) {
      const r = await get(p);
      expect(r.status, p).toBe(400);
      expect(errorOf(r).fields, p).toHaveProperty(field);
    }
  });
});

describe('dashboard figures', () => {
  it('counts standing structures per district as turf.booleanPointInPolygon does over the zones and sites the API serves', async () => {
    const s = (await get<SummaryResponse>('/api/planning/summary')).body;
    const standing = sites.filter((f) => f.properties.status !== 'decommissioned');
    expect(s.sites.total).toBe(standing.length);
    expect(s.districts.map((d) => d.id)).toEqual(districts.map((d) => d.properties.id));
    let inSome = 0;
    for (const d of districts) {
      const mine = standing.filter((f) => turf.booleanPointInPolygon(f, d));
      inSome += mine.length;
      const row = s.districts.find((x) => x.id === d.properties.id)!;
      expect(row.structures, `district ${d.properties.id}`).toBe(mine.length);
      expect(row.shared).toBe(mine.filter((f) => new Set(f.properties.operators).size >= 2).length);
      expect(row.unpermitted).toBe(mine.filter((f) => f.properties.status === 'unpermitted').length);
      // Equal-area shoelace against turf's spherical area: the sphere and the ellipsoid differ by < 0.5% here.
      expect(row.area_km2 / (turf.area(d) / 1e6)).toBeCloseTo(1, 2);
      expect(row.per_km2).toBeCloseTo(mine.length / row.area_km2, 9);
    }
    expect(inSome).toBeGreaterThan(standing.length * 0.9);
  });

  it('narrows every count to one district', async () => {
    const d = districts[2]!;
    const s = (await get<SummaryResponse>(`/api/planning/summary?district=${d.properties.id}`)).body;
    const mine = sites.filter((f) => f.properties.status !== 'decommissioned' && turf.booleanPointInPolygon(f, d));
    expect(s.district?.id).toBe(d.properties.id);
    expect(s.sites.total).toBe(mine.length);
    const byOp: Record<string, number> = {};
    for (const f of mine) for (const o of new Set(f.properties.operators)) byOp[o] = (byOp[o] ?? 0) + 1;
    expect(s.sites.by_operator).toEqual(byOp);
    const byType: Record<string, number> = {};
    for (const f of mine) byType[f.properties.structure_type] = (byType[f.properties.structure_type] ?? 0) + 1;
    expect(s.sites.by_structure).toEqual(byType);
  });

  it('exports the district table as CSV, headed in Persian when asked', async () => {
    const r = await get('/api/planning/summary?format=csv&lang=fa');
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="dakal-districts-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = r.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^شناسهٔ منطقه,/);
    expect(lines).toHaveLength(districts.length + 1);
  });
});

describe('enforcement case list', () => {
  it('lists every unpermitted structure, each buffer breach nearer than its limit, and sites with open concerns filed by residents', async () => {
    const target = sites.find((f) => f.properties.status === 'active' && f.properties.operators.length > 0)!;
    const [lon, lat] = target.geometry.coordinates as [number, number];
    const filed = await callFrom('127.0.0.7', t.url, 'POST', '/api/concerns', { body: { lon, lat, site_id: target.properties.id, category: 'health', description: 'Is this mast safe for our children?' } });
    expect(filed.status).toBe(201);
    const e = (await get<EnforcementResponse>('/api/planning/enforcement')).body;
    expect(e.concerns_available).toBe(true);
    const unpermitted = sites.filter((f) => f.properties.status === 'unpermitted').map((f) => f.properties.id).sort((a, b) => a - b);
    expect(e.cases.filter((c) => c.reasons.includes('unpermitted')).map((c) => c.site_id).sort((a, b) => a - b)).toEqual(unpermitted);
    expect(e.counts.unpermitted).toBe(unpermitted.length);
    const concerned = e.cases.find((c) => c.site_id === target.properties.id)!;
    expect(concerned.reasons).toContain('open_concerns');
    expect(concerned.open_concerns).toBe(1);
    const places = (await call(t.url, 'GET', '/api/sensitive-places')).body.features as GeoJSON.Feature<GeoJSON.Point | GeoJSON.Polygon, { kind: string }>[];
    const buffered = e.cases.filter((c) => c.reasons.includes('sensitive_buffer'));
    expect(buffered.length).toBeGreaterThan(0);
    for (const c of buffered) {
      const place = places.find((p) => p.id === c.place!.id)!;
      const pt = turf.point([c.lon, c.lat]);
      const d = place.geometry.type === 'Point' ? turf.distance(pt, place.geometry, { units: 'meters' })
        : turf.booleanPointInPolygon(pt, place.geometry) ? 0 : turf.pointToLineDistance(pt, turf.polygonToLine(place.geometry) as GeoJSON.Feature<GeoJSON.LineString>, { units: 'meters' });
      expect(d, c.code).toBeLessThan(c.place!.limit_m * 1.005);
    }
    const csv = await get('/api/planning/enforcement?format=csv&reason=unpermitted');
    expect(csv.text.replace(/^\ufeff/, '').trim().split('\r\n')).toHaveLength(unpermitted.length + 1);
  });
});

describe('unregistered masts', () => {
  it('clusters imported cells into candidates and lists those with no registered structure within 150 m', async () => {
    // A point of the demo city at least 600 m from every structure, and one 20 m from a standing mast.
    let empty: [number, number] | null = null;
    for (let i = 0; i < 400 && !empty; i++) {
      const p: [number, number] = [50.90 + (i % 20) * 0.01, 35.78 + Math.floor(i / 20) * 0.006];
      if (sites.every((f) => turf.distance(f, turf.point(p), { units: 'meters' }) > 600)) empty = p;
    }
    expect(empty).not.toBeNull();
    const mast = sites.find((f) => f.properties.status === 'active')!;
    const [mlon, mlat] = mast.geometry.coordinates as [number, number];
    const at = (p: [number, number], m: number, b: number) => turf.destination(p, m / 1000, b).geometry.coordinates as [number, number];
    const cell = (radio: string, net: number, id: number, [lon, lat]: [number, number]) => `${radio},432,${net},77,${id},0,${lon},${lat},300,20,1,1600000000,1700000000,-90`;
    const csv = [
      OPENCELLID_HEADER,
      cell('LTE', 35, 1, empty!), cell('LTE', 35, 2, at(empty!, 30, 90)), cell('GSM', 11, 3, at(empty!, 60, 180)), cell('NR', 20, 4, at(empty!, 40, 0)),
      cell('LTE', 11, 5, at([mlon, mlat], 20, 45)), cell('UMTS', 11, 6, at([mlon, mlat], 25, 200)),
    ].join('\n');
    const imp = await call(t.url, 'POST', '/api/import?format=opencellid', { session: planner, raw: csv, contentType: 'text/csv' });
    expect(imp.body).toMatchObject({ applied: true, rows: 6 });
    const u = (await get<UnregisteredResponse>('/api/planning/unregistered')).body;
    expect(u.cells).toBe(6);
    expect(u.candidates_total).toBe(2);
    expect(u.candidates).toHaveLength(1);
    const c = u.candidates[0]!;
    expect(c.cells).toBe(4);
    expect(c.operators).toEqual(['irancell', 'mci', 'rightel']);
    expect(turf.distance(turf.point([c.lon, c.lat]), turf.point(empty!), { units: 'meters' })).toBeLessThan(60);
    expect(c.nearest_site === null || c.nearest_site.distance_m > 500).toBe(true);
    const csvOut = await get('/api/planning/unregistered?format=csv');
    expect(csvOut.text.replace(/^\ufeff/, '').trim().split('\r\n')).toHaveLength(2);
  });
});

describe('request throughput', () => {
  it('reports the median days from first submission to decision and the overdue pending requests', async () => {
    const insert = t.ctx.db.prepare(
      `INSERT INTO site_requests (type, status, operator_id, created_by, lon, lat, first_submitted_at, submitted_at, decided_at, decision_due_at, created_at, updated_at)
       VALUES ('new_structure', ?, 'mci', 1, 50.99, 35.83, ?, ?, ?, ?, ?, ?)`,
    );
    const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString();
    for (const [status, submitted, decided, due] of [
      ['approved', 0, 10, 150], ['rejected', 0, 30, 150], ['approved', 5, 45, 155], ['under_review', 0, null, 60], ['consultation', 0, null, 1e5],
    ] as const) {
      insert.run(status, day(submitted), day(submitted), decided === null ? null : day(decided), day(due), day(0), day(0));
    }
    const s = (await get<SummaryResponse>('/api/planning/summary')).body;
    expect(s.requests).toMatchObject({ available: true, submitted: 5, decided: 3, median_days_to_decision: 30, overdue: 1 });
  });
});
