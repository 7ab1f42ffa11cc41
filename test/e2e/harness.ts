/** Browser-test harness: builds the client when its sources are newer than dist/, runs the real
 *  server in-process on a free port over a fresh demo database, and drives Chromium through
 *  playwright-core, collecting console and page errors and saving a screenshot per page. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Ctx } from '../../server/context.js';
import type { DB } from '../../server/db.js';
import { startServer } from '../support/server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 360, height: 740 } as const;

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

const BUILD_LOCK = join(tmpdir(), `dakal-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}.lock`);

/** Runs `vite build` when dist/index.html is missing or older than the client's sources; a lock
 *  directory keeps two test files (or two engineers) from building into dist/ at once. */
export async function ensureClientBuilt(): Promise<void> {
  const index = join(ROOT, 'dist', 'index.html');
  const fresh = () => existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtime(join(ROOT, 'client')), newestMtime(join(ROOT, 'vite.config.ts')), newestMtime(join(ROOT, 'shared')));
  for (let waited = 0; ; waited += 250) {
    if (fresh()) return;
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // A lock older than two minutes was left by a killed build.
      const lock = statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (waited > 120_000 || (lock && Date.now() - lock.mtimeMs > 120_000)) rmSync(BUILD_LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!fresh()) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** A page with the errors it logged. */
export interface TrackedPage {
  page: Page;
  /** Console messages of type error and uncaught page errors, in order. */
  errors: string[];
}

export interface PageOptions {
  /** A phone: 360×740, touch, mobile viewport. */
  phone?: boolean;
  /** Language stored before the page loads (the app's localStorage key). */
  lang?: 'fa' | 'en';
}

export interface Harness {
  baseUrl: string;
  db: DB;
  /** The server's context, for tests that move a store's clock (e.g. ctx.requests.clock). */
  ctx: Ctx;
  /** Opens a new tab at `path`, collecting its errors. */
  open(path: string, options?: PageOptions): Promise<TrackedPage>;
  /** Saves a full-window screenshot to test-artifacts/screenshots/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the server and the browser; call close() when done. */
export async function startHarness(): Promise<Harness> {
  await ensureClientBuilt();
  const server = await startServer('demo');
  const { dir, url: baseUrl } = server;
  const db = server.ctx.db;

  const contexts = new Map<'desktop' | 'phone', BrowserContext>();
  const context = async (kind: 'desktop' | 'phone'): Promise<BrowserContext> => {
    let c = contexts.get(kind);
    if (!c) {
      // A fresh profile per context: no cache, storage or permissions carried between runs.
      c = await chromium.launchPersistentContext(join(dir, `profile-${kind}`), {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: kind === 'phone' ? PHONE : DESKTOP,
        ...(kind === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
        locale: 'fa-IR',
        timezoneId: 'Asia/Tehran',
      });
      contexts.set(kind, c);
    }
    return c;
  };

  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    baseUrl,
    db,
    ctx: server.ctx,
    async open(path, options = {}) {
      const c = await context(options.phone ? 'phone' : 'desktop');
      const page = await c.newPage();
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url})`);
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      // The language is chosen before any script runs, as a returning visitor's stored choice.
      // Once per tab, so a switch made in the page survives a reload.
      await page.addInitScript((lang) => {
        if (sessionStorage.getItem('dakal.e2e.lang')) return;
        sessionStorage.setItem('dakal.e2e.lang', '1');
        if (lang) localStorage.setItem('dakal.lang', lang);
        else localStorage.removeItem('dakal.lang');
      }, options.lang ?? null);
      await page.goto(new URL(path, baseUrl).toString(), { waitUntil: 'load' });
      return { page, errors };
    },
    async screenshot(page, name) {
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      for (const c of contexts.values()) await c.close().catch(() => undefined);
      await server.close();
    },
  };
}
