/** Crash safety: the server as a child process under a write load, killed with SIGKILL mid-load, restarted;
 *  every write acknowledged with a 2xx is there and nothing is half-written. Three rounds on one database. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/generate/prng.js';
import type { AuditRow } from '../../server/store/audit.js';
import { verifyAuditChain } from '../../server/store/audit-verify.js';
import { spawnServer, type ChildServer } from '../support/child-server.js';
import { antennaCountMismatches, foreignKeyViolations, integrity } from '../support/db-state.js';
import { login } from '../support/server.js';
import { startWriteLoad, type LoadRecord } from '../support/write-load.js';

const ROUNDS = 3;
const dir = mkdtempSync(join(tmpdir(), 'dakal-crash-'));
const dbPath = join(dir, 'dakal.db');
const rng = mulberry32(4242);
let server: ChildServer | null = null;
const history: LoadRecord[] = [];

afterAll(async () => {
  await server?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Checks everything acknowledged in every round so far against the database, read while the server runs. */
function checkDatabase(): void {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    expect(integrity(db)).toBe('ok');
    expect(foreignKeyViolations(db)).toEqual([]);
    expect(antennaCountMismatches(db)).toEqual([]);
    expect(verifyAuditChain(db.prepare('SELECT * FROM audit_events ORDER BY id').iterate() as IterableIterator<AuditRow>).firstBreak).toBeNull();
    const siteByCode = db.prepare('SELECT id, antenna_count FROM sites WHERE code = ?');
    const createEvents = db.prepare("SELECT count(*) FROM audit_events WHERE action = 'create' AND entity = 'site' AND entity_id = ?").pluck();
    const antennaById = db.prepare('SELECT site_id FROM antennas WHERE id = ?').pluck();
    const concern = db.prepare('SELECT count(*) FROM concerns WHERE code = ?').pluck();
    for (const rec of history) {
      for (const [code, id] of rec.ackedSites) expect([code, (siteByCode.get(code) as { id: number } | undefined)?.id]).toEqual([code, id]);
      for (const [antennaId, siteId] of rec.ackedAntennas) expect([antennaId, antennaById.get(antennaId)]).toEqual([antennaId, siteId]);
      for (const code of rec.ackedConcerns) expect([code, concern.get(code)]).toEqual([code, 1]);
      // Acknowledged or not, a site that exists has all it was created with and its audit event: one transaction.
      for (const [code, antennas] of rec.sentSites) {
        const row = siteByCode.get(code) as { id: number; antenna_count: number } | undefined;
        if (!row) continue;
        expect([code, row.antenna_count >= antennas, createEvents.get(String(row.id))]).toEqual([code, true, 1]);
      }
    }
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: SIGKILL mid-load loses no acknowledged write and leaves nothing half-written`, async () => {
      server = await spawnServer(dbPath, { DAKAL_CONCERN_RATE: '100000/1h' });
      const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const concerns = Boolean(doc.paths['/api/concerns']?.post);
      const session = await login(server.url, 'planner');
      const load = startWriteLoad(server.url, session, rng, { prefix: `CRASH${round}`, concerns });
      history.push(load.record);
      // Kill while requests are in flight, after a seeded number of acknowledgements.
      await load.until(60 + Math.floor(rng() * 80));
      const ackedAtKill = load.record.acked();
      await server.stop('SIGKILL');
      await load.stop();
      expect(load.record.unexpected).toEqual([]);
      expect(ackedAtKill).toBeGreaterThanOrEqual(60);
      expect(load.record.sentSites.size).toBeGreaterThan(load.record.ackedSites.size - 1);

      server = await spawnServer(dbPath);
      checkDatabase();
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { ok: boolean };
      expect(health.ok).toBe(true);
      // The restarted server serves what was acknowledged.
      const [code, id] = [...load.record.ackedSites].at(-1)!;
      const site = (await (await fetch(`${server.url}/api/sites/${id}`)).json()) as { properties: { code: string } };
      expect(site.properties.code).toBe(code);
      await server.stop('SIGTERM');
      server = null;
      console.log(`crash round ${round}: ${ackedAtKill} writes acknowledged before SIGKILL (${load.record.ackedSites.size} sites, ${load.record.ackedAntennas.size} antennas, ${load.record.ackedConcerns.length} concerns), all present after restart`);
    }, 240_000);
  }
});
