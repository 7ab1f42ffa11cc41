/** In Chromium: the app passes its own Content-Security-Policy (no violation, no console error), and HTML typed
 *  into a site's text fields is shown as text, never run or turned into elements. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, login } from '../support/server.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 240_000);
afterAll(async () => {
  await h?.close();
});

/** Records CSP violations and dialogs from the next navigation on. */
async function watch(page: Page): Promise<{ violations: () => Promise<string[]>; dialogs: string[] }> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
  });
  return { violations: () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []), dialogs };
}

describe('content security policy', { timeout: 60_000 }, () => {
  for (const path of ['/', '/login']) {
    it(`${path} loads with the CSP on and breaks none of it`, async () => {
      const { page, errors } = await h.open(path, { lang: 'en' });
      const w = await watch(page);
      const res = await page.reload({ waitUntil: 'load' });
      expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
      await page.waitForTimeout(1500);
      expect(await w.violations()).toEqual([]);
      expect(errors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

describe('HTML in text fields', { timeout: 60_000 }, () => {
  const PAYLOADS = {
    address: '<img src=x onerror=alert(1)> خیابان <b>bold</b>',
    permit_no: '<script>alert(2)</script>',
  };

  it("a site's address and permit number show as text in its panel", async () => {
    const planner = await login(h.baseUrl, 'planner');
    const made = await call(h.baseUrl, 'POST', '/api/sites', {
      session: planner,
      body: { code: 'XSS-1', lon: 50.9915, lat: 35.8355, structure_type: 'monopole', height_m: 30, owner_operator_id: 'mci', ...PAYLOADS },
    });
    expect(made.status).toBe(201);
    const id = made.body.id as number;
    const { page, errors } = await h.open('/', { lang: 'en' });
    const w = await watch(page);
    await page.goto(`${h.baseUrl}/?site=${id}&lat=35.8355&lon=50.9915&z=17`, { waitUntil: 'load' });
    const panel = page.getByTestId('site-panel');
    await panel.getByText('XSS-1').waitFor({ timeout: 20_000 });
    await panel.getByText(PAYLOADS.address).waitFor({ timeout: 20_000 });
    const text = await panel.textContent();
    expect(text).toContain(PAYLOADS.address);
    expect(text).toContain(PAYLOADS.permit_no);
    // Nothing was parsed as markup: no image, no bold, no script element came from the data.
    expect(await panel.locator('img, b, script').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(w.dialogs).toEqual([]);
    expect(await w.violations()).toEqual([]);
    expect(errors).toEqual([]);
    await h.screenshot(page, 'hostile-address-as-text');
    await page.close();
  });
});
