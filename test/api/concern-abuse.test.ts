/** Concerns on the map and in feeds, and the abuse limits of filing: per-address rate limit with
 *  Retry-After, the honeypot, size and field limits, each rejection leaving the database unchanged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { call, errorOf, login, startServer, type TestServer } from '../support/server.js';
import { callFrom, concernCounts, offset } from '../support/concerns.js';
import { makeTrackingCode } from '../../shared/tracking-code.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer('demo', { DAKAL_CONCERN_RATE: '4/1h' });
});
afterAll(() => t.close());

const file = (body: Record<string, unknown>, from: string) => callFrom(from, t.url, 'POST', '/api/concerns', { body: { lat: 35.83, lon: 51.0, category: 'health', ...body } });

describe('map layer, heat cells and the area feed', () => {
  it('shows concerns in a view with public fields, leaves merged duplicates out, and counts them in heat cells', async () => {
    const [lon, lat] = await offset(51.02, 35.84, 0, 0);
    const a = (await file({ lon, lat, category: 'visual', name: 'Hidden Name' }, '127.0.1.1')).body;
    const b = (await file({ lon: lon + 0.0002, lat, category: 'visual' }, '127.0.1.2')).body;
    const bbox = `${lon - 0.01},${lat - 0.01},${lon + 0.01},${lat + 0.01}`;
    const layer = await call(t.url, 'GET', `/api/concerns?bbox=${bbox}`);
    expect(layer.status).toBe(200);
    expect(layer.headers.get('content-type')).toContain('application/geo+json');
    const props = layer.body.features.map((f: { properties: { code: string } }) => f.properties.code);
    expect(props).toEqual(expect.arrayContaining([a.code, b.code]));
    expect(Object.keys(layer.body.features[0].properties).sort()).toEqual(['category', 'code', 'created_at', 'open', 'site_code', 'status', 'supporters']);
    expect(layer.body.features.find((f: { id: string }) => f.id === a.code).geometry.coordinates).toEqual([lon, lat]);
    const planner = await login(t.url, 'planner');
    await call(t.url, 'POST', `/api/concerns/${b.code}/merge`, { session: planner, body: { into: a.code } });
    const after = await call(t.url, 'GET', `/api/concerns?bbox=${bbox}`);
    expect(after.body.total).toBe(layer.body.total - 1);
    expect(after.body.features.map((f: { id: string }) => f.id)).not.toContain(b.code);
    expect(after.body.features.find((f: { id: string }) => f.id === a.code).properties.supporters).toBe(1);
    const heat = (await call(t.url, 'GET', `/api/concerns/heat?bbox=${bbox}&zoom=11`)).body;
    expect(heat.cells.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(after.body.total);
    expect(heat.max_weight).toBeGreaterThanOrEqual(2);
    expect((await call(t.url, 'GET', '/api/concerns?bbox=51,35,50,36')).status).toBe(400);
  });

  it('publishes new concerns in a circle as Atom 1.0, escaped, and nothing outside the circle', async () => {
    const [lon, lat] = [51.03, 35.85];
    const inside = (await file({ lon, lat, description: 'Tower <script>alert(1)</script> & "noise"' }, '127.0.1.3')).body;
    const [olon, olat] = await offset(lon, lat, 700, 0);
    const outside = (await file({ lon: olon, lat: olat }, '127.0.1.4')).body;
    const f = await call(t.url, 'GET', `/feeds/area.atom?lat=${lat}&lon=${lon}&radius_m=500`);
    expect(f.status).toBe(200);
    expect(f.headers.get('content-type')).toContain('application/atom+xml');
    expect(f.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(f.text).toContain(`/concerns/${inside.code}</id>`);
    expect(f.text).not.toContain(outside.code);
    expect(f.text).not.toContain('<script>');
    expect(f.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;noise&quot;');
    for (const tag of ['id', 'title', 'updated', 'author']) expect(f.text).toContain(`<${tag}>`);
    expect(f.text.match(/<entry>/g)?.length).toBe(f.text.match(/<\/entry>/g)?.length);
    expect((await call(t.url, 'GET', '/feeds/area.atom?lat=95&lon=51')).status).toBe(400);
  });

  it('documents every concern endpoint in the OpenAPI document, which still validates', async () => {
    const doc = (await call(t.url, 'GET', '/api/openapi.json')).body;
    for (const p of ['/api/concerns', '/api/concerns/nearby', '/api/concerns/heat', '/api/concerns/queue', '/api/concerns/{code}', '/api/concerns/{code}/status', '/api/concerns/{code}/merge', '/api/concerns/{code}/hide', '/api/concerns/{code}/support', '/api/concerns/{code}/photo', '/api/response-templates', '/feeds/area.atom']) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });
});

describe('abuse limits on filing', () => {
  it('allows 4 filings an hour per address, then answers 429 with Retry-After, per address only', async () => {
    const from = '127.0.2.1';
    for (let i = 0; i < 4; i++) expect((await file({}, from)).status).toBe(201);
    const before = concernCounts(t.ctx);
    const r = await file({}, from);
    expect(r.status).toBe(429);
    expect(errorOf(r).code).toBe('rate_limited');
    const retry = Number(r.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(3500);
    expect(retry).toBeLessThanOrEqual(3600);
    expect((await callFrom(from, t.url, 'POST', '/api/concerns', { body: { lat: 35.83, lon: 51, category: 'health' }, headers: { 'x-forwarded-for': '198.51.100.7' } })).status).toBe(429);
    expect(concernCounts(t.ctx)).toEqual(before);
    expect((await file({}, '127.0.2.2')).status).toBe(201);
    // Reading and "me too" are not filing.
    expect((await callFrom(from, t.url, 'GET', '/api/concerns/nearby?lat=35.83&lon=51&category=health')).status).toBe(200);
  });

  it('answers a filled honeypot like success and stores nothing', async () => {
    const before = concernCounts(t.ctx);
    const r = await file({ website: 'http://spam.example', description: 'Buy now' }, '127.0.3.1');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'received', description: 'Buy now', evidence: { radius_m: 300 } });
    expect(concernCounts(t.ctx)).toEqual(before);
    expect((await call(t.url, 'GET', `/api/concerns/${r.body.code}`)).status).toBe(404);
  });

  it('rejects bad fields with 400 naming each, and oversized bodies with 413, changing nothing', async () => {
    const before = concernCounts(t.ctx);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ lat: 91 }, 'body.lat'],
      [{ lon: 'east' }, 'body.lon'],
      [{ category: 'aliens' }, 'body.category'],
      [{ description: 'x'.repeat(4001) }, 'body.description'],
      [{ email: 'not-an-address' }, 'body.email'],
      [{ phone: 'call me maybe' }, 'body.phone'],
      [{ name: 'a\u0000b' }, 'body.name'],
      [{ extra: 1 }, 'body'],
    ];
    let n = 0;
    for (const [body, field] of cases) {
      const r = await file(body, `127.0.4.${++n}`);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(errorOf(r).fields).join(' ')).toContain(field);
    }
    const huge = await callFrom('127.0.4.99', t.url, 'POST', '/api/concerns', { body: { lat: 35.8, lon: 51, category: 'health', photo_base64: 'A'.repeat(8_000_000) } });
    expect(huge.status).toBe(413);
    expect(errorOf(huge).code).toBe('payload_too_large');
    const bigStatus = await call(t.url, 'POST', `/api/concerns/${makeTrackingCode('100000000')}/support`, { raw: JSON.stringify({ x: 'y'.repeat(100_000) }), contentType: 'application/json' });
    expect(bigStatus.status).toBe(413);
    expect(concernCounts(t.ctx)).toEqual(before);
  });
});
