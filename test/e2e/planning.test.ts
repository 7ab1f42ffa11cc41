/** The planning view in Chromium: the planner signs in, opens planning from the header, sees the density map (and
 *  its operator toggle), the consolidation plan with the city's totals before and after as the API computes them,
 *  exports the plan (a real download), recomputes it with other distances, the case list and unregistered masts,
 *  and the printable report in Persian and English; a screenshot of each; no console errors. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OPENCELLID_HEADER } from '../../server/import/opencellid.js';
import { call, login, type Session } from '../support/server.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let planner: Session;

beforeAll(async () => {
  h = await startHarness();
  planner = await login(h.baseUrl, 'planner');
  // Observed cells 1 km east of the city's outer districts, where no demo mast stands: one possible unregistered mast.
  const cells = [0, 1, 2].map((i) => `LTE,432,${[11, 35, 20][i]},9,${900 + i},0,${51.2 + i * 0.0003},35.86,300,40,1,1600000000,1700000000,-90`);
  await call(h.baseUrl, 'POST', '/api/import?format=opencellid', { session: planner, raw: [OPENCELLID_HEADER, ...cells].join('\n'), contentType: 'text/csv' });
}, 240_000);

afterAll(async () => {
  await h?.close();
});

/** Signs in through the form and opens planning from the header link. */
async function signInAndOpenPlanning(page: Page, linkName: string): Promise<void> {
  await page.locator('input[name=username]').fill('planner');
  await page.locator('input[name=password]').fill('demo-planner');
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByRole('link', { name: linkName }).click();
  await page.waitForURL((u) => u.pathname === '/planning');
}

const densityCells = async (page: Page) => Number(await page.getByTestId('density-cells').getAttribute('data-count'));

describe('planning view', { timeout: 120_000 }, () => {
  it('a planner sees the density map, the consolidation plan with its totals, and exports the plan', async () => {
    const { page, errors } = await h.open('/login', { lang: 'fa' });
    await signInAndOpenPlanning(page, 'برنامه‌ریزی');

    // Dashboard: figures, four SVG charts, the density grid drawn on the map's canvas.
    await page.getByTestId('dashboard-figures').waitFor();
    expect(await page.getByTestId('dashboard-figures').textContent()).toMatch(/[۰-۹]/);
    expect(await page.locator('.plan-chart svg').count()).toBeGreaterThanOrEqual(5);
    await expect.poll(() => densityCells(page), { timeout: 20_000 }).toBeGreaterThan(20);
    expect(await page.locator('.planning-map canvas').count()).toBeGreaterThan(0);
    const all = await densityCells(page);
    await h.screenshot(page, 'planning-dashboard-fa');
    await page.locator('select[name=operator]').selectOption('rightel');
    await expect.poll(() => densityCells(page), { timeout: 20_000 }).toBeLessThan(all);
    await page.locator('input[name=density-layer][value=districts]').check();
    await page.locator('.planning-map').scrollIntoViewIfNeeded();
    await h.screenshot(page, 'planning-choropleth-fa');

    // Consolidation: the totals the API computes, lines on the map, the groups listed.
    await page.getByRole('tab', { name: 'طرح ادغام' }).click();
    const totals = page.getByTestId('consolidation-totals');
    await totals.waitFor({ timeout: 60_000 });
    const api = (await call(h.baseUrl, 'GET', '/api/planning/consolidation', { session: planner })).body;
    expect(Number(await totals.getAttribute('data-before'))).toBe(api.totals.before);
    expect(Number(await totals.getAttribute('data-after'))).toBe(api.totals.after);
    expect(api.totals.removed).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=consolidation-groups] tbody tr').count()).toBe(Math.min(200, api.groups.length));
    await h.screenshot(page, 'planning-consolidation-fa');

    // Export the plan as GeoJSON: a download with one line per removed structure.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.plan-exports a[data-format=geojson]').click()]);
    expect(download.suggestedFilename()).toMatch(/^dakal-consolidation-\d{4}-\d{2}-\d{2}\.geojson$/);
    const fc = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(fc.features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'LineString')).toHaveLength(api.totals.removed);
    expect(fc.totals).toEqual(api.totals);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('.plan-exports a[data-format=csv]').first().click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect(readFileSync((await csv.path())!, 'utf8').trim().split('\r\n')).toHaveLength(api.totals.removed + 1);

    // Shorter merge distances: the plan is recomputed and removes fewer structures.
    await page.locator('input[name=ground_m]').fill('60');
    await page.locator('input[name=rooftop_m]').fill('20');
    await page.getByRole('button', { name: 'محاسبهٔ دوبارهٔ طرح' }).click();
    await expect.poll(async () => Number(await totals.getAttribute('data-removed')), { timeout: 60_000 }).toBeLessThan(api.totals.removed);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the enforcement cases, sorts them, and shows the possible unregistered mast', async () => {
    const { page, errors } = await h.open('/login', { lang: 'fa' });
    await signInAndOpenPlanning(page, 'برنامه‌ریزی');
    await page.getByRole('tab', { name: 'پرونده‌های تخلف' }).click();
    await page.getByTestId('case-table').waitFor({ timeout: 30_000 });
    const count = Number(await page.getByTestId('case-count').getAttribute('data-count'));
    expect(count).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'کد دکل' }).click();
    const codes = await page.locator('[data-testid=case-table] tbody th').allTextContents();
    expect(codes).toEqual([...codes].sort());
    await h.screenshot(page, 'planning-enforcement-fa');
    await page.locator('select[name=reason]').selectOption('unpermitted');
    await expect.poll(async () => Number(await page.getByTestId('case-count').getAttribute('data-count'))).toBeLessThan(count);

    await page.getByRole('tab', { name: 'دکل‌های ثبت‌نشده' }).click();
    await page.getByTestId('unregistered-summary').waitFor();
    expect(await page.getByTestId('unregistered-summary').textContent()).toContain('۳ سلول');
    await h.screenshot(page, 'planning-unregistered-fa');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the dashboard in English, left to right', async () => {
    const { page, errors } = await h.open('/login', { lang: 'en' });
    await signInAndOpenPlanning(page, 'Planning');
    await page.getByTestId('dashboard-figures').waitFor();
    await expect.poll(() => densityCells(page), { timeout: 20_000 }).toBeGreaterThan(20);
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Organising the masts');
    await h.screenshot(page, 'planning-dashboard-en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints a district report in Persian and in English', async () => {
    const { page, errors } = await h.open('/login', { lang: 'fa' });
    await signInAndOpenPlanning(page, 'برنامه‌ریزی');
    await page.goto(new URL('/planning/report?district=3', h.baseUrl).toString());
    const report = page.getByTestId('report');
    await report.locator('.plan-svg-map').waitFor({ timeout: 60_000 });
    await report.locator('.plan-figures').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('منطقه ۳');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('.plan-report-tools').isVisible()).toBe(false);
    await h.screenshot(page, 'planning-report-fa-print');
    await page.emulateMedia({ media: 'screen' });
    await report.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('District 3');
    await page.emulateMedia({ media: 'print' });
    await h.screenshot(page, 'planning-report-en-print');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tells an operator the view is for planners', async () => {
    const { page, errors } = await h.open('/login', { lang: 'en' });
    await page.locator('input[name=username]').fill('mci');
    await page.locator('input[name=password]').fill('demo-mci');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/');
    expect(await page.getByRole('link', { name: 'Planning' }).count()).toBe(0);
    await page.goto(new URL('/planning', h.baseUrl).toString());
    await expect.poll(() => page.locator('.page-narrow p').first().textContent()).toBe('Your account has no planner access.');
    expect(errors).toEqual([]);
    await page.close();
  });
});
