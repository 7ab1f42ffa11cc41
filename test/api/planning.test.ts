/** Planning endpoints over the real server: planners only; district counts against an independent point-in-polygon
 *  count (turf) over GET /api/zones and GET /api/sites; the consolidation plan's groups re-measured with turf and
 *  its exports; the in-memory siting context equal to runSitingCheck's; the Article 100 case list against the
 *  registry and concerns filed through the API; unregistered masts from an OpenCelliD import; request throughput. */
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENCELLID_HEADER } from '../../server/import/opencellid.js';
import { checkGroup } from '../../server/planning/consolidation.js';
import { SitingSnapshot } from '../../server/planning/siting-snapshot.js';
import { gatherSitingContext, runSitingCheck } from '../../server/siting/context.js';
import { groupChecksOf, keptStructureInput } from '../../shared/consolidation.js';
import { cellIdOf } from '../../shared/density.js';
import { narrowSitingContext } from '../../shared/siting-context.js';
import { checkSiting } from '../../shared/siting.js';
import type { ConsolidationResponse, EnforcementResponse, SummaryResponse, UnregisteredResponse } from '../../shared/api/planning.js';
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

describe('consolidation plan', () => {
  let plan: ConsolidationResponse;
  const byId = () => new Map(sites.map((f) => [f.properties.id, f]));

  beforeAll(async () => {
    plan = (await get<ConsolidationResponse>('/api/planning/consolidation')).body;
  });

  it('counts the standing structures before and after, and removes each at most once, never a kept one', () => {
    const standing = sites.filter((f) => ['active', 'unpermitted'].includes(f.properties.status)).length;
    expect(plan.distances).toEqual({ ground_m: 150, rooftop_m: 50 });
    expect(plan.groups.length).toBeGreaterThan(20);
    const removed = plan.groups.flatMap((g) => g.remove_site_ids);
    expect(new Set(removed).size).toBe(removed.length);
    const kept = new Set(plan.groups.map((g) => g.keep_site_id));
    expect(removed.filter((id) => kept.has(id))).toEqual([]);
    expect(plan.totals).toEqual({ before: standing, after: standing - removed.length, removed: removed.length });
  });

  it('groups only structures of the same class and different operators within the merge distance (turf.distance), and no group fails', () => {
    const sitesById = byId();
    const cls = (type: string) => (type === 'rooftop' ? 'rooftop' : type === 'small_cell' ? 'small_cell' : 'ground');
    for (const g of plan.groups) {
      expect(g.checks.verdict).not.toBe('fail');
      const keep = sitesById.get(g.keep_site_id)!;
      for (const id of g.remove_site_ids) {
        const r = sitesById.get(id)!;
        expect(cls(r.properties.structure_type)).toBe(cls(keep.properties.structure_type));
        expect([...new Set(r.properties.operators)].sort()).not.toEqual([...new Set(keep.properties.operators)].sort());
        const limit = keep.properties.structure_type === 'rooftop' ? 50 : 150;
        expect(turf.distance(keep, r, { units: 'meters' })).toBeLessThanOrEqual(limit + 1e-6);
      }
    }
    for (const g of plan.refused) expect(g.checks.rules.some((r) => r.status === 'fail')).toBe(true);
  });

  it('removes fewer structures with shorter merge distances', async () => {
    const small = (await get<ConsolidationResponse>('/api/planning/consolidation?ground_m=60&rooftop_m=20')).body;
    expect(small.distances).toEqual({ ground_m: 60, rooftop_m: 20 });
    expect(small.totals.removed).toBeLessThan(plan.totals.removed);
    expect(small.totals.before).toBe(plan.totals.before);
  });

  it('exports one CSV row per removed structure and valid GeoJSON lines from removed to kept', async () => {
    const csv = await get('/api/planning/consolidation?format=csv');
    expect(csv.text.replace(/^\ufeff/, '').trim().split('\r\n')).toHaveLength(plan.totals.removed + 1);
    const geo = await get('/api/planning/consolidation?format=geojson');
    expect(geo.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const fc = checkGeoJson(geo.text) as GeoJSON.FeatureCollection;
    const lines = fc.features.filter((f) => f.geometry.type === 'LineString');
    expect(lines).toHaveLength(plan.totals.removed);
    const sitesById = byId();
    for (const l of lines.slice(0, 50)) {
      const [from, to] = (l.geometry as GeoJSON.LineString).coordinates;
      expect(from).toEqual(sitesById.get(l.properties!.site_id)!.geometry.coordinates);
      expect(to).toEqual(sitesById.get(l.properties!.keep_site_id)!.geometry.coordinates);
    }
  });

  it('shows one district its own groups and totals', async () => {
    const id = districts[1]!.properties.id;
    const d = (await get<ConsolidationResponse>(`/api/planning/consolidation?district=${id}`)).body;
    const inside = (sid: number) => byId().get(sid)!.properties.district_id === id;
    expect(d.totals.before).toBe(sites.filter((f) => f.properties.district_id === id && ['active', 'unpermitted'].includes(f.properties.status)).length);
    expect(d.totals.removed).toBe(plan.groups.flatMap((g) => g.remove_site_ids).filter(inside).length);
    for (const g of d.groups) expect(inside(g.keep_site_id) || g.remove_site_ids.some(inside)).toBe(true);
  });

  it('checks every group as the engine checks its kept structure over the SQL-gathered context, the removed structures gone', () => {
    const snapshot = new SitingSnapshot(t.ctx, t.ctx.planning);
    const rows = new Map(t.ctx.planning.standingSites().map((r) => [r.id, r]));
    const cellKm = t.ctx.policy.current().policy.rules.density.cell_km;
    // Every refused group and every third offered one (a check through SQL costs tens of milliseconds).
    for (const g of [...plan.refused, ...plan.groups.filter((_, i) => i % 3 === 0)]) {
      const keep = rows.get(g.keep_site_id)!;
      const remove = g.remove_site_ids.map((id) => rows.get(id)!);
      const ours = checkGroup(t.ctx, t.ctx.planning, snapshot, rows, { keep, remove });
      // The reference: runSitingCheck's own gathering and narrowing, without the removed structures and their antennas.
      const gone = new Set(g.remove_site_ids);
      const input = keptStructureInput(keep, remove.flatMap((r) => t.ctx.planning.antennasOf(r.id)));
      const gathered = gatherSitingContext(t.ctx, { lon: keep.lon, lat: keep.lat, height_m: keep.height_m, margin_m: 0 });
      const context = narrowSitingContext({ ...gathered, sites: gathered.sites.filter((x) => !gone.has(x.id)), antennas: gathered.antennas.filter((a) => !gone.has(a.site_id)) }, input);
      context.densityCount = t.ctx.nearby.densityCount(keep.lon, keep.lat, cellKm, keep.id) - remove.filter((r) => cellIdOf(r.lon, r.lat, cellKm) === cellIdOf(keep.lon, keep.lat, cellKm)).length;
      const reference = checkSiting(input, context);
      expect(ours.verdict, keep.code).toBe(reference.verdict);
      expect(groupChecksOf(ours)).toEqual(g.checks);
      // A group the cheap rules refuse is answered without the exposure rule; everything else is the engine's answer.
      const expected = ours.rules.length < reference.rules.length ? reference.rules.filter((r) => r.rule !== 'exposure_sensitive') : reference.rules;
      expect(ours.rules, keep.code).toEqual(expected);
    }
  });

  it('checks with the same context runSitingCheck gathers (in-memory indexes instead of SQL)', () => {
    const snapshot = new SitingSnapshot(t.ctx, t.ctx.planning);
    const rows = t.ctx.planning.standingSites().filter((_, i) => i % 97 === 0);
    expect(rows.length).toBeGreaterThan(20);
    for (const s of rows) {
      const input = { lon: s.lon, lat: s.lat, height_m: s.height_m, structure_type: s.structure_type, site_id: s.id, antennas: t.ctx.planning.antennasOf(s.id) };
      const densityCount = t.ctx.nearby.densityCount(s.lon, s.lat, 1, s.id);
      expect(checkSiting(input, { ...snapshot.context(input), densityCount }), s.code).toEqual(runSitingCheck(t.ctx, input));
    }
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
