/** The public consultation on proposed sites (modelled on Australia's RFNSA site pages): the map layer, one
 *  page per proposal, residents' comments without an account, and the planner's moderation. */
import { z } from 'zod';
import { text } from '../model.js';
import { REQUEST_LIMITS as L } from '../site-requests.js';
import { BBox, IdParams, endpoint } from './endpoint.js';
import { SitingCheckResponse } from './siting.js';
import { AttachmentView, CommentView, KeyPoint, RequestFieldsView } from './request-views.js';

/** An optional personal field: absent, null or blank all mean "not given". */
const optionalText = (max: number) => text(max).nullish().transform((s) => (s ? s : null));

export const ProposalView = RequestFieldsView.extend({
  sharing_justification: z.string().nullable(),
  exposure: z.array(KeyPoint),
  rule_report: SitingCheckResponse.nullable(),
  documents: z.array(AttachmentView),
  consultation: z.object({
    started_at: z.string().nullable(), ends_at: z.string().nullable(), open: z.boolean(), radius_m: z.number().nullable(),
    days_left: z.number().int().nullable(),
  }),
  /** Comments not hidden by a planner, oldest first: text and date only. */
  comments: z.array(CommentView),
});
export type ProposalView = z.infer<typeof ProposalView>;

export const listProposals = endpoint({
  id: 'listProposals', method: 'get', path: '/api/proposals', tag: 'proposals', access: 'public',
  query: z.object({ bbox: BBox.optional() }).strict(),
  summary: 'Proposed sites in consultation or under review as GeoJSON points with public fields',
  response: { status: 200, description: 'FeatureCollection', contentType: 'application/geo+json' },
});

export const getProposal = endpoint({
  id: 'getProposal', method: 'get', path: '/api/proposals/:id', tag: 'proposals', access: 'public', params: IdParams,
  summary: 'The public page of a proposed site: what, where, why, height, antennas, predicted exposure, rule check, documents, deadline, comments (404 before consultation)',
  response: { status: 200, description: 'the proposal', schema: ProposalView },
});

export const CommentBody = z
  .object({
    body: text(L.commentChars).pipe(z.string().min(1)),
    /** Private: seen by planners only. */
    name: optionalText(200),
    email: optionalText(254).refine((s) => s === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'must be an email address'),
    /** Honeypot, hidden from people: when filled the answer looks like success and nothing is stored. */
    website: z.string().max(2000).optional(),
  })
  .strict();
export const postComment = endpoint({
  id: 'postComment', method: 'post', path: '/api/proposals/:id/comments', tag: 'proposals', access: 'public', params: IdParams, body: CommentBody,
  summary: 'Comment on a proposal during its consultation (no account; name and email optional and private). Published at once, a planner may hide it; rate-limited per address (429 with Retry-After); 409 once the consultation closed',
  response: { status: 201, description: 'the comment as the public sees it', schema: CommentView },
});

export const CommentParams = z.object({ id: IdParams.shape.id, commentId: IdParams.shape.id }).strict();
export const moderateComment = endpoint({
  id: 'moderateComment', method: 'post', path: '/api/proposals/:id/comments/:commentId/hide', tag: 'proposals', access: 'planner', params: CommentParams,
  body: z.object({ reason: text(1000).pipe(z.string().min(1)), hidden: z.boolean().default(true) }).strict(),
  summary: 'Hide an abusive comment from the public (the reason is kept for planners); hidden=false shows it again; audited',
  response: { status: 200, description: 'the comment as planners see it', schema: CommentView },
});

export const proposalEndpoints = [listProposals, getProposal, postComment, moderateComment];
