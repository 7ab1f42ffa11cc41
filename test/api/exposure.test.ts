/** RF exposure over HTTP: the independent test vectors through POST /api/exposure, the registry's antennas at a
 *  point, and the grid layer against the naive computation (exact at 100 m; within FAR_FIELD_TOLERANCE of the point
 *  answers where the far field is interpolated), kept in step with registry changes, and its caps. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceDistanceM, exposureAt, packAntennas, type ExposureAntennaInput } from '../../shared/exposure.js';
import { exposureGridNaive, FAR_FIELD_TOLERANCE, MAX_GRID_CELLS, type Bbox } from '../../shared/exposure-grid.js';
import { generateSites } from '../../data/generate/index.js';
import { ExposureIndex, MAX_GRID_EVALUATIONS } from '../../server/index/exposure.js';
import type { NearbyStore } from '../../server/store/nearby.js';
import { call, counts, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';

interface Expected {
  total_exposure_ratio: number;
  e_total_vm: number;
  contributions: Array<Record<'distance_m' | 'gain_db' | 's_wm2' | 's_limit_wm2' | 'ratio', number>>;
  compliance_distance_m: number[];
}
const vectors = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/exposure-cases.json', import.meta.url)), 'utf8')) as {
  cases: Array<{ name: string; point: unknown; antennas: unknown[]; expected: Expected }>;
};

let t: TestServer;
let planner: Session;
beforeAll(async () => {
  t = await startServer('demo');
  planner = await login(t.url, 'planner');
});
afterAll(() => t.close());

/** |actual − expected| ≤ tol · |expected| (exact when expected is 0). */
function expectRel(actual: number, expected: number, tol: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.abs(expected));
}

type AntennaRow = ExposureAntennaInput & { antenna_id: number; site_id: number };
/** Every antenna on a standing structure, read with plain SQL (no R*Tree) as the reference set. */
function registryAntennas(): AntennaRow[] {
  return t.ctx.db
    .prepare(
      `SELECT a.id AS antenna_id, a.site_id, s.lon, s.lat, a.height_m, a.azimuth_deg, a.tilt_deg, a.eirp_w, a.frequency_mhz, a.power_reduction
       FROM antennas a JOIN sites s ON s.id = a.site_id WHERE s.status <> 'decommissioned'`,
    )
    .all() as AntennaRow[];
}

describe('POST /api/exposure', () => {
  it('has the reference cases to feed', () => expect(vectors.cases.length).toBeGreaterThanOrEqual(6));

  for (const c of vectors.cases) {
    it(`matches the independent implementation within 0.5% on every number: ${c.name}`, async () => {
      const r = await call<Expected>(t.url, 'POST', '/api/exposure', { body: { point: c.point, antennas: c.antennas } });
      expect(r.status).toBe(200);
      const got = r.body;
      const want = c.expected;
      expectRel(got.total_exposure_ratio, want.total_exposure_ratio, 0.005, 'total_exposure_ratio');
      expectRel(got.e_total_vm, want.e_total_vm, 0.005, 'e_total_vm');
      expect(got.contributions).toHaveLength(want.contributions.length);
      want.contributions.forEach((w, i) => {
        for (const k of ['distance_m', 'gain_db', 's_wm2', 's_limit_wm2', 'ratio'] as const) expectRel(got.contributions[i]![k], w[k], 0.005, `${k}[${i}]`);
      });
      expect(got.compliance_distance_m).toHaveLength(want.compliance_distance_m.length);
      want.compliance_distance_m.forEach((w, i) => expectRel(got.compliance_distance_m[i]!, w, 0.005, `compliance_distance_m[${i}]`));
    });
  }

  it('rejects an antenna outside the model with 400 naming the field, and no antennas at all', async () => {
    const c = vectors.cases[0]!;
    const bad = await call(t.url, 'POST', '/api/exposure', { body: { point: c.point, antennas: [{ ...(c.antennas[0] as object), frequency_mhz: 10 }] } });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toHaveProperty(['body.antennas.0.frequency_mhz']);
    const none = await call(t.url, 'POST', '/api/exposure', { body: { point: c.point, antennas: [] } });
    expect(none.status).toBe(400);
    expect(errorOf(none).fields).toHaveProperty(['body.antennas']);
  });
});

describe('GET /api/exposure (the registry at a point)', () => {
  const point = { lon: 50.9915, lat: 35.8355 };

  it("sums every standing antenna within 2 km, names each contribution, largest first, compliance distances aligned", async () => {
    const r = await call(t.url, 'GET', `/api/exposure?lat=${point.lat}&lon=${point.lon}&limit=5000`);
    expect(r.status).toBe(200);
    const near = registryAntennas().filter((a) => turf.distance([point.lon, point.lat], [a.lon, a.lat], { units: 'meters' }) <= 2000);
    expect(near.length).toBeGreaterThan(100);
    expect(r.body.antenna_count).toBe(near.length);
    const ref = exposureAt({ ...point, height_m: 1.5, reflection_factor: 1 }, near);
    expectRel(r.body.total_exposure_ratio, ref.total_exposure_ratio, 1e-9, 'total_exposure_ratio');
    expectRel(r.body.e_total_vm, ref.e_total_vm, 1e-9, 'e_total_vm');
    const byId = new Map(near.map((a) => [a.antenna_id, a]));
    const contributions = r.body.contributions as Array<{ antenna_id: number; site_id: number; site_code: string; operator_id: string; ratio: number }>;
    expect(contributions).toHaveLength(near.length);
    contributions.forEach((c, i) => {
      const a = byId.get(c.antenna_id)!;
      expect(c.site_id).toBe(a.site_id);
      expect(c.site_code).toMatch(/^KRJ-/);
      expect(['mci', 'irancell', 'rightel']).toContain(c.operator_id);
      if (i > 0) expect(c.ratio).toBeLessThanOrEqual(contributions[i - 1]!.ratio);
      expectRel(r.body.compliance_distance_m[i], complianceDistanceM(a), 1e-12, `compliance of antenna ${a.antenna_id}`);
    });
  });

  it('lists the largest contributions only when asked for fewer, totals unchanged', async () => {
    const all = await call(t.url, 'GET', `/api/exposure?lat=${point.lat}&lon=${point.lon}&limit=5000`);
    const top = await call(t.url, 'GET', `/api/exposure?lat=${point.lat}&lon=${point.lon}&limit=3`);
    expect(top.body.contributions).toEqual(all.body.contributions.slice(0, 3));
    expect(top.body.compliance_distance_m).toEqual(all.body.compliance_distance_m.slice(0, 3));
    expect(top.body.total_exposure_ratio).toBe(all.body.total_exposure_ratio);
  });
});

describe('GET /api/exposure/grid', () => {
  const bbox: Bbox = [50.975, 35.825, 51.0, 35.845];
  const path = (b: Bbox, cell: number) => `/api/exposure/grid?bbox=${b.join(',')}&cell_m=${cell}`;

  it('equals the naive grid over every standing antenna, rounded to 3 significant digits', async () => {
    const r = await call(t.url, 'GET', path(bbox, 100));
    expect(r.status).toBe(200);
    const naive = exposureGridNaive(bbox, 100, packAntennas(registryAntennas()));
    expect(r.body).toMatchObject({ cell_m: 100, cols: naive.cols, rows: naive.rows });
    r.body.bbox.forEach((x: number, i: number) => expect(x).toBeCloseTo(naive.bbox[i]!, 12));
    expect(r.body.values).toHaveLength(naive.cols * naive.rows);
    naive.values.forEach((v, i) => expectRel(r.body.values[i], v, 0.005, `cell ${i}`));
    expect(Math.max(...r.body.values)).toBeGreaterThan(0);
    // At most 3 significant digits on the wire, each value printed short.
    for (const v of r.body.values as number[]) {
      expect(Number(v.toPrecision(3))).toBe(v);
      expect(String(v).replace(/^0\.0*|e.*$|\./g, '').replace(/0+$/, '').length).toBeLessThanOrEqual(3);
    }
  });

  it('agrees with the point answer at a cell centre', async () => {
    const g = (await call(t.url, 'GET', path(bbox, 100))).body as { bbox: Bbox; cols: number; rows: number; values: number[] };
    const [row, col] = [Math.floor(g.rows / 2), Math.floor(g.cols / 2)];
    const lat = g.bbox[3] - ((row + 0.5) * (g.bbox[3] - g.bbox[1])) / g.rows;
    const lon = g.bbox[0] + ((col + 0.5) * (g.bbox[2] - g.bbox[0])) / g.cols;
    const p = await call(t.url, 'GET', `/api/exposure?lat=${lat}&lon=${lon}`);
    expectRel(g.values[row * g.cols + col]!, p.body.total_exposure_ratio, 0.005, 'cell vs point');
  });

  it('follows the registry: a new antenna raises the grid around its site', async () => {
    const before = (await call(t.url, 'GET', path(bbox, 100))).body.values as number[];
    const near = (await call(t.url, 'GET', `/api/sites/near?lat=35.835&lon=50.9875&radius_m=500&limit=50`)).body.features;
    const site = near.find((f: { properties: { status: string } }) => f.properties.status !== 'decommissioned');
    const add = await call(t.url, 'POST', `/api/sites/${site.id}/antennas`, {
      session: planner,
      body: { operator_id: 'mci', technology: 'NR', frequency_mhz: 3500, eirp_w: 200_000, azimuth_deg: null, tilt_deg: 2, height_m: 30 },
    });
    expect(add.status).toBe(201);
    const after = (await call(t.url, 'GET', path(bbox, 100))).body.values as number[];
    const naive = exposureGridNaive(bbox, 100, packAntennas(registryAntennas()));
    naive.values.forEach((v, i) => expectRel(after[i]!, v, 0.005, `cell ${i} after the change`));
    expect(after.reduce((a, b) => a + b, 0)).toBeGreaterThan(before.reduce((a, b) => a + b, 0) * 1.2);
  });

  it('refuses a grid above the cell cap with 400 saying what to change, and a bbox without area', async () => {
    const before = counts(t.ctx);
    const huge = await call(t.url, 'GET', path([44, 25, 63, 40], 5));
    expect(huge.status).toBe(400);
    expect(errorOf(huge).code).toBe('too_many_cells');
    expect(errorOf(huge).message).toContain(String(MAX_GRID_CELLS));
    expect(errorOf(huge).fields).toHaveProperty(['query.cell_m']);
    const flat = await call(t.url, 'GET', path([51, 35.8, 51, 35.9], 50));
    expect(flat.status).toBe(400);
    expect(errorOf(flat).fields).toHaveProperty(['query.bbox']);
    expect(counts(t.ctx)).toEqual(before);
  });

  it('warm() (the server\'s start) boots the worker threads with the registry before any grid, which then agrees', async () => {
    const index = new ExposureIndex(t.ctx.nearby);
    expect(index.threads()).toBe(0);
    expect(await index.warm()).toBeGreaterThan(0);
    expect(index.threads()).toBeGreaterThan(0);
    expect((await index.grid(bbox, 100)).values).toEqual((await t.ctx.exposure.grid(bbox, 100)).values);
    index.close();
    const empty = new ExposureIndex({ allAntennas: () => [] } as unknown as NearbyStore);
    expect(await empty.warm()).toBe(0);
    empty.close();
  });

  it('answers the whole Karaj urban bbox at 25 m, each sampled cell within FAR_FIELD_TOLERANCE (+ rounding) of POST /api/exposure there', async () => {
    const city: Bbox = [50.872, 35.754, 51.084, 35.882];
    expect(t.ctx.exposure.plan(city, 25).evaluations).toBeLessThanOrEqual(MAX_GRID_EVALUATIONS);
    const r = await call(t.url, 'GET', path(city, 25));
    expect(r.status).toBe(200);
    const g = r.body as { bbox: Bbox; cell_m: number; cols: number; rows: number; values: number[] };
    expect([g.cell_m, g.cols, g.rows, g.values.length]).toEqual([25, 765, 570, 765 * 570]);
    // Computed on worker threads (they started under the test runner too, and none failed).
    expect(t.ctx.exposure.threads()).toBeGreaterThan(0);
    const all = registryAntennas();
    let sampled = 0;
    for (const [fr, fc] of [[0.5, 0.5], [0.45, 0.55], [0.3, 0.3], [0.7, 0.6], [0.2, 0.8], [0.85, 0.15], [0.05, 0.5], [0.5, 0.97]] as const) {
      const [row, col] = [Math.floor(fr * g.rows), Math.floor(fc * g.cols)];
      const lat = g.bbox[3] - ((row + 0.5) * (g.bbox[3] - g.bbox[1])) / g.rows;
      const lon = g.bbox[0] + ((col + 0.5) * (g.bbox[2] - g.bbox[0])) / g.cols;
      const near = all.filter((a) => turf.distance([lon, lat], [a.lon, a.lat], { units: 'meters' }) <= 2000);
      const value = g.values[row * g.cols + col]!;
      if (near.length === 0) {
        expect(value, `cell ${row},${col} with no antenna within 2 km`).toBe(0);
        continue;
      }
      const antennas = near.map(({ antenna_id: _a, site_id: _s, ...a }) => a);
      const p = await call(t.url, 'POST', '/api/exposure', { body: { point: { lon, lat }, antennas } });
      expect(p.status).toBe(200);
      expectRel(value, p.body.total_exposure_ratio, 0.005 + FAR_FIELD_TOLERANCE, `cell ${row},${col} vs POST /api/exposure`);
      sampled++;
    }
    expect(sampled).toBeGreaterThanOrEqual(6);
  });
});

describe('GET /api/exposure/grid above the work cap (a registry far denser than the demo)', () => {
  let dense: TestServer;
  // 6,000 more structures squeezed into the middle of Karaj: tens of times the demo's antennas per km² there.
  beforeAll(async () => {
    dense = await startServer('demo');
    const [lon0, lat0] = [50.99, 35.83];
    const squeezed = [...generateSites({ seed: 7, count: 6000, layout: 'karaj', startId: 100_001 })].map((s) => ({ ...s, lon: lon0 + (s.lon - lon0) / 4, lat: lat0 + (s.lat - lat0) / 4 }));
    dense.ctx.sites.insertMany(squeezed, new Date().toISOString());
  });
  afterAll(() => dense?.close());
  const centre: Bbox = [50.965, 35.81, 51.015, 35.85];
  const path = (cell: number, fit = false) => `/api/exposure/grid?bbox=${centre.join(',')}&cell_m=${cell}${fit ? '&fit=true' : ''}`;

  it('refuses with too_much_work naming the cell_m that fits, and fit=true answers at that cell_m within tolerance of the points', async () => {
    const before = counts(dense.ctx);
    const refused = await call(dense.url, 'GET', path(25));
    expect(refused.status).toBe(400);
    expect(errorOf(refused).code).toBe('too_much_work');
    expect(errorOf(refused).message).toContain(String(MAX_GRID_EVALUATIONS));
    const enough = Number(/^at least (\d+)/.exec(errorOf(refused).fields['query.cell_m']!)![1]);
    expect(enough).toBeGreaterThan(25);
    expect(dense.ctx.exposure.plan(centre, enough).evaluations).toBeLessThanOrEqual(MAX_GRID_EVALUATIONS);
    expect(counts(dense.ctx)).toEqual(before);
    const fitted = await call(dense.url, 'GET', path(25, true));
    expect(fitted.status).toBe(200);
    expect(fitted.body.cell_m).toBe(enough);
    const g = fitted.body as { bbox: Bbox; cols: number; rows: number; values: number[] };
    expect(g.values).toHaveLength(g.cols * g.rows);
    for (const [row, col] of [[0, 0], [g.rows >> 1, g.cols >> 1], [g.rows - 1, g.cols - 1]] as const) {
      const lat = g.bbox[3] - ((row + 0.5) * (g.bbox[3] - g.bbox[1])) / g.rows;
      const lon = g.bbox[0] + ((col + 0.5) * (g.bbox[2] - g.bbox[0])) / g.cols;
      const p = await call(dense.url, 'GET', `/api/exposure?lat=${lat}&lon=${lon}`);
      expectRel(g.values[row * g.cols + col]!, p.body.total_exposure_ratio, 0.005 + FAR_FIELD_TOLERANCE, `cell ${row},${col} vs point`);
    }
  });
});
