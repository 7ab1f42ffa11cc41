/** The consolidation plan over the real server: totals against the registry, groups re-measured with turf, other
 *  distances, the exports, one district's view, and every group's check equal to the engine's over the context
 *  runSitingCheck gathers (also when the exposure rule refuses groups under a tighter policy). */
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGroup } from '../../server/planning/consolidation.js';
import { SitingSnapshot } from '../../server/planning/siting-snapshot.js';
import { gatherSitingContext, runSitingCheck } from '../../server/siting/context.js';
import { groupChecksOf, keptStructureInput } from '../../shared/consolidation.js';
import { cellIdOf } from '../../shared/density.js';
import { narrowSitingContext } from '../../shared/siting-context.js';
import { checkSiting } from '../../shared/siting.js';
import type { ConsolidationResponse } from '../../shared/api/planning.js';
import { call, login, startServer, type Session, type TestServer } from '../support/server.js';

let t: TestServer;
let planner: Session;
type SiteF = GeoJSON.Feature<GeoJSON.Point, { id: number; code: string; status: string; structure_type: string; operators: string[]; district_id: number | null }>;
let sites: SiteF[];
let districts: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { id: number }>[];

beforeAll(async () => {
  t = await startServer('demo');
  planner = await login(t.url, 'planner');
  sites = (await call(t.url, 'GET', '/api/sites?limit=10000')).body.features;
  districts = (await call(t.url, 'GET', '/api/zones?kind=district')).body.features;
});
afterAll(() => t.close());

const get = <T>(path: string) => call<T>(t.url, 'GET', path, { session: planner });

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

  /** Deep equality, numbers within 1e-12 relative (1e-300 absolute). */
  function expectSameRules(actual: unknown, expected: unknown, path: string): void {
    if (typeof expected === 'number' && typeof actual === 'number') {
      expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected) + 1e-300);
    } else if (expected !== null && typeof expected === 'object') {
      expect(actual !== null && typeof actual === 'object', path).toBe(true);
      const [a, e] = [actual as Record<string, unknown>, expected as Record<string, unknown>];
      expect(Object.keys(a).sort(), path).toEqual(Object.keys(e).sort());
      for (const k of Object.keys(e)) expectSameRules(a[k], e[k], `${path}.${k}`);
    } else {
      expect(actual, path).toEqual(expected);
    }
  }

  /** Compares checkGroup with the engine's full check over the SQL-gathered context, for the given groups. */
  function compareWithEngine(groups: ConsolidationResponse['groups']): void {
    const snapshot = new SitingSnapshot(t.ctx, t.ctx.planning);
    const rows = new Map(t.ctx.planning.standingSites().map((r) => [r.id, r]));
    const cellKm = t.ctx.policy.current().policy.rules.density.cell_km;
    for (const g of groups) {
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
      // The plan subtracts the removed structures' terms from remembered sums: equal to a fresh sum to rounding.
      expectSameRules(ours.rules, expected, keep.code);
    }
  }

  it('checks every group as the engine checks its kept structure over the SQL-gathered context, the removed structures gone', () => {
    // Every refused group and every other offered one (a check through SQL costs tens of milliseconds).
    compareWithEngine([...plan.refused, ...plan.groups.filter((_, i) => i % 2 === 0)]);
  });

  it('refuses groups on the exposure rule under a precautionary limit, exactly as the engine would', async () => {
    const current = (await get<{ version: number; policy: Record<string, any> }>('/api/policy')).body;
    const tight = structuredClone(current.policy);
    // A hundredth of ICNIRP's power density: about the Swiss installation limits' tenth of the field (DOMAIN.md section 4).
    tight.rules.exposure_sensitive.max_total_exposure_ratio = 0.003;
    const put = await call(t.url, 'PUT', `/api/policy?base_version=${current.version}`, { session: planner, body: tight });
    expect(put.status).toBe(200);
    try {
      const strict = (await get<ConsolidationResponse>('/api/planning/consolidation')).body;
      const onExposure = strict.refused.filter((g) => g.checks.rules.some((r) => r.rule === 'exposure_sensitive' && r.status === 'fail'));
      expect(onExposure.length).toBeGreaterThan(0);
      expect(strict.totals.removed).toBeLessThan(plan.totals.removed);
      compareWithEngine([...onExposure, ...strict.groups.filter((_, i) => i % 4 === 0)]);
    } finally {
      const back = await call(t.url, 'PUT', `/api/policy?base_version=${put.body.version}`, { session: planner, body: current.policy });
      expect(back.status).toBe(200);
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
