/** Operators' site requests (DOMAIN.md section 2): the lifecycle as a transitions table with the role that
 *  may take each step, the planner's decision as a pure function, and re-exports of the clocks, the
 *  completeness check, the sharing options and the predicted exposure. Pure: the clock is passed in. */
import type { AntennaInput, StructureType } from './model.js';
import type { SharingOption } from './site-requests/sharing.js';

export * from './site-requests/clocks.js';
export * from './site-requests/completeness.js';
export * from './site-requests/sharing.js';
export * from './site-requests/exposure.js';

export const REQUEST_TYPES = ['new_structure', 'change', 'colocation'] as const;
/** new_structure: a new mast; change: antennas added or changed, or a height change, on the operator's own
 *  structure; colocation: the operator's antennas on another operator's structure. */
export type RequestType = (typeof REQUEST_TYPES)[number];

/** DOMAIN.md section 2, plus `lapsed`: an approval not built within policy.approval.lapse_months (France's
 *  12-month rule) is moved there by the system, so the registry stops counting a mast that will not be built. */
export const REQUEST_STATUSES = [
  'draft', 'submitted', 'incomplete', 'consultation', 'under_review',
  'approved', 'approved_with_conditions', 'rejected', 'withdrawn', 'lapsed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Who takes a step: the applicant operator, a planner (admins act as planners), or the clock. */
export const WORKFLOW_ROLES = ['operator', 'planner', 'system'] as const;
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number];

export const DECISIONS = ['approve', 'approve_with_conditions', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

/** States the operator may still edit. */
export const EDITABLE_STATUSES = ['draft', 'incomplete'] as const satisfies readonly RequestStatus[];
/** States the public sees on the map and may comment in (consultation only). */
export const PUBLIC_MAP_STATUSES = ['consultation', 'under_review'] as const satisfies readonly RequestStatus[];
/** States awaiting the city: the decision clock runs. */
export const PENDING_STATUSES = ['submitted', 'consultation', 'under_review'] as const satisfies readonly RequestStatus[];
/** Approvals: the registry carries the site. */
export const APPROVED_STATUSES = ['approved', 'approved_with_conditions'] as const satisfies readonly RequestStatus[];
/** No step leads out of these except an approval's lapse. */
export const FINAL_STATUSES = ['approved', 'approved_with_conditions', 'rejected', 'withdrawn', 'lapsed'] as const satisfies readonly RequestStatus[];

/** Limits shared by the form and the server. */
export const REQUEST_LIMITS = {
  purposeChars: 4000,
  justificationChars: 4000,
  reasonsChars: 8000,
  conditionChars: 1000,
  conditions: 30,
  commentChars: 4000,
  attachmentBytes: 10 * 1024 * 1024,
  attachments: 20,
} as const;

const WITHDRAWABLE: readonly RequestStatus[] = ['draft', 'submitted', 'incomplete', 'consultation', 'under_review'];

/** [from, to, roles allowed]. `submitted` is passed through at every submission: the completeness check
 *  sends it on to `incomplete` or `consultation` at once (the system's step, or a planner's). */
const TRANSITIONS: ReadonlyArray<readonly [RequestStatus, RequestStatus, readonly WorkflowRole[]]> = [
  ['draft', 'submitted', ['operator']],
  ['incomplete', 'submitted', ['operator']],
  ['submitted', 'incomplete', ['system', 'planner']],
  ['submitted', 'consultation', ['system', 'planner']],
  // The clock closes the consultation; a planner may record it once the comment period has ended (server check).
  ['consultation', 'under_review', ['system', 'planner']],
  ['under_review', 'approved', ['planner']],
  ['under_review', 'approved_with_conditions', ['planner']],
  ['under_review', 'rejected', ['planner']],
  ...WITHDRAWABLE.map((from) => [from, 'withdrawn', ['operator']] as const),
  ['approved', 'lapsed', ['system']],
  ['approved_with_conditions', 'lapsed', ['system']],
];

/** Whether `role` may move a request from one state to another. */
export function canTransition(from: RequestStatus, to: RequestStatus, role: WorkflowRole): boolean {
  return TRANSITIONS.some(([f, t, roles]) => f === from && t === to && roles.includes(role));
}

/** The states `role` may move a request to next. */
export function nextStatuses(from: RequestStatus, role: WorkflowRole): RequestStatus[] {
  return TRANSITIONS.filter(([f, , roles]) => f === from && roles.includes(role)).map(([, t]) => t);
}

/** Whether a request is finished (decided, withdrawn or lapsed). */
export function isFinal(status: RequestStatus): boolean {
  return (FINAL_STATUSES as readonly RequestStatus[]).includes(status);
}

/** A request as the workflow sees it; timestamps are ISO 8601 strings. */
export interface SiteRequest {
  id: number;
  type: RequestType;
  status: RequestStatus;
  operator_id: string;
  /** The structure a change or colocation is about; for a new structure, the site created at approval. */
  site_id: number | null;
  lon: number | null;
  lat: number | null;
  structure_type: StructureType | null;
  height_m: number | null;
  /** The applicant's antennas on the structure after the work (a change replaces the operator's set). */
  antennas: AntennaInput[];
  /** Why the site is needed (coverage, capacity), shown to residents. */
  purpose: string;
  address: string | null;
  sharing_justification: string | null;
  /** Sharing options found at the last submission (or now, while editable). */
  sharing_options: SharingOption[];
  attachment_kinds: AttachmentKind[];
  /** The complete submission that started the clocks (an incomplete filing tolls them). */
  submitted_at: string | null;
  consultation_started_at: string | null;
  /** The comment period in force when the consultation opened (policy.consultation.comment_days). */
  consultation_days: number | null;
  decision_due_at: string | null;
  decision: Decision | null;
  reasons: string | null;
  conditions: string[];
  decided_at: string | null;
  lapses_at: string | null;
  built_at: string | null;
}

export const ATTACHMENT_KINDS = ['drawing', 'photomontage', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** A planner's decision as submitted. */
export interface DecisionInput {
  decision: Decision;
  reasons: string;
  conditions?: readonly string[];
}

/** Why a decision was refused: `wrong_state` is a conflict (409), the others bad input (400). */
export interface Refusal {
  refused: true;
  code: 'wrong_state' | 'reasons_required' | 'conditions_required' | 'conditions_not_allowed';
  field?: string;
  message: string;
}

const STATUS_OF: Readonly<Record<Decision, RequestStatus>> = {
  approve: 'approved',
  approve_with_conditions: 'approved_with_conditions',
  reject: 'rejected',
};

/** The request after a planner's decision at `now`, or a refusal: only under review, always with written
 *  reasons, conditions exactly when approving with conditions. Sets no lapse date (the caller adds it with
 *  approvalLapsesAt and the policy in force). */
export function decide(request: SiteRequest, input: DecisionInput, now: Date): SiteRequest | Refusal {
  const to = STATUS_OF[input.decision];
  if (!canTransition(request.status, to, 'planner')) {
    return { refused: true, code: 'wrong_state', message: `A request that is ${request.status} cannot be decided; it must be under review` };
  }
  const reasons = input.reasons.trim();
  if (reasons === '') return { refused: true, code: 'reasons_required', field: 'reasons', message: 'Every decision carries written reasons' };
  const conditions = (input.conditions ?? []).map((c) => c.trim()).filter((c) => c !== '');
  if (input.decision === 'approve_with_conditions' && conditions.length === 0) {
    return { refused: true, code: 'conditions_required', field: 'conditions', message: 'An approval with conditions lists at least one condition' };
  }
  if (input.decision !== 'approve_with_conditions' && conditions.length > 0) {
    return { refused: true, code: 'conditions_not_allowed', field: 'conditions', message: 'Conditions go with approve_with_conditions only' };
  }
  return { ...request, status: to, decision: input.decision, reasons, conditions, decided_at: now.toISOString() };
}

/** Whether `decide` refused. */
export function isRefusal(x: SiteRequest | Refusal): x is Refusal {
  return (x as Refusal).refused === true;
}
