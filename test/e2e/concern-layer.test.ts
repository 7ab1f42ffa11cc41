/** The concerns layer in Chromium: switched on in the layer panel with its legend, heat at a city zoom
 *  adding up to the concerns listed in the same box, single concerns close up opening their pages;
 *  and the concern pages passing the app's Content-Security-Policy. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConcernView } from '../../shared/api/concerns.js';
import { callFrom } from '../support/concerns.js';
import { jpegWithGps } from '../support/photos.js';
import { call, login } from '../support/server.js';
import { mapReady } from './concern-helpers.js';
import { startHarness, type Harness } from './harness.js';

const HOME = { lat: 35.8355, lon: 50.9915 };
let h: Harness;
/** Near HOME: a noise concern with two supporters and an open visual one; far away: a closed health one. */
let noise: ConcernView;
let visual: ConcernView;
let closed: ConcernView;

const file = async (from: string, body: Record<string, unknown>) => (await callFrom(from, h.baseUrl, 'POST', '/api/concerns', { body })).body as ConcernView;

beforeAll(async () => {
  h = await startHarness();
  noise = await file('127.0.0.11', { ...HOME, category: 'noise', description: 'The generator runs all night.' });
  visual = await file('127.0.0.12', { lat: HOME.lat + 0.0003, lon: HOME.lon, category: 'visual' });
  closed = await file('127.0.0.13', { lat: 35.8, lon: 50.95, category: 'health' });
  for (const from of ['127.0.0.14', '127.0.0.15']) await callFrom(from, h.baseUrl, 'POST', `/api/concerns/${noise.code}/support`);
  const planner = await login(h.baseUrl, 'planner');
  expect((await call(h.baseUrl, 'POST', `/api/concerns/${closed.code}/status`, { session: planner, body: { status: 'not_upheld', note: 'No mast there.' } })).status).toBe(200);
}, 240_000);
afterAll(async () => {
  await h?.close();
});

describe('the concerns layer', { timeout: 90_000 }, () => {
  it('is switched on in the layer panel, explained in the legend and kept in the address', async () => {
    const { page, errors } = await h.open('/?z=13', { lang: 'en' });
    await mapReady(page);
    await page.locator('input[name=layer-concerns]').check();
    await expect.poll(() => new URL(page.url()).searchParams.get('layers')).toContain('concerns');
    expect(await page.locator('.legend').textContent()).toContain('Where concerns gather');
    await page.locator('.leaflet-dakal-concern-heat-pane canvas').waitFor();
    await page.locator('input[name=layer-concerns]').uncheck();
    await expect.poll(() => page.locator('.leaflet-dakal-concern-heat-pane canvas').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows heat at a city zoom adding up to the concerns in view, each weighing 1 + its supporters', async () => {
    const { page, errors } = await h.open('/?z=13&layers=boundaries,zones,airport,concerns', { lang: 'fa' });
    await mapReady(page);
    // The heat canvas is made when the first disc is drawn on it.
    await page.locator('.leaflet-dakal-concern-heat-pane canvas').waitFor();
    const box = 'bbox=50.9,35.78,51.1,35.9';
    const heat = (await (await fetch(`${h.baseUrl}/api/concerns/heat?${box}&zoom=13`)).json()) as { cells: Array<{ count: number; weight: number }> };
    const points = (await (await fetch(`${h.baseUrl}/api/concerns?${box}`)).json()) as { features: Array<{ properties: { supporters: number } }> };
    expect(points.features.length).toBe(3);
    expect(heat.cells.reduce((n, c) => n + c.count, 0)).toBe(3);
    expect(heat.cells.reduce((n, c) => n + c.weight, 0)).toBe(3 + 2);
    await h.screenshot(page, 'concern-layer-heat-fa-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('close up on a phone draws each concern as a named marker that opens its page', async () => {
    const { page, errors } = await h.open(`/?lat=${HOME.lat}&lon=${HOME.lon}&z=17&layers=concerns`, { phone: true, lang: 'fa' });
    await mapReady(page);
    const points = page.locator('.concern-point');
    await expect.poll(() => points.count()).toBe(2);
    const labels = await points.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(labels.sort()).toEqual(['نگرانی: صدا، دریافت شد، ۲ همراه', 'نگرانی: منظر و زیبایی شهری، دریافت شد، ۰ همراه'].sort());
    const box = (await points.first().boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    await h.screenshot(page, 'concern-layer-points-fa-phone');
    await page.locator('.concern-point[aria-label^="نگرانی: صدا"]').tap();
    await page.waitForURL(`**/concerns/${noise.code}`);
    expect(await page.getByTestId('concern-description').textContent()).toBe('The generator runs all night.');
    expect(errors).toEqual([]);
    await page.close();
    expect(visual.code).not.toBe(noise.code);
  });
});

describe('content security policy on the concern pages', { timeout: 90_000 }, () => {
  it('the public page, the tracking page, the layer and the form with a photo preview break none of it', async () => {
    const { page, errors } = await h.open('/concerns', { lang: 'fa' });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const violations = () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    for (const path of [`/concerns/${closed.code}`, '/concerns', `/?lat=${HOME.lat}&lon=${HOME.lon}&z=16&layers=concerns`]) {
      await page.goto(new URL(path, h.baseUrl).toString(), { waitUntil: 'load' });
      await page.waitForTimeout(800);
      expect(await violations(), path).toEqual([]);
    }
    await page.locator('.report-button').click();
    await page.getByTestId('concern-pick-next').click();
    await page.getByTestId('concern-form').locator('input[name=photo]').setInputFiles({ name: 'p.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps() });
    await page.locator('.photo-preview img').waitFor();
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
