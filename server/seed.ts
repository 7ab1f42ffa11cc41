/** Fills a new database with the Karaj demo data: operators, districts, zones, places, sites, demo accounts. */
import { generateDemo } from '../data/generate/index.js';
import type { DB } from './db.js';
import { SYSTEM, type AuditLog } from './store/audit.js';
import type { PlaceStore } from './store/places.js';
import type { SiteStore } from './store/sites.js';
import type { UserStore } from './store/users.js';
import { insertOpen311Key } from './store/open311-keys.js';
import type { Operator } from '../shared/model.js';

/** Demo accounts: `demo-<username>` passwords, for demonstration only. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', role: 'admin', operator_id: null },
  { username: 'planner', role: 'planner', operator_id: null },
  { username: 'mci', role: 'operator', operator_id: 'mci' },
  { username: 'irancell', role: 'operator', operator_id: 'irancell' },
  { username: 'rightel', role: 'operator', operator_id: 'rightel' },
] as const;

/** Inserts the operators (always needed, even in an empty registry). */
export function insertOperators(db: DB, operators: readonly Operator[]): void {
  const insert = db.prepare('INSERT OR IGNORE INTO operators (id, name_fa, name_en, mcc, mnc, kind, color) VALUES (@id, @name_fa, @name_en, @mcc, @mnc, @kind, @color)');
  for (const o of operators) insert.run(o);
}

/** Seeds `mode` data into an empty database in one transaction. */
export function seed(mode: 'demo' | 'none', deps: { db: DB; sites: SiteStore; places: PlaceStore; users: UserStore; audit: AuditLog }): void {
  const { db, sites, places, users, audit } = deps;
  const demo = generateDemo();
  const ids: number[] = [];
  sites.bulk(
    () => {
      insertOperators(db, demo.operators);
      for (const a of DEMO_ACCOUNTS) users.create(a.username, `demo-${a.username}`, a.role, a.operator_id);
      if (mode === 'none') return;
      for (const d of demo.districts) places.insertZone({ kind: 'district', name_fa: d.name_fa, name_en: d.name_en, geometry: d.geometry, source: 'synthetic' });
      for (const z of demo.zones) places.insertZone({ ...z, source: 'synthetic' });
      places.loadDistricts();
      for (const p of demo.sensitivePlaces) places.insertPlace(p);
      // The demo's Open311 key, so a city's 311 software can be tried at once (DOMAIN.md section 8).
      insertOpen311Key(db, 'demo 311 system', 'demo-open311-key');
      const now = new Date().toISOString();
      for (const s of demo.sites) ids.push(sites.insertBulk(s, now));
      audit.record(SYSTEM, 'seed', 'registry', null, null, { sites: demo.sites.length, places: demo.sensitivePlaces.length, districts: demo.districts.length });
    },
    () => ids,
  );
}
