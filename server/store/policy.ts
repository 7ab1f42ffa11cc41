/** The siting policy in SQLite, versioned: every planner edit is a new version with an audit event, and the
 *  current version is cached in memory because every siting check reads it. */
import { readFileSync } from 'node:fs';
import { Policy } from '../../shared/policy.js';
import type { DB } from '../db.js';
import { SYSTEM, type Actor, type AuditLog } from './audit.js';

/** The default policy shipped with the code (DOMAIN.md section 4), version 1 of a new database. */
export const DEFAULT_POLICY_PATH = new URL('../../data/policy/karaj.json', import.meta.url);

export interface PolicyVersion {
  version: number;
  policy: Policy;
  created_at: string;
  created_by: string;
  note: string | null;
}

interface PolicyRow extends Omit<PolicyVersion, 'policy'> {
  policy: string;
}

const asVersion = (r: PolicyRow): PolicyVersion => ({ ...r, policy: Policy.parse(JSON.parse(r.policy)) });

/** Reads and validates the default policy file. */
export function defaultPolicy(): Policy {
  return Policy.parse(JSON.parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')));
}

/** Versions of the siting policy; the highest version is in force. */
export class PolicyStore {
  private cached: PolicyVersion | null = null;
  private readonly stmt;

  constructor(
    private readonly db: DB,
    private readonly audit: AuditLog,
  ) {
    this.stmt = {
      latest: db.prepare('SELECT version, policy, created_at, created_by, note FROM policy_versions ORDER BY version DESC LIMIT 1'),
      list: db.prepare('SELECT version, policy, created_at, created_by, note FROM policy_versions ORDER BY version DESC LIMIT ?'),
      insert: db.prepare('INSERT INTO policy_versions (version, policy, created_at, created_by, note) VALUES (@version, @policy, @created_at, @created_by, @note)'),
    };
  }

  /** Inserts version 1 from data/policy/karaj.json when there is no version yet (a new or upgraded database, any seed mode). */
  ensureDefault(): void {
    if (this.stmt.latest.get()) return;
    this.db.transaction(() => {
      const policy = defaultPolicy();
      const at = new Date().toISOString();
      this.stmt.insert.run({ version: 1, policy: JSON.stringify(policy), created_at: at, created_by: SYSTEM.name, note: 'default: data/policy/karaj.json' });
      this.audit.record(SYSTEM, 'create', 'policy', 1, null, { version: 1, policy }, at);
    })();
    this.cached = null;
  }

  /** The policy in force. */
  current(): PolicyVersion {
    if (!this.cached) {
      const row = this.stmt.latest.get() as PolicyRow | undefined;
      if (!row) throw new Error('no policy version: PolicyStore.ensureDefault() was not called');
      this.cached = asVersion(row);
    }
    return this.cached;
  }

  /** The latest versions, newest first. */
  versions(limit = 100): PolicyVersion[] {
    return (this.stmt.list.all(limit) as PolicyRow[]).map(asVersion);
  }

  /** Stores a validated policy as the next version, audited with the policy before and after; returns the new version. */
  put(policy: Policy, note: string | null, actor: Actor): PolicyVersion {
    const next = this.db.transaction(() => {
      const before = this.stmt.latest.get() as PolicyRow | undefined;
      const row: PolicyRow = {
        version: (before?.version ?? 0) + 1,
        policy: JSON.stringify(policy),
        created_at: new Date().toISOString(),
        created_by: actor.name,
        note,
      };
      this.stmt.insert.run(row);
      this.audit.record(
        actor, 'update', 'policy', row.version,
        before ? { version: before.version, policy: JSON.parse(before.policy) } : null,
        { version: row.version, policy, note }, row.created_at,
      );
      return asVersion(row);
    })();
    this.cached = next;
    return next;
  }
}
