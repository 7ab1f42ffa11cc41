/** Site requests end to end in Chromium: an Irancell engineer drafts a new mast with two antennas, sees the
 *  live pre-check confirmed by the server and an MCI mast offered for sharing, has a fake PDF refused, attaches
 *  a drawing and a photomontage and submits; a resident finds the proposal on the public map and comments from
 *  a phone; 22 days later a planner re-runs the check, sees the exposure map, approves with a condition and
 *  prints the letter; the engineer marks the mast built and the public map shows it active with the approving
 *  decision linked. Screenshots of every page, desktop and phone, Persian and English. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import geodesic from 'geographiclib-geodesic';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';

// Tiny files made here: a PDF (header, catalogue, trailer) and a 1×1 PNG, both of which the server's sniffer
// accepts; and HTML dressed up as a PDF, which it must refuse.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const FAKE_PDF = Buffer.from('<html><script>alert(1)</script></html>');

// Evaluated in the page (the app's CSP rightly refuses an injected script tag).
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core findings on the page as it is now. */
async function axeSerious(page: Page): Promise<unknown[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const T0 = Date.parse('2025-06-01T06:30:00.000Z');
const DAY = 86_400_000;

let h: Harness;
/** An MCI-only mast with room for another operator, and the proposed point 150 m north of it. */
let mast: { id: number; code: string };
let lon: number;
let lat: number;
let requestId: number;
let siteId: number;

const setClock = (days: number) => {
  h.ctx.requests.clock = () => new Date(T0 + days * DAY);
};

beforeAll(async () => {
  h = await startHarness();
  setClock(0);
  const res = await fetch(`${h.baseUrl}/api/sites?operator=mci&status=active&limit=500`);
  const fc = (await res.json()) as { features: Array<{ id: number; geometry: { coordinates: [number, number] }; properties: { code: string; operators: string[]; structure_type: string } }> };
  const f = fc.features.find((x) => x.properties.operators.join() === 'mci' && ['monopole', 'lattice'].includes(x.properties.structure_type))!;
  mast = { id: f.id, code: f.properties.code };
  const g = geodesic.Geodesic.WGS84.Direct(f.geometry.coordinates[1], f.geometry.coordinates[0], 0, 150);
  [lon, lat] = [g.lon2!, g.lat2!];
}, 240_000);

afterAll(async () => {
  await h?.close();
});

/** Signs in through the login page and waits for the map. */
async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(new URL('/login', h.baseUrl).toString());
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(`demo-${username}`);
  await page.locator('.login-form button[type=submit]').click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
}

/** Signs out with the header's button (whatever the language). */
async function signOut(page: Page): Promise<void> {
  await page.goto(new URL('/', h.baseUrl).toString());
  const out = page.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
  await page.locator('.header-nav button:not([lang])').last().click();
  expect((await out).status()).toBe(204);
}

const statusOf = (page: Page) => page.getByTestId('request-status').getAttribute('data-status');

describe('site request, consultation and decision', { timeout: 120_000 }, () => {
  it('an operator drafts a new mast with two antennas and sees the pre-check and the sharing option', async () => {
    const { page, errors } = await h.open('/login', { lang: 'fa' });
    await signIn(page, 'irancell');
    await page.getByRole('link', { name: 'درخواست‌های من' }).click();
    await page.getByTestId('new-request').click();
    expect(new URL(page.url()).pathname).toBe('/requests/new');

    // A click on the map places the pin; the typed coordinates then put it exactly where the test wants it.
    const map = page.locator('.form-map');
    await map.waitFor();
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('input[name=lat]').inputValue()).not.toBe('');
    await page.locator('input[name=lat]').fill(lat.toFixed(7));
    await page.locator('input[name=lon]').fill(lon.toFixed(7));
    await page.locator('select[name=structure_type]').selectOption('monopole');
    await page.locator('input[name=height_m]').fill('30');
    await page.locator('textarea[name=purpose]').fill('ظرفیت LTE برای محله؛ ترافیک شبانه از ظرفیت دکل‌های موجود گذشته است.');
    await page.locator('input[name=address]').fill('کرج، خیابان نمونه');
    await page.getByTestId('add-antenna').click();
    await page.getByTestId('add-antenna').click();
    expect(await page.getByTestId('antenna-row').count()).toBe(2);
    expect(await page.locator('input[name=antenna-1-azimuth_deg]').inputValue()).toBe('120');
    await page.locator('input[name=antenna-1-azimuth_deg]').fill('240');

    // The pre-check: every rule, in Persian, then the server's confirmation of the same input.
    const report = page.getByTestId('precheck-report');
    await expect.poll(() => report.locator('.rule').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    await expect.poll(() => page.getByTestId('precheck').getAttribute('data-server'), { timeout: 15_000 }).toBe('confirmed');
    const share = report.locator('[data-rule=share_first]');
    expect(await share.getAttribute('data-status')).not.toBe('pass');
    expect(await share.locator('.rule-numbers').textContent()).toMatch(/[۰-۹]/);
    // The browser's verdict is the server's.
    const server = await (await fetch(`${h.baseUrl}/api/siting/check`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lon, lat, height_m: 30, structure_type: 'monopole', operator_id: 'irancell', antennas: [0, 240].map((az) => ({ operator_id: 'irancell', technology: 'LTE', frequency_mhz: 1800, eirp_w: 1000, azimuth_deg: az, tilt_deg: 6, height_m: 28, power_reduction: 1 })) }),
    })).json() as { verdict: string };
    expect(await report.getAttribute('data-verdict')).toBe(server.verdict);

    // The MCI mast 150 m away is offered, with its operators and free room; a reason is now required.
    const option = page.getByTestId('sharing-option').filter({ hasText: mast.code });
    await option.waitFor({ timeout: 10_000 });
    expect(Number(await option.getAttribute('data-free'))).toBeGreaterThan(0);
    expect(await option.textContent()).toContain('همراه اول');
    expect(await page.locator('textarea[name=sharing_justification]').getAttribute('required')).not.toBeNull();
    await page.locator('textarea[name=sharing_justification]').fill('دکل همراه اول ۲۰ متر است و آنتن‌های ما در ارتفاع ۲۸ متر باید باشند.');
    await h.screenshot(page, 'request-form-fa-desktop');
    await page.getByTestId('precheck').scrollIntoViewIfNeeded();
    await h.screenshot(page, 'request-precheck-fa-desktop');
    expect(await axeSerious(page)).toEqual([]);
    // Saved as a draft: the address becomes the draft's, the form stays as typed.
    await page.getByTestId('save-draft').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/requests\/\d+$/);
    expect(await page.locator('.form-message').textContent()).toBe('پیش‌نویس ذخیره شد.');
    expect(await page.getByTestId('antenna-row').count()).toBe(2);
    // Submitted without documents: the city's completeness check sends it back with the missing items listed.
    await page.getByTestId('submit-request').click();
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('incomplete');
    const missing = await page.getByTestId('missing').textContent();
    expect(missing).toContain('نقشهٔ فنی');
    expect(missing).toContain('فتومونتاژ');
    await h.screenshot(page, 'request-incomplete-fa-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a fake PDF by its bytes, takes the drawing and the photomontage, and submits into consultation', async () => {
    const { page, errors } = await h.open('/requests/new', { lang: 'en' });
    await page.locator('input[name=lat]').fill(lat.toFixed(7));
    await page.locator('input[name=lon]').fill(lon.toFixed(7));
    await page.locator('select[name=structure_type]').selectOption('monopole');
    await page.locator('input[name=height_m]').fill('30');
    await page.locator('textarea[name=purpose]').fill('LTE capacity for the neighbourhood');
    await page.getByTestId('add-antenna').click();
    await page.getByTestId('add-antenna').click();
    await page.locator('input[name=antenna-1-azimuth_deg]').fill('240');
    await page.getByTestId('sharing-option').first().waitFor({ timeout: 10_000 });

    // Submitting without the reason for not sharing is stopped at the field.
    await page.getByTestId('submit-request').click();
    await expect.poll(() => page.locator('textarea[name=sharing_justification]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('sharing_justification');
    await page.locator('textarea[name=sharing_justification]').fill('The MCI mast is 20 m; our sectors must be at 28 m.');

    // The first file saves the draft (the file belongs to it) and is refused for what it contains.
    await page.locator('input[name=attach-drawing]').setInputFiles({ name: 'drawing.pdf', mimeType: 'application/pdf', buffer: FAKE_PDF });
    await expect.poll(() => page.getByTestId('attachment-error').textContent()).toContain('is not a PDF');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/requests\/\d+$/);
    requestId = Number(new URL(page.url()).pathname.split('/')[2]);
    await page.getByTestId('attachment-error').scrollIntoViewIfNeeded();
    await h.screenshot(page, 'request-upload-refused-en');
    expect(errors.filter((e) => !/status of 415/.test(e))).toEqual([]);
    errors.length = 0;

    await page.locator('input[name=attach-drawing]').setInputFiles({ name: 'site-drawing.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('input[name=attach-photomontage]').setInputFiles({ name: 'montage.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.getByTestId('attachments').locator('li').count()).toBe(2);
    expect(await page.getByTestId('attachments').locator('li[data-kind=drawing]').textContent()).toContain('PDF');

    await page.getByTestId('submit-request').click();
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('consultation');
    expect(await page.getByTestId('clocks').textContent()).toContain('150 days left');
    expect(await page.getByTestId('frozen-report').locator('.rule').count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('history').locator('li').count()).toBe(3); // draft, submitted, consultation
    await h.screenshot(page, 'request-submitted-en-desktop');
    expect(errors).toEqual([]);

    // The first test's request went back incomplete: the list shows both, with their states.
    await page.goto(new URL('/requests', h.baseUrl).toString());
    await expect.poll(() => page.getByTestId('request-list').locator('li').count()).toBe(2);
    await h.screenshot(page, 'request-list-en-operator');
    await page.close();
  });

  it('a resident finds the proposal on the public map and comments on its page from a phone', async () => {
    const { page, errors } = await h.open(`/?lat=${lat}&lon=${lon}&z=16`, { phone: true, lang: 'fa' });
    const marker = page.locator(`[data-proposal-id="${requestId}"]`);
    await marker.waitFor({ timeout: 15_000 });
    await h.screenshot(page, 'map-proposal-fa-phone');
    await marker.tap();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/proposals/${requestId}`);
    const deadline = page.getByTestId('deadline');
    await deadline.waitFor();
    expect(await deadline.textContent()).toContain('۲۱ روز');
    expect(await page.locator('.proposal-page .attachment-list li').count()).toBe(2);
    expect(await page.locator('.keypoint-table tbody tr').count()).toBeGreaterThan(3);
    // The honeypot is out of the accessibility tree and out of sight.
    expect(await page.getByRole('textbox', { name: 'این خانه را خالی بگذارید' }).count()).toBe(0);
    const hp = (await page.locator('input[name=website]').boundingBox())!;
    expect(hp.x + hp.width <= 0 || hp.x >= 360).toBe(true);
    await h.screenshot(page, 'proposal-fa-phone');
    expect(await axeSerious(page)).toEqual([]);

    await page.locator('textarea[name=body]').fill('این دکل به مدرسهٔ محله نزدیک است؛ لطفاً سازهٔ موجود را به اشتراک بگذارید.');
    await page.locator('input[name=name]').fill('سارا');
    await page.locator('input[name=email]').fill('sara@example.org');
    await page.locator('.comment-form button[type=submit]').tap();
    await expect.poll(() => page.getByTestId('comment').count()).toBe(1);
    expect(await page.getByTestId('comments').textContent()).not.toContain('sara@example.org');
    await page.locator('textarea[name=body]').fill('تبلیغ: خرید ارزان');
    await page.locator('.comment-form button[type=submit]').tap();
    await expect.poll(() => page.getByTestId('comment').count()).toBe(2);
    await page.getByTestId('comment-form').scrollIntoViewIfNeeded();
    await h.screenshot(page, 'proposal-commented-fa-phone');
    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.querySelector('.app-main')!.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
    await page.close();

    const en = await h.open(`/proposals/${requestId}`, { lang: 'en' });
    await en.page.getByTestId('deadline').waitFor();
    expect(await en.page.getByTestId('deadline').textContent()).toContain('21 days left');
    await h.screenshot(en.page, 'proposal-en-desktop');
    expect(en.errors).toEqual([]);
    await en.page.close();
  });

  it('after 21 days a planner re-runs the check, sees the exposure map and approves with a condition', async () => {
    setClock(22);
    const { page, errors } = await h.open('/', { lang: 'en' });
    await signOut(page);
    await signIn(page, 'planner');
    await page.getByRole('link', { name: 'Site requests' }).click();
    const card = page.locator(`[data-request-id="${requestId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Under review');
    expect(await card.textContent()).toContain('128 days left');
    await h.screenshot(page, 'request-queue-en-planner');
    await card.getByRole('link').first().click();
    await expect.poll(() => statusOf(page)).toBe('under_review');

    await page.getByTestId('recheck').click();
    await page.getByTestId('recheck-report').waitFor();
    // The exposure grid arrives as one image overlay on the map, with its legend.
    await page.locator('.exposure-map img.exposure-image').waitFor({ timeout: 20_000 });
    expect(await page.locator('.exposure-legend li').count()).toBe(5);
    // The planner sees the resident's private contact; the public never did.
    expect(await page.getByTestId('comments').textContent()).toContain('sara@example.org');
    // The advertisement is hidden with a reason; the public page no longer shows it.
    const spam = page.getByTestId('comment').filter({ hasText: 'تبلیغ' });
    await spam.getByRole('button', { name: 'Hide' }).click();
    await spam.locator('input[name=hide_reason]').fill('Advertising');
    await spam.locator('button[type=submit]').click();
    await expect.poll(() => spam.getAttribute('class')).toContain('hidden-comment');
    const publicComments = ((await (await fetch(`${h.baseUrl}/api/proposals/${requestId}`)).json()) as { comments: { body: string }[] }).comments;
    expect(publicComments.map((c) => c.body)).toEqual([expect.stringContaining('مدرسه')]);
    await page.locator('.exposure-map').scrollIntoViewIfNeeded();
    await h.screenshot(page, 'request-review-exposure-en');

    // A decision without reasons is stopped at the field.
    await page.locator('input[name=decision][value=approve_with_conditions]').check();
    await page.getByTestId('decide').click();
    await expect.poll(() => page.locator('textarea[name=reasons]').getAttribute('aria-invalid')).toBe('true');
    await page.locator('textarea[name=reasons]').fill('Needed for LTE capacity; the MCI mast is too low to share. Exposure at the nearest school is predicted far below the limit.');
    await page.locator('input[name=condition-0]').fill('Measure exposure at the nearest school within 30 days of switch-on.');
    await page.getByTestId('decision-form').scrollIntoViewIfNeeded();
    await h.screenshot(page, 'request-decision-form-en');
    expect(await axeSerious(page)).toEqual([]);
    await page.getByTestId('decide').click();
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('approved_with_conditions');
    expect(await page.locator('.decision-box .conditions li').textContent()).toContain('Measure exposure');
    await h.screenshot(page, 'request-decided-en');

    await page.getByTestId('letter-link').click();
    await page.getByTestId('letter').waitFor();
    expect(await page.getByTestId('letter-fa').textContent()).toContain('موافقت مشروط');
    expect(await page.getByTestId('letter-en').textContent()).toContain('Condition 1: Measure exposure');
    await h.screenshot(page, 'letter-en-desktop');
    expect(await axeSerious(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    await h.screenshot(page, 'letter-print');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the operator marks it built; the public map shows the mast active with the approving decision linked', async () => {
    const { page, errors } = await h.open('/', { lang: 'fa' });
    await signOut(page);
    await signIn(page, 'irancell');
    await page.goto(new URL(`/requests/${requestId}`, h.baseUrl).toString());
    await page.getByTestId('mark-built').click();
    await expect.poll(() => page.getByTestId('clocks').textContent()).toContain('ساخته شد');
    await h.screenshot(page, 'request-built-fa-desktop');
    siteId = (await (await fetch(`${h.baseUrl}/api/proposals/${requestId}`)).json() as { site_id: number }).site_id;
    expect(siteId).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();

    const map = await h.open(`/?lat=${lat}&lon=${lon}&z=17&site=${siteId}`, { lang: 'fa' });
    const panel = map.page.getByTestId('site-panel');
    await panel.locator('.badge.status-active').waitFor({ timeout: 15_000 });
    const link = panel.getByTestId('approving-decision');
    expect(await link.getAttribute('href')).toBe(`/proposals/${requestId}`);
    await h.screenshot(map.page, 'map-built-site-fa');
    await link.click();
    await map.page.getByTestId('proposal-decision').waitFor();
    expect(await map.page.getByTestId('proposal-decision').textContent()).toContain('Measure exposure');
    expect(await map.page.getByTestId('proposal-status').getAttribute('data-status')).toBe('approved_with_conditions');
    await h.screenshot(map.page, 'proposal-decided-fa-desktop');
    expect(map.errors).toEqual([]);
    await map.page.close();
  });

  it('the operator pages fit a 360×740 phone in Persian and English', async () => {
    for (const lang of ['fa', 'en'] as const) {
      const { page, errors } = await h.open('/login', { phone: true, lang });
      await signIn(page, 'irancell');
      for (const path of ['/requests', '/requests/new', `/requests/${requestId}`]) {
        await page.goto(new URL(path, h.baseUrl).toString());
        await page.locator('h1').first().waitFor();
        if (path === '/requests/new') {
          await page.locator('input[name=lat]').fill(lat.toFixed(7));
          await page.locator('input[name=lon]').fill(lon.toFixed(7));
          await page.locator('select[name=structure_type]').selectOption('monopole');
          await page.locator('input[name=height_m]').fill('30');
          await page.getByTestId('add-antenna').tap();
          await page.getByTestId('precheck-report').waitFor({ timeout: 15_000 });
        }
        expect(await page.evaluate(() => document.querySelector('.app-main')!.scrollWidth), `${lang} ${path}`).toBeLessThanOrEqual(360);
        await h.screenshot(page, `phone-${lang}${path.replace(/\//g, '-')}`);
      }
      await signOut(page);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
