/** Helpers for the concern browser tests: a second "resident" connecting from another loopback address,
 *  Persian numbers read back from the page, ground truth for the evidence, and the touch-target check. */
import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import geodesic from 'geographiclib-geodesic';
import type { Page } from 'playwright-core';

/** A TCP relay on 127.0.0.1 that reaches `target` from `localAddress`: the server sees the browser as a
 *  different connection (127.0.0.0/8 is all loopback on Linux), so "me too" counts it as another person. */
export async function relayFrom(localAddress: string, target: string): Promise<{ origin: string; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect({ host: hostname, port: Number(port), localAddress });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A number written with Persian digits and separators (۱٬۲۳۴٫۵) as a JavaScript number. */
export function persianNumber(text: string): number {
  const latin = text
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/٫/g, '.')
    .replace(/[٬,\s]/g, '');
  const m = /-?\d+(\.\d+)?/.exec(latin);
  if (!m) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(m[0]);
}

/** Geodesic distance in metres on WGS84 (GeographicLib): the reference the evidence is checked against. */
export const geodesicM = (lat1: number, lon1: number, lat2: number, lon2: number): number => geodesic.Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12!;

/** Visible controls smaller than 44 px in either direction (radio and check boxes and the photo's file
 *  input excepted: their label is the target; the honeypot excepted: nobody should reach it). */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, select, textarea, input:not([type=checkbox]):not([type=radio]):not([type=file]):not([name=website]), a[href], .leaflet-bar a')]
      .filter((el) => el.offsetParent !== null && !el.classList.contains('skip-link') && !el.closest('.leaflet-control-attribution'))
      .map((el) => ({ el: el.outerHTML.slice(0, 90), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
      .map(({ el }) => el),
  );
}

/** Waits until the map has drawn its masts' canvas, so taps land on a ready map. */
export async function mapReady(page: Page): Promise<void> {
  await page.waitForSelector('.leaflet-dakal-sites-pane canvas');
  await page.waitForFunction(() => document.querySelector('[data-testid=site-count]')?.getAttribute('data-total') !== '');
}

/** The page's centre of the map, in page pixels. */
export async function mapCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.leaflet-container').boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Scrolls the app's main area so `selector` is at the top, for a screenshot of that part. */
export async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
}
