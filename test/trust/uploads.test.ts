/** Uploaded files, residents' concern photos and operators' request attachments: the type comes from the bytes, not the declared type; anything but a
 *  JPEG, PNG or WebP is refused; size is limited; a stored photo is served with its sniffed type, nosniff and
 *  a Content-Disposition, and refused uploads change nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../support/db-state.js';
import { upload } from '../support/requests.js';
import { call, errorOf, login, startServer, type TestServer } from '../support/server.js';

/** A 1×1 PNG (valid chunks and CRCs). */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

let t: TestServer;
beforeAll(async () => {
  t = await startServer('demo', { DAKAL_CONCERN_RATE: '1000/1m' });
});
afterAll(() => t.close());

const file = (photo_base64: string) =>
  call(t.url, 'POST', '/api/concerns', { body: { lat: 35.8355, lon: 50.9915, category: 'visual', description: 'photo test', photo_base64 } });

describe('photo uploads', () => {
  it('stores a PNG declared as a JPEG as a PNG, and serves it with a safe type and a Content-Disposition', async () => {
    const r = await file(`data:image/jpeg;base64,${PNG_1PX}`);
    expect(r.status).toBe(201);
    const photoUrl = r.body.photo_url as string;
    expect(photoUrl).toMatch(/\/photo$/);
    const res = await fetch(t.url + photoUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="concern-[^"/\\]+\.png"$/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });

  const hostile: Array<[string, string]> = [
    ['an SVG with script, declared as a PNG', `data:image/png;base64,${b64('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>')}`],
    ['an HTML page', b64('<!doctype html><html><body><script>alert(1)</script></body></html>')],
    ['a PNG signature followed by HTML', Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('<html><script>alert(1)</script></html>')]).toString('base64')],
    ['a truncated JPEG', Buffer.from('ffd8ffe000104a464946', 'hex').toString('base64')],
    ['a GIF', b64('GIF89a\x01\x00\x01\x00\x00\x00\x00;')],
    ['not base64 at all', '%%%<script>'],
  ];
  for (const [what, payload] of hostile) {
    it(`refuses ${what} with the standard error, storing nothing`, async () => {
      const before = fingerprint(t.ctx.db);
      const r = await file(payload);
      expect(r.status).toBe(400);
      expect(Object.keys(errorOf(r).fields)).toContain('body.photo_base64');
      expect(fingerprint(t.ctx.db)).toEqual(before);
    });
  }

  it('refuses a photo over 5 MB, and a body over the route limit, storing nothing', async () => {
    const before = fingerprint(t.ctx.db);
    const big = Buffer.concat([Buffer.from(PNG_1PX, 'base64'), Buffer.alloc(5 * 1024 * 1024)]);
    const r = await file(big.toString('base64'));
    expect([400, 413]).toContain(r.status);
    expect(errorOf(r).fields).toHaveProperty('body.photo_base64');
    const huge = await call(t.url, 'POST', '/api/concerns', { raw: JSON.stringify({ lat: 35.8, lon: 50.9, category: 'visual', photo_base64: 'A'.repeat(8 * 1024 * 1024) }), contentType: 'application/json' });
    expect(huge.status).toBe(413);
    expect(errorOf(huge).code).toBe('payload_too_large');
    expect(fingerprint(t.ctx.db)).toEqual(before);
  });
});

describe('request attachments', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

  it('stores a PDF by its bytes, and serves it as a download in a sandbox, with a safe file name', async () => {
    const mci = await login(t.url, 'mci');
    const draft = await call(t.url, 'POST', '/api/requests', { session: mci, body: { type: 'new_structure', lon: 50.99, lat: 35.83, structure_type: 'monopole', height_m: 30 } });
    expect(draft.status).toBe(201);
    const id = draft.body.id as number;
    const name = '\u202Egpj.<script>.pdf';
    const up = await upload(t.url, mci, id, PDF, name, 'drawing', 'image/png');
    expect(up.status).toBe(201);
    expect(up.body.content_type).toBe('application/pdf');
    const res = await fetch(t.url + (up.body.url as string), { headers: { cookie: mci.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/sandbox/);
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"/);
    expect(disposition).not.toMatch(/[<>\u202E]/);

    const before = fingerprint(t.ctx.db);
    const html = await upload(t.url, mci, id, Buffer.from('<html><script>alert(1)</script></html>'), 'drawing.pdf', 'drawing', 'application/pdf');
    expect([html.status, errorOf(html).code]).toEqual([415, 'unsupported_type']);
    const big = await upload(t.url, mci, id, Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf', 'drawing');
    expect(big.status).toBe(413);
    expect(errorOf(big).code).toBe('payload_too_large');
    expect(fingerprint(t.ctx.db)).toEqual(before);
  });
});
