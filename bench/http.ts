/** HTTP figures: the real server started over the fixture database in a child process on 127.0.0.1, loaded with
 *  autocannon (10 connections, 10 s per endpoint), and its resident memory read from /proc. */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface HttpFigure {
  path: string;
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
  non2xx: number;
  errors: number;
}

/** A free port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Resident and peak resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number): { rss_mb: number; peak_mb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss_mb: Math.round(kb('VmRSS') / 1024), peak_mb: Math.round(kb('VmHWM') / 1024) };
}

/** Starts server/main.ts over `dbPath`; resolves when it answers map and nearby requests, with the time it took. */
export async function startServer(dbPath: string): Promise<{ child: ChildProcess; url: string; startMs: number }> {
  const port = await freePort();
  const root = fileURLToPath(new URL('..', import.meta.url));
  const t = performance.now();
  // Without the exposure rule's warm-up: these figures are the map's and nearby's, and the warm-up (timed in-process
  // by sitingCases) would share the CPU with them.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DAKAL_DB: dbPath, DAKAL_SEED: 'none', DAKAL_TILE_URL: '', DAKAL_WARM_EXPOSURE: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 180 s')), 180_000);
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes(' on http://')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  // Ready means answering: the site index and the default clusters are built on the first requests after listening.
  await fetch(`http://127.0.0.1:${port}/api/clusters?bbox=44,25,63.5,39.8&zoom=5`, { signal: AbortSignal.timeout(300_000) });
  await fetch(`http://127.0.0.1:${port}/api/sites/near?lon=51&lat=35.8`, { signal: AbortSignal.timeout(300_000) });
  return { child, url: `http://127.0.0.1:${port}`, startMs: performance.now() - t };
}

/** Loads one endpoint with autocannon; `paths` are taken in turn so that every request asks something else. */
export async function load(url: string, paths: string[], seconds = 10): Promise<HttpFigure> {
  let i = 0;
  const r = await autocannon({
    url,
    connections: 10,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  return {
    path: paths[0]!.split('?')[0]!,
    req_per_s: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}
