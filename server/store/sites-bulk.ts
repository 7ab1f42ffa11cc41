/** Loading many sites at once (first import of a national registry, benchmark fixtures): multi-row INSERTs prepared
 *  once, parameters written into reused arrays, and into an empty table the secondary indexes and the
 *  R*Tree trigger are dropped and rebuilt once at the end, the R*Tree packed in Hilbert order (sites-rtree-pack.ts). */
import type { SiteCreate } from '../../shared/model.js';
import type { DB } from '../db.js';
import { checkAntenna, checksReplicated, checkSite } from './sites-bulk-checks.js';
import { canPackSitesRtree, packSitesRtree } from './sites-rtree-pack.js';

// Values bound per site row and antenna row; created_at and updated_at are one named @now per statement.
const SITE_COLS = 19;
const ANTENNA_COLS = 9;
const SITE_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, @now, @now)';
const SITE_ROWS_10 = `${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}`;
const SITE_ROWS_50 = `${SITE_ROWS_10}, ${SITE_ROWS_10}, ${SITE_ROWS_10}, ${SITE_ROWS_10}, ${SITE_ROWS_10}`;
const SITE_ROWS_200 = `${SITE_ROWS_50}, ${SITE_ROWS_50}, ${SITE_ROWS_50}, ${SITE_ROWS_50}`;
const SITE_INSERT = `INSERT INTO sites (id, code, lon, lat, structure_type, height_m, owner_operator_id, permit_no, status, installed_on,
  permit_date, source, verified, ground_elevation_m, address, district_id, operators, technologies, antenna_count, created_at, updated_at) VALUES `;
const SITES_1 = `${SITE_INSERT} ${SITE_ROW}`;
const SITES_200 = `${SITE_INSERT} ${SITE_ROWS_200}`;
const ANTENNA_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
const ANTENNA_ROWS_10 = `${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}`;
const ANTENNA_ROWS_100 = `${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}`;
const ANTENNA_ROWS_800 = `${ANTENNA_ROWS_100}, ${ANTENNA_ROWS_100}, ${ANTENNA_ROWS_100}, ${ANTENNA_ROWS_100}, ${ANTENNA_ROWS_100}, ${ANTENNA_ROWS_100}, ${ANTENNA_ROWS_100}, ${ANTENNA_ROWS_100}`;
const ANTENNA_INSERT = `INSERT INTO antennas (site_id, operator_id, technology, frequency_mhz, eirp_w, azimuth_deg, tilt_deg, height_m, power_reduction) VALUES `;
const ANTENNAS_1 = `${ANTENNA_INSERT} ${ANTENNA_ROW}`;
const ANTENNAS_800 = `${ANTENNA_INSERT} ${ANTENNA_ROWS_800}`;
// Rows per statement. Binding is most of the cost (≈ 60 ns a number, 150 ns a string through better-sqlite3, measured
// with a statement that binds and does nothing); 200 sites / 800 antennas a statement took ≈ 8% less CPU than 50 / 100.
const SITE_BATCH = 200;
const ANTENNA_BATCH = 800;

const CREATE_STATUS = 'CREATE INDEX sites_status ON sites (status)';
const CREATE_DISTRICT = 'CREATE INDEX sites_district ON sites (district_id)';
const CREATE_ANTENNAS_SITE = 'CREATE INDEX antennas_site ON antennas (site_id)';
const CREATE_TRIGGER = `CREATE TRIGGER sites_rtree_insert AFTER INSERT ON sites BEGIN
  INSERT INTO sites_rtree VALUES (new.id, new.lon, new.lon, new.lat, new.lat);
END`;
/** Secondary structures of migration 001 that a load into an empty table rebuilds once, with their exact DDL. */
const REBUILT: ReadonlyArray<[name: string, type: string, sql: string]> = [
  ['sites_status', 'index', CREATE_STATUS],
  ['sites_district', 'index', CREATE_DISTRICT],
  ['antennas_site', 'index', CREATE_ANTENNAS_SITE],
  ['sites_rtree_insert', 'trigger', CREATE_TRIGGER],
];
const DROP_STATUS = 'DROP INDEX sites_status';
const DROP_DISTRICT = 'DROP INDEX sites_district';
const DROP_ANTENNAS_SITE = 'DROP INDEX antennas_site';
const DROP_TRIGGER = 'DROP TRIGGER sites_rtree_insert';
// When the tree cannot be packed (shadow tables not as expected): SQLite's own insert, one statement for the table.
const FILL_RTREE = 'INSERT INTO sites_rtree SELECT id, lon, lon, lat, lat FROM sites';

/** The stored `,a,b,` form of a set of ids (sorted, distinct), as SiteStore writes it; `seen` is scratch space. */
function listOf(values: string[], seen: string[]): string {
  seen.length = 0;
  for (const v of values) if (!seen.includes(v)) seen.push(v);
  if (!seen.length) return ',';
  if (seen.length === 1) return `,${seen[0]},`;
  return `,${seen.sort().join(',')},`;
}

/** Figures of one bulk load. */
export interface BulkLoad {
  sites: number;
  antennas: number;
  /** Ids given to the sites, in input order: firstId, firstId + 1, … */
  firstId: number;
  /** Whether the indexes were dropped and rebuilt (the table was empty). */
  rebuilt: boolean;
  /** Whether the R*Tree was packed from the loaded points rather than filled by SQLite's insert. */
  packed: boolean;
  /** Whether the tables' CHECK constraints were tested here (sites-bulk-checks.ts) instead of by SQLite. */
  jsChecks: boolean;
  /** Milliseconds spent inserting rows, rebuilding the B-tree indexes and filling the R*Tree. */
  insertMs: number;
  indexMs: number;
  rtreeMs: number;
}

/** Inserts every site and its antennas in one transaction, ids counted up from max(id) + 1; no audit event
 *  (the caller records one for the whole load) and no change announcement (the caller's SiteStore.bulk does). */
export function loadSites(db: DB, districtOf: (lon: number, lat: number) => number | null, input: Iterable<SiteCreate>, now: string): BulkLoad {
  // Outside a caller's transaction the foreign-key checks (an index probe per reference, a third of the insert time)
  // are switched off for the load: every reference is then checked here instead. Site ids are the ones this load
  // assigns, districts come from districtOf over the zones table, operators are checked against the operators table.
  const ownTransaction = !db.inTransaction && db.pragma('foreign_keys', { simple: true }) === 1;
  // Likewise the CHECK constraints, when they are exactly the ones tested here.
  const jsChecks = db.pragma('ignore_check_constraints', { simple: true }) === 0 && checksReplicated(db);
  if (ownTransaction) db.pragma('foreign_keys = OFF');
  if (jsChecks) db.pragma('ignore_check_constraints = ON');
  try {
    // One transaction: a failure anywhere (a bad operator, a constraint, a crash) leaves the database as it was.
    return db.transaction(() => load(db, districtOf, input, now, jsChecks))();
  } finally {
    if (jsChecks) db.pragma('ignore_check_constraints = OFF');
    if (ownTransaction) db.pragma('foreign_keys = ON');
  }
}

function load(db: DB, districtOf: (lon: number, lat: number) => number | null, input: Iterable<SiteCreate>, now: string, jsChecks: boolean): BulkLoad {
  const operators = new Set(db.prepare('SELECT id FROM operators').pluck().all() as string[]);
  const known = (op: string) => {
    if (!operators.has(op)) throw new Error(`bulk load: unknown operator ${op}`);
    return op;
  };
  const empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM sites)').pluck().get() === 1;
  const present = db.prepare("SELECT sql FROM sqlite_master WHERE name = ? AND type = ?").pluck();
  // Only the structures exactly as migration 001 made them are dropped, so a later migration's change is never undone.
  const rebuilt = empty && REBUILT.every(([name, type, sql]) => present.get(name, type) === sql);
  const packed = rebuilt && canPackSitesRtree(db);
  if (rebuilt) {
    db.exec(DROP_STATUS);
    db.exec(DROP_DISTRICT);
    db.exec(DROP_ANTENNAS_SITE);
    db.exec(DROP_TRIGGER);
  }
  const t0 = performance.now();
  const firstId = ((db.prepare('SELECT coalesce(max(id), 0) FROM sites').pluck().get() as number) ?? 0) + 1;

  const sitesMany = db.prepare(SITES_200);
  const sitesOne = db.prepare(SITES_1);
  const antennasMany = db.prepare(ANTENNAS_800);
  const antennasOne = db.prepare(ANTENNAS_1);
  const siteParams: unknown[] = new Array(SITE_BATCH * SITE_COLS);
  const named = { now };
  const antennaParams: unknown[] = new Array(ANTENNA_BATCH * ANTENNA_COLS);
  let sp = 0;
  let ap = 0;
  const flushSites = () => {
    if (sp === siteParams.length) sitesMany.run(siteParams, named);
    else for (let at = 0; at < sp; at += SITE_COLS) sitesOne.run(siteParams.slice(at, at + SITE_COLS), named);
    sp = 0;
  };
  // With the foreign keys on (inside a caller's transaction) the sites go in before their antennas; with them off the
  // site statements stay full-sized.
  const sitesFirst = db.pragma('foreign_keys', { simple: true }) === 1;
  const flushAntennas = () => {
    if (sitesFirst) flushSites();
    if (ap === antennaParams.length) antennasMany.run(antennaParams);
    else for (let at = 0; at < ap; at += ANTENNA_COLS) antennasOne.run(antennaParams.slice(at, at + ANTENNA_COLS));
    ap = 0;
  };

  // Coordinates kept for packing the R*Tree (grown by doubling).
  let lons = new Float64Array(packed ? 65_536 : 0);
  let lats = new Float64Array(packed ? 65_536 : 0);
  const ops: string[] = [];
  const techs: string[] = [];
  const seen: string[] = [];
  let sites = 0;
  let antennas = 0;
  let id = firstId;
  for (const s of input) {
    ops.length = 0;
    techs.length = 0;
    if (jsChecks) checkSite(s);
    const p = siteParams;
    p[sp++] = id;
    p[sp++] = s.code;
    p[sp++] = s.lon;
    p[sp++] = s.lat;
    p[sp++] = s.structure_type;
    p[sp++] = s.height_m;
    p[sp++] = known(s.owner_operator_id);
    p[sp++] = s.permit_no ?? null;
    p[sp++] = s.status;
    p[sp++] = s.installed_on ?? null;
    p[sp++] = s.permit_date ?? null;
    p[sp++] = s.source;
    p[sp++] = s.verified ? 1 : 0;
    p[sp++] = s.ground_elevation_m ?? null;
    p[sp++] = s.address ?? null;
    p[sp++] = districtOf(s.lon, s.lat);
    for (const a of s.antennas) {
      if (jsChecks) checkAntenna(a, s.code);
      ops.push(a.operator_id);
      techs.push(a.technology);
    }
    p[sp++] = listOf(ops, seen);
    p[sp++] = listOf(techs, seen);
    p[sp++] = s.antennas.length;
    for (const a of s.antennas) {
      const q = antennaParams;
      q[ap++] = id;
      q[ap++] = known(a.operator_id);
      q[ap++] = a.technology;
      q[ap++] = a.frequency_mhz;
      q[ap++] = a.eirp_w;
      q[ap++] = a.azimuth_deg ?? null;
      q[ap++] = a.tilt_deg;
      q[ap++] = a.height_m;
      q[ap++] = a.power_reduction ?? 1;
      if (ap === antennaParams.length) flushAntennas();
    }
    if (packed) {
      if (sites === lons.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(2 * a.length);
          b.set(a);
          return b;
        };
        lons = grow(lons);
        lats = grow(lats);
      }
      lons[sites] = s.lon;
      lats[sites] = s.lat;
    }
    antennas += s.antennas.length;
    sites++;
    id++;
    if (sp === siteParams.length) flushSites();
  }
  flushSites();
  flushAntennas();
  const t1 = performance.now();
  let t2 = t1;
  if (rebuilt) {
    db.exec(CREATE_STATUS);
    db.exec(CREATE_DISTRICT);
    db.exec(CREATE_ANTENNAS_SITE);
    t2 = performance.now();
    if (packed) {
      if (sites) packSitesRtree(db, firstId, lons, lats, sites);
    } else db.exec(FILL_RTREE);
    db.exec(CREATE_TRIGGER);
  }
  return { sites, antennas, firstId, rebuilt, packed, jsChecks, insertMs: t1 - t0, indexMs: t2 - t1, rtreeMs: performance.now() - t2 };
}
