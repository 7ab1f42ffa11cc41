/** Backups taken while the server writes, and restores: the restored database is sound and holds every write
 *  acknowledged before the backup began; restore refuses a bad file and a database in use. */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/generate/prng.js';
import { spawnServer, type ChildServer } from '../support/child-server.js';
import { antennaCountMismatches, foreignKeyViolations, integrity } from '../support/db-state.js';
import { login } from '../support/server.js';
import { startWriteLoad } from '../support/write-load.js';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'dakal-backup-'));
const dbPath = join(dir, 'dakal.db');
const backupFile = join(dir, 'backup.db');
let server: ChildServer | null = null;

afterAll(async () => {
  await server?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Runs an npm script's CLI with DAKAL_DB set; resolves with the exit code and output. */
async function cli(script: 'backup' | 'restore', file: string, db = dbPath): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec('npx', ['tsx', `server/cli/${script}.ts`, file], { env: { ...process.env, DAKAL_DB: db } });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('backup and restore', () => {
  let ackedSitesAtStart = new Map<string, number>();
  let ackedAntennasAtStart = new Map<number, number>();

  it('takes a consistent backup while the server is writing', async () => {
    server = await spawnServer(dbPath, { DAKAL_CONCERN_RATE: '100000/1h' });
    const session = await login(server.url, 'planner');
    const load = startWriteLoad(server.url, session, mulberry32(77), { prefix: 'BK', workers: 4 });
    await load.until(40);
    ackedSitesAtStart = new Map(load.record.ackedSites);
    ackedAntennasAtStart = new Map(load.record.ackedAntennas);
    const out = await cli('backup', backupFile);
    const ackedAtEnd = load.record.acked();
    await load.stop();
    expect(out.code, out.out).toBe(0);
    expect(out.out).toMatch(/integrity ok/);
    expect(load.record.unexpected).toEqual([]);
    // Writes went on during the backup, so it really was taken under load.
    expect(ackedAtEnd).toBeGreaterThan(ackedSitesAtStart.size + ackedAntennasAtStart.size);
  }, 180_000);

  it('refuses to restore over a database a running server holds', async () => {
    const before = readFileSync(dbPath);
    const out = await cli('restore', backupFile);
    expect(out.code, out.out).toBe(3);
    expect(out.out).toMatch(/stop the server first/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    await server!.stop('SIGTERM');
    server = null;
    // SIGTERM closes the database, which folds the write-ahead log into the file and removes it: once the
    // server has stopped, the main file is whole and nothing changes it any more.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  }, 60_000);

  it('refuses a damaged backup and leaves the database untouched', async () => {
    const bad = join(dir, 'damaged.db');
    const bytes = readFileSync(backupFile);
    bytes.fill(0x5a, 4096 * 3, 4096 * 6); // overwrite pages 4–6
    writeFileSync(bad, bytes);
    const before = readFileSync(dbPath);
    const out = await cli('restore', bad);
    expect(out.code, out.out).toBe(1);
    expect(out.out).toMatch(/refusing to restore/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    writeFileSync(bad, 'not a database at all');
    expect((await cli('restore', bad)).code).toBe(1);
  }, 60_000);

  it('restores the backup: sound, with every write acknowledged before the backup began', async () => {
    const out = await cli('restore', backupFile);
    expect(out.code, out.out).toBe(0);
    expect(out.out).toMatch(/kept as .*before-restore/);
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      expect(integrity(db)).toBe('ok');
      expect(foreignKeyViolations(db)).toEqual([]);
      expect(antennaCountMismatches(db)).toEqual([]);
      const site = db.prepare('SELECT id FROM sites WHERE code = ?').pluck();
      for (const [code, id] of ackedSitesAtStart) expect([code, site.get(code)]).toEqual([code, id]);
      const antenna = db.prepare('SELECT site_id FROM antennas WHERE id = ?').pluck();
      for (const [id, siteId] of ackedAntennasAtStart) expect([id, antenna.get(id)]).toEqual([id, siteId]);
      expect(db.prepare("SELECT count(*) FROM sites WHERE code LIKE 'BK-%'").pluck().get()).toBeGreaterThanOrEqual(ackedSitesAtStart.size);
    } finally {
      db.close();
    }
    expect(existsSync(`${dbPath}-wal`) && readFileSync(`${dbPath}-wal`).length > 0).toBe(false);
    server = await spawnServer(dbPath);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { ok: boolean; sites: number };
    expect(health.ok).toBe(true);
    expect(health.sites).toBeGreaterThanOrEqual(2500 + ackedSitesAtStart.size);
    await server.stop('SIGTERM');
    server = null;
  }, 180_000);
});
