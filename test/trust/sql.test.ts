/** Every SQL statement in server/ is parameterised: no values built into SQL text. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sqlOffences } from '../support/sql-lint.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Statements that are SQL text by nature, each with the reason. */
const ALLOWED = [{ at: 'server/db.ts:', text: 'db.exec(sql)', why: 'runs the numbered migration files of server/migrations: DDL written by us, no values' }];

const readModule = (from: string, spec: string) => {
  const fileName = join(dirname(from), spec.replace(/\.js$/, '.ts'));
  return existsSync(fileName) ? { fileName, source: readFileSync(fileName, 'utf8') } : null;
};

describe('SQL is parameterised', () => {
  it('finds no string-built SQL in server/**/*.ts', () => {
    const files = tsFiles(join(ROOT, 'server'));
    expect(files.length).toBeGreaterThan(20);
    const offences = files
      .flatMap((f) => sqlOffences(f, readFileSync(f, 'utf8'), readModule).map((o) => `${relative(ROOT, f)}:${o.line}: ${o.why} — ${o.text}`))
      .filter((o) => !ALLOWED.some((a) => o.startsWith(a.at) && o.endsWith(a.text)));
    expect(offences).toEqual([]);
  });

  it('allows constant UPPER_CASE fragments and flags values, lower-case or non-const names and concatenation', () => {
    const src = `
      const COLS = 'a, b';
      const WHERE = \`id > @cursor AND \${COLS} IS NOT NULL\`;
      const lower = 'a';
      let MUTABLE = 'a';
      function f(db: any, id: number, name: string) {
        db.prepare(\`SELECT \${COLS} FROM t WHERE \${WHERE}\`);
        db.prepare('SELECT * FROM t WHERE id = ?');
        db.prepare(\`SELECT * FROM t WHERE id = \${id}\`);
        db.prepare(\`SELECT \${lower} FROM t\`);
        db.prepare(\`SELECT \${MUTABLE} FROM t\`);
        db.prepare('SELECT * FROM t WHERE name = ' + name);
        db.exec(\`DELETE FROM t WHERE name = '\${name}'\`);
        db.pragma(\`user_version = \${id}\`);
        const sql = 'SELECT 1';
        db.prepare(sql);
        /x/.exec(name);
      }`;
    const lines = sqlOffences('sample.ts', src).map((o) => o.line);
    expect(lines).toEqual([9, 10, 11, 12, 13, 14, 16]);
    // An imported fragment counts when its own module declares it as constant text.
    const modules: Record<string, string> = { 'frag.ts': "export const SELECT_T = `SELECT a FROM t`; export const BAD = `x ${Date.now()}`;" };
    const read = (_from: string, spec: string) => ({ fileName: spec, source: modules[spec.replace('./', '').replace('.js', '.ts')] ?? '' });
    const user = "import { SELECT_T, BAD } from './frag.js';\nfunction g(db: any) {\n  db.prepare(`${SELECT_T} WHERE id = ?`);\n  db.prepare(`${BAD} WHERE id = ?`);\n}";
    expect(sqlOffences('user.ts', user, read).map((o) => o.line)).toEqual([4]);
  });
});
