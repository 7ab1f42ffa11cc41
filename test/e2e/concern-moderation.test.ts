/** A planner's moderation on a 360×740 phone in English: the queue filtered by kind, a concern's private
 *  contact, hiding its text with a reason and merging it into another; the public page then says it is
 *  a duplicate, hides the text, and shows neither the reason nor the contact. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConcernView } from '../../shared/api/concerns.js';
import { callFrom } from '../support/concerns.js';
import { smallTargets } from './concern-helpers.js';
import { startHarness, type Harness } from './harness.js';

const HOME = { lat: 35.8355, lon: 50.9915 };
const CONTACT = { name: 'Reza Ahmadi', email: 'reza@example.ir', phone: '+98 912 000 1111' };
const REASON = 'Markup, not a description';
let h: Harness;
let rude: ConcernView;
let original: ConcernView;

beforeAll(async () => {
  h = await startHarness();
  original = (await callFrom('127.0.0.21', h.baseUrl, 'POST', '/api/concerns', { body: { ...HOME, category: 'noise', description: 'Loud fans.' } })).body as ConcernView;
  rude = (await callFrom('127.0.0.22', h.baseUrl, 'POST', '/api/concerns', { body: { ...HOME, category: 'noise', description: '<b>shouting</b>', ...CONTACT } })).body as ConcernView;
  await callFrom('127.0.0.23', h.baseUrl, 'POST', '/api/concerns', { body: { ...HOME, category: 'health' } });
}, 240_000);
afterAll(async () => {
  await h?.close();
});

describe("the planner's pages on a phone, in English", { timeout: 90_000 }, () => {
  it('hides a concern with a reason and merges it into another; the public page says so', async () => {
    const { page, errors } = await h.open('/login', { phone: true, lang: 'en' });
    await page.locator('input[name=username]').fill('planner');
    await page.locator('input[name=password]').fill('demo-planner');
    await page.locator('form button[type=submit]').tap();
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`${h.baseUrl}/planner/concerns`);
    await expect.poll(() => page.locator('.queue-item').count()).toBe(3);
    await page.locator('select[name=category]').selectOption('noise');
    await expect.poll(() => page.locator('.queue-item').count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('category')).toBe('noise');
    await h.screenshot(page, 'concern-queue-en-phone');
    expect(await smallTargets(page)).toEqual([]);
    await page.locator(`.queue-item[data-code="${rude.code}"] a`).tap();
    await page.getByTestId('work-page').waitFor();
    const contact = await page.getByTestId('contact').textContent();
    for (const v of Object.values(CONTACT)) expect(contact).toContain(v);
    expect(await page.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:+989120001111');
    await h.screenshot(page, 'concern-work-en-phone');
    expect(await smallTargets(page)).toEqual([]);
    await page.locator('textarea[name=hide-reason]').fill(REASON);
    await page.getByRole('button', { name: 'Hide', exact: true }).tap();
    await page.getByText(`Hidden. Reason: ${REASON}`).waitFor();
    await page.locator('input[name=merge-into]').fill(original.code);
    await page.getByRole('button', { name: 'Merge', exact: true }).tap();
    await page.waitForURL(`**/planner/concerns/${original.code}`);
    // The merged concern's filer now counts as a supporter of the original.
    await expect.poll(() => page.getByTestId('work-page').locator('.badge.supporters').textContent()).toBe('1 supporter');
    expect(errors).toEqual([]);
    await page.close();

    const pub = await h.open(`/concerns/${rude.code}`, { phone: true, lang: 'fa' });
    await pub.page.getByTestId('concern-page').waitFor();
    expect(await pub.page.getByTestId('concern-status').getAttribute('data-status')).toBe('duplicate');
    const text = (await pub.page.locator('body').textContent())!;
    expect(text).toContain('پنهان کرده است');
    for (const secret of [REASON, ...Object.values(CONTACT), 'shouting']) expect(text).not.toContain(secret);
    expect(await pub.page.locator(`a[href="/concerns/${original.code}"]`).count()).toBe(1);
    await h.screenshot(pub.page, 'concern-merged-fa-phone');
    expect(pub.errors).toEqual([]);
    await pub.page.close();
  });
});
