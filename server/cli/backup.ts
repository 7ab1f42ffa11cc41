/** `npm run backup -- FILE`: copies DAKAL_DB to FILE while the server runs (SQLite online backup over a
 *  read-only connection), checks the copy, and prints what it holds. */
import { existsSync } from 'node:fs';
import { configFromEnv } from '../config.js';
import { takeBackup } from '../backup.js';

const dest = process.argv[2];
if (!dest) {
  console.error('usage: npm run backup -- FILE   (copies DAKAL_DB, default data/dakal.db)');
  process.exit(2);
}
const source = configFromEnv().dbPath;
if (!existsSync(source)) {
  console.error(`no database at ${source} (set DAKAL_DB)`);
  process.exit(2);
}
const t = performance.now();
try {
  const c = await takeBackup(source, dest);
  console.log(`backup of ${source} written to ${dest} in ${Math.round(performance.now() - t)} ms: integrity ok, ${c.sites} sites, ${c.antennas} antennas, ${c.auditEvents} audit events (head ${c.auditHead})`);
} catch (e) {
  console.error(`backup failed: ${(e as Error).message}`);
  process.exit(1);
}
