/** `npm run audit:verify [-- FILE]`: checks the tamper-evident audit chain of DAKAL_DB (or FILE), read-only, while
 *  the server may be running (WAL readers do not block it). Exit 0 when intact, 1 at the first broken event. */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { configFromEnv } from '../config.js';
import type { AuditRow } from '../store/audit.js';
import { verifyAuditChain } from '../store/audit-verify.js';

const file = process.argv[2] ?? configFromEnv().dbPath;
if (!existsSync(file)) {
  console.error(`no database at ${file}`);
  process.exit(2);
}
const db = new Database(file, { readonly: true, fileMustExist: true });
const rows = db.prepare('SELECT * FROM audit_events ORDER BY id').iterate() as IterableIterator<AuditRow>;
const report = verifyAuditChain(rows);
db.close();
if (report.firstBreak) {
  const b = report.firstBreak;
  const what = b.reason === 'edited' ? 'its fields do not match its hash (the event was changed)' : 'it does not link to the event before it (an earlier event was deleted, inserted or changed)';
  console.error(`audit chain BROKEN at event ${b.id}: ${what}; expected ${b.expected}, found ${b.found} (${report.events} events read)`);
  process.exit(1);
}
console.log(`audit chain intact: ${report.events} events, head ${report.head}`);
