/** Residents' concerns in Chromium, on a 360×740 phone in Persian as a resident would: file one on the
 *  map and get a tracking code, read its page's evidence (distances against GeographicLib, the exposure
 *  ratio against the stored one), be offered "me too" for a second one nearby and use it, a planner
 *  answering from the queue and the answer reaching the public page; HTML shown as text; the layer. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConcernView } from '../../shared/api/concerns.js';
import { isTrackingCode } from '../../shared/tracking-code.js';
import { callFrom } from '../support/concerns.js';
import { hasGps, jpegWithGps } from '../support/photos.js';
import { geodesicM, mapCentre, mapReady, persianNumber, relayFrom, scrollTo, smallTargets } from './concern-helpers.js';
import { startHarness, type Harness } from './harness.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Karaj's centre (OSM place node): masts stand within 300 m of it in the demo data. */
const HOME = { lat: 35.8355, lon: 50.9915 };
const RESIDENT = { name: 'مریم رضایی', email: 'maryam@example.ir', phone: '۰۹۱۲۱۲۳۴۵۶۷' };
const NOTE = 'کارشناس شهرداری روز شنبه برای بازدید می‌آید.';

let h: Harness;
/** The first concern, filed in the browser. */
let first: ConcernView;
let sites: Array<{ id: number; status: string; lon: number; lat: number }>;

beforeAll(async () => {
  h = await startHarness();
  const all = (await (await fetch(`${h.baseUrl}/api/sites?bbox=50.97,35.82,51.01,35.85`)).json()) as { features: Array<{ id: number; geometry: { coordinates: [number, number] }; properties: { status: string } }> };
  sites = all.features.map((f) => ({ id: f.id, status: f.properties.status, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
}, 240_000);
afterAll(async () => {
  await h?.close();
});

const getConcern = async (code: string) => (await (await fetch(`${h.baseUrl}/api/concerns/${code}`)).json()) as ConcernView;

async function axeSerious(page: Page): Promise<unknown[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Longitude degrees per CSS pixel at zoom 17 (Web Mercator: 360° over 256 × 2^17 pixels). */
const DEG_PER_PX_Z17 = 360 / (256 * 2 ** 17);

/** On the map page: "report a concern", then a tap `dx` pixels east of the map's centre and a few pixels
 *  below it (the new pin stands on the centre: its tip ends there). */
async function pickNearCentre(page: Page, tap: boolean, dx = 0): Promise<void> {
  await mapReady(page);
  await page.locator('.report-button').click();
  await page.getByTestId('concern-pick').waitFor();
  const c = await mapCentre(page);
  if (tap) await page.touchscreen.tap(c.x + dx, c.y + 4);
  else await page.mouse.click(c.x + dx, c.y + 4);
}

describe('residents filing concerns on a phone, in Persian', { timeout: 90_000 }, () => {
  it('files a concern on the map with a photo and gets a tracking code and its page with the evidence', async () => {
    const tapped = { lat: HOME.lat, lon: HOME.lon - 60 * DEG_PER_PX_Z17 };
    const nearest = Math.min(...sites.map((s) => geodesicM(tapped.lat, tapped.lon, s.lat, s.lon)));
    expect(nearest, 'the tap must land on a place, not on a mast').toBeGreaterThan(25);
    const { page, errors } = await h.open(`/?lat=${HOME.lat}&lon=${HOME.lon}&z=17`, { phone: true, lang: 'fa' });
    await mapReady(page);
    expect(await smallTargets(page)).toEqual([]);
    await h.screenshot(page, 'concern-map-fa-phone');
    // Tapped 60 px west of the centre, where no mast stands: the pin moves there.
    await pickNearCentre(page, true, -60);
    expect(await page.getByTestId('concern-pick').textContent()).toContain('یک نقطه روی نقشه');
    await h.screenshot(page, 'concern-pick-fa-phone');
    await page.getByTestId('concern-pick-next').tap();

    const form = page.getByTestId('concern-form');
    await form.waitFor();
    await form.getByText('نگرانی سلامت').tap();
    await h.screenshot(page, 'concern-form-top-fa-phone');
    const description = 'دکل تازه روی پشت‌بام همسایه نصب شده است.';
    await form.locator('textarea[name=description]').fill(description);
    // The counter counts as the server's limit does (UTF-16 code units, String.length).
    expect(persianNumber((await page.getByTestId('description-counter').textContent())!)).toBe(description.length);
    await form.locator('input[name=photo]').setInputFiles({ name: 'mast.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps() });
    await form.locator('.photo-preview img').waitFor();
    await form.locator('input[name=name]').fill(RESIDENT.name);
    await form.locator('input[name=email]').fill(RESIDENT.email);
    await form.locator('input[name=phone]').fill(RESIDENT.phone);
    expect(await form.locator('.private-note').textContent()).toContain('فقط شهرداری');
    // The honeypot is there for bots only: hidden from people and from assistive technology, out of the tab order.
    const trap = form.locator('input[name=website]');
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect(await trap.getAttribute('autocomplete')).toBe('off');
    expect(await trap.evaluate((el) => {
      const box = el.closest<HTMLElement>('[aria-hidden=true]');
      return box !== null && box.getBoundingClientRect().width <= 1 && getComputedStyle(box).overflow === 'hidden';
    })).toBe(true);
    await h.screenshot(page, 'concern-form-fa-phone');
    expect(await smallTargets(page)).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);

    const posted = page.waitForRequest((r) => r.url().endsWith('/api/concerns') && r.method() === 'POST');
    await page.getByTestId('concern-submit').tap();
    const body = JSON.parse((await posted).postData()!) as { photo_base64: string; lat: number; lon: number; website: string };
    // Re-encoded through a canvas on the phone: a JPEG without the planted GPS, before it ever left.
    expect(body.photo_base64.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(hasGps(Buffer.from(body.photo_base64.split(',')[1]!, 'base64'))).toBe(false);
    expect(body.website).toBe('');
    // 4 px below the centre at about 0.97 m a pixel: within 5 m of the tapped point.
    expect(geodesicM(body.lat, body.lon, tapped.lat, tapped.lon)).toBeLessThan(5);

    const banner = page.getByTestId('code-banner');
    await banner.waitFor();
    const code = (await page.getByTestId('tracking-code').getAttribute('data-code'))!;
    expect(isTrackingCode(code)).toBe(true);
    expect(new URL(page.url()).pathname).toBe(`/concerns/${code}`);
    expect(await page.getByTestId('tracking-code').textContent()).toMatch(/^[۰-۹]{3}-[۰-۹]{3}-[۰-۹]{4}$/);
    await h.screenshot(page, 'concern-page-fa-phone');
    first = await getConcern(code);
    expect(first.photo_url).not.toBeNull();
    await page.getByTestId('concern-photo').waitFor();
    expect(await page.getByTestId('concern-photo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // Masts within 300 m: every one GeographicLib puts inside is listed, none outside, each at its distance.
    const rows = page.getByTestId('evidence-sites').locator('li');
    const shown = await rows.evaluateAll((lis) => lis.map((li) => ({ id: Number((li as HTMLElement).dataset.siteId), distance: li.querySelector('.evidence-distance')!.textContent!, permit: li.querySelector('.concern-permit')!.textContent! })));
    expect(shown.length).toBeGreaterThan(0);
    const truth = new Map(sites.map((s) => [s.id, { d: geodesicM(first.lat, first.lon, s.lat, s.lon), s }]));
    for (const row of shown) {
      expect(Math.abs(persianNumber(row.distance) - truth.get(row.id)!.d)).toBeLessThan(1.5);
      expect(row.permit).toMatch(/پروانه/);
    }
    for (const { d, s } of truth.values()) if (d < 299 && s.status !== 'decommissioned') expect(shown.map((r) => r.id)).toContain(s.id);

    // The exposure ratio as stored, in Persian digits, and how many times below the limit.
    const ratio = first.evidence.exposure.total_exposure_ratio;
    expect(ratio).toBeGreaterThan(0);
    const shownRatio = page.getByTestId('exposure-ratio');
    const [value, words] = await shownRatio.locator('span').allTextContents();
    expect(Math.abs(persianNumber(value!) - ratio) / ratio).toBeLessThan(0.05);
    expect(value).toContain('حد مجاز');
    expect(Math.abs(persianNumber(words!) - 1 / ratio) / (1 / ratio)).toBeLessThan(0.05);
    expect(await page.getByTestId('evidence').textContent()).toContain('نه اندازه‌گیری');
    await scrollTo(page, '[data-testid=exposure-ratio]');
    await h.screenshot(page, 'concern-exposure-fa-phone');
    await scrollTo(page, '[data-testid=evidence]');
    await h.screenshot(page, 'concern-evidence-fa-phone');
    // Nobody but the city sees who filed it.
    const text = await page.locator('body').textContent();
    for (const secret of Object.values(RESIDENT)) expect(text).not.toContain(secret);
    expect(await smallTargets(page)).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a neighbour filing the same kind nearby is offered "me too" and uses it: supporters becomes 2', async () => {
    // One neighbour already said "me too" from their own connection.
    expect((await callFrom('127.0.0.3', h.baseUrl, 'POST', `/api/concerns/${first.code}/support`)).body).toEqual({ supporters: 1, counted: true });
    const relay = await relayFrom('127.0.0.2', h.baseUrl);
    try {
      const { page, errors } = await h.open(`${relay.origin}/?lat=${HOME.lat}&lon=${HOME.lon}&z=17`, { phone: true, lang: 'fa' });
      await page.context().grantPermissions(['geolocation'], { origin: relay.origin });
      // This neighbour stands about 11 m north of the first concern.
      await page.context().setGeolocation({ latitude: first.lat + 0.0001, longitude: first.lon });
      await mapReady(page);
      await page.locator('.report-button').tap();
      await page.getByRole('button', { name: 'موقعیت من' }).last().tap();
      await expect.poll(() => page.getByTestId('concern-pick').locator('[role=status]').textContent()).toContain('موقعیت شما');
      await page.getByTestId('concern-pick-next').tap();
      await page.getByTestId('concern-form').getByText('نگرانی سلامت').tap();
      await page.getByTestId('concern-submit').tap();
      const offer = page.getByTestId('nearby-offer');
      await offer.waitFor();
      const item = offer.locator(`[data-code="${first.code}"]`);
      expect(await item.textContent()).toContain('دکل تازه');
      await h.screenshot(page, 'concern-nearby-fa-phone');
      expect(await smallTargets(page)).toEqual([]);
      await item.getByRole('button', { name: 'من هم' }).tap();
      await page.waitForURL(`**/concerns/${first.code}?joined=1`);
      await expect.poll(() => page.getByTestId('supporters').getAttribute('data-count')).toBe('2');
      expect(await page.getByTestId('supporters').textContent()).toContain('۲');
      expect((await getConcern(first.code)).supporters).toBe(2);
      await h.screenshot(page, 'concern-joined-fa-phone');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await relay.close();
    }
  });
});

describe('on a desktop in English', { timeout: 90_000 }, () => {
  it('a dragged pin files where it was dropped, and HTML in the description is shown as text', async () => {
    const payload = '<img src=x onerror="alert(1)"><b>bold</b><script>alert(2)</script>';
    const { page, errors } = await h.open(`/?lat=${HOME.lat}&lon=${HOME.lon}&z=17`, { lang: 'en' });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await mapReady(page);
    await page.locator('.report-button').click();
    const pin = page.locator('.concern-pin');
    const p = (await pin.boundingBox())!;
    // Dragged 100 px east: at zoom 17, 100 × DEG_PER_PX_Z17 degrees of longitude.
    await page.mouse.move(p.x + p.width / 2, p.y + p.height / 2);
    await page.mouse.down();
    await page.mouse.move(p.x + p.width / 2 + 50, p.y + p.height / 2, { steps: 5 });
    await page.mouse.move(p.x + p.width / 2 + 100, p.y + p.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId('concern-pick-next').click();
    const form = page.getByTestId('concern-form');
    await form.getByText('Noise', { exact: true }).click();
    await form.locator('textarea[name=description]').fill(payload);
    await h.screenshot(page, 'concern-form-en-desktop');
    await page.getByTestId('concern-submit').click();
    await page.getByTestId('code-banner').waitFor();
    const code = (await page.getByTestId('tracking-code').getAttribute('data-code'))!;
    const filed = await getConcern(code);
    // The view was centred on HOME and the pin starts at the centre.
    expect(filed.lon - HOME.lon).toBeCloseTo(100 * DEG_PER_PX_Z17, 5);
    expect(Math.abs(filed.lat - HOME.lat)).toBeLessThan(0.00002);
    const desc = page.getByTestId('concern-description');
    expect(await desc.textContent()).toBe(payload);
    expect(await desc.locator('img, b, script').count()).toBe(0);
    await page.getByTestId('evidence').waitFor();
    await h.screenshot(page, 'concern-page-en-desktop');
    await scrollTo(page, '[data-testid=evidence]');
    await h.screenshot(page, 'concern-evidence-en-desktop');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a mast tapped while placing the pin is the concern's subject; a mast's panel starts one too", async () => {
    const f = (await (await fetch(`${h.baseUrl}/api/sites/1`)).json()) as { geometry: { coordinates: [number, number] }; properties: { code: string } };
    const { code } = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    let { page, errors } = await h.open(`/?lat=${lat}&lon=${lon}&z=17&site=1`, { lang: 'fa' });
    const panel = page.getByTestId('site-panel');
    await panel.getByRole('button', { name: 'ثبت نگرانی دربارهٔ این دکل' }).click();
    const form = page.getByTestId('concern-form');
    expect(await form.locator('.form-where').textContent()).toContain(code);
    expect(await panel.count()).toBe(0);
    await h.screenshot(page, 'concern-form-site-fa-desktop');
    await form.getByRole('button', { name: 'بستن فرم' }).click();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('report-button'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();

    // Placing the pin: a tap on the mast (at the centre) makes it the subject instead of opening its panel.
    ({ page, errors } = await h.open(`/?lat=${lat}&lon=${lon}&z=17`, { lang: 'fa' }));
    const form2 = page.getByTestId('concern-form');
    await pickNearCentre(page, false);
    await expect.poll(() => page.getByTestId('concern-pick').locator('.pick-where').textContent()).toContain(code);
    expect(await page.getByTestId('site-panel').count()).toBe(0);
    await page.getByTestId('concern-pick-next').click();
    await form2.getByText('ایمنی سازه').click();
    await page.getByTestId('concern-submit').click();
    await page.getByTestId('code-banner').waitFor();
    const filed = await getConcern((await page.getByTestId('tracking-code').getAttribute('data-code'))!);
    expect(filed.site).toEqual({ id: 1, code });
    expect(filed.evidence.sites[0]).toMatchObject({ id: 1, distance_m: 0 });
    expect(await page.locator('.concern-facts').textContent()).toContain(code);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the tracking box takes a code typed in Persian digits with dashes and refuses a mistyped one', async () => {
    const { page, errors } = await h.open('/concerns', { phone: true, lang: 'en' });
    const fa = first.code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const input = page.locator('input[name=tracking-code]');
    const wrong = fa.slice(0, 9) + (fa[9] === '۱' ? '۲' : '۱');
    await input.fill(wrong);
    await page.getByRole('button', { name: 'Track', exact: true }).last().tap();
    expect(await page.locator('.track-box [role=alert]').textContent()).toContain('not right');
    await h.screenshot(page, 'concern-track-en-phone');
    await input.fill(`${fa.slice(0, 3)}-${fa.slice(3, 6)}-${fa.slice(6)}`);
    await page.getByRole('button', { name: 'Track', exact: true }).last().tap();
    await page.waitForURL(`**/concerns/${first.code}`);
    await page.getByTestId('evidence').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a planner works the queue', { timeout: 90_000 }, () => {
  it('changes the status with a note from a template, and the public page shows it', async () => {
    const { page, errors } = await h.open('/login', { lang: 'fa' });
    await page.locator('input[name=username]').fill('planner');
    await page.locator('input[name=password]').fill('demo-planner');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: 'صف نگرانی‌ها' }).click();
    await expect.poll(() => page.getByTestId('queue-total').getAttribute('data-total')).not.toBe('');
    const row = page.locator(`.queue-item[data-code="${first.code}"]`);
    expect(await row.textContent()).toContain('۲ همراه');
    await h.screenshot(page, 'concern-queue-fa-desktop');
    await page.locator('select[name=category]').selectOption('noise');
    await expect.poll(() => page.locator(`.queue-item[data-code="${first.code}"]`).count()).toBe(0);
    await page.locator('select[name=category]').selectOption('health');
    await row.locator('a').click();

    const work = page.getByTestId('work-page');
    await work.waitFor();
    expect(await page.getByTestId('contact').textContent()).toContain(RESIDENT.email);
    const offered = await page.locator('select[name=status] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['acknowledged', 'investigating', 'not_upheld', 'referred', '']);
    // A reusable answer: written once with its state, saved, picked again to fill the note and the state.
    await page.locator('select[name=status]').selectOption('investigating');
    await page.locator('textarea[name=note]').fill(NOTE);
    await page.locator('.template-new summary').click();
    await page.locator('input[name=template-title]').fill('بازدید');
    await page.getByRole('button', { name: 'ذخیرهٔ پاسخ آماده' }).click();
    await expect.poll(() => page.locator('select[name=template] option').count()).toBe(2);
    await page.locator('textarea[name=note]').fill('');
    await page.locator('select[name=status]').selectOption('acknowledged');
    await page.locator('select[name=template]').selectOption({ label: 'بازدید (در حال بررسی)' });
    expect(await page.locator('textarea[name=note]').inputValue()).toBe(NOTE);
    expect(await page.locator('select[name=status]').inputValue()).toBe('investigating');
    await page.getByRole('button', { name: 'ثبت پاسخ' }).click();
    await expect.poll(() => work.getByTestId('concern-status').getAttribute('data-status')).toBe('investigating');
    await h.screenshot(page, 'concern-work-fa-desktop');
    expect(errors).toEqual([]);
    await page.close();

    const pub = await h.open(`/concerns/${first.code}`, { phone: true, lang: 'fa' });
    await pub.page.getByTestId('history').waitFor();
    expect(await pub.page.getByTestId('concern-status').getAttribute('data-status')).toBe('investigating');
    expect(await pub.page.getByTestId('concern-status').textContent()).toBe('در حال بررسی');
    const history = await pub.page.getByTestId('history').textContent();
    expect(history).toContain(NOTE);
    // The date of the change in the Persian calendar (Solar Hijri years are 13xx/14xx, in Persian digits).
    expect(history).toMatch(/[۱][۳۴][۰-۹]{2}/);
    expect(await pub.page.locator('body').textContent()).not.toContain('planner');
    await scrollTo(pub.page, '[data-testid=history]');
    await h.screenshot(pub.page, 'concern-answered-fa-phone');
    expect(pub.errors).toEqual([]);
    await pub.page.close();
  });
});
