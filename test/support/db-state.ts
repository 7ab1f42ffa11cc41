/** Database facts for trust tests: a fingerprint that any accepted write changes, integrity and foreign-key checks. */
import type Database from 'better-sqlite3';

type DB = Database.Database;

/** Row counts of every table (sessions aside: signing in is not a registry change; virtual tables through their
 *  shadow tables) and the last audit hash. */
export function fingerprint(db: DB): Record<string, number | string> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'sessions' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, number | string> = {};
  // Table names come from sqlite_master itself and are quoted as identifiers, never user input.
  for (const t of tables) out[t] = db.prepare('SELECT count(*) FROM "' + t.replaceAll('"', '""') + '"').pluck().get() as number;
  out.last_audit_hash = (db.prepare('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? '';
  return out;
}

/** `PRAGMA integrity_check` result: 'ok' when the file is sound. */
export function integrity(db: DB): string {
  return (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
}

/** Rows that break a foreign key (empty when none). */
export function foreignKeyViolations(db: DB): unknown[] {
  return db.prepare('PRAGMA foreign_key_check').all();
}

/** Sites whose derived columns (antenna_count, the `,a,b,` operator and technology lists) differ from their
 *  antennas: the derive step and the antenna write share one transaction, so any difference is a half-write. */
export function antennaCountMismatches(db: DB): Array<{ id: number; antenna_count: number; actual: number }> {
  return db
    .prepare(
      `SELECT s.id, s.antenna_count, (SELECT count(*) FROM antennas a WHERE a.site_id = s.id) AS actual FROM sites s
       WHERE s.antenna_count <> (SELECT count(*) FROM antennas a WHERE a.site_id = s.id)
          OR s.operators <> ',' || coalesce((SELECT group_concat(operator_id, ',') FROM (SELECT DISTINCT operator_id FROM antennas WHERE site_id = s.id ORDER BY operator_id)), '')
                            || CASE WHEN EXISTS (SELECT 1 FROM antennas WHERE site_id = s.id) THEN ',' ELSE '' END
          OR s.technologies <> ',' || coalesce((SELECT group_concat(technology, ',') FROM (SELECT DISTINCT technology FROM antennas WHERE site_id = s.id ORDER BY technology)), '')
                            || CASE WHEN EXISTS (SELECT 1 FROM antennas WHERE site_id = s.id) THEN ',' ELSE '' END`,
    )
    .all() as Array<{ id: number; antenna_count: number; actual: number }>;
}
