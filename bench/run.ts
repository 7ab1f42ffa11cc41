/** `npm run bench [-- --sizes 100000,1000000 --layouts karaj,iran --http --full-grid]`: import, nearby, bbox listing,
 *  clusters, density, dashboard counts, siting, exposure and HTTP figures with the naive way beside ours; prints a
 *  table and writes bench/results.json with the machine it ran on. */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { exposureGridCase, queryCases, queryPoints, sitingCases, type Row } from './cases.js';
import { buildFixture, type Layout } from './fixture.js';
import { load, rssMb, startServer } from './http.js';
import { prng, round, viewBBox } from './measure.js';
import { importBaseline } from './import-baseline.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    layouts: { type: 'string', default: 'karaj,iran' },
    http: { type: 'boolean', default: true },
    'no-http': { type: 'boolean', default: false },
    'full-grid': { type: 'boolean', default: false },
    out: { type: 'string', default: 'results.json' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const layouts = values.layouts!.split(',') as Layout[];
const CENTRE: Record<Layout, [number, number]> = { karaj: [50.9915, 35.8355], iran: [51.389, 35.6892] };
const fmt = (n: number) => n.toLocaleString('en');

const table: Array<Row & { dataset: string }> = [];
const results: Record<string, unknown> = {
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, load_avg_at_start: loadavg().map((x) => round(x)) },
  runs: [] as unknown[],
};

for (const layout of layouts) {
  for (const n of sizes) {
    const dataset = `${layout} ${fmt(n)}`;
    console.error(`building ${dataset}…`);
    const fx = buildFixture(n, layout);
    const rows: Row[] = [];
    const run: Record<string, unknown> = { layout, sites: n, antennas: fx.antennas, antennas_per_site: round(fx.antennas / n) };
    const rate = (x: number, t: number) => Math.round(x / (t / 1000));
    run.import = { ms: Math.round(fx.importMs), generate_ms: Math.round(fx.generateMs), sites_per_s: rate(n, fx.importMs), antenna_rows_per_s: rate(fx.antennas, fx.importMs), ...fx.phases, start_ms: Math.round(fx.startMs) };
    const base = importBaseline(layout, 20_000);
    run.import_baseline = base;
    rows.push({
      what: `import ${fmt(n)} sites + ${fmt(fx.antennas)} antennas (generator included)`,
      ours: `${fmt(rate(n, fx.importMs))} sites/s (${(fx.importMs / 1000).toFixed(1)} s)`,
      naive: `${fmt(base.sites_per_s)} sites/s row by row`,
      ratio: `${round(rate(n, fx.importMs) / base.sites_per_s)}×`,
    });
    rows.push({ what: 'import phases: generator / rows / B-tree indexes / R*Tree', ours: `${fmt(Math.round(fx.generateMs))} / ${fmt(fx.phases.insert_ms)} / ${fmt(fx.phases.index_ms)} / ${fmt(fx.phases.rtree_ms)} ms`, naive: '', ratio: '' });
    rows.push({ what: 'server start: site index + default clusters', ours: `${fmt(Math.round(fx.startMs))} ms`, naive: '', ratio: '' });

    const pts = queryPoints(fx, 2000, prng(42));
    queryCases(fx, layout, pts, CENTRE[layout], run, rows);
    sitingCases(fx, pts, run, rows);
    run.process_memory_mb = Math.round(process.memoryUsage().rss / 2 ** 20);

    if (values.http && !values['no-http']) {
      const server = await startServer(fx.dbPath);
      try {
        const c = CENTRE[layout];
        const clusterPaths = [8, 11, 14, 17].map((z) => `/api/clusters?bbox=${viewBBox(c[0], c[1], z).join(',')}&zoom=${z}`);
        const nearPaths = pts.slice(0, 500).map(([x, y]) => `/api/sites/near?lon=${x}&lat=${y}&radius_m=500&limit=100`);
        const cl = await load(server.url, clusterPaths);
        const ne = await load(server.url, nearPaths);
        const mem = rssMb(server.child.pid!);
        run.http = { server_start_ms: Math.round(server.startMs), clusters: cl, near: ne, server_memory: mem };
        rows.push({ what: 'server process: start until it answers (index + clusters built)', ours: `${fmt(Math.round(server.startMs))} ms`, naive: '', ratio: '' });
        rows.push({ what: '/api/clusters, zooms 8–17 in turn, 10 connections', ours: `${fmt(cl.req_per_s)} req/s, p99 ${cl.p99_ms} ms`, naive: '', ratio: '' });
        rows.push({ what: '/api/sites/near 500 m, 10 connections', ours: `${fmt(ne.req_per_s)} req/s, p99 ${ne.p99_ms} ms`, naive: '', ratio: '' });
        rows.push({ what: 'server resident memory after the load (peak)', ours: `${fmt(mem.rss_mb)} MB (${fmt(mem.peak_mb)} MB)`, naive: '', ratio: '' });
      } finally {
        server.child.kill('SIGTERM');
      }
    }
    table.push(...rows.map((r) => ({ dataset, ...r })));
    (results.runs as unknown[]).push(run);
    fx.close();
  }
}
const grid: Row[] = [];
await exposureGridCase(values['full-grid']!, results, grid);
table.push(...grid.map((r) => ({ dataset: 'karaj demo', ...r })));

const keys = ['dataset', 'what', 'ours', 'naive', 'ratio'] as const;
const widths = keys.map((k) => Math.max(k.length, ...table.map((r) => r[k].length)));
const line = (r: Record<(typeof keys)[number], string>) => keys.map((k, i) => r[k].padEnd(widths[i]!)).join(' | ');
console.log(line({ dataset: 'dataset', what: 'what', ours: 'ours', naive: 'naive', ratio: 'naive / ours' }));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of table) console.log(line(r));
console.log(`machine: ${JSON.stringify(results.machine)}`);
writeFileSync(values.out!.startsWith('/') ? values.out! : new URL(`./${values.out}`, import.meta.url), JSON.stringify({ ...results, table }, null, 2) + '\n');
