/** The site-request workflow on the server: drafts, submission with the completeness check and frozen rule
 *  report, the consultation's end, withdrawal, re-check. Each step is one transaction with its history event
 *  and audit event; the rules live in shared/site-requests.ts. Decisions are in server/requests/decision.ts. */
import type { RequestCreate, RequestPatch } from '../../shared/api/requests.js';
import { consultationRadiusM } from '../../shared/policy.js';
import {
  MISSING_WORDING, canTransition, consultationEnds, decisionDeadline, isConsultationOpen, missingForCompleteness, sharingOptions,
  type RequestStatus, type SharingOption, type WorkflowRole,
} from '../../shared/site-requests.js';
import type { SitingResult } from '../../shared/siting.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import type { SessionUser } from '../http/session.js';
import { runSitingCheck } from '../siting/context.js';
import { SYSTEM, type Actor } from '../store/audit.js';
import { toSiteRequest, type RequestRow } from '../store/requests.js';

/** The workflow role of a signed-in user: admins act as planners. */
export function workflowRole(user: SessionUser): WorkflowRole {
  return user.role === 'operator' ? 'operator' : 'planner';
}

/** The audit actor of a user. */
export const actorOf = (u: SessionUser): Actor => ({ id: u.id, name: u.username });

/** Moves a request to `to`, recording the history event and the audit event; call inside a transaction. */
export function step(ctx: Ctx, row: RequestRow, to: RequestStatus, actor: Actor, note: string, at: string): void {
  const from = row.status;
  row.status = to;
  row.updated_at = at;
  ctx.requests.addEvent(row.id, actor, from, to, note, at);
  ctx.audit.record(actor, 'transition', 'site_request', row.id, { status: from }, { status: to, note }, at);
}

/** 409 unless `role` may take the step. */
export function mustTransition(row: RequestRow, to: RequestStatus, role: WorkflowRole): void {
  if (!canTransition(row.status, to, role)) {
    throw new HttpError(409, 'illegal_transition', `A request that is ${row.status} cannot become ${to}`);
  }
}

const bad = (field: string, message: string) => new HttpError(400, 'validation_failed', message, { [field]: message });

type Fields = Omit<RequestCreate, 'type'>;

/** Checks a draft's fields for `type` and fills those an existing structure fixes (location, type, height and the
 *  operator's current antennas for a change); throws 400 naming the field. */
function normalise(ctx: Ctx, operatorId: string, type: RequestRow['type'], f: Fields, prefillAntennas: boolean): Fields {
  f.antennas.forEach((a, i) => {
    if (a.operator_id !== operatorId) throw bad(`body.antennas.${i}.operator_id`, "antennas must be the applicant operator's");
  });
  if (type === 'new_structure') {
    if (f.site_id !== null) throw bad('body.site_id', 'a new structure names no existing site');
    return f;
  }
  if (f.site_id === null) throw bad('body.site_id', `a ${type} request names the existing structure`);
  const site = ctx.sites.get(f.site_id);
  if (!site) throw bad('body.site_id', 'unknown site');
  if (site.status === 'decommissioned') throw bad('body.site_id', 'the site is decommissioned');
  const carries = site.operators.includes(`,${operatorId},`);
  if (type === 'change' && site.owner_operator_id !== operatorId && !carries) throw bad('body.site_id', 'a change is about a structure the operator owns or hangs antennas on');
  if (type === 'colocation' && (site.owner_operator_id === operatorId || carries)) throw bad('body.site_id', 'a colocation is on another operator\'s structure the applicant is not on yet');
  const antennas = f.antennas.length === 0 && prefillAntennas
    ? ctx.sites.antennas(site.id).filter((a) => a.operator_id === operatorId).map(({ id: _i, site_id: _s, ...a }) => a)
    : f.antennas;
  return { ...f, lon: site.lon, lat: site.lat, structure_type: site.structure_type, height_m: f.height_m ?? site.height_m, antennas };
}

const stored = (f: Fields) => ({ ...f, antennas: JSON.stringify(f.antennas) });

/** Starts a draft for the user's operator; returns its id. */
export function createDraft(ctx: Ctx, user: SessionUser, body: RequestCreate): number {
  const operatorId = user.operator_id!;
  const { type, ...rest } = body;
  const f = normalise(ctx, operatorId, type, rest, true);
  const now = ctx.requests.clock().toISOString();
  return ctx.db.transaction(() => {
    const id = ctx.requests.insert({
      type, status: 'draft', operator_id: operatorId, created_by: user.id, ...stored(f), sharing_options: '[]', missing: '[]',
      rule_report: null, rule_report_at: null, recheck_report: null, recheck_at: null, first_submitted_at: null, submitted_at: null,
      consultation_started_at: null, consultation_days: null, consultation_ends_at: null, consultation_radius_m: null, decision_due_at: null,
      decision: null, reasons: null, conditions: '[]', decided_at: null, decided_by: null, lapses_at: null, built_at: null, applied: null,
      created_at: now, updated_at: now,
    });
    ctx.requests.addEvent(id, actorOf(user), null, 'draft', '', now);
    ctx.audit.record(actorOf(user), 'create', 'site_request', id, null, { type, ...f }, now);
    return id;
  })();
}

/** Edits a draft or an incomplete request (409 otherwise). */
export function patchDraft(ctx: Ctx, user: SessionUser, row: RequestRow, patch: RequestPatch): void {
  if (row.status !== 'draft' && row.status !== 'incomplete') throw new HttpError(409, 'not_editable', `A request that is ${row.status} can no longer be edited`);
  const current: Fields = {
    site_id: row.site_id, lon: row.lon, lat: row.lat, structure_type: row.structure_type, height_m: row.height_m,
    antennas: JSON.parse(row.antennas), purpose: row.purpose, address: row.address, sharing_justification: row.sharing_justification,
  };
  if (row.type !== 'new_structure') {
    for (const k of ['lon', 'lat', 'structure_type'] as const) if (patch[k] !== undefined) throw bad(`body.${k}`, 'set by the existing structure');
  }
  const f = normalise(ctx, row.operator_id, row.type, { ...current, ...patch }, false);
  const now = ctx.requests.clock().toISOString();
  ctx.db.transaction(() => {
    Object.assign(row, stored(f), { updated_at: now });
    ctx.requests.save(row);
    ctx.audit.record(actorOf(user), 'update', 'site_request', row.id, current, f, now);
  })();
}

/** Sharing options around a point for an operator, within the share-first radius of the policy in force. */
export function sharingAround(ctx: Ctx, lon: number, lat: number, operatorId: string): { radiusM: number; options: SharingOption[] } {
  const radiusM = ctx.policy.current().policy.rules.share_first.radius_m;
  const near = ctx.sites.near(lon, lat, radiusM * 1.01, 1000).map(({ row }) => ({
    id: row.id, code: row.code, lon: row.lon, lat: row.lat, structure_type: row.structure_type, height_m: row.height_m,
    status: row.status, owner_operator_id: row.owner_operator_id, operators: row.operators.split(',').filter(Boolean),
  }));
  return { radiusM, options: sharingOptions(lon, lat, operatorId, near, radiusM) };
}

/** The siting check of a request's structure today, or null while its location, type or height is missing. */
export function checkRequest(ctx: Ctx, row: RequestRow): SitingResult | null {
  if (row.lon === null || row.lat === null || row.height_m === null || row.structure_type === null) return null;
  return runSitingCheck(ctx, {
    lon: row.lon, lat: row.lat, height_m: row.height_m, structure_type: row.structure_type, operator_id: row.operator_id,
    ...(row.site_id !== null && row.type !== 'new_structure' ? { site_id: row.site_id } : {}),
    antennas: JSON.parse(row.antennas),
  });
}

/** Submits: freezes the rule report and sharing options, runs the completeness check, and either opens the
 *  consultation with its clocks or returns the request as incomplete with the missing items. */
export function submit(ctx: Ctx, user: SessionUser, row: RequestRow): void {
  mustTransition(row, 'submitted', 'operator');
  const now = ctx.requests.clock();
  const at = now.toISOString();
  const { policy } = ctx.policy.current();
  const report = checkRequest(ctx, row);
  const options = row.type === 'new_structure' && row.lon !== null && row.lat !== null ? sharingAround(ctx, row.lon, row.lat, row.operator_id).options : [];
  ctx.db.transaction(() => {
    step(ctx, row, 'submitted', actorOf(user), '', at);
    row.first_submitted_at ??= at;
    row.sharing_options = JSON.stringify(options);
    row.rule_report = report ? JSON.stringify(report) : null;
    row.rule_report_at = report ? at : null;
    const missing = missingForCompleteness(toSiteRequest(row, ctx.requestFiles.list(row.id).map((a) => a.kind)));
    row.missing = JSON.stringify(missing);
    if (missing.length > 0) {
      step(ctx, row, 'incomplete', SYSTEM, `Missing: ${missing.map((m) => MISSING_WORDING[m].en).join('; ')}`, at);
    } else {
      row.submitted_at = at;
      row.consultation_started_at = at;
      row.consultation_days = policy.consultation.comment_days;
      row.consultation_ends_at = consultationEnds(row);
      row.consultation_radius_m = consultationRadiusM(policy, row.height_m!);
      row.decision_due_at = decisionDeadline(row, policy);
      const verdict = report ? ` Pre-check: ${report.verdict}.` : '';
      step(ctx, row, 'consultation', SYSTEM, `Complete. Consultation open until ${row.consultation_ends_at}.${verdict}`, at);
    }
    ctx.requests.save(row);
  })();
}

/** Ends a consultation whose comment period is over, as `actor` (the clock, or a planner recording it). */
export function closeConsultation(ctx: Ctx, row: RequestRow, actor: Actor, role: WorkflowRole): void {
  mustTransition(row, 'under_review', role);
  const now = ctx.requests.clock();
  if (isConsultationOpen(toSiteRequest(row, []), now)) {
    throw new HttpError(409, 'consultation_open', `Residents may comment until ${row.consultation_ends_at}`);
  }
  ctx.db.transaction(() => {
    step(ctx, row, 'under_review', actor, 'The consultation period ended', now.toISOString());
    ctx.requests.save(row);
  })();
}

/** Withdraws a request not yet decided. */
export function withdraw(ctx: Ctx, user: SessionUser, row: RequestRow, reason: string): void {
  mustTransition(row, 'withdrawn', 'operator');
  const at = ctx.requests.clock().toISOString();
  ctx.db.transaction(() => {
    step(ctx, row, 'withdrawn', actorOf(user), reason, at);
    ctx.requests.save(row);
  })();
}

/** Re-runs the siting check today and keeps it beside the frozen report. */
export function recheck(ctx: Ctx, user: SessionUser, row: RequestRow): void {
  const report = checkRequest(ctx, row);
  if (!report) throw new HttpError(409, 'not_checkable', 'The request has no location, structure type or height yet');
  const at = ctx.requests.clock().toISOString();
  ctx.db.transaction(() => {
    row.recheck_report = JSON.stringify(report);
    row.recheck_at = at;
    row.updated_at = at;
    ctx.requests.save(row);
    ctx.audit.record(actorOf(user), 'recheck', 'site_request', row.id, null, { verdict: report.verdict, policy_version: report.policy_version }, at);
  })();
}
