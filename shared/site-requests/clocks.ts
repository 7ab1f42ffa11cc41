/** The clocks of a site request (DOMAIN.md section 4): the consultation period, the decision deadline
 *  ("shot clock"), days left, overdue, and the lapse of an unbuilt approval. Time is always passed in. */
import type { Policy } from '../policy.js';
import type { RequestStatus, SiteRequest } from '../site-requests.js';

const DAY_MS = 86_400_000;
const PENDING: readonly RequestStatus[] = ['submitted', 'consultation', 'under_review'];
const APPROVED: readonly RequestStatus[] = ['approved', 'approved_with_conditions'];

/** `iso` plus whole days, as ISO 8601. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

/** `iso` plus calendar months in UTC, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds())).toISOString();
}

/** When the residents' comment period ends: the opening plus the days frozen when it opened; null before. */
export function consultationEnds(request: Pick<SiteRequest, 'consultation_started_at' | 'consultation_days'>): string | null {
  if (request.consultation_started_at === null || request.consultation_days === null) return null;
  return addDays(request.consultation_started_at, request.consultation_days);
}

/** Whether residents may still comment at `now`. */
export function isConsultationOpen(request: Pick<SiteRequest, 'status' | 'consultation_started_at' | 'consultation_days'>, now: Date): boolean {
  const end = consultationEnds(request);
  return request.status === 'consultation' && end !== null && now.getTime() < Date.parse(end);
}

/** Days the city has to decide: a new structure gets new_structure_days; a change or a colocation on an
 *  existing structure gets change_days (the FCC's 60-day clock for modifications, 47 CFR 1.6003(c)). */
export function decisionDays(type: SiteRequest['type'], policy: Policy): number {
  return type === 'new_structure' ? policy.decision_clock.new_structure_days : policy.decision_clock.change_days;
}

/** The decision deadline counted from the complete submission (time spent incomplete does not count, as an
 *  incompleteness notice tolls the FCC shot clock, 47 CFR 1.6003(d)); null before a complete submission. */
export function decisionDeadline(request: Pick<SiteRequest, 'type' | 'submitted_at'>, policy: Policy): string | null {
  return request.submitted_at === null ? null : addDays(request.submitted_at, decisionDays(request.type, policy));
}

/** Whole days left until the decision deadline (rounded up: 0.5 day left is 1; overdue is ≤ 0); null when no
 *  decision is pending. */
export function daysLeft(request: Pick<SiteRequest, 'status' | 'decision_due_at'>, now: Date): number | null {
  if (!PENDING.includes(request.status) || request.decision_due_at === null) return null;
  const d = Math.ceil((Date.parse(request.decision_due_at) - now.getTime()) / DAY_MS);
  return d === 0 ? 0 : d; // never -0
}

/** Whether a pending request is past its decision deadline at `now`. */
export function isOverdue(request: Pick<SiteRequest, 'status' | 'decision_due_at'>, now: Date): boolean {
  return PENDING.includes(request.status) && request.decision_due_at !== null && now.getTime() > Date.parse(request.decision_due_at);
}

/** When an approval lapses unless the site is built: the decision plus policy.approval.lapse_months (12 by
 *  default, France's rule, DOMAIN.md section 2); null for anything not approved. */
export function approvalLapsesAt(request: Pick<SiteRequest, 'status' | 'decided_at'>, policy: Policy): string | null {
  if (!APPROVED.includes(request.status) || request.decided_at === null) return null;
  return addMonths(request.decided_at, policy.approval.lapse_months);
}

/** The step the clock owes at `now`, if any: a finished consultation goes under review; an unbuilt approval
 *  past its lapse date lapses. The server applies it lazily whenever it reads requests. */
export function dueTransition(
  request: Pick<SiteRequest, 'status' | 'consultation_started_at' | 'consultation_days' | 'lapses_at' | 'built_at'>,
  now: Date,
): RequestStatus | null {
  if (request.status === 'consultation') {
    const end = consultationEnds(request);
    return end !== null && now.getTime() >= Date.parse(end) ? 'under_review' : null;
  }
  if (APPROVED.includes(request.status) && request.built_at === null && request.lapses_at !== null) {
    return now.getTime() >= Date.parse(request.lapses_at) ? 'lapsed' : null;
  }
  return null;
}

/** The planner's queue order: overdue first (most overdue first), then fewest days left, then requests
 *  without a running clock, oldest id first. */
export function compareQueue(
  a: Pick<SiteRequest, 'id' | 'status' | 'decision_due_at'>,
  b: Pick<SiteRequest, 'id' | 'status' | 'decision_due_at'>,
): number {
  const due = (r: typeof a) => (PENDING.includes(r.status) && r.decision_due_at !== null ? Date.parse(r.decision_due_at) : Infinity);
  const da = due(a);
  const db = due(b);
  if (da !== db) return da < db ? -1 : 1;
  return a.id - b.id;
}
