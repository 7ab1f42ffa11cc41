/** `npm run load [-- --duration 30 --connections 50]`: the real server as a child process over a fresh demo
 *  database, a mixed read/write load with autocannon (reads: clusters, nearby, one site; writes as the planner:
 *  PATCH a site, add an antenna), then throughput, p50/p99 latency and errors; exits 1 on any error. */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../data/generate/prng.js';
import { spawnServer } from '../test/support/child-server.js';
import { login } from '../test/support/server.js';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '30' }, connections: { type: 'string', default: '50' } } });
const duration = Number(values.duration);
const connections = Number(values.connections);

/** Share of each kind of request; writes are a fifth, as planners editing while the public browses. */
const MIX = [
  ['clusters', 0.35],
  ['near', 0.25],
  ['site', 0.2],
  ['patchSite', 0.12],
  ['addAntenna', 0.08],
] as const;
type Kind = (typeof MIX)[number][0];

const dir = mkdtempSync(join(tmpdir(), 'dakal-load-'));
const server = await spawnServer(join(dir, 'dakal.db'));
const url = server.url;
const session = await login(url, 'planner');
const sites = ((await (await fetch(`${url}/api/health`)).json()) as { sites: number }).sites;
const rnd = mulberry32(2024);
const pick = (): Kind => {
  let r = rnd();
  for (const [k, w] of MIX) if ((r -= w) < 0) return k;
  return 'site';
};
const writeHeaders = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf };
const sent: Record<string, number> = {};
const failed: Record<string, number> = {};
let n = 0;

/** One request of a randomly chosen kind, over Karaj (lon 50.85–51.15, lat 35.74–35.90). */
function next(context: Record<string, unknown>) {
  const kind = pick();
  context.kind = kind;
  sent[kind] = (sent[kind] ?? 0) + 1;
  const lon = 50.85 + rnd() * 0.3;
  const lat = 35.74 + rnd() * 0.16;
  const id = 1 + Math.floor(rnd() * sites);
  switch (kind) {
    case 'clusters': {
      const zoom = 11 + Math.floor(rnd() * 6);
      const half = 0.6 / 2 ** (zoom - 10);
      return { method: 'GET', headers: {}, path: `/api/clusters?bbox=${(lon - half).toFixed(5)},${(lat - half / 2).toFixed(5)},${(lon + half).toFixed(5)},${(lat + half / 2).toFixed(5)}&zoom=${zoom}` };
    }
    case 'near':
      return { method: 'GET', headers: {}, path: `/api/sites/near?lat=${lat.toFixed(5)}&lon=${lon.toFixed(5)}&radius_m=500` };
    case 'site':
      return { method: 'GET', headers: {}, path: `/api/sites/${id}` };
    case 'patchSite':
      return { method: 'PATCH', path: `/api/sites/${id}`, headers: writeHeaders, body: JSON.stringify({ address: `load ${n++}`, height_m: 20 + Math.round(rnd() * 30) }) };
    case 'addAntenna':
      return {
        method: 'POST', path: `/api/sites/${id}/antennas`, headers: writeHeaders,
        body: JSON.stringify({ operator_id: ['mci', 'irancell', 'rightel'][Math.floor(rnd() * 3)], technology: 'LTE', frequency_mhz: 1800, eirp_w: 600, azimuth_deg: Math.floor(rnd() * 360), tilt_deg: 4, height_m: 18 }),
      };
  }
}

console.log(`load: ${connections} connections for ${duration} s against ${url} (${sites} sites, ${cpus().length} cores)`);
const result = await autocannon({
  url,
  connections,
  duration,
  timeout: 10,
  requests: [
    {
      setupRequest: (_req, context) => next(context),
      onResponse: (status, body, context) => {
        const kind = String(context.kind);
        // A decommissioned site refuses antennas with 409: the registry's rule, not a load failure.
        if (status >= 400 && !(kind === 'addAntenna' && status === 409)) {
          failed[kind] = (failed[kind] ?? 0) + 1;
          if ((failed[kind] ?? 0) <= 3) console.error(`${kind} ${status} ${body.slice(0, 200)}`);
        }
      },
    },
  ],
});
await server.stop('SIGTERM');
rmSync(dir, { recursive: true, force: true });

const errors = result.errors + result.timeouts + Object.values(failed).reduce((a, b) => a + b, 0);
console.log(`requests: ${result.requests.total} in ${result.duration} s, ${Math.round(result.requests.average)} req/s`);
console.log(`latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
console.log(`mix sent: ${Object.entries(sent).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`status codes: ${Object.entries(result.statusCodeStats).map(([k, v]) => `${k}×${v.count}`).join(', ')}`);
console.log(`errors: ${errors} (connection ${result.errors}, timeouts ${result.timeouts}, failed answers ${JSON.stringify(failed)})`);
process.exit(errors === 0 ? 0 : 1);
