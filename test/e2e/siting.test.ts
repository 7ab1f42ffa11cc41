/** The siting tools in Chromium: a pin held 50 m north of a school (placed with GeographicLib) fails the school
 *  buffer with the distance in Persian digits before the mouse is released, then the server confirms; the same in
 *  English and on a 360×740 phone as a bottom sheet; the exposure layer drawn as one image with its legend and a
 *  click on the school answering with the antennas that contribute; the density layer by operator; a planner
 *  widening the school buffer on /policy and the next check reporting the new version. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as turf from '@turf/turf';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedPlace, northOf, type PlaceFeature } from '../support/siting.js';
import { mapCentre, mapReady, persianNumber, smallTargets } from './concern-helpers.js';
import { startHarness, type Harness } from './harness.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface FullPlace extends PlaceFeature {
  properties: PlaceFeature['properties'] & { name_fa: string };
}

let h: Harness;
let school: FullPlace;
/** 50 m due north of the school's northernmost vertex: 50 m from its boundary (test/support/siting.ts). */
let at: { lon: number; lat: number };

beforeAll(async () => {
  h = await startHarness();
  const places = ((await (await fetch(`${h.baseUrl}/api/sensitive-places`)).json()) as { features: FullPlace[] }).features;
  school = isolatedPlace(places, 'school', 600) as FullPlace;
  at = northOf(school, 50);
}, 240_000);
afterAll(async () => {
  await h?.close();
});

const atPin = (zoom = 18, extra = '') => `/?lat=${at.lat}&lon=${at.lon}&z=${zoom}${extra}`;
const rule = (page: Page, name: string) => page.locator(`[data-testid=check-report] [data-rule=${name}]`);

async function axeSerious(page: Page): Promise<unknown[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Turns the check tool on and presses the mouse on the map's centre (the pin's point), without releasing. */
async function pressCentre(page: Page): Promise<void> {
  await mapReady(page);
  await page.getByTestId('check-toggle').click();
  await page.getByTestId('check-panel').waitFor();
  const c = await mapCentre(page);
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
}

describe('check a location on the map', { timeout: 90_000 }, () => {
  it('in Persian: the school buffer fails at ≈50 m while the mouse is held, then the server confirms', async () => {
    const { page, errors } = await h.open(atPin(), { lang: 'fa' });
    await pressCentre(page);
    // The browser's own check, before the mouse is released: the server has not been asked yet.
    await expect.poll(() => rule(page, 'sensitive_buffer').getAttribute('data-status'), { timeout: 20_000 }).toBe('fail');
    expect(await page.getByTestId('check-server').getAttribute('data-server')).toBe('waiting');
    const measured = (await rule(page, 'sensitive_buffer').getByTestId('rule-measured').textContent())!;
    expect(measured).toMatch(/[۰-۹]/);
    expect(measured).not.toMatch(/[0-9]/);
    expect(Math.abs(persianNumber(measured) - 50)).toBeLessThan(1.5);
    expect(persianNumber((await rule(page, 'sensitive_buffer').getByTestId('rule-limit').textContent())!)).toBe(100);
    expect(await rule(page, 'sensitive_buffer').locator('[data-related=sensitive_place]').first().textContent()).toContain(school.properties.name_fa);
    await h.screenshot(page, 'siting-check-held-fa-desktop');
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('check-server').getAttribute('data-server'), { timeout: 20_000 }).toBe('confirmed');
    expect(await page.getByTestId('check-server').getAttribute('data-source')).toBe('browser');
    expect(await page.getByTestId('check-server').textContent()).toContain('سرور');
    expect(await page.getByTestId('check-report').getAttribute('data-policy-version')).toBe('1');
    expect(await page.getByTestId('check-report').getAttribute('data-verdict')).toBe('fail');
    // Every rule of the policy is answered, and the line to the school carries its distance.
    expect(await page.locator('[data-testid=check-report] [data-rule]').count()).toBe(7);
    const labels = await page.locator('.check-line-label').allTextContents();
    expect(labels.some((l) => /[۰-۹]/.test(l) && Math.abs(persianNumber(l) - 50) < 1.5)).toBe(true);
    await h.screenshot(page, 'siting-check-fa-desktop');
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('in English: the same result in words, metres in Latin digits, and a drag moves the check along', async () => {
    const { page, errors } = await h.open(atPin(), { lang: 'en' });
    await pressCentre(page);
    await expect.poll(() => rule(page, 'sensitive_buffer').getAttribute('data-status'), { timeout: 20_000 }).toBe('fail');
    // Dragging 200 px north (about 95 m at zoom 18) while held takes the pin clear of the 100 m buffer.
    const c = await mapCentre(page);
    await page.mouse.move(c.x, c.y - 200, { steps: 8 });
    await expect.poll(() => rule(page, 'sensitive_buffer').getAttribute('data-status'), { timeout: 10_000 }).not.toBe('fail');
    await page.mouse.move(c.x, c.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('check-server').getAttribute('data-server'), { timeout: 20_000 }).toBe('confirmed');
    expect(await rule(page, 'sensitive_buffer').getAttribute('data-status')).toBe('fail');
    const measured = (await rule(page, 'sensitive_buffer').getByTestId('rule-measured').textContent())!;
    expect(measured).toMatch(/^Measured: \d+(\.\d)? m$/);
    expect(Math.abs(Number(/[\d.]+/.exec(measured)![0]) - 50)).toBeLessThan(1.5);
    expect(await page.getByTestId('check-server').textContent()).toContain('Confirmed by the server');
    expect(await rule(page, 'sensitive_buffer').textContent()).toContain(school.properties.name_en);
    await h.screenshot(page, 'siting-check-en-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('by keyboard alone: the tool, the pin at the centre, Escape back to the button; exposure at the centre too', async () => {
    const { page, errors } = await h.open(atPin(), { lang: 'en' });
    await mapReady(page);
    await page.getByTestId('check-toggle').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('check-panel').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await page.getByRole('button', { name: 'Put the pin at the map’s centre' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('check-server').getAttribute('data-server'), { timeout: 20_000 }).toBe('confirmed');
    expect(await rule(page, 'sensitive_buffer').getAttribute('data-status')).toBe('fail');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('check-panel').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('check-toggle');

    await page.getByTestId('exposure-toggle').focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('exposure-panel');
    await panel.getByTestId('exposure-totals').waitFor();
    expect(await panel.locator('h2').textContent()).toBe('Predicted exposure at this point');
    const api = (await (await fetch(`${h.baseUrl}/api/exposure?lat=${at.lat}&lon=${at.lon}&limit=5`)).json()) as { total_exposure_ratio: number; e_total_vm: number };
    const shown = Number(await panel.getByTestId('exposure-totals').getAttribute('data-ratio'));
    expect(Math.abs(shown - api.total_exposure_ratio) / api.total_exposure_ratio).toBeLessThan(0.02);
    expect(await panel.getByTestId('exposure-field').textContent()).toMatch(/^\d+(\.\d+)? V\/m$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('leaflet-container'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const lang of ['fa', 'en'] as const) {
    it(`on a 360×740 phone in ${lang === 'fa' ? 'Persian' : 'English'}: a bottom sheet, the pin put at the centre by a button`, async () => {
      const { page, errors } = await h.open(atPin(), { phone: true, lang });
      await mapReady(page);
      await page.getByTestId('check-toggle').tap();
      const sheet = page.getByTestId('check-panel');
      await sheet.waitFor();
      await h.screenshot(page, `siting-check-empty-${lang}-phone`);
      await sheet.locator('.check-centre').tap();
      await expect.poll(() => page.getByTestId('check-server').getAttribute('data-server'), { timeout: 20_000 }).toBe('confirmed');
      expect(await rule(page, 'sensitive_buffer').getAttribute('data-status')).toBe('fail');
      const measured = (await rule(page, 'sensitive_buffer').getByTestId('rule-measured').textContent())!;
      expect(Math.abs((lang === 'fa' ? persianNumber(measured) : Number(/[\d.]+/.exec(measured)![0])) - 50)).toBeLessThan(0.5);
      const box = (await sheet.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(360);
      expect(box.y + box.height).toBeLessThanOrEqual(741);
      // The pin was panned clear of the sheet.
      const pin = (await page.locator('.check-pin').boundingBox())!;
      expect(pin.y + pin.height).toBeLessThan(box.y);
      await h.screenshot(page, `siting-check-${lang}-phone`);
      expect(await smallTargets(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('exposure and density layers', { timeout: 90_000 }, () => {
  it('draws predicted exposure as one image overlay with a legend, refetched at a finer cell on zooming in', async () => {
    const { page, errors } = await h.open('/?lat=35.8355&lon=50.9915&z=14&layers=exposure', { lang: 'fa' });
    await mapReady(page);
    const legend = page.getByTestId('exposure-legend');
    await legend.waitFor();
    expect(await legend.isVisible()).toBe(true);
    await expect.poll(() => page.locator('img.exposure-grid-image').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('img.exposure-grid-image').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expect.poll(() => page.getByTestId('exposure-state').textContent(), { timeout: 30_000 }).toContain('۱۰۰ متری');
    expect(await legend.locator('.map-legend-classes li').count()).toBe(5);
    expect(await legend.textContent()).toContain('نه اندازه‌گیری');
    await h.screenshot(page, 'siting-exposure-fa-desktop');
    const state = page.getByTestId('exposure-state');
    expect(await state.getAttribute('data-cell-m')).toBe('100');
    // Zoomed in twice a 25 m cell is asked for; in the dense centre the server may grow it to fit its work cap,
    // and the legend says which it used.
    await page.locator('.leaflet-control-zoom-in').click();
    await page.locator('.leaflet-control-zoom-in').click();
    await expect.poll(async () => Number((await state.getAttribute('data-cell-m')) || 100), { timeout: 30_000 }).toBeLessThan(100);
    const cellM = Number(await state.getAttribute('data-cell-m'));
    expect(cellM).toBeGreaterThanOrEqual(25);
    expect(await state.textContent()).toContain(`${new Intl.NumberFormat('fa-IR').format(cellM)} متری`);
    expect(await page.locator('img.exposure-grid-image').count()).toBe(1);
    await h.screenshot(page, 'siting-exposure-z16-fa-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a click on the school answers with the exposure there and the antennas that contribute, as the API says', async () => {
    const [lon, lat] = turf.pointOnFeature(school as GeoJSON.Feature).geometry.coordinates as [number, number];
    const { page, errors } = await h.open(`/?lat=${lat}&lon=${lon}&z=18&layers=exposure,places`, { lang: 'fa' });
    await mapReady(page);
    await expect.poll(() => page.locator('img.exposure-grid-image').count(), { timeout: 30_000 }).toBe(1);
    const c = await mapCentre(page);
    await page.mouse.click(c.x, c.y);
    const panel = page.getByTestId('exposure-panel');
    await expect.poll(() => panel.locator('h2').textContent(), { timeout: 15_000 }).toContain(school.properties.name_fa);
    await panel.getByTestId('exposure-totals').waitFor();
    const api = (await (await fetch(`${h.baseUrl}/api/exposure?lat=${lat}&lon=${lon}&limit=5`)).json()) as { total_exposure_ratio: number; contributions: { site_code: string; ratio: number }[] };
    const shown = Number(await panel.getByTestId('exposure-totals').getAttribute('data-ratio'));
    // The click lands within a pixel (0.6 m at zoom 18) of the point the test asked about.
    expect(Math.abs(shown - api.total_exposure_ratio) / api.total_exposure_ratio).toBeLessThan(0.05);
    expect(api.contributions.length).toBeGreaterThan(0);
    const rows = panel.locator('[data-testid=contributions] tbody tr');
    expect(await rows.count()).toBe(api.contributions.length);
    expect(await rows.first().locator('td').first().textContent()).toBe(api.contributions[0]!.site_code);
    const share = Number(await rows.first().locator('td[data-share]').getAttribute('data-share'));
    expect(share).toBeCloseTo(api.contributions[0]!.ratio / api.total_exposure_ratio, 1);
    expect(await rows.first().textContent()).toMatch(/[۰-۹]/);
    await h.screenshot(page, 'siting-exposure-school-fa-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a phone the legends fold to their titles and open on a tap; a tap on the map answers in a bottom sheet', async () => {
    // At the isolated school, where no mast is within a finger's reach of the centre (a tap on a mast opens it).
    const [lon, lat] = turf.pointOnFeature(school as GeoJSON.Feature).geometry.coordinates as [number, number];
    const { page, errors } = await h.open(`/?lat=${lat}&lon=${lon}&z=17&layers=exposure,density,places`, { phone: true, lang: 'fa' });
    await mapReady(page);
    const legend = page.getByTestId('exposure-legend');
    await expect.poll(() => page.locator('img.exposure-grid-image').count(), { timeout: 30_000 }).toBe(1);
    expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await h.screenshot(page, 'siting-layers-fa-phone');
    await legend.locator('summary').tap();
    expect(await legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await h.screenshot(page, 'siting-legend-open-fa-phone');
    await legend.locator('summary').tap();
    const c = await mapCentre(page);
    await page.touchscreen.tap(c.x, c.y);
    const panel = page.getByTestId('exposure-panel');
    await expect.poll(() => panel.locator('h2').textContent(), { timeout: 15_000 }).toContain(school.properties.name_fa);
    await panel.getByTestId('exposure-totals').waitFor({ timeout: 15_000 });
    const box = (await panel.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(741);
    expect(await panel.getByTestId('exposure-ratio').textContent()).toMatch(/^[۰-۹٫]+$/);
    await h.screenshot(page, 'siting-exposure-answer-fa-phone');
    expect(await smallTargets(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('colours structure density per cell, and one operator has fewer cells than all', async () => {
    const { page, errors } = await h.open('/?lat=35.8355&lon=50.9915&z=13&layers=density', { lang: 'en' });
    await mapReady(page);
    const state = page.getByTestId('density-state');
    await expect.poll(() => state.getAttribute('data-cells'), { timeout: 20_000 }).not.toBe('');
    const all = Number(await state.getAttribute('data-cells'));
    expect(all).toBeGreaterThan(0);
    await h.screenshot(page, 'siting-density-en-desktop');
    await page.locator('select[name=density-operator]').selectOption('rightel');
    await expect.poll(async () => Number(await state.getAttribute('data-cells')), { timeout: 20_000 }).toBeLessThan(all);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the siting policy', { timeout: 120_000 }, () => {
  it('is shown read-only to residents, with each value and its source', async () => {
    const { page, errors } = await h.open('/policy', { phone: true, lang: 'en' });
    await page.getByTestId('policy-page').waitFor();
    expect(await page.locator('input[name="rules.sensitive_buffer.buffer_m.school"]').count()).toBe(0);
    const buffer = page.locator('[data-section=sensitive_buffer] [data-path="rules.sensitive_buffer.buffer_m.school"]');
    expect(await buffer.textContent()).toContain('100 m');
    expect(await page.locator('[data-section=sensitive_buffer] .policy-source').textContent()).toContain('Tehran city council');
    await h.screenshot(page, 'policy-en-phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a planner widens the school buffer to 150 m; a check already open reports version 2 and the 150 m limit at its next move', async () => {
    // A resident (on a phone: another browser than the planner's) has the check open with version 1 held.
    const resident = await h.open(atPin(), { phone: true, lang: 'fa' });
    await mapReady(resident.page);
    await resident.page.getByTestId('check-toggle').tap();
    await resident.page.locator('.check-centre').tap();
    await expect.poll(() => resident.page.getByTestId('check-server').getAttribute('data-server'), { timeout: 20_000 }).toBe('confirmed');
    expect(await resident.page.getByTestId('check-report').getAttribute('data-policy-version')).toBe('1');

    const { page, errors } = await h.open('/login', { lang: 'fa' });
    await page.locator('input[name=username]').fill('planner');
    await page.locator('input[name=password]').fill('demo-planner');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: 'ضوابط' }).click();
    const field = page.locator('input[name="rules.sensitive_buffer.buffer_m.school"]');
    await field.waitFor();
    expect(await field.inputValue()).toBe('۱۰۰');
    await h.screenshot(page, 'policy-fa-desktop');
    await field.fill('۱۵۰');
    await page.locator('input[name=change-note]').fill('حریم مدرسه ۱۵۰ متر');
    await page.getByTestId('policy-save').click();
    await expect.poll(() => page.getByTestId('policy-message').textContent(), { timeout: 15_000 }).toContain('نسخهٔ ۲');
    expect(await page.getByTestId('policy-page').getAttribute('data-version')).toBe('2');
    const versions = page.getByTestId('policy-versions');
    await expect.poll(() => versions.locator('ol > li').count(), { timeout: 15_000 }).toBe(2);
    expect(await versions.locator('ol > li').first().textContent()).toContain('۱۰۰ متر ← ۱۵۰ متر');
    await versions.scrollIntoViewIfNeeded();
    await h.screenshot(page, 'policy-saved-fa-desktop');
    const policy = (await (await fetch(`${h.baseUrl}/api/policy`)).json()) as { version: number; policy: { rules: { sensitive_buffer: { buffer_m: Record<string, number> } } } };
    expect(policy.version).toBe(2);
    expect(policy.policy.rules.sensitive_buffer.buffer_m).toEqual({ kindergarten: 100, school: 150, hospital: 100 });
    expect(errors).toEqual([]);
    await page.close();

    // The resident moves the pin a little (a click beside the pin, not on it): the server answers under version 2,
    // and the browser fetches the new policy.
    await resident.page.bringToFront();
    const pin = (await resident.page.locator('.check-pin').boundingBox())!;
    await resident.page.touchscreen.tap(pin.x + pin.width / 2 + 30, pin.y + pin.height + 10);
    await expect.poll(() => resident.page.getByTestId('check-report').getAttribute('data-policy-version'), { timeout: 20_000 }).toBe('2');
    // Shown from the browser's own check again (the new policy fetched), and the server agrees.
    const server = resident.page.getByTestId('check-server');
    await expect.poll(async () => `${await server.getAttribute('data-source')}/${await server.getAttribute('data-server')}`, { timeout: 20_000 }).toBe('browser/confirmed');
    expect(await resident.page.getByTestId('check-report').getAttribute('data-policy-version')).toBe('2');
    expect(await resident.page.getByTestId('policy-version').textContent()).toContain('نسخهٔ ۲');
    expect(persianNumber((await rule(resident.page, 'sensitive_buffer').getByTestId('rule-limit').textContent())!)).toBe(150);
    await h.screenshot(resident.page, 'siting-check-v2-fa-phone');
    expect(resident.errors).toEqual([]);
    await resident.page.close();
  });

  it('refuses an impossible value in the form, naming the field, and saves nothing', async () => {
    const { page, errors } = await h.open('/policy', { lang: 'en' });
    const field = page.locator('input[name="rules.share_first.radius_m"]');
    await field.waitFor();
    await field.fill('-5');
    await page.getByTestId('policy-save').click();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#policy-rules-share_first-radius_m-error').textContent()).toContain('Too small');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('rules.share_first.radius_m');
    expect(((await (await fetch(`${h.baseUrl}/api/policy`)).json()) as { version: number }).version).toBe(2);
    await h.screenshot(page, 'policy-invalid-en-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });
});
