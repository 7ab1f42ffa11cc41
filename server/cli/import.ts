/** `npm run import -- FILE [--format csv|geojson|opencellid|districts|places] [--dry-run]`: the same import as the API, from the shell. */
import { createReadStream, existsSync, openSync, readSync, closeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS } from '../../shared/api/registry.js';
import { configFromEnv } from '../config.js';
import { createContext } from '../context.js';
import { migrate, openDatabase } from '../db.js';
import { runImport, type ImportFormat } from '../import/run.js';
import { OPENCELLID_HEADER } from '../import/opencellid.js';
import { insertOperators } from '../seed.js';
import { OPERATORS } from '../../data/generate/operators.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { format: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
const file = positionals[0];
if (!file || !existsSync(file)) {
  console.error('usage: npm run import -- FILE [--format csv|geojson|opencellid|districts|places] [--dry-run]');
  process.exit(2);
}

/** Guesses the format from the extension and, for CSV, the header line. */
function guessFormat(path: string): ImportFormat {
  if (/\.(geo)?json$/i.test(path)) return 'geojson';
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(256);
  readSync(fd, buf, 0, 256, 0);
  closeSync(fd);
  return buf.toString('utf8').replace(/^\ufeff/, '').startsWith(OPENCELLID_HEADER) ? 'opencellid' : 'csv';
}

const format = (values.format ?? guessFormat(file)) as ImportFormat;
if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
  console.error(`unknown format ${format}; one of ${IMPORT_FORMATS.join(', ')}`);
  process.exit(2);
}
const config = configFromEnv();
const db = openDatabase(config.dbPath);
migrate(db);
insertOperators(db, OPERATORS);
const ctx = createContext(db, config);
const t = performance.now();
const report = await runImport(ctx, format, values['dry-run'] ?? false, createReadStream(file), { id: null, name: `cli:${process.env.USER ?? 'unknown'}` });
const ms = performance.now() - t;
for (const r of report.rejected.slice(0, 50)) console.log(`line ${r.line}${r.code ? ` (${r.code})` : ''}: ${r.reason}`);
if (report.rejected.length > 50) console.log(`… and ${report.rejected.length - 50} more rejected rows`);
console.log(
  `${format}: ${report.rows} rows, ${report.accepted.length} new, ${report.updated.length} updated, ${report.rejected.length} rejected; ` +
    `${report.applied ? 'applied' : report.dry_run ? 'dry run, nothing written' : 'NOT applied (all or nothing)'} in ${(ms / 1000).toFixed(1)} s (${Math.round(report.rows / (ms / 1000))} rows/s)`,
);
db.close();
process.exit(report.rejected.length ? 1 : 0);
