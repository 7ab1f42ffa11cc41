/** Online backup and restore of the SQLite database file.
 *
 *  Backup reads the live file through a separate read-only connection with SQLite's online backup API: in WAL
 *  mode readers never block the server's writer, and copying every page in one step holds one read transaction,
 *  so the copy is the database as of one committed moment (https://www.sqlite.org/backup.html).
 *  Restore checks the backup first, refuses while another process has the database open, keeps the current file
 *  beside it, and swaps the backup in with one rename (atomic on one file system, POSIX rename(2)). */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AuditRow } from './store/audit.js';
import { verifyAuditChain } from './store/audit-verify.js';

/** What a database file holds, as checked before trusting it. */
export interface FileCheck {
  ok: boolean;
  problems: string[];
  sites: number;
  antennas: number;
  auditEvents: number;
  auditHead: string;
}

/** Integrity, foreign keys, the registry's tables and the audit chain of a database file, opened read-only. */
export function checkDatabaseFile(path: string): FileCheck {
  const problems: string[] = [];
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    return { ok: false, problems: [`not a readable SQLite database: ${(e as Error).message}`], sites: 0, antennas: 0, auditEvents: 0, auditHead: '' };
  }
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 500)}`);
    const fk = db.prepare('PRAGMA foreign_key_check').all();
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} rows break a foreign key`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = ['schema_migrations', 'sites', 'antennas', 'users', 'audit_events'].filter((t) => !tables.has(t));
    if (missing.length) return { ok: false, problems: [...problems, `not a Dakal database: no ${missing.join(', ')}`], sites: 0, antennas: 0, auditEvents: 0, auditHead: '' };
    const chain = verifyAuditChain(db.prepare('SELECT * FROM audit_events ORDER BY id').iterate() as IterableIterator<AuditRow>);
    if (chain.firstBreak) problems.push(`audit chain broken at event ${chain.firstBreak.id} (${chain.firstBreak.reason})`);
    return {
      ok: problems.length === 0,
      problems,
      sites: db.prepare('SELECT count(*) FROM sites').pluck().get() as number,
      antennas: db.prepare('SELECT count(*) FROM antennas').pluck().get() as number,
      auditEvents: chain.events,
      auditHead: chain.head,
    };
  } catch (e) {
    // A damaged file can fail the checks themselves ("database disk image is malformed").
    return { ok: false, problems: [...problems, `unreadable: ${(e as Error).message}`], sites: 0, antennas: 0, auditEvents: 0, auditHead: '' };
  } finally {
    db.close();
  }
}

/** Flushes a file (or directory entry) to disk, so a rename that follows survives a power cut. */
function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Copies the live database at `source` to `dest` (written beside it as a temporary file, checked, then renamed). */
export async function takeBackup(source: string, dest: string): Promise<FileCheck> {
  const tmp = join(dirname(dest), `.${basename(dest)}.${process.pid}.partial`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // The first step only sizes the copy; returning the largest step then copies all pages at once, so a
    // concurrent commit restarts the copy instead of mixing two moments.
    await db.backup(tmp, { progress: () => 0x7fffffff });
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    db.close();
  }
  const check = checkDatabaseFile(tmp);
  if (!check.ok) {
    rmSync(tmp, { force: true });
    throw new Error(`backup failed its check: ${check.problems.join('; ')}`);
  }
  fsyncPath(tmp);
  renameSync(tmp, dest);
  fsyncPath(dirname(dest));
  return check;
}

/** Thrown when another process (a running server) has the database open. */
export class DatabaseBusy extends Error {}

/** Replaces the database at `target` with the checked backup `backupFile`; the old file is kept as
 *  `<target>.before-restore-<stamp>`. Returns the check of what was restored and where the old file went. */
export function restoreBackup(backupFile: string, target: string, stamp = new Date().toISOString().replace(/[:.]/g, '-')): { check: FileCheck; kept: string | null } {
  const check = checkDatabaseFile(backupFile);
  if (!check.ok) throw new Error(`refusing to restore ${backupFile}: ${check.problems.join('; ')}`);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.restoring`);
  copyFileSync(backupFile, tmp);
  fsyncPath(tmp);
  let kept: string | null = null;
  try {
    if (existsSync(target)) {
      // An exclusive lock is refused while any other connection has the file open, as a running server does.
      const db = new Database(target, { fileMustExist: true, timeout: 0 });
      try {
        db.pragma('locking_mode = EXCLUSIVE');
        db.exec('BEGIN EXCLUSIVE');
        db.exec('COMMIT');
      } catch (e) {
        db.close();
        throw new DatabaseBusy(`${target} is in use (${(e as Error).message}): stop the server first`);
      }
      // Fold the write-ahead log into the file so the kept copy is whole, and so no stale -wal can be replayed
      // onto the restored file.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      kept = `${target}.before-restore-${stamp}`;
      linkSync(target, kept);
    }
    for (const side of ['-wal', '-shm']) rmSync(target + side, { force: true });
    renameSync(tmp, target);
    fsyncPath(dirname(target));
  } finally {
    rmSync(tmp, { force: true });
  }
  return { check, kept };
}
