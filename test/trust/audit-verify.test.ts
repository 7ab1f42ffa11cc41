/** The tamper-evident audit chain: intact after real writes, an edited event and a deleted event both found,
 *  by the pure verifier and by `npm run audit:verify`. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, type AuditRow } from '../../server/store/audit.js';
import { verifyAuditChain } from '../../server/store/audit-verify.js';
import { call, login, startServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);
let t: TestServer;
const rows = () => t.ctx.db.prepare('SELECT * FROM audit_events ORDER BY id').all() as AuditRow[];
const verify = () => verifyAuditChain(rows());

/** Runs the CLI against the live database file; resolves with its exit code and output. */
async function cli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'server/cli/audit-verify.ts', join(t.dir, 'dakal.db')], { cwd: process.cwd() });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { code: err.code, out: err.stderr };
  }
}

beforeAll(async () => {
  t = await startServer('demo');
  const s = await login(t.url, 'planner');
  for (let i = 0; i < 6; i++) {
    const r = await call(t.url, 'PATCH', `/api/sites/${i + 1}`, { session: s, body: { address: `audited change ${i}` } });
    expect(r.status).toBe(200);
  }
});
afterAll(() => t.close());

describe('audit chain', () => {
  it('is intact after real writes, and the CLI says so', async () => {
    const report = verify();
    expect(report.firstBreak).toBeNull();
    expect(report.events).toBeGreaterThanOrEqual(7);
    expect(report.head).toBe(rows().at(-1)!.hash);
    const out = await cli();
    expect(out.code).toBe(0);
    expect(out.out).toContain(`${report.events} events`);
  });

  it('finds an edited event: the one whose fields no longer match its hash', async () => {
    const target = rows()[3]!;
    const original = target.after;
    t.ctx.db.prepare('UPDATE audit_events SET after = ? WHERE id = ?').run(original!.replace('audited change', 'quietly changed'), target.id);
    expect(verify().firstBreak).toMatchObject({ id: target.id, reason: 'edited' });
    const out = await cli();
    expect(out.code).toBe(1);
    expect(out.out).toContain(`event ${target.id}`);
    t.ctx.db.prepare('UPDATE audit_events SET after = ? WHERE id = ?').run(original, target.id);
    expect(verify().firstBreak).toBeNull();
  });

  it('finds an edit that recomputes the hash: the next event no longer links to it', () => {
    const [, target, next] = rows().slice(2);
    const forged = { ...target!, actor: 'someone else' };
    const { id: _id, hash: _h, ...fields } = forged;
    const forgedRows = rows().map((r) => (r.id === target!.id ? { ...forged, hash: eventHash(fields) } : r));
    expect(verifyAuditChain(forgedRows).firstBreak).toMatchObject({ id: next!.id, reason: 'unlinked' });
  });

  it('finds a deleted event: the one after the gap no longer links', async () => {
    const all = rows();
    const victim = all[4]!;
    const after = all[5]!;
    t.ctx.db.prepare('DELETE FROM audit_events WHERE id = ?').run(victim.id);
    expect(verify().firstBreak).toMatchObject({ id: after.id, reason: 'unlinked', expected: all[3]!.hash, found: victim.hash });
    const out = await cli();
    expect(out.code).toBe(1);
    expect(out.out).toContain(`event ${after.id}`);
  });
});
