/** `npm run bench:postgis [-- --sizes 100000,1000000 --layouts karaj,iran]`: the same generated sites in a throwaway
 *  PostgreSQL 15 + PostGIS 3 (Debian's packages, installed when missing) on 127.0.0.1 with GiST indexes, and the same
 *  nearby, bbox and density queries through `pg` from this process beside Dakal's; prints Dakal / PostGIS per query,
 *  writes bench/postgis-results.json, then stops and removes the database. Needs root (apt-get, runuser). */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { KARAJ_BBOX } from '../data/generate/index.js';
import { densityFeatures } from '../server/index/site-stats.js';
import { IRAN_BBOX, queryPoints } from './cases.js';
import { buildFixture, type Layout } from './fixture.js';
import { freePort } from './http.js';
import { prng, round, time, timeAsync, viewBBox, type Timing } from './measure.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' }, layouts: { type: 'string', default: 'karaj,iran' } } });
const BIN = '/usr/lib/postgresql/15/bin';
const COLS = `id, code, lon, lat, structure_type, height_m, owner_operator_id, permit_no, status, installed_on, permit_date, source,
  verified, ground_elevation_m, address, district_id, operators, technologies, antenna_count, created_at, updated_at`;
const TYPES = ['int', 'text', 'float8', 'float8', 'text', 'float8', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'float8', 'text', 'int', 'text', 'text', 'int', 'text', 'text'];

/** Installs Debian's PostgreSQL 15 and PostGIS 3 when either is missing. */
function ensurePostgis(): void {
  if (existsSync(`${BIN}/initdb`) && existsSync('/usr/share/postgresql/15/extension/postgis.control')) return;
  console.error('installing postgresql-15 and postgresql-15-postgis-3 from Debian…');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql', 'postgresql-15-postgis-3'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** A cluster in a temporary folder owned by the postgres OS user, listening on 127.0.0.1 only. */
async function startCluster(): Promise<{ port: number; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'dakal-postgis-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const as = (cmd: string, args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  as(`${BIN}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // A throwaway database: durability off for the load; memory as a dedicated 2-core, 24 GB server would get.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=2GB -c work_mem=64MB -c maintenance_work_mem=1GB -c effective_cache_size=8GB -c max_wal_size=8GB`;
  as(`${BIN}/pg_ctl`, ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      as(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', stop);
  return { port, stop };
}

/** Copies the fixture's sites into PostGIS (geography, geometry and EPSG:6933 columns, GiST indexes); returns ms. */
async function loadInto(client: InstanceType<typeof pg.Client>, db: ReturnType<typeof buildFixture>['ctx']['db']): Promise<number> {
  const t = performance.now();
  await client.query('DROP TABLE IF EXISTS sites');
  await client.query(`CREATE TABLE sites (id int PRIMARY KEY, code text UNIQUE, lon float8, lat float8, structure_type text, height_m float8,
    owner_operator_id text, permit_no text, status text, installed_on text, permit_date text, source text, verified int, ground_elevation_m float8,
    address text, district_id int, operators text, technologies text, antenna_count int, created_at text, updated_at text,
    geom geometry(Point, 4326), geog geography(Point, 4326), eq geometry(Point, 6933))`);
  const unnest = TYPES.map((ty, i) => `$${i + 1}::${ty}[]`).join(', ');
  const insert = `INSERT INTO sites (${COLS}) SELECT * FROM unnest(${unnest})`;
  const batch: unknown[][] = TYPES.map(() => []);
  const flush = async () => {
    if (batch[0]!.length) await client.query(insert, batch);
    for (const b of batch) b.length = 0;
  };
  for (const r of db.prepare(`SELECT ${COLS} FROM sites ORDER BY id`).raw().iterate() as Iterable<unknown[]>) {
    r.forEach((v, i) => batch[i]!.push(v));
    if (batch[0]!.length === 10_000) await flush();
  }
  await flush();
  await client.query('UPDATE sites SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326)');
  await client.query('UPDATE sites SET geog = geom::geography, eq = ST_Transform(geom, 6933)');
  await client.query('CREATE INDEX sites_geog ON sites USING gist (geog)');
  await client.query('CREATE INDEX sites_geom ON sites USING gist (geom)');
  await client.query('CREATE INDEX sites_eq ON sites USING gist (eq)');
  await client.query('VACUUM ANALYZE sites');
  return performance.now() - t;
}

const rows: string[][] = [['dataset', 'query', 'Dakal', 'PostGIS', 'Dakal / PostGIS']];
const out: unknown[] = [];
ensurePostgis();
const cluster = await startCluster();
const client = new pg.Client({ host: '127.0.0.1', port: cluster.port, user: 'postgres', database: 'postgres' });
try {
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  for (const layout of values.layouts!.split(',') as Layout[]) {
    for (const n of values.sizes!.split(',').map(Number)) {
      const dataset = `${layout} ${n.toLocaleString('en')}`;
      console.error(`building ${dataset}…`);
      const fx = buildFixture(n, layout, { places: 0 });
      const loadMs = await loadInto(client, fx.ctx.db);
      const pts = queryPoints(fx, 2000, prng(42));
      const p = (i: number) => pts[i % pts.length]!;
      const pointText = (i: number) => `SRID=4326;POINT(${p(i)[0]} ${p(i)[1]})`;
      const bbox = (i: number) => viewBBox(p(i)[0], p(i)[1], 14);
      const area = layout === 'iran' ? IRAN_BBOX : ([...KARAJ_BBOX] as [number, number, number, number]);
      const cases: Array<[string, Timing, Timing]> = [];

      const nearPg = await timeAsync((i) => client.query({ name: 'near', text: `SELECT ${COLS}, ST_Distance(geog, $1::geography) AS distance_m FROM sites WHERE ST_DWithin(geog, $1::geography, 500) ORDER BY distance_m LIMIT 100`, values: [pointText(i)] }), 3000);
      const near = time((i) => fx.ctx.sites.near(p(i)[0], p(i)[1], 500, 100), 3000);
      cases.push(['nearby 500 m, 100 nearest full rows', near, nearPg]);

      const listPg = await timeAsync(async (i) => {
        const b = bbox(i);
        await client.query({ name: 'list', text: `SELECT ${COLS} FROM sites WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) ORDER BY id LIMIT 100`, values: b });
        await client.query({ name: 'count', text: 'SELECT count(*) FROM sites WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)', values: b });
      }, 3000);
      const list = time((i) => fx.ctx.sites.list({ bbox: bbox(i), limit: 100 }), 3000);
      cases.push(['bbox zoom-14 view: first 100 rows + total', list, listPg]);

      const densPg = await timeAsync(() => client.query({
        name: 'density', values: area,
        text: "SELECT ST_SnapToGrid(eq, 1000) AS cell, count(*) FROM sites WHERE status <> 'decommissioned' AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) GROUP BY cell",
      }), 3000, 3, 200);
      const dens = time(() => densityFeatures(fx.ctx.sites.index(), area, 1), 3000);
      cases.push(['density 1 km cells over the layout', dens, densPg]);

      for (const [what, ours, theirs] of cases) {
        rows.push([dataset, what, `${ours.per_s.toLocaleString('en')}/s (${ours.median_ms} ms)`, `${theirs.per_s.toLocaleString('en')}/s (${theirs.median_ms} ms)`, `${round(theirs.median_ms / ours.median_ms)}×`]);
      }
      out.push({ layout, sites: n, postgis_load_ms: Math.round(loadMs), cases: Object.fromEntries(cases.map(([w, o, t]) => [w, { dakal: o, postgis: t, ratio: round(t.median_ms / o.median_ms) }])) });
      fx.close();
    }
  }
} finally {
  await client.end().catch(() => undefined);
  cluster.stop();
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join(' | '));
const machine = { cores: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: '15 + PostGIS 3 (Debian packages)' };
console.log(`machine: ${JSON.stringify(machine)}`);
writeFileSync(new URL('./postgis-results.json', import.meta.url), JSON.stringify({ machine, runs: out, table: rows }, null, 2) + '\n');
