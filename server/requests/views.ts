/** Site requests as the API shows them: the private view (operator and planners), the queue's summary, and
 *  the public consultation page, which never carries private fields (who filed it, commenters' contact). */
import type { ProposalView } from '../../shared/api/proposals.js';
import type { RequestSummary, RequestView } from '../../shared/api/requests.js';
import type { AttachmentView, CommentView } from '../../shared/api/request-views.js';
import type { AntennaInput } from '../../shared/model.js';
import {
  MISSING_WORDING, daysLeft, isConsultationOpen, isOverdue, keyExposurePoints, nextStatuses, type MissingItem, type SharingOption,
} from '../../shared/site-requests.js';
import type { SitingResult } from '../../shared/siting.js';
import type { Ctx } from '../context.js';
import type { SessionUser } from '../http/session.js';
import type { AttachmentMeta } from '../store/request-attachments.js';
import type { CommentRow } from '../store/request-comments.js';
import { toSiteRequest, type RequestRow } from '../store/requests.js';
import { sharingAround, workflowRole } from './workflow.js';

const json = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

function attachmentView(a: AttachmentMeta): AttachmentView {
  return {
    id: a.id, kind: a.kind, filename: a.filename, content_type: a.content_type, size_bytes: a.size_bytes, created_at: a.created_at,
    url: `/api/requests/${a.request_id}/attachments/${a.id}`,
  };
}

/** A comment as the public sees it (text and date), or as planners see it (contact and hiding too). */
export function commentView(c: CommentRow, planner: boolean): CommentView {
  if (!planner) return { id: c.id, body: c.body, created_at: c.created_at };
  return { id: c.id, body: c.body, created_at: c.created_at, hidden: c.hidden_at !== null, hidden_reason: c.hidden_reason, name: c.name, email: c.email };
}

/** Fields every viewer of a request sees. */
function fieldsView(ctx: Ctx, row: RequestRow) {
  const antennas = JSON.parse(row.antennas) as AntennaInput[];
  const conditions = JSON.parse(row.conditions) as string[];
  return {
    id: row.id, type: row.type, status: row.status, operator_id: row.operator_id,
    operator: ctx.requests.operator(row.operator_id) ?? { name_fa: row.operator_id, name_en: row.operator_id },
    site_id: row.site_id, site_code: row.site_id === null ? null : (ctx.sites.get(row.site_id)?.code ?? null),
    lon: row.lon, lat: row.lat, structure_type: row.structure_type, height_m: row.height_m,
    antennas: antennas.map((a) => ({ ...a, power_reduction: a.power_reduction ?? 1 })), purpose: row.purpose, address: row.address,
    decision: row.decision && row.decided_at ? { decision: row.decision, reasons: row.reasons ?? '', conditions, decided_at: row.decided_at } : null,
    exposure: row.lon !== null && row.lat !== null ? keyExposurePoints(row.lon, row.lat, antennas) : [],
  };
}

/** The request as its operator or a planner sees it at `now`. */
export function requestView(ctx: Ctx, row: RequestRow, user: SessionUser): RequestView {
  const now = ctx.requests.clock();
  const planner = workflowRole(user) === 'planner';
  const editable = row.status === 'draft' || row.status === 'incomplete';
  // While editable the options are live (what the form shows); from submission on, those frozen with the report.
  const options = editable && row.type === 'new_structure' && row.lon !== null && row.lat !== null
    ? sharingAround(ctx, row.lon, row.lat, row.operator_id).options
    : (JSON.parse(row.sharing_options) as SharingOption[]);
  const missing = (JSON.parse(row.missing) as MissingItem[]).map((item) => ({ item, ...MISSING_WORDING[item] }));
  const comments = ctx.requestComments.list(row.id).filter((c) => planner || c.hidden_at === null).map((c) => commentView(c, planner));
  return {
    ...fieldsView(ctx, row),
    created_by: ctx.requests.userName(row.created_by),
    sharing_justification: row.sharing_justification,
    sharing_options: options,
    missing: row.status === 'incomplete' ? missing : [],
    rule_report: json<SitingResult>(row.rule_report) as RequestView['rule_report'],
    rule_report_at: row.rule_report_at,
    recheck_report: json<SitingResult>(row.recheck_report) as RequestView['recheck_report'],
    recheck_at: row.recheck_at,
    clocks: {
      first_submitted_at: row.first_submitted_at, submitted_at: row.submitted_at, consultation_started_at: row.consultation_started_at,
      consultation_ends_at: row.consultation_ends_at, consultation_open: isConsultationOpen(row, now), consultation_radius_m: row.consultation_radius_m,
      decision_due_at: row.decision_due_at, days_left: daysLeft(row, now), overdue: isOverdue(row, now), decided_at: row.decided_at,
      lapses_at: row.lapses_at, built_at: row.built_at,
    },
    decided_by: row.decided_by,
    attachments: ctx.requestFiles.list(row.id).map(attachmentView),
    comments,
    history: ctx.requests.events(row.id),
    next_statuses: nextStatuses(row.status, workflowRole(user)),
    public_path: row.consultation_started_at !== null && row.status !== 'withdrawn' ? `/proposals/${row.id}` : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** One line of the queue. */
export function requestSummary(ctx: Ctx, row: RequestRow, now: Date): RequestSummary {
  return {
    id: row.id, type: row.type, status: row.status, operator_id: row.operator_id, site_id: row.site_id, lon: row.lon, lat: row.lat,
    height_m: row.height_m, structure_type: row.structure_type, address: row.address,
    verdict: json<SitingResult>(row.rule_report)?.verdict ?? null, comment_count: ctx.requestComments.visibleCount(row.id),
    submitted_at: row.submitted_at, consultation_ends_at: row.consultation_ends_at, decision_due_at: row.decision_due_at,
    days_left: daysLeft(row, now), overdue: isOverdue(row, now), created_at: row.created_at, updated_at: row.updated_at,
  };
}

/** Whether the public may see a request: once its consultation opened, unless it was withdrawn. */
export function isPublic(row: RequestRow): boolean {
  return row.consultation_started_at !== null && row.status !== 'withdrawn';
}

/** The public consultation page of a proposal. */
export function proposalView(ctx: Ctx, row: RequestRow): ProposalView {
  const now = ctx.requests.clock();
  const sr = toSiteRequest(row, []);
  const open = isConsultationOpen(sr, now);
  return {
    ...fieldsView(ctx, row),
    sharing_justification: row.sharing_justification,
    rule_report: json<SitingResult>(row.rule_report) as ProposalView['rule_report'],
    documents: ctx.requestFiles.list(row.id).map(attachmentView),
    consultation: {
      started_at: row.consultation_started_at, ends_at: row.consultation_ends_at, open, radius_m: row.consultation_radius_m,
      days_left: open ? Math.ceil((Date.parse(row.consultation_ends_at!) - now.getTime()) / 86_400_000) : null,
    },
    comments: ctx.requestComments.list(row.id).filter((c) => c.hidden_at === null).map((c) => commentView(c, false)),
  };
}

/** A proposal as a map feature with public fields. */
export function proposalFeature(ctx: Ctx, row: RequestRow): GeoJSON.Feature<GeoJSON.Point> {
  return {
    type: 'Feature', id: row.id, geometry: { type: 'Point', coordinates: [row.lon!, row.lat!] },
    properties: {
      id: row.id, type: row.type, status: row.status, operator_id: row.operator_id, structure_type: row.structure_type, height_m: row.height_m,
      address: row.address, consultation_ends_at: row.consultation_ends_at, consultation_radius_m: row.consultation_radius_m,
      verdict: json<SitingResult>(row.rule_report)?.verdict ?? null, comment_count: ctx.requestComments.visibleCount(row.id),
    },
  };
}
