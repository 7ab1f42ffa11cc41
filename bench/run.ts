/** `npm run bench [-- --sizes 100000,1000000 --layouts karaj,iran]`: import, nearby and cluster figures
 *  with the naive way beside ours; prints a table and writes bench/results.json. */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { haversineM } from '../shared/geodesy.js';
import { buildFixture, type Layout } from './fixture.js';
import { prng, round, time, viewBBox } from './measure.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' }, layouts: { type: 'string', default: 'karaj,iran' } } });
const sizes = values.sizes!.split(',').map(Number);
const layouts = values.layouts!.split(',') as Layout[];

const KARAJ: [number, number] = [50.9915, 35.8355];
const rows: Array<Record<string, string | number>> = [];
const results: Record<string, unknown> = {
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
  runs: [] as unknown[],
};

/** Query points: near random existing sites, so city-dense and country-wide layouts are both asked where masts are. */
function queryPoints(fx: ReturnType<typeof buildFixture>, n: number): Array<[number, number]> {
  const rnd = prng(42);
  const get = fx.ctx.db.prepare('SELECT lon, lat FROM sites WHERE id = ?');
  return Array.from({ length: n }, () => {
    const r = get.get(1 + Math.floor(rnd() * fx.sites)) as { lon: number; lat: number };
    return [r.lon + (rnd() - 0.5) * 0.01, r.lat + (rnd() - 0.5) * 0.01];
  });
}

for (const layout of layouts) {
  for (const n of sizes) {
    const label = `${layout} ${n.toLocaleString('en')}`;
    console.error(`building ${label}…`);
    const fx = buildFixture(n, layout);
    const run: Record<string, unknown> = { layout, sites: n, antennas: fx.antennas };
    const add = (what: string, ours: string, naive = '', ratio: number | string = '') => rows.push({ dataset: label, what, ours, naive, ratio });

    const importRate = Math.round(n / (fx.importMs / 1000));
    run.import = { ms: Math.round(fx.importMs), sites_per_s: importRate, antenna_rows_per_s: Math.round(fx.antennas / (fx.importMs / 1000)) };
    add('import (sites + antennas, R*Tree in step)', `${importRate.toLocaleString('en')} sites/s (${(fx.importMs / 1000).toFixed(1)} s)`);

    const pts = queryPoints(fx, 2000);
    const near = time((i) => fx.ctx.sites.near(pts[i % pts.length]![0], pts[i % pts.length]![1], 500, 100), 3000);
    const all = fx.ctx.db.prepare('SELECT id, lon, lat FROM sites');
    const scan = time(
      (i) => {
        const [lon, lat] = pts[i % pts.length]!;
        const hits: Array<[number, number]> = [];
        for (const r of all.iterate() as Iterable<{ id: number; lon: number; lat: number }>) {
          const d = haversineM(lon, lat, r.lon, r.lat);
          if (d <= 500) hits.push([r.id, d]);
        }
        return hits.sort((a, b) => a[1] - b[1]).slice(0, 100);
      },
      3000,
      3,
      50,
    );
    run.nearby_500m = { rtree: near, full_scan: scan };
    add('nearby 500 m (queries/s)', `${near.per_s.toLocaleString('en')} R*Tree`, `${scan.per_s.toLocaleString('en')} full scan`, `${round(near.per_s / scan.per_s)}×`);

    const zooms: Record<string, unknown> = {};
    for (const z of [8, 11, 14, 17]) {
      const centre: [number, number] = layout === 'karaj' ? KARAJ : [51.389, 35.6892];
      fx.ctx.clusters.query(viewBBox(centre[0], centre[1], z), z, {}); // build once
      const c = time(() => fx.ctx.clusters.query(viewBBox(centre[0], centre[1], z), z, {}), 1000);
      const size = JSON.stringify(fx.ctx.clusters.query(viewBBox(centre[0], centre[1], z), z, {})).length;
      zooms[z] = { ...c, bytes: size };
      add(`clusters zoom ${z}, 1280×800 view (median)`, `${c.median_ms} ms, ${Math.round(size / 1024)} kB`);
    }
    run.clusters = zooms;
    (results.runs as unknown[]).push(run);
    fx.close();
  }
}

const widths = ['dataset', 'what', 'ours', 'naive', 'ratio'].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
const line = (r: Record<string, string | number>) => ['dataset', 'what', 'ours', 'naive', 'ratio'].map((k, i) => String(r[k]).padEnd(widths[i]!)).join(' | ');
console.log(line({ dataset: 'dataset', what: 'what', ours: 'ours', naive: 'naive', ratio: 'ratio' }));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
console.log(`machine: ${JSON.stringify(results.machine)}`);
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
