/** The shapes of site requests in API answers, shared by the private view (shared/api/requests.ts) and the
 *  public consultation page (shared/api/proposals.ts). */
import { z } from 'zod';
import { STRUCTURE_TYPES, TECHNOLOGIES } from '../model.js';
import { ATTACHMENT_KINDS, DECISIONS, REQUEST_STATUSES, REQUEST_TYPES } from '../site-requests.js';

export const SharingOptionView = z.object({
  site_id: z.number().int(), code: z.string(), lon: z.number(), lat: z.number(), structure_type: z.enum(STRUCTURE_TYPES),
  height_m: z.number(), owner_operator_id: z.string(), operators: z.array(z.string()), distance_m: z.number(),
  capacity: z.number().int(), free_slots: z.number().int(),
});

export const AttachmentView = z.object({
  id: z.number().int(), kind: z.enum(ATTACHMENT_KINDS), filename: z.string(), content_type: z.string(),
  size_bytes: z.number().int(), created_at: z.string(),
  /** Where to fetch the file. */
  url: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** A resident's comment; name, email and the hiding fields appear for planners only. */
export const CommentView = z.object({
  id: z.number().int(), body: z.string().nullable(), created_at: z.string(),
  hidden: z.boolean().optional(), hidden_reason: z.string().nullable().optional(),
  name: z.string().nullable().optional(), email: z.string().nullable().optional(),
});
export type CommentView = z.infer<typeof CommentView>;

export const HistoryEvent = z.object({
  at: z.string(), actor: z.string(), from_status: z.enum(REQUEST_STATUSES).nullable(), to_status: z.enum(REQUEST_STATUSES), note: z.string(),
});

/** Predicted exposure from the proposal alone at a key point (shared/site-requests/exposure.ts). */
export const KeyPoint = z.object({
  kind: z.enum(['foot', 'beam', 'peak']), bearing_deg: z.number(), distance_m: z.number(), lon: z.number(), lat: z.number(),
  total_exposure_ratio: z.number(), e_total_vm: z.number(),
});

export const PublicAntenna = z.object({
  operator_id: z.string(), technology: z.enum(TECHNOLOGIES), frequency_mhz: z.number(), eirp_w: z.number(),
  azimuth_deg: z.number().nullable(), tilt_deg: z.number(), height_m: z.number(), power_reduction: z.number(),
});

export const DecisionView = z.object({
  decision: z.enum(DECISIONS), reasons: z.string(), conditions: z.array(z.string()), decided_at: z.string(),
});

/** The fields of a request anyone who may see it sees: what, where, why, how high, which antennas. */
export const RequestFieldsView = z.object({
  id: z.number().int(),
  type: z.enum(REQUEST_TYPES),
  status: z.enum(REQUEST_STATUSES),
  operator_id: z.string(),
  operator: z.object({ name_fa: z.string(), name_en: z.string() }),
  site_id: z.number().int().nullable(),
  site_code: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  structure_type: z.enum(STRUCTURE_TYPES).nullable(),
  height_m: z.number().nullable(),
  antennas: z.array(PublicAntenna),
  purpose: z.string(),
  address: z.string().nullable(),
  decision: DecisionView.nullable(),
});
