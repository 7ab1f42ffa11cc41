/** The row-by-row import the store did before the bulk path: insertBulk per site with every index and the R*Tree
 *  trigger kept in step, measured on a sample into a fresh database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSites, OPERATORS } from '../data/generate/index.js';
import { migrate, openDatabase } from '../server/db.js';
import { insertOperators } from '../server/seed.js';
import { AuditLog } from '../server/store/audit.js';
import { SiteStore } from '../server/store/sites.js';
import { firstLayer } from './fixture.js';

/** Sites per second through SiteStore.insertBulk for `count` generated sites. */
export function importBaseline(layout: 'karaj' | 'iran', count: number): { sites: number; sites_per_s: number } {
  const dir = mkdtempSync(join(tmpdir(), 'dakal-bench-rows-'));
  const db = openDatabase(join(dir, 'rows.db'));
  try {
    migrate(db);
    insertOperators(db, OPERATORS);
    const store = new SiteStore(db, new AuditLog(db), () => null);
    const sites = [...generateSites({ seed: 7, count, layout })].map(firstLayer);
    const now = new Date().toISOString();
    const t = performance.now();
    db.transaction(() => {
      for (const s of sites) store.insertBulk(s, now);
    })();
    return { sites: count, sites_per_s: Math.round(count / ((performance.now() - t) / 1000)) };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
