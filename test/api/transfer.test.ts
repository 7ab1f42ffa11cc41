/** Import and export over HTTP: all or nothing, reports with line numbers, formats that round-trip. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check as checkGeoJson } from '@placemarkio/check-geojson';
import { call, counts, errorOf, login, startServer, type Session, type TestServer } from '../support/server.js';
import { SITE_CSV_COLUMNS } from '../../server/import/sites-csv.js';
import { OPENCELLID_HEADER } from '../../server/import/opencellid.js';

let t: TestServer;
let planner: Session;

beforeAll(async () => {
  t = await startServer('demo');
  planner = await login(t.url, 'planner');
});
afterAll(() => t.close());

const header = SITE_CSV_COLUMNS.join(',');
const row = (code: string, over: Partial<Record<(typeof SITE_CSV_COLUMNS)[number], string>> = {}) => {
  const v: Record<string, string> = {
    site_code: code, lon: '51.01', lat: '35.82', structure_type: 'monopole', height_m: '28', owner_operator: 'rightel', permit_no: 'KRJ/1404/9', status: 'active',
    installed_on: '2024-05-01', permit_date: '2024-03-01', source: 'survey', verified: '1', ground_elevation_m: '1300', address: 'Golshahr',
    antenna_operator: 'rightel', technology: 'LTE', frequency_mhz: '1800', eirp_w: '900', azimuth_deg: '0', tilt_deg: '5', antenna_height_m: '26', power_reduction: '1',
    ...over,
  };
  return SITE_CSV_COLUMNS.map((c) => v[c]).join(',');
};
const importCsv = (csv: string, q = 'format=csv', session: Session | null = planner) => call(t.url, 'POST', `/api/import?${q}`, { session, raw: csv, contentType: 'text/csv' });

describe('importing sites from CSV', () => {
  it('changes nothing when one row in the middle is bad, and names that row', async () => {
    const before = counts(t.ctx);
    const csv = [header, row('IMP-1'), row('IMP-1', { azimuth_deg: '120' }), row('IMP-2', { lat: 'north' }), row('IMP-3'), ''].join('\n');
    const r = await importCsv(csv);
    expect(r.status).toBe(200);
    expect(r.body.applied).toBe(false);
    expect(r.body.rejected).toHaveLength(1);
    expect(r.body.rejected[0]).toMatchObject({ line: 4, code: 'IMP-2' });
    expect(r.body.rejected[0].fields).toHaveProperty('lat');
    expect(counts(t.ctx)).toEqual(before);
    expect((await call(t.url, 'GET', '/api/sites?q=IMP-')).body.total).toBe(0);
  });

  it('applies a clean file in one go, grouping antenna rows by site code, and reports updates on re-import', async () => {
    const csv = [header, row('IMP-1'), row('IMP-1', { azimuth_deg: '120' }), row('IMP-1', { antenna_operator: 'mci', azimuth_deg: '240' }), row('IMP-3', { lon: '51.02' })].join('\n');
    const dry = await importCsv(csv, 'format=csv&dry_run=true');
    expect(dry.body).toMatchObject({ applied: false, dry_run: true, rows: 4 });
    expect(dry.body.accepted.map((a: any) => a.code)).toEqual(['IMP-1', 'IMP-3']);
    expect((await call(t.url, 'GET', '/api/sites?q=IMP-')).body.total).toBe(0);

    const r = await importCsv(csv);
    expect(r.body).toMatchObject({ applied: true, rows: 4, rejected: [] });
    expect(r.body.accepted).toHaveLength(2);
    const site = (await call(t.url, 'GET', '/api/sites?q=IMP-1')).body.features[0];
    expect(site.properties).toMatchObject({ antenna_count: 3, shared: true, verified: true, source: 'survey' });

    const again = await importCsv([header, row('IMP-1', { height_m: '35' })].join('\n'));
    expect(again.body.updated).toEqual([{ line: 2, code: 'IMP-1' }]);
    const after = (await call(t.url, 'GET', `/api/sites/${site.id}`)).body.properties;
    expect(after.height_m).toBe(35);
    expect(after.antennas).toHaveLength(1);
  });

  it('rejects a wrong header, rows of one site that disagree, unknown operators and broken quoting', async () => {
    expect((await importCsv('code,x,y\n1,2,3')).body.rejected[0]).toMatchObject({ line: 1 });
    const conflict = await importCsv([header, row('IMP-9'), row('IMP-9', { height_m: '50' })].join('\n'));
    expect(conflict.body.rejected[0]).toMatchObject({ line: 3, code: 'IMP-9' });
    const unknown = await importCsv([header, row('IMP-10', { antenna_operator: 'acme' })].join('\n'));
    expect(unknown.body.rejected[0].reason).toContain('acme');
    const quoting = await importCsv(`${header}\n"IMP-11,51,35`);
    expect(quoting.body.applied).toBe(false);
    expect(quoting.body.rejected[0].reason).toMatch(/CSV/);
  });

  it('needs a planner: 401 anonymous, 403 for an operator', async () => {
    expect((await importCsv(header, 'format=csv', null)).status).toBe(401);
    const op = await login(t.url, 'mci');
    expect((await importCsv(header, 'format=csv', op)).status).toBe(403);
    const bad = await importCsv(header, 'format=xls');
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields).toHaveProperty('query.format');
  });
});

describe('importing OpenCelliD, GeoJSON and districts', () => {
  const cell = (cellId: number, lon = 50.99, lat = 35.83) => `LTE,432,35,1234,${cellId},0,${lon},${lat},500,12,1,1600000000,1700000000,-95`;

  it('puts OpenCelliD cells in the observed-cells table, never in the registry', async () => {
    const sitesBefore = counts(t.ctx).sites;
    const r = await importCsv([OPENCELLID_HEADER, cell(1), cell(2), cell(3, 51.0, 35.84)].join('\n'), 'format=opencellid');
    expect(r.body).toMatchObject({ applied: true, rows: 3 });
    expect(counts(t.ctx).observed_cells).toBe(3);
    expect(counts(t.ctx).sites).toBe(sitesBefore);
    const again = await importCsv([OPENCELLID_HEADER, cell(1), cell(4)].join('\n'), 'format=opencellid');
    expect(again.body.updated).toHaveLength(1);
    expect(counts(t.ctx).observed_cells).toBe(4);
    const bad = await importCsv([OPENCELLID_HEADER, cell(5), 'WIMAX,432,35,1,1,0,50,35,1,1,1,1,1,1'].join('\n'), 'format=opencellid');
    expect(bad.body.applied).toBe(false);
    expect(bad.body.rejected[0]).toMatchObject({ line: 3 });
    expect(counts(t.ctx).observed_cells).toBe(4);
  });

  it('imports GeoJSON sites, including an OpenStreetMap mast export', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [50.97, 35.81] }, properties: { code: 'GJ-1', structure_type: 'lattice', height_m: 40, owner_operator_id: 'mci', antennas: [] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [50.98, 35.82] }, properties: { '@id': 'node/123', man_made: 'mast', operator: 'Irancell', height: '24' } },
      ],
    };
    const r = await call(t.url, 'POST', '/api/import?format=geojson', { session: planner, raw: JSON.stringify(fc), contentType: 'application/geo+json' });
    expect(r.body).toMatchObject({ applied: true, rows: 2 });
    const osm = (await call(t.url, 'GET', '/api/sites?q=OSM-node-123')).body.features[0];
    expect(osm.properties).toMatchObject({ owner_operator_id: 'irancell', height_m: 24, source: 'import' });
  });

  it('replaces the synthetic districts with imported ones and reassigns every site', async () => {
    const square = (w: number, s: number, e: number, n: number) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name_fa: 'غرب', name_en: 'West' }, geometry: { type: 'Polygon', coordinates: square(50.5, 35.5, 50.99, 36.2) } },
        { type: 'Feature', properties: { name_fa: 'شرق', name_en: 'East' }, geometry: { type: 'Polygon', coordinates: square(50.99, 35.5, 51.5, 36.2) } },
      ],
    };
    const bowtie = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[50, 35], [51, 36], [51, 35], [50, 36], [50, 35]]] } }] };
    const rb = await call(t.url, 'POST', '/api/import?format=districts', { session: planner, raw: JSON.stringify(bowtie), contentType: 'application/json' });
    expect(rb.body.rejected[0].reason).toMatch(/crosses itself/);
    const r = await call(t.url, 'POST', '/api/import?format=districts', { session: planner, raw: JSON.stringify(fc), contentType: 'application/json' });
    expect(r.body.applied).toBe(true);
    const zones = (await call(t.url, 'GET', '/api/zones?kind=district')).body.features;
    expect(zones.map((z: any) => z.properties.name_en)).toEqual(['West', 'East']);
    const west = zones[0].id;
    const westSites = (await call(t.url, 'GET', `/api/sites?district=${west}`)).body.features;
    expect(westSites.length).toBeGreaterThan(0);
    for (const f of westSites) expect(f.geometry.coordinates[0]).toBeLessThan(50.99);
  });
});

describe('exporting the registry', () => {
  it('exports valid GeoJSON with every site and its antennas', async () => {
    const r = await call(t.url, 'GET', '/api/export/sites.geojson');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="dakal-sites-.*\.geojson"/);
    expect(() => checkGeoJson(r.text)).not.toThrow();
    expect(r.body.features.length).toBe(counts(t.ctx).sites);
    expect(r.body.features[0].properties.antennas.length).toBeGreaterThan(0);
  });

  it('exports CSV in the import format, so a re-import updates every site and rejects none', async () => {
    const r = await call(t.url, 'GET', '/api/export/sites.csv');
    expect(r.text.replace(/^\ufeff/, '').split('\n')[0]).toBe(header);
    const back = await importCsv(r.text, 'format=csv&dry_run=true');
    expect(back.body.rejected).toEqual([]);
    expect(back.body.updated.length).toBe(counts(t.ctx).sites);
    expect(back.body.accepted).toEqual([]);
  });

  it('exports KML with one placemark per site', async () => {
    const r = await call(t.url, 'GET', '/api/export/sites.kml');
    expect(r.headers.get('content-type')).toContain('kml');
    expect(r.text.match(/<Placemark>/g)).toHaveLength(counts(t.ctx).sites);
    expect(r.text).toContain('<coordinates>');
    expect((await call(t.url, 'GET', '/api/export/sites.xlsx')).status).toBe(400);
  });
});
