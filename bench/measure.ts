/** Timing helpers for the bench: repeat a call, report the median and the rate. */
import KDBush from 'kdbush';
import { radiusBBox } from '../server/store/nearby.js';

export interface Timing {
  runs: number;
  median_ms: number;
  p99_ms: number;
  per_s: number;
}

/** Runs `fn(i)` until `budgetMs` has passed (at least `minRuns`, at most `maxRuns` times). */
export function time(fn: (i: number) => unknown, budgetMs = 2000, minRuns = 5, maxRuns = 100_000): Timing {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < maxRuns && (i < minRuns || performance.now() - start < budgetMs); i++) {
    const t = performance.now();
    fn(i);
    samples.push(performance.now() - t);
  }
  const total = samples.reduce((a, b) => a + b, 0);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { runs: samples.length, median_ms: round(at(0.5)), p99_ms: round(at(0.99)), per_s: Math.round((samples.length / total) * 1000) };
}

/** Rounds to 3 significant decimals for printing. */
export function round(x: number): number {
  return x >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000;
}

/** A seeded PRNG (mulberry32) so every run queries the same points. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The lon/lat box of a `width`×`height` pixel view at `zoom` centred on a point (Web Mercator). */
export function viewBBox(lon: number, lat: number, zoom: number, width = 1280, height = 800): [number, number, number, number] {
  const scale = 256 * 2 ** zoom;
  const x = ((lon + 180) / 360) * scale;
  const s = Math.sin((lat * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
  const toLon = (px: number) => (px / scale) * 360 - 180;
  const toLat = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / scale))) * 180) / Math.PI;
  return [toLon(x - width / 2), toLat(y + height / 2), toLon(x + width / 2), toLat(y - height / 2)];
}

/** As `time`, for a function returning a promise (awaited one call after another). */
export async function timeAsync(fn: (i: number) => Promise<unknown>, budgetMs = 2000, minRuns = 5, maxRuns = 100_000): Promise<Timing> {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < maxRuns && (i < minRuns || performance.now() - start < budgetMs); i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  const total = samples.reduce((a, b) => a + b, 0);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { runs: samples.length, median_ms: round(at(0.5)), p99_ms: round(at(0.99)), per_s: Math.round((samples.length / total) * 1000) };
}

/** A kdbush over points and the `near` the exact indexed exposure grid takes: indexes of the points in the box of
 *  radius r (1% padded) around a point. */
export function pointsNear(points: ReadonlyArray<{ lon: number; lat: number }>): (lon: number, lat: number, r: number) => number[] {
  const tree = new KDBush(points.length);
  for (const a of points) tree.add(a.lon, a.lat);
  tree.finish();
  return (lon, lat, r) => tree.range(...radiusBBox(lon, lat, r));
}
