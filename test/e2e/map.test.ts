/** The public map in Chromium: masts drawn, filters, a mast's panel by mouse, touch and keyboard,
 *  Persian and English, a shared URL restored on reload, a phone screen, and no serious axe finding. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';

// Evaluated rather than added with page.addScriptTag: the app's CSP (script-src 'self') rightly blocks
// inline script tags, and the browser keeps that CSP on during the test.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let h: Harness;
/** A site of the demo data, with its position, for clicking it on the map. */
let site: { id: number; code: string; lon: number; lat: number };

beforeAll(async () => {
  h = await startHarness();
  const res = await fetch(`${h.baseUrl}/api/sites/1`);
  const f = (await res.json()) as { geometry: { coordinates: [number, number] }; properties: { id: number; code: string } };
  site = { id: f.properties.id, code: f.properties.code, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] };
}, 240_000);

afterAll(async () => {
  await h?.close();
});

/** Waits until the count shows a number and returns it. */
async function shownTotal(page: Page): Promise<number> {
  const count = page.getByTestId('site-count');
  await expect.poll(async () => count.getAttribute('data-total'), { timeout: 20_000 }).not.toBe('');
  return Number(await count.getAttribute('data-total'));
}

/** A view centred on the test site, close enough that it is drawn alone. */
const atSite = (zoom = 17, extra = '') => `/?lat=${site.lat}&lon=${site.lon}&z=${zoom}${extra}`;

/** Clicks (or taps) the centre of the map, where the view puts the test site. */
async function hitMapCentre(page: Page, tap = false): Promise<void> {
  await page.waitForSelector('.leaflet-dakal-sites-pane canvas');
  await page.waitForTimeout(300);
  const box = (await page.locator('.leaflet-container').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  if (tap) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

describe('public map', { timeout: 60_000 }, () => {
  it('loads without console errors and draws masts, with the count in Persian digits', async () => {
    const { page, errors } = await h.open('/', { lang: 'fa' });
    const total = await shownTotal(page);
    expect(total).toBeGreaterThan(0);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.leaflet-dakal-sites-pane canvas').count()).toBe(1);
    expect(await page.locator('.cluster-label').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('site-count').textContent()).toMatch(/[۰-۹]/);
    const firstMastsMs = await page.evaluate(() => performance.getEntriesByName('dakal:first-masts')[0]?.startTime ?? null);
    console.log(`time to first masts drawn: ${firstMastsMs === null ? 'not marked' : `${Math.round(firstMastsMs)} ms`} after navigation start`);
    await h.screenshot(page, 'map-fa-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('clicking a group of masts zooms in to where it splits', async () => {
    const { page, errors } = await h.open('/?z=12', { lang: 'fa' });
    await shownTotal(page);
    const box = (await page.locator('.cluster-label').first().boundingBox())!;
    // The count label lets pointer events through to the disc drawn on the canvas under it.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => Number(new URL(page.url()).searchParams.get('z')), { timeout: 10_000 }).toBeGreaterThan(12);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filtering by one operator changes the count and the address', async () => {
    const { page, errors } = await h.open('/', { lang: 'fa' });
    const all = await shownTotal(page);
    await page.locator('select[name=operator]').selectOption('rightel');
    await expect.poll(() => shownTotal(page)).not.toBe(all);
    const filtered = await shownTotal(page);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    expect(new URL(page.url()).searchParams.get('operator')).toBe('rightel');
    await h.screenshot(page, 'map-filter-rightel');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('clicking a mast opens its panel with its antennas and compliance distances', async () => {
    const { page, errors } = await h.open(atSite(), { lang: 'fa' });
    await shownTotal(page);
    await hitMapCentre(page);
    const panel = page.getByTestId('site-panel');
    await expect.poll(() => panel.locator('.antenna-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await panel.locator('h2').textContent()).toContain(site.code);
    expect(await panel.locator('.antenna-row .rc').first().textContent()).toMatch(/[۰-۹]/);
    expect(await panel.locator('.note').textContent()).toContain('اندازه‌گیری');
    expect(new URL(page.url()).searchParams.get('site')).toBe(String(site.id));
    await h.screenshot(page, 'map-site-panel-fa');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a keyboard user opens a mast from the list and closes it with Escape', async () => {
    const { page, errors } = await h.open(atSite(16), { lang: 'en' });
    await shownTotal(page);
    const first = page.locator('.site-list [data-site-id]').first();
    await first.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('site-panel');
    await expect.poll(() => panel.locator('.antenna-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-panel-title');
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    // Focus is back in the list of masts (on the row, or on the list if the row is being redrawn).
    expect(await page.evaluate(() => document.activeElement?.closest('[aria-labelledby="site-list-title"]') !== null)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('search finds a mast by its code, a district by its Persian name, and an operator', async () => {
    const { page, errors } = await h.open('/', { lang: 'fa' });
    await shownTotal(page);
    const q = page.locator('input[name=q]');
    await q.fill(site.code.toLowerCase());
    await page.locator('.search-results button', { hasText: site.code }).click();
    await expect.poll(() => page.getByTestId('site-panel').locator('h2').textContent()).toContain(site.code);
    expect(new URL(page.url()).searchParams.get('site')).toBe(String(site.id));
    await page.getByRole('button', { name: 'بستن اطلاعات دکل' }).click();
    await q.fill('منطقه 3');
    await page.locator('.search-results button', { hasText: 'منطقه ۳' }).click();
    await expect.poll(() => Number(new URL(page.url()).searchParams.get('z')), { timeout: 10_000 }).toBeGreaterThan(12);
    await q.fill('رایتل');
    await page.locator('.search-results button', { hasText: 'رایتل' }).click();
    expect(await page.locator('select[name=operator]').inputValue()).toBe('rightel');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switching to English flips the page to left-to-right, changes the labels and is remembered', async () => {
    const { page, errors } = await h.open('/', { lang: 'fa' });
    await shownTotal(page);
    expect(await page.locator('label[for$="-op"]').textContent()).toBe('اپراتور');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('label[for$="-op"]').textContent()).toBe('Operator');
    expect(await page.getByTestId('site-count').textContent()).toMatch(/^[\d,]+ masts in view$/);
    expect(await page.locator('.leaflet-control-zoom-in').getAttribute('aria-label')).toBe('Zoom in');
    await h.screenshot(page, 'map-en-desktop');
    await page.reload();
    await shownTotal(page);
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a shared address restores the view, the filters and the selected mast', async () => {
    const shared = atSite(16, `&technology=LTE&status=active&layers=boundaries,places&site=${site.id}`);
    const first = await h.open(shared, { lang: 'fa' });
    const total = await shownTotal(first.page);
    await first.page.getByTestId('site-panel').locator('.antenna-row').first().waitFor();
    const url = first.page.url();
    await first.page.close();

    const { page, errors } = await h.open(new URL(url).pathname + new URL(url).search, { lang: 'en' });
    expect(await shownTotal(page)).toBe(total);
    const p = new URL(page.url()).searchParams;
    expect(Number(p.get('z'))).toBe(16);
    expect(Number(p.get('lat'))).toBeCloseTo(site.lat, 4);
    expect(Number(p.get('lon'))).toBeCloseTo(site.lon, 4);
    expect(await page.locator('select[name=technology]').inputValue()).toBe('LTE');
    expect(await page.locator('select[name=status]').inputValue()).toBe('active');
    expect(await page.locator('input[name=layer-places]').isChecked()).toBe(true);
    expect(await page.locator('input[name=layer-zones]').isChecked()).toBe(false);
    await expect.poll(() => page.getByTestId('site-panel').locator('h2').textContent()).toContain(site.code);
    await page.reload();
    expect(await shownTotal(page)).toBe(total);
    await expect.poll(() => page.getByTestId('site-panel').locator('h2').textContent()).toContain(site.code);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a 360×740 phone a tap opens the mast as a bottom sheet, and the filters open in a drawer', async () => {
    const { page, errors } = await h.open(atSite(), { phone: true, lang: 'fa' });
    expect(page.viewportSize()).toEqual({ width: 360, height: 740 });
    await shownTotal(page);
    await h.screenshot(page, 'map-fa-phone');
    await hitMapCentre(page, true);
    const panel = page.getByTestId('site-panel');
    await expect.poll(() => panel.locator('.antenna-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const box = (await panel.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(360);
    expect(box.y + box.height).toBeLessThanOrEqual(741);
    await h.screenshot(page, 'map-fa-phone-panel');
    await page.getByRole('button', { name: 'بستن اطلاعات دکل' }).tap();
    await page.locator('.controls-toggle').tap();
    await page.locator('select[name=status]').selectOption('unpermitted');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('unpermitted');
    await h.screenshot(page, 'map-fa-phone-drawer');
    // Every control a finger uses is at least 44 px in both directions.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, select, input:not([type=checkbox]), a[href], .leaflet-bar a')]
        .filter((el) => el.offsetParent !== null && !el.classList.contains('skip-link') && !el.closest('.leaflet-control-attribution'))
        .map((el) => ({ el: el.outerHTML.slice(0, 80), r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
        .map(({ el }) => el),
    );
    expect(small).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('axe-core finds no serious or critical violation, in Persian and English, panel open', async () => {
    for (const lang of ['fa', 'en'] as const) {
      const { page, errors } = await h.open(atSite(16, `&site=${site.id}&layers=boundaries,zones,places,airport`), { lang });
      await shownTotal(page);
      await page.getByTestId('site-panel').locator('.antenna-row').first().waitFor();
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
        const r = await axe.run(document);
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target) }));
      });
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (violations.length) console.log(`axe (${lang}):`, JSON.stringify(violations));
      expect(bad).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
