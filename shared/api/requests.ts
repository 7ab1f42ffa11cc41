/** Site requests: the operator's drafts, submission, attachments and withdrawal; the planner's queue, review,
 *  re-check, decision and letter; the built mark. The public consultation lives in shared/api/proposals.ts. */
import { z } from 'zod';
import { AntennaInput, Lat, Lon, STRUCTURE_TYPES, text } from '../model.js';
import { ATTACHMENT_KINDS, DECISIONS, REQUEST_LIMITS as L, REQUEST_STATUSES, REQUEST_TYPES } from '../site-requests.js';
import { SitingCheckResponse } from './siting.js';
import { IdParams, endpoint, qInt, qNumber } from './endpoint.js';
import { AttachmentView, CommentView, HistoryEvent, KeyPoint, RequestFieldsView, SharingOptionView } from './request-views.js';

const fields = {
  site_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
  lon: Lon.nullable(),
  lat: Lat.nullable(),
  structure_type: z.enum(STRUCTURE_TYPES).nullable(),
  height_m: z.number().finite().gt(0).lte(650).nullable(),
  antennas: z.array(AntennaInput.strict()).max(64),
  purpose: text(L.purposeChars),
  address: text(200).nullable(),
  sharing_justification: text(L.justificationChars).nullable(),
};

/** A new draft: only the type is needed; a change or colocation names its structure (its location is copied). */
export const RequestCreate = z
  .object({
    type: z.enum(REQUEST_TYPES),
    site_id: fields.site_id.default(null),
    lon: fields.lon.default(null),
    lat: fields.lat.default(null),
    structure_type: fields.structure_type.default(null),
    height_m: fields.height_m.default(null),
    antennas: fields.antennas.default([]),
    purpose: fields.purpose.default(''),
    address: fields.address.default(null),
    sharing_justification: fields.sharing_justification.default(null),
  })
  .strict();
export type RequestCreate = z.infer<typeof RequestCreate>;

/** A partial edit of a draft or an incomplete request: fields left out keep their value (no defaults). */
export const RequestPatch = z.object(fields).partial().strict();
export type RequestPatch = z.infer<typeof RequestPatch>;

const Clocks = z.object({
  first_submitted_at: z.string().nullable(),
  submitted_at: z.string().nullable(),
  consultation_started_at: z.string().nullable(),
  consultation_ends_at: z.string().nullable(),
  consultation_open: z.boolean(),
  consultation_radius_m: z.number().nullable(),
  decision_due_at: z.string().nullable(),
  days_left: z.number().int().nullable(),
  overdue: z.boolean(),
  decided_at: z.string().nullable(),
  lapses_at: z.string().nullable(),
  built_at: z.string().nullable(),
});

/** A request as its operator and the planners see it. */
export const RequestView = RequestFieldsView.extend({
  created_by: z.string(),
  sharing_justification: z.string().nullable(),
  sharing_options: z.array(SharingOptionView),
  /** MISSING_ITEMS codes from the last completeness check, with wording. */
  missing: z.array(z.object({ item: z.string(), fa: z.string(), en: z.string() })),
  rule_report: SitingCheckResponse.nullable(),
  rule_report_at: z.string().nullable(),
  recheck_report: SitingCheckResponse.nullable(),
  recheck_at: z.string().nullable(),
  clocks: Clocks,
  decided_by: z.string().nullable(),
  attachments: z.array(AttachmentView),
  /** Planners see contact fields and hidden comments; operators see what the public sees. */
  comments: z.array(CommentView),
  history: z.array(HistoryEvent),
  /** States this user may move the request to now (the system's steps excluded). */
  next_statuses: z.array(z.enum(REQUEST_STATUSES)),
  exposure: z.array(KeyPoint),
  /** The public page's path, once the consultation opened. */
  public_path: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type RequestView = z.infer<typeof RequestView>;

export const RequestSummary = z.object({
  id: z.number().int(), type: z.enum(REQUEST_TYPES), status: z.enum(REQUEST_STATUSES), operator_id: z.string(),
  site_id: z.number().nullable(), lon: z.number().nullable(), lat: z.number().nullable(), height_m: z.number().nullable(),
  structure_type: z.enum(STRUCTURE_TYPES).nullable(), address: z.string().nullable(),
  verdict: z.enum(['pass', 'warn', 'fail']).nullable(), comment_count: z.number().int(),
  submitted_at: z.string().nullable(), consultation_ends_at: z.string().nullable(), decision_due_at: z.string().nullable(),
  days_left: z.number().int().nullable(), overdue: z.boolean(), created_at: z.string(), updated_at: z.string(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const createRequest = endpoint({
  id: 'createRequest', method: 'post', path: '/api/requests', tag: 'requests', access: 'operator', body: RequestCreate,
  summary: "Start a draft for the signed-in operator; antennas must be the operator's own; a change names one of its structures, a colocation another operator's",
  response: { status: 201, description: 'the request', schema: RequestView },
});

export const patchRequest = endpoint({
  id: 'patchRequest', method: 'patch', path: '/api/requests/:id', tag: 'requests', access: 'operator', params: IdParams, body: RequestPatch,
  summary: 'Edit a draft or an incomplete request (409 in any other state)',
  response: { status: 200, description: 'the request', schema: RequestView },
});

export const submitRequest = endpoint({
  id: 'submitRequest', method: 'post', path: '/api/requests/:id/submit', tag: 'requests', access: 'operator', params: IdParams,
  summary: 'Submit: the rule report is frozen (a failing pre-check still goes in); complete → consultation, the clocks start; incomplete → incomplete with the missing items',
  response: { status: 200, description: 'the request', schema: RequestView },
});

export const ListQuery = z
  .object({
    status: z.enum([...REQUEST_STATUSES, 'open']).optional(),
    type: z.enum(REQUEST_TYPES).optional(),
    limit: qInt(1, 1000).default(200),
    offset: qInt(0, 1_000_000).default(0),
  })
  .strict();
export const listRequests = endpoint({
  id: 'listRequests', method: 'get', path: '/api/requests', tag: 'requests', access: 'user', query: ListQuery,
  summary: "The queue: an operator sees its own operator's requests, a planner all; overdue first, then fewest days left, then the rest",
  response: { status: 200, description: '{total, items}', schema: z.object({ total: z.number().int(), items: z.array(RequestSummary) }) },
});

export const getRequest = endpoint({
  id: 'getRequest', method: 'get', path: '/api/requests/:id', tag: 'requests', access: 'user', params: IdParams,
  summary: "One request with its rule report, sharing options, attachments, comments, clocks and history (404 for another operator's)",
  response: { status: 200, description: 'the request', schema: RequestView },
});

export const AttachmentQuery = z.object({ filename: text(200).pipe(z.string().min(1)), kind: z.enum(ATTACHMENT_KINDS) }).strict();
export const addAttachment = endpoint({
  id: 'addAttachment', method: 'post', path: '/api/requests/:id/attachments', tag: 'requests', access: 'operator', params: IdParams, query: AttachmentQuery,
  summary: 'Attach a PDF, JPEG, PNG or WebP sent as the raw body (type sniffed from its bytes, at most 10 MB) to a draft or incomplete request',
  response: { status: 201, description: 'the attachment', schema: AttachmentView },
});

export const AttachmentParams = z.object({ id: IdParams.shape.id, attachmentId: IdParams.shape.id }).strict();
export const getAttachment = endpoint({
  id: 'getAttachment', method: 'get', path: '/api/requests/:id/attachments/:attachmentId', tag: 'requests', access: 'public', params: AttachmentParams,
  summary: 'An attachment: public once the consultation opened, else the operator\'s and planners\' only; PDFs download (Content-Disposition: attachment)',
  response: { status: 200, description: 'the file', contentType: 'application/octet-stream' },
});

export const closeConsultation = endpoint({
  id: 'closeConsultation', method: 'post', path: '/api/requests/:id/review', tag: 'requests', access: 'planner', params: IdParams,
  summary: 'Record the end of the consultation and start the review (409 while residents may still comment; reads apply it too)',
  response: { status: 200, description: 'the request', schema: RequestView },
});

export const recheckRequest = endpoint({
  id: 'recheckRequest', method: 'post', path: '/api/requests/:id/recheck', tag: 'requests', access: 'planner', params: IdParams,
  summary: 'Re-run the siting check against the registry and policy of today; the report frozen at submission stays',
  response: { status: 200, description: 'the request', schema: RequestView },
});

export const DecisionBody = z
  .object({
    decision: z.enum(DECISIONS),
    reasons: text(L.reasonsChars),
    conditions: z.array(text(L.conditionChars)).max(L.conditions).default([]),
  })
  .strict();
export const decideRequest = endpoint({
  id: 'decideRequest', method: 'post', path: '/api/requests/:id/decision', tag: 'requests', access: 'planner', params: IdParams, body: DecisionBody,
  summary: 'Decide a request under review, always with reasons; an approval puts the site in the registry (status approved, source request) in the same transaction',
  response: { status: 200, description: 'the request', schema: RequestView },
});

export const markBuilt = endpoint({
  id: 'markBuilt', method: 'post', path: '/api/requests/:id/built', tag: 'requests', access: 'operator', params: IdParams,
  body: z.object({ built_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional() }).strict().optional(),
  summary: 'The approved work is built: the site turns active (installed_on = built_on or today) and the approval can no longer lapse',
  response: { status: 200, description: 'the request', schema: RequestView },
});

export const withdrawRequest = endpoint({
  id: 'withdrawRequest', method: 'post', path: '/api/requests/:id/withdraw', tag: 'requests', access: 'operator', params: IdParams,
  body: z.object({ reason: text(L.reasonsChars).default('') }).strict().optional(),
  summary: 'Withdraw a request not yet decided',
  response: { status: 200, description: 'the request', schema: RequestView },
});

const LetterText = z.object({ title: z.string(), decision: z.string(), body: z.array(z.string()) });
export const DecisionLetter = z.object({
  reference: z.string(), request_id: z.number().int(), type: z.enum(REQUEST_TYPES), decision: z.enum(DECISIONS),
  status: z.enum(REQUEST_STATUSES),
  operator: z.object({ id: z.string(), name_fa: z.string(), name_en: z.string() }),
  site: z.object({ id: z.number().int().nullable(), code: z.string().nullable(), lon: z.number(), lat: z.number(), address: z.string().nullable(), structure_type: z.string(), height_m: z.number() }),
  antenna_count: z.number().int(), submitted_at: z.string().nullable(), decided_at: z.string(), decided_by: z.string(),
  reasons: z.string(), conditions: z.array(z.string()), lapses_at: z.string().nullable(), policy_version: z.number().nullable(),
  verdict: z.enum(['pass', 'warn', 'fail']).nullable(),
  fa: LetterText, en: LetterText,
});
export const decisionLetter = endpoint({
  id: 'decisionLetter', method: 'get', path: '/api/requests/:id/letter', tag: 'requests', access: 'user', params: IdParams,
  summary: 'The decision letter as data for a printable page in Persian and English (409 before a decision)',
  response: { status: 200, description: 'letter', schema: DecisionLetter },
});

export const SharingQuery = z.object({ lon: qNumber(-180, 180), lat: qNumber(-90, 90), operator: z.string().min(1).max(40).optional() }).strict();
export const sharingOptionsAt = endpoint({
  id: 'sharingOptions', method: 'get', path: '/api/sharing-options', tag: 'requests', access: 'user', query: SharingQuery,
  summary: "Existing structures within the share-first radius that the operator (a planner names one) could share, with operators and free room",
  response: { status: 200, description: '{radius_m, justification_required, options}', schema: z.object({ radius_m: z.number(), justification_required: z.boolean(), options: z.array(SharingOptionView) }) },
});

export const requestEndpoints = [
  createRequest, patchRequest, submitRequest, listRequests, getRequest, addAttachment, getAttachment, closeConsultation,
  recheckRequest, decideRequest, markBuilt, withdrawRequest, decisionLetter, sharingOptionsAt,
];
