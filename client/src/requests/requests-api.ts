/** The site-request and consultation calls the client makes, typed from the shared contract
 *  (shared/api/requests.ts, shared/api/proposals.ts, shared/api/siting.ts). */
import type { z } from 'zod';
import type { CommentBody, ProposalView } from '../../../shared/api/proposals.js';
import type { CommentView } from '../../../shared/api/request-views.js';
import type { DecisionBody, DecisionLetter, RequestCreate, RequestPatch, RequestSummary, RequestView } from '../../../shared/api/requests.js';
import type { ExposureGridResponse, SitingCheckResponse } from '../../../shared/api/siting.js';
import type { AttachmentKind, RequestStatus } from '../../../shared/site-requests.js';
import type { SitingCheckRequest, SitingContext } from '../../../shared/siting.js';
import { request } from '../api.js';

export type { CommentView, ProposalView, RequestSummary, RequestView };
export type Letter = z.infer<typeof DecisionLetter>;
export type RuleReport = z.infer<typeof SitingCheckResponse>;
export type SharingOption = RequestView['sharing_options'][number];
export type Attachment = RequestView['attachments'][number];

/** GET /api/siting/context: checkSiting's context plus where and how far it holds. */
export interface SitingContextAnswer extends SitingContext {
  centre: { lon: number; lat: number };
  margin_m: number;
  height_m: number;
}

export interface SharingAnswer {
  radius_m: number;
  justification_required: boolean;
  options: SharingOption[];
}

/** A proposal on the public map (GET /api/proposals). */
export interface ProposalPointProps {
  id: number;
  type: RequestView['type'];
  status: RequestStatus;
  operator_id: string;
  structure_type: RequestView['structure_type'];
  height_m: number | null;
  address: string | null;
  consultation_ends_at: string | null;
  consultation_radius_m: number | null;
  verdict: 'pass' | 'warn' | 'fail' | null;
  comment_count: number;
}
export type ProposalPoints = GeoJSON.FeatureCollection<GeoJSON.Point, ProposalPointProps>;

const r = (id: number, rest = '') => `/api/requests/${id}${rest}`;

/** Calls of the request, proposal and siting endpoints. */
export const requestsApi = {
  list: (query: { status?: RequestStatus | 'open'; limit?: number }, signal?: AbortSignal) =>
    request<{ total: number; items: RequestSummary[] }>('GET', '/api/requests', { query, signal }),
  get: (id: number, signal?: AbortSignal) => request<RequestView>('GET', r(id), { signal }),
  create: (body: z.input<typeof RequestCreate>) => request<RequestView>('POST', '/api/requests', { body }),
  patch: (id: number, body: RequestPatch) => request<RequestView>('PATCH', r(id), { body }),
  submit: (id: number) => request<RequestView>('POST', r(id, '/submit')),
  withdraw: (id: number, reason: string) => request<RequestView>('POST', r(id, '/withdraw'), { body: { reason } }),
  markBuilt: (id: number, builtOn?: string) => request<RequestView>('POST', r(id, '/built'), { body: builtOn ? { built_on: builtOn } : {} }),
  closeConsultation: (id: number) => request<RequestView>('POST', r(id, '/review')),
  recheck: (id: number) => request<RequestView>('POST', r(id, '/recheck')),
  decide: (id: number, body: z.input<typeof DecisionBody>) => request<RequestView>('POST', r(id, '/decision'), { body }),
  letter: (id: number, signal?: AbortSignal) => request<Letter>('GET', r(id, '/letter'), { signal }),
  attach: (id: number, file: Blob, filename: string, kind: AttachmentKind) =>
    request<Attachment>('POST', r(id, '/attachments'), { query: { filename, kind }, raw: file }),
  sharing: (lon: number, lat: number, signal?: AbortSignal) =>
    request<SharingAnswer>('GET', '/api/sharing-options', { query: { lon: lon.toFixed(7), lat: lat.toFixed(7) }, signal }),
  sitingContext: (lon: number, lat: number, marginM: number, signal?: AbortSignal) =>
    request<SitingContextAnswer>('GET', '/api/siting/context', { query: { lon: lon.toFixed(7), lat: lat.toFixed(7), margin_m: marginM }, signal }),
  sitingCheck: (body: SitingCheckRequest, signal?: AbortSignal) => request<RuleReport>('POST', '/api/siting/check', { body, signal }),
  exposureGrid: (bbox: string, cellM: number, signal?: AbortSignal) =>
    request<ExposureGridResponse>('GET', '/api/exposure/grid', { query: { bbox, cell_m: cellM }, signal }),
  proposals: (bbox: string, signal?: AbortSignal) => request<ProposalPoints>('GET', '/api/proposals', { query: { bbox }, signal }),
  proposal: (id: number, signal?: AbortSignal) => request<ProposalView>('GET', `/api/proposals/${id}`, { signal }),
  comment: (id: number, body: z.input<typeof CommentBody>) => request<CommentView>('POST', `/api/proposals/${id}/comments`, { body }),
  hideComment: (id: number, commentId: number, reason: string, hidden: boolean) =>
    request<CommentView>('POST', `/api/proposals/${id}/comments/${commentId}/hide`, { body: { reason, hidden } }),
};
