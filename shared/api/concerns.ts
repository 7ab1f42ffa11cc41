/** Residents' concerns: filing, "me too", the public page and map layers, the planner's queue and
 *  actions, response templates and the area feed. Open311 lives at /open311/v2 with its own contract. */
import { z } from 'zod';
import { CONCERN_CATEGORIES, CONCERN_LIMITS as L, CONCERN_STATUSES } from '../concerns.js';
import { ConcernEvidence } from '../concern-evidence.js';
import { Lat, Lon, text } from '../model.js';
import { normaliseTrackingCode, isTrackingCode } from '../tracking-code.js';
import { BBox, endpoint, qBool, qInt, qNumber } from './endpoint.js';

/** An optional personal field: absent, null or blank all mean "not given". */
const optionalText = (max: number) => text(max).nullish().transform((s) => (s ? s : null));
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The largest base64 text a 5 MB photo encodes to, plus room for a `data:image/...;base64,` prefix. */
export const PHOTO_BASE64_MAX_CHARS = Math.ceil(L.photoBytes / 3) * 4 + 100;

export const ConcernFiling = z
  .object({
    lat: Lat,
    lon: Lon,
    site_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullish().transform((v) => v ?? null),
    category: z.enum(CONCERN_CATEGORIES),
    description: text(L.descriptionChars).default(''),
    name: optionalText(L.nameChars),
    email: optionalText(L.emailChars).refine((s) => s === null || EMAIL.test(s), 'must be an email address'),
    phone: optionalText(L.phoneChars).refine((s) => s === null || /^[+\d\s()\-\u06f0-\u06f9]+$/.test(s), 'digits, spaces, + ( ) - only'),
    /** JPEG, PNG or WebP as base64 (a `data:` URL is fine), at most 5 MB decoded; its location metadata is stripped. */
    photo_base64: z.string().max(PHOTO_BASE64_MAX_CHARS).nullish(),
    /** Honeypot: hidden from people (aria-hidden, tabindex -1, autocomplete off). When filled the answer looks
     *  like success and nothing is stored, so a bot learns nothing. */
    website: z.string().max(2000).optional().describe('Honeypot: leave empty. The form hides it from people; when filled the answer looks like success (201) and nothing is stored.'),
  })
  .strict();
export type ConcernFiling = z.infer<typeof ConcernFiling>;

/** A tracking code in the path, Persian digits and dashes accepted. */
export const CodeParams = z
  .object({ code: z.string().max(40).transform(normaliseTrackingCode).refine(isTrackingCode, 'not a tracking code (10 digits, the last a check digit)') })
  .strict();

export const ConcernEvent = z.object({
  from_status: z.enum(CONCERN_STATUSES).nullable(),
  status: z.enum(CONCERN_STATUSES),
  note: z.string(),
  at: z.string(),
});

/** What anyone may see of a concern: never a name, email, phone, IP address or the hiding reason. */
export const ConcernView = z.object({
  code: z.string(),
  lat: z.number(),
  lon: z.number(),
  category: z.enum(CONCERN_CATEGORIES),
  status: z.enum(CONCERN_STATUSES),
  open: z.boolean(),
  site: z.object({ id: z.number().int(), code: z.string() }).nullable(),
  /** null when a planner hid it. */
  description: z.string().nullable(),
  hidden: z.boolean(),
  supporters: z.number().int(),
  duplicate_of: z.string().nullable(),
  district_id: z.number().int().nullable(),
  near_sensitive: z.boolean(),
  photo_url: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  evidence: ConcernEvidence,
  history: z.array(ConcernEvent),
});
export type ConcernView = z.infer<typeof ConcernView>;

export const Contact = z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() });

/** A concern as a planner works it: with the resident's contact, the original text, the priority. */
export const PlannerConcernView = ConcernView.extend({
  description: z.string(),
  channel: z.enum(['web', 'open311']),
  address: z.string().nullable(),
  priority: z.number(),
  hidden_reason: z.string().nullable(),
  contact: Contact,
  next_statuses: z.array(z.enum(CONCERN_STATUSES)),
  history: z.array(ConcernEvent.extend({ actor: z.string().nullable() })),
});
export type PlannerConcernView = z.infer<typeof PlannerConcernView>;

export const fileConcern = endpoint({
  id: 'fileConcern', method: 'post', path: '/api/concerns', tag: 'concerns', access: 'public', body: ConcernFiling,
  summary: 'File a concern (no account). JSON; a photo rides along as base64 (body up to 7.5 MB). Evidence is computed and stored now. Rate-limited per address (429 with Retry-After).',
  response: { status: 201, description: 'the public page of the new concern, with its tracking code', schema: ConcernView },
});

const NearbyItem = z.object({
  code: z.string(), category: z.enum(CONCERN_CATEGORIES), status: z.enum(CONCERN_STATUSES), distance_m: z.number(),
  supporters: z.number().int(), description: z.string().nullable(), created_at: z.string(),
});
export const nearbyConcerns = endpoint({
  id: 'nearbyConcerns', method: 'get', path: '/api/concerns/nearby', tag: 'concerns', access: 'public',
  query: z.object({ lat: qNumber(-90, 90), lon: qNumber(-180, 180), category: z.enum(CONCERN_CATEGORIES) }).strict(),
  summary: 'Open concerns of the same category within 50 m, nearest first: offered as "me too" before filing',
  response: { status: 200, description: 'array, nearest first', schema: z.array(NearbyItem) },
});

export const ConcernLayerQuery = z
  .object({
    bbox: BBox,
    status: z.enum(['open', 'closed', 'all']).default('all'),
    category: z.enum(CONCERN_CATEGORIES).optional(),
    limit: qInt(1, 10000).default(5000),
  })
  .strict();
export const concernLayer = endpoint({
  id: 'concernLayer', method: 'get', path: '/api/concerns', tag: 'concerns', access: 'public', query: ConcernLayerQuery,
  summary: 'Concerns in a view as GeoJSON points with public fields (merged duplicates left out), newest first',
  response: { status: 200, description: 'FeatureCollection with total', contentType: 'application/geo+json' },
});

export const concernHeat = endpoint({
  id: 'concernHeat', method: 'get', path: '/api/concerns/heat', tag: 'concerns', access: 'public',
  query: z.object({ bbox: BBox, zoom: qNumber(0, 24), status: z.enum(['open', 'closed', 'all']).default('all'), category: z.enum(CONCERN_CATEGORIES).optional() }).strict(),
  summary: 'Concerns counted in square cells of about 32 screen pixels at this zoom, for a heat layer; weight adds supporters',
  response: { status: 200, description: '{zoom, cell_px, max_weight, cells: [{lon, lat, count, weight}]}' },
});

export const getConcern = endpoint({
  id: 'getConcern', method: 'get', path: '/api/concerns/:code', tag: 'concerns', access: 'public', params: CodeParams,
  summary: 'The public page of a concern by tracking code: evidence and every status change with the city\'s notes',
  response: { status: 200, description: 'the concern', schema: ConcernView },
});

export const concernPhoto = endpoint({
  id: 'concernPhoto', method: 'get', path: '/api/concerns/:code/photo', tag: 'concerns', access: 'public', params: CodeParams,
  summary: 'The photo (location metadata stripped) with its sniffed type; 404 when none or hidden',
  response: { status: 200, description: 'image bytes', contentType: 'image/*' },
});

export const supportConcern = endpoint({
  id: 'supportConcern', method: 'post', path: '/api/concerns/:code/support', tag: 'concerns', access: 'public', params: CodeParams,
  summary: '"Me too": counts one supporter per address per concern (the address is kept only as a keyed hash); 409 when closed',
  response: { status: 200, description: '{supporters, counted}', schema: z.object({ supporters: z.number().int(), counted: z.boolean() }) },
});

export const QueueQuery = z
  .object({
    status: z.enum(['open', 'closed', 'all', ...CONCERN_STATUSES]).default('open'),
    category: z.enum(CONCERN_CATEGORIES).optional(),
    /** Only concerns filed at least this many days ago. */
    age_days: qInt(0, 3650).optional(),
    district: qInt(1, Number.MAX_SAFE_INTEGER).optional(),
    near_sensitive: qBool.optional(),
    limit: qInt(1, 1000).default(100),
    offset: qInt(0, 1_000_000).default(0),
  })
  .strict();
export type QueueQuery = z.infer<typeof QueueQuery>;
export const concernQueue = endpoint({
  id: 'concernQueue', method: 'get', path: '/api/concerns/queue', tag: 'concerns', access: 'planner', query: QueueQuery,
  summary: 'The planner\'s queue, highest priority first (near a sensitive place, supporters, age), with contact details',
  response: { status: 200, description: '{total, items}' },
});

export const plannerConcern = endpoint({
  id: 'plannerConcern', method: 'get', path: '/api/concerns/queue/:code', tag: 'concerns', access: 'planner', params: CodeParams,
  summary: 'One concern as a planner sees it: contact, original text, hiding reason, priority, legal next states',
  response: { status: 200, description: 'the concern', schema: PlannerConcernView },
});

export const setConcernStatus = endpoint({
  id: 'setConcernStatus', method: 'post', path: '/api/concerns/:code/status', tag: 'concerns', access: 'planner', params: CodeParams,
  body: z.object({ status: z.enum(CONCERN_STATUSES), note: text(L.noteChars).default('') }).strict(),
  summary: 'Move a concern to a new state with a public note (the same state adds a note); illegal moves answer 409; audited',
  response: { status: 200, description: 'the concern', schema: PlannerConcernView },
});

export const mergeConcern = endpoint({
  id: 'mergeConcern', method: 'post', path: '/api/concerns/:code/merge', tag: 'concerns', access: 'planner', params: CodeParams,
  body: z.object({ into: CodeParams.shape.code, note: text(L.noteChars).default('') }).strict(),
  summary: 'Merge a concern into another open one: it becomes `duplicate`, its filer and supporters count for the other',
  response: { status: 200, description: 'the concern merged into', schema: PlannerConcernView },
});

export const hideConcern = endpoint({
  id: 'hideConcern', method: 'post', path: '/api/concerns/:code/hide', tag: 'concerns', access: 'planner', params: CodeParams,
  body: z.object({ reason: text(L.reasonChars).pipe(z.string().min(1)), hidden: z.boolean().default(true) }).strict(),
  summary: 'Hide abusive text and photo from the public (the reason is kept for planners); hidden=false shows them again',
  response: { status: 200, description: 'the concern', schema: PlannerConcernView },
});

export const ResponseTemplate = z.object({ id: z.number().int(), title: z.string(), body: z.string(), status: z.enum(CONCERN_STATUSES).nullable(), created_at: z.string() });
export const listResponseTemplates = endpoint({
  id: 'listResponseTemplates', method: 'get', path: '/api/response-templates', tag: 'concerns', access: 'planner',
  summary: 'Reusable response texts for status notes',
  response: { status: 200, description: 'array of templates', schema: z.array(ResponseTemplate) },
});
export const createResponseTemplate = endpoint({
  id: 'createResponseTemplate', method: 'post', path: '/api/response-templates', tag: 'concerns', access: 'planner',
  body: z.object({ title: text(120).pipe(z.string().min(1)), body: text(L.noteChars).pipe(z.string().min(1)), status: z.enum(CONCERN_STATUSES).nullish().transform((s) => s ?? null) }).strict(),
  summary: 'Add a reusable response text, optionally for one target state',
  response: { status: 201, description: 'the template', schema: ResponseTemplate },
});

export const areaFeed = endpoint({
  id: 'areaFeed', method: 'get', path: '/feeds/area.atom', tag: 'feeds', access: 'public',
  query: z.object({ lat: qNumber(-90, 90), lon: qNumber(-180, 180), radius_m: qNumber(10, 5000).default(500) }).strict(),
  summary: 'Atom 1.0 feed of new concerns within radius_m of a point (public fields only), newest first',
  response: { status: 200, description: 'Atom feed', contentType: 'application/atom+xml' },
});

export const open311Keys = endpoint({
  id: 'createOpen311Key', method: 'post', path: '/api/open311-keys', tag: 'concerns', access: 'admin',
  body: z.object({ name: text(120).pipe(z.string().min(1)) }).strict(),
  summary: 'Issue an Open311 api_key for a city system; the key is shown once and stored hashed',
  response: { status: 201, description: '{id, name, api_key}' },
});

export const concernEndpoints = [
  fileConcern, nearbyConcerns, concernLayer, concernHeat, concernQueue, plannerConcern, getConcern, concernPhoto,
  supportConcern, setConcernStatus, mergeConcern, hideConcern, listResponseTemplates, createResponseTemplate, areaFeed, open311Keys,
];
