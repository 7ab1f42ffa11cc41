/** A planner's decision and what it does to the registry, in one transaction: an approval creates the site
 *  (status approved, source request) or changes the existing one; "built" turns it active; an approval not
 *  built in time lapses and is undone. The clock's steps are applied lazily whenever requests are read. */
import type { AntennaInput, SiteCreate } from '../../shared/model.js';
import { approvalLapsesAt, decide, dueTransition, isRefusal, type DecisionInput } from '../../shared/site-requests.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import type { SessionUser } from '../http/session.js';
import { SYSTEM, type Actor } from '../store/audit.js';
import { siteProperties } from '../store/sites.js';
import { toSiteRequest, type RequestRow } from '../store/requests.js';
import { actorOf, closeConsultation, step } from './workflow.js';

/** What an approval changed on an existing structure, kept to undo it if the approval lapses. */
interface Applied {
  site_id: number;
  height_m: number;
  antennas: AntennaInput[];
}

const day = (iso: string) => iso.slice(0, 10);

/** A free site code for the structure a request creates: REQ-<id>, suffixed if an import took it. */
function siteCode(ctx: Ctx, requestId: number): string {
  let code = `REQ-${requestId}`;
  for (let i = 2; ctx.sites.getByCode(code); i++) code = `REQ-${requestId}-${i}`;
  return code;
}

/** The registry side of an approval; returns the site id. Call inside the transaction. */
function applyApproval(ctx: Ctx, row: RequestRow, actor: Actor, at: string): number {
  const antennas = JSON.parse(row.antennas) as AntennaInput[];
  if (row.type === 'new_structure') {
    const input: SiteCreate = {
      code: siteCode(ctx, row.id), lon: row.lon!, lat: row.lat!, structure_type: row.structure_type!, height_m: row.height_m!,
      owner_operator_id: row.operator_id, permit_no: `REQ-${row.id}`, status: 'approved', installed_on: null, permit_date: day(at),
      source: 'request', verified: true, ground_elevation_m: null, address: row.address, antennas,
    };
    const siteId = ctx.sites.insertBulk(input, at);
    ctx.sites.setLifecycle(siteId, 'approved', null, row.id, at);
    ctx.audit.record(actor, 'create', 'site', siteId, null, { ...input, id: siteId, approving_request_id: row.id }, at);
    return siteId;
  }
  const siteId = row.site_id!;
  const before = ctx.sites.get(siteId)!;
  const applied: Applied = {
    site_id: siteId, height_m: before.height_m,
    antennas: ctx.sites.antennas(siteId).filter((a) => a.operator_id === row.operator_id).map(({ id: _i, site_id: _s, ...a }) => a),
  };
  row.applied = JSON.stringify(applied);
  ctx.sites.replaceOperatorAntennas(siteId, row.operator_id, antennas, row.height_m, at);
  ctx.sites.setLifecycle(siteId, before.status, null, row.id, at);
  ctx.audit.record(actor, 'update', 'site', siteId, siteProperties(before), { ...siteProperties(ctx.sites.get(siteId)!), antennas: ctx.sites.antennas(siteId) }, at);
  return siteId;
}

/** Decides a request under review: 409 in another state, 400 without reasons or with misplaced conditions. */
export function decideRequest(ctx: Ctx, user: SessionUser, row: RequestRow, input: DecisionInput): void {
  const now = ctx.requests.clock();
  const at = now.toISOString();
  const decided = decide(toSiteRequest(row, []), input, now);
  if (isRefusal(decided)) {
    if (decided.code === 'wrong_state') throw new HttpError(409, 'illegal_transition', decided.message);
    throw new HttpError(400, 'validation_failed', decided.message, { [`body.${decided.field}`]: decided.message });
  }
  const approving = decided.status !== 'rejected';
  if (approving && row.type !== 'new_structure') {
    const site = row.site_id === null ? undefined : ctx.sites.get(row.site_id);
    if (!site || site.status === 'decommissioned') throw new HttpError(409, 'site_gone', 'The structure this request changes is no longer in service');
  }
  const { policy } = ctx.policy.current();
  const record = () => {
    Object.assign(row, {
      decision: decided.decision, reasons: decided.reasons, conditions: JSON.stringify(decided.conditions), decided_at: at,
      decided_by: user.username, lapses_at: approvalLapsesAt(decided, policy),
    });
    if (approving) row.site_id = applyApproval(ctx, row, actorOf(user), at);
    const conditions = decided.conditions.length ? `\nConditions: ${decided.conditions.join('; ')}` : '';
    step(ctx, row, decided.status, actorOf(user), decided.reasons + conditions, at);
    ctx.requests.save(row);
  };
  // Only an approval touches the registry; an announcement without ids would make the site index reload everything.
  if (approving) ctx.sites.bulk(record, () => [row.site_id!]);
  else ctx.db.transaction(record)();
}

/** The operator marks approved work built: a new structure turns active; the approval can no longer lapse. */
export function markBuilt(ctx: Ctx, user: SessionUser, row: RequestRow, builtOn: string | undefined): void {
  if ((row.status !== 'approved' && row.status !== 'approved_with_conditions') || row.built_at !== null) {
    throw new HttpError(409, 'not_buildable', row.built_at ? 'Already marked built' : `A request that is ${row.status} has nothing to build`);
  }
  const at = ctx.requests.clock().toISOString();
  const on = builtOn ?? day(at);
  const siteId = row.site_id!;
  ctx.sites.bulk(
    () => {
      const before = ctx.sites.get(siteId)!;
      if (before.status === 'approved') {
        ctx.sites.setLifecycle(siteId, 'active', on, null, at);
        ctx.audit.record(actorOf(user), 'update', 'site', siteId, { status: before.status }, { status: 'active', installed_on: on, approving_request_id: row.id }, at);
      }
      row.built_at = at;
      row.updated_at = at;
      ctx.requests.addEvent(row.id, actorOf(user), row.status, row.status, `Built on ${on}`, at);
      ctx.audit.record(actorOf(user), 'built', 'site_request', row.id, null, { built_on: on, site_id: siteId }, at);
      ctx.requests.save(row);
    },
    () => [siteId],
  );
}

/** Lapses an unbuilt approval: a new structure leaves the live registry (decommissioned, never built); a change
 *  is undone (the operator's antennas and the height as they were). */
function lapse(ctx: Ctx, row: RequestRow, at: string): void {
  const siteId = row.site_id!;
  ctx.sites.bulk(
    () => {
      const before = ctx.sites.get(siteId);
      if (before && row.type === 'new_structure' && before.status === 'approved') {
        ctx.sites.setLifecycle(siteId, 'decommissioned', null, null, at);
        ctx.audit.record(SYSTEM, 'update', 'site', siteId, { status: 'approved' }, { status: 'decommissioned', reason: `approval ${row.id} lapsed` }, at);
      } else if (before && row.applied) {
        const applied = JSON.parse(row.applied) as Applied;
        ctx.sites.replaceOperatorAntennas(siteId, row.operator_id, applied.antennas, applied.height_m, at);
        ctx.audit.record(SYSTEM, 'update', 'site', siteId, siteProperties(before), { ...siteProperties(ctx.sites.get(siteId)!), reason: `approval ${row.id} lapsed` }, at);
      }
      step(ctx, row, 'lapsed', SYSTEM, `Not built by ${row.lapses_at}: the approval lapsed`, at);
      ctx.requests.save(row);
    },
    () => [siteId],
  );
}

/** Applies every step the clock owes at the store's `now`: consultations that ended go under review, unbuilt
 *  approvals past their date lapse. Idempotent; called before requests are read. */
export function applyDueSteps(ctx: Ctx): void {
  const now = ctx.requests.clock();
  for (const id of ctx.requests.dueIds(now.toISOString())) {
    const row = ctx.requests.get(id)!;
    const to = dueTransition(toSiteRequest(row, []), now);
    if (to === 'under_review') closeConsultation(ctx, row, SYSTEM, 'system');
    else if (to === 'lapsed') lapse(ctx, row, now.toISOString());
  }
}
