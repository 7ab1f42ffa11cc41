/** Loading many sites at once (first import of a national registry, benchmark fixtures): multi-row INSERTs prepared
 *  once, no object spread per row, and into an empty table the secondary indexes and the R*Tree trigger are dropped
 *  and rebuilt once at the end, which SQLite does several times faster than keeping them in step row by row. */
import type { SiteCreate } from '../../shared/model.js';
import type { DB } from '../db.js';

const SITE_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const SITE_ROWS_10 = `${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}, ${SITE_ROW}`;
const SITE_ROWS_50 = `${SITE_ROWS_10}, ${SITE_ROWS_10}, ${SITE_ROWS_10}, ${SITE_ROWS_10}, ${SITE_ROWS_10}`;
const SITE_INSERT = `INSERT INTO sites (id, code, lon, lat, structure_type, height_m, owner_operator_id, permit_no, status, installed_on,
  permit_date, source, verified, ground_elevation_m, address, district_id, operators, technologies, antenna_count, created_at, updated_at) VALUES `;
const SITES_1 = `${SITE_INSERT} ${SITE_ROW}`;
const SITES_50 = `${SITE_INSERT} ${SITE_ROWS_50}`;
const ANTENNA_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
const ANTENNA_ROWS_10 = `${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}, ${ANTENNA_ROW}`;
const ANTENNA_ROWS_100 = `${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}, ${ANTENNA_ROWS_10}`;
const ANTENNA_INSERT = `INSERT INTO antennas (site_id, operator_id, technology, frequency_mhz, eirp_w, azimuth_deg, tilt_deg, height_m, power_reduction) VALUES `;
const ANTENNAS_1 = `${ANTENNA_INSERT} ${ANTENNA_ROW}`;
const ANTENNAS_100 = `${ANTENNA_INSERT} ${ANTENNA_ROWS_100}`;

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
// One statement for the whole table; the insertion order made no measurable difference (id, strips, tiles).
const FILL_RTREE = 'INSERT INTO sites_rtree SELECT id, lon, lon, lat, lat FROM sites';

/** The stored `,a,b,` form of a set of ids, as SiteStore writes it. */
const listOf = (xs: readonly string[]) => (xs.length ? `,${[...new Set(xs)].sort().join(',')},` : ',');

/** Figures of one bulk load. */
export interface BulkLoad {
  sites: number;
  antennas: number;
  /** Ids given to the sites, in input order: firstId, firstId + 1, … */
  firstId: number;
  /** Whether the indexes were dropped and rebuilt (the table was empty). */
  rebuilt: boolean;
  /** Milliseconds spent inserting rows, rebuilding the B-tree indexes and filling the R*Tree. */
  insertMs: number;
  indexMs: number;
  rtreeMs: number;
}

/** Inserts every site and its antennas in one transaction, ids counted up from max(id) + 1; no audit event
 *  (the caller records one for the whole load) and no change announcement (the caller's SiteStore.bulk does). */
export function loadSites(db: DB, districtOf: (lon: number, lat: number) => number | null, input: Iterable<SiteCreate>, now: string): BulkLoad {
  const sites1 = db.prepare(SITES_1);
  const sites50 = db.prepare(SITES_50);
  const antennas1 = db.prepare(ANTENNAS_1);
  const antennas100 = db.prepare(ANTENNAS_100);
  const siteParams: unknown[] = [];
  const antennaParams: unknown[] = [];
  let sites = 0;
  let antennas = 0;
  const flushSites = (all: boolean) => {
    while (siteParams.length >= 50 * 21) sites50.run(siteParams.splice(0, 50 * 21));
    if (all) while (siteParams.length) sites1.run(siteParams.splice(0, 21));
  };
  const flushAntennas = (all: boolean) => {
    while (antennaParams.length >= 100 * 9) antennas100.run(antennaParams.splice(0, 100 * 9));
    if (all) while (antennaParams.length) antennas1.run(antennaParams.splice(0, 9));
  };
  // Outside a caller's transaction the foreign-key checks (an index probe per reference, a third of the insert time)
  // are switched off for the load: every reference is then checked here instead. Site ids are the ones this load
  // assigns, districts come from districtOf over the zones table, operators are checked against the operators table.
  const ownTransaction = !db.inTransaction && db.pragma('foreign_keys', { simple: true }) === 1;
  const operators = new Set(db.prepare('SELECT id FROM operators').pluck().all() as string[]);
  const known = (op: string) => {
    if (!operators.has(op)) throw new Error(`bulk load: unknown operator ${op}`);
    return op;
  };
  if (ownTransaction) db.pragma('foreign_keys = OFF');
  try {
    return load();
  } finally {
    if (ownTransaction) db.pragma('foreign_keys = ON');
  }

  function load(): BulkLoad {
    return db.transaction(() => {
      const empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM sites)').pluck().get() === 1;
      const present = db.prepare("SELECT sql FROM sqlite_master WHERE name = ? AND type = ?").pluck();
      // Only the structures exactly as migration 001 made them are dropped, so a later migration's change is never undone.
      const rebuilt = empty && REBUILT.every(([name, type, sql]) => present.get(name, type) === sql);
      if (rebuilt) {
        db.exec(DROP_STATUS);
        db.exec(DROP_DISTRICT);
        db.exec(DROP_ANTENNAS_SITE);
        db.exec(DROP_TRIGGER);
      }
      const t0 = performance.now();
      const firstId = ((db.prepare('SELECT coalesce(max(id), 0) FROM sites').pluck().get() as number) ?? 0) + 1;
      let id = firstId;
      for (const s of input) {
        const ops: string[] = [];
        const techs: string[] = [];
        for (const a of s.antennas) {
          ops.push(a.operator_id);
          techs.push(a.technology);
          antennaParams.push(id, known(a.operator_id), a.technology, a.frequency_mhz, a.eirp_w, a.azimuth_deg ?? null, a.tilt_deg, a.height_m, a.power_reduction ?? 1);
        }
        siteParams.push(
          id, s.code, s.lon, s.lat, s.structure_type, s.height_m, known(s.owner_operator_id), s.permit_no ?? null, s.status, s.installed_on ?? null,
          s.permit_date ?? null, s.source, s.verified ? 1 : 0, s.ground_elevation_m ?? null, s.address ?? null, districtOf(s.lon, s.lat),
          listOf(ops), listOf(techs), s.antennas.length, now, now,
        );
        antennas += s.antennas.length;
        sites++;
        id++;
        // Sites first: the antennas' foreign key needs them.
        if (siteParams.length >= 50 * 21) {
          flushSites(false);
          flushAntennas(false);
        }
      }
      flushSites(true);
      flushAntennas(true);
      const t1 = performance.now();
      let t2 = t1;
      if (rebuilt) {
        db.exec(CREATE_STATUS);
        db.exec(CREATE_DISTRICT);
        db.exec(CREATE_ANTENNAS_SITE);
        t2 = performance.now();
        db.exec(FILL_RTREE);
        db.exec(CREATE_TRIGGER);
      }
      return { sites, antennas, firstId, rebuilt, insertMs: t1 - t0, indexMs: t2 - t1, rtreeMs: performance.now() - t2 };
    })();
  }
}
