/** Nothing lost by a partial change: a PATCH of one field leaves every other stored field as it was. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, startServer, type Session, type TestServer } from '../support/server.js';

let t: TestServer;
let planner: Session;

beforeAll(async () => {
  t = await startServer('demo');
  planner = await login(t.url, 'planner');
});
afterAll(() => t.close());

describe('partial updates', () => {
  it('a site PATCH of the address keeps status, permit, dates, source, verified and elevation', async () => {
    const made = await call(t.url, 'POST', '/api/sites', {
      session: planner,
      body: {
        code: 'KEEP-1', lon: 50.99, lat: 35.83, structure_type: 'lattice', height_m: 40, owner_operator_id: 'mci',
        permit_no: 'P-77', status: 'approved', installed_on: '2020-02-02', permit_date: '2019-09-09', source: 'survey', verified: true, ground_elevation_m: 1320,
      },
    });
    expect(made.status).toBe(201);
    const before = made.body.properties;
    const r = await call(t.url, 'PATCH', `/api/sites/${made.body.id}`, { session: planner, body: { address: 'خیابان بهار' } });
    expect(r.status).toBe(200);
    for (const k of ['permit_no', 'status', 'installed_on', 'permit_date', 'source', 'verified', 'ground_elevation_m', 'height_m', 'structure_type']) {
      expect([k, r.body.properties[k]]).toEqual([k, before[k]]);
    }
    expect(r.body.properties.address).toBe('خیابان بهار');
  });

  it('an antenna PATCH of the tilt keeps its power-reduction factor', async () => {
    const a = await call(t.url, 'POST', '/api/sites/1/antennas', {
      session: planner,
      body: { operator_id: 'rightel', technology: 'NR', frequency_mhz: 3500, eirp_w: 2000, azimuth_deg: 10, tilt_deg: 4, height_m: 20, power_reduction: 0.25 },
    });
    expect(a.status).toBe(201);
    const r = await call(t.url, 'PATCH', `/api/antennas/${a.body.id}`, { session: planner, body: { tilt_deg: 8 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tilt_deg: 8, power_reduction: 0.25, eirp_w: 2000 });
  });
});
