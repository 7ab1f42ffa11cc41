/** `npm run restore -- FILE`: checks the backup FILE (integrity, foreign keys, audit chain), refuses while a
 *  server has DAKAL_DB open, keeps the current file as `<DAKAL_DB>.before-restore-<time>`, and renames the
 *  backup into place. Exit 0 restored, 1 bad backup, 3 database in use. */
import { existsSync } from 'node:fs';
import { configFromEnv } from '../config.js';
import { DatabaseBusy, restoreBackup } from '../backup.js';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error('usage: npm run restore -- FILE   (replaces DAKAL_DB, default data/dakal.db; stop the server first)');
  process.exit(2);
}
const target = configFromEnv().dbPath;
try {
  const { check, kept } = restoreBackup(file, target);
  console.log(`restored ${file} to ${target}: ${check.sites} sites, ${check.antennas} antennas, ${check.auditEvents} audit events${kept ? `; the previous database is kept as ${kept}` : ''}`);
} catch (e) {
  console.error(`restore refused: ${(e as Error).message}`);
  process.exit(e instanceof DatabaseBusy ? 3 : 1);
}
