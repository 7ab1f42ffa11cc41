/** The app shell in Chromium: signing in and out (the CSRF token travels with the sign-out), the
 *  language of the login page, and no serious axe finding on it. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 240_000);
afterAll(async () => {
  await h?.close();
});

describe('app shell', { timeout: 60_000 }, () => {
  it('signs in with the demo planner, stays signed in on reload, and signs out', async () => {
    const { page, errors } = await h.open('/', { lang: 'en' });
    await page.getByRole('link', { name: 'Sign in' }).click();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Username').fill('planner');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Wrong username or password.');
    await h.screenshot(page, 'login-en-error');
    await page.getByLabel('Password').fill('demo-planner');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await page.getByText('User: planner').waitFor();
    await page.reload();
    await page.getByText('User: planner').waitFor();
    // Sign-out is a POST with the session cookie: the server refuses it without the CSRF header.
    const signOut = page.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await signOut).status()).toBe(204);
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    // The only error is the browser's own log line for the refused password (HTTP 401).
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await page.close();
  });

  it('the login page is in Persian by default and has no serious axe finding', async () => {
    const { page, errors } = await h.open('/login');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).toBe('ورود به دکل');
    await h.screenshot(page, 'login-fa');
    await page.evaluate(AXE_SOURCE);
    const bad = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null }[] }> } }).axe;
      return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(bad).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
