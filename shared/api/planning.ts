/** Planning endpoints (planners only): the dashboard's figures, the consolidation plan, the enforcement case list and
 *  possible unregistered masts from observed cells; each also as CSV (`?format=csv`), the plan also as GeoJSON. */
import { z } from 'zod';
import { RULE_NAMES, RULE_STATUSES } from '../siting.js';
import { STRUCTURE_TYPES } from '../model.js';
import { endpoint, qInt, qNumber } from './endpoint.js';

const district = qInt(1, Number.MAX_SAFE_INTEGER);
const counts = z.record(z.string(), z.number());
/** Language of a CSV's headings and coded values. */
const lang = z.enum(['fa', 'en']).default('en');

export const SummaryQuery = z.object({ district: district.optional(), format: z.enum(['json', 'csv']).default('json'), lang }).strict();

const DistrictFigures = z.object({
  id: z.number(),
  name_fa: z.string(),
  name_en: z.string(),
  area_km2: z.number(),
  /** Standing structures (not decommissioned) whose point lies in the district. */
  structures: z.number(),
  per_km2: z.number(),
  shared: z.number(),
  unpermitted: z.number(),
  by_operator: counts,
  open_concerns: z.number(),
});
export type DistrictFigures = z.infer<typeof DistrictFigures>;

const HotspotCell = z.object({
  cell_id: z.number(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  count: z.number(),
  open: z.number(),
});

export const SummaryResponse = z.object({
  district: z.object({ id: z.number(), name_fa: z.string(), name_en: z.string(), area_km2: z.number() }).nullable(),
  /** Structures not decommissioned, in the district when one is asked for. */
  sites: z.object({
    total: z.number(),
    shared: z.number(),
    by_status: counts,
    by_operator: counts,
    by_technology: counts,
    by_structure: counts,
  }),
  districts: z.array(DistrictFigures),
  concerns: z.object({
    available: z.boolean(),
    total: z.number(),
    open: z.number(),
    /** Equal-area cells (shared/density.ts) of cell_km with concerns, most first. */
    cell_km: z.number(),
    hotspots: z.array(HotspotCell),
  }),
  requests: z.object({
    available: z.boolean(),
    submitted: z.number(),
    decided: z.number(),
    /** Median days from first submission to decision; null before any decision. */
    median_days_to_decision: z.number().nullable(),
    /** Pending requests past their decision date. */
    overdue: z.number(),
    by_status: counts,
  }),
});
export type SummaryResponse = z.infer<typeof SummaryResponse>;

export const planningSummary = endpoint({
  id: 'planningSummary', method: 'get', path: '/api/planning/summary', tag: 'planning', access: 'planner', query: SummaryQuery,
  summary: 'Dashboard figures: structures by status, operator, technology and type; per district with area and structures per km²; concern hotspots; request throughput. `format=csv`: the district table',
  response: { status: 200, description: 'figures (JSON) or the district table (text/csv)', schema: SummaryResponse },
});

export const ConsolidationQuery = z
  .object({
    /** Merge distances; the policy's (data/policy/karaj.json consolidation) when left out. */
    ground_m: qNumber(1, 1000).optional(),
    rooftop_m: qNumber(1, 500).optional(),
    /** Only the groups whose kept structure stands in this district, and the district's totals. */
    district: district.optional(),
    format: z.enum(['json', 'csv', 'geojson']).default('json'),
    lang,
  })
  .strict();

const GroupSite = z.object({
  id: z.number(), code: z.string(), lon: z.number(), lat: z.number(), structure_type: z.enum(STRUCTURE_TYPES), height_m: z.number(),
  operators: z.array(z.string()), distance_m: z.number(),
});
const GroupRule = z.object({
  rule: z.enum(RULE_NAMES), status: z.enum(RULE_STATUSES), measured: z.number().nullable(), limit: z.number().nullable(), unit: z.string(),
  message: z.object({ fa: z.string(), en: z.string() }),
});
const Group = z.object({
  keep_site_id: z.number(),
  remove_site_ids: z.array(z.number()),
  operators_moved: z.array(z.string()),
  checks: z.object({ verdict: z.enum(RULE_STATUSES), policy_version: z.union([z.number(), z.string()]), rules: z.array(GroupRule) }),
  keep: GroupSite,
  removed: z.array(GroupSite),
});

export const ConsolidationResponse = z.object({
  distances: z.object({ ground_m: z.number(), rooftop_m: z.number() }),
  policy_version: z.number(),
  groups: z.array(Group),
  /** Groups whose kept structure would fail a rule (not part of the plan). */
  refused: z.array(Group),
  totals: z.object({ before: z.number(), after: z.number(), removed: z.number() }),
});
export type ConsolidationResponse = z.infer<typeof ConsolidationResponse>;

export const planningConsolidation = endpoint({
  id: 'planningConsolidation', method: 'get', path: '/api/planning/consolidation', tag: 'planning', access: 'planner', query: ConsolidationQuery,
  summary:
    'Consolidation plan (DOMAIN.md section 7): groups of standing structures of different operators within the merge distances, the structure kept, those removed, the operators moved and the kept structure\'s siting check with the moved antennas; city totals before and after. `format=csv` one row per removed structure, `format=geojson` lines from removed to kept',
  response: { status: 200, description: '{distances, policy_version, groups, refused, totals} (JSON), CSV or GeoJSON', schema: ConsolidationResponse },
});

export const ENFORCEMENT_REASONS = ['unpermitted', 'no_permit_number', 'sensitive_buffer', 'fall_zone', 'open_concerns'] as const;
export type EnforcementReason = (typeof ENFORCEMENT_REASONS)[number];

export const EnforcementQuery = z
  .object({ district: district.optional(), reason: z.enum(ENFORCEMENT_REASONS).optional(), format: z.enum(['json', 'csv']).default('json'), lang })
  .strict();

const EnforcementCase = z.object({
  site_id: z.number(), code: z.string(), lon: z.number(), lat: z.number(), status: z.string(), structure_type: z.enum(STRUCTURE_TYPES),
  height_m: z.number(), permit_no: z.string().nullable(), owner_operator_id: z.string(), operators: z.array(z.string()),
  district_id: z.number().nullable(),
  reasons: z.array(z.enum(ENFORCEMENT_REASONS)),
  /** The sensitive place nearest inside its buffer (or fall zone), when one is breached. */
  place: z.object({ id: z.number(), kind: z.string(), name_fa: z.string(), name_en: z.string(), distance_m: z.number(), limit_m: z.number() }).nullable(),
  open_concerns: z.number(),
  concerns: z.number(),
});
export type EnforcementCase = z.infer<typeof EnforcementCase>;

export const EnforcementResponse = z.object({ cases: z.array(EnforcementCase), counts: counts, concerns_available: z.boolean() });
export type EnforcementResponse = z.infer<typeof EnforcementResponse>;

export const planningEnforcement = endpoint({
  id: 'planningEnforcement', method: 'get', path: '/api/planning/enforcement', tag: 'planning', access: 'planner', query: EnforcementQuery,
  summary:
    'Enforcement case list (Article 100 of the Municipalities Law): structures standing without a permit, inside a sensitive place\'s buffer or fall zone, or with open residents\' concerns; `format=csv` for the council',
  response: { status: 200, description: '{cases, counts, concerns_available} (JSON) or CSV', schema: EnforcementResponse },
});

export const UnregisteredQuery = z
  .object({
    /** DBSCAN neighbourhood radius between observed cells of one candidate mast. */
    eps_m: qNumber(10, 1000).default(100),
    /** Cells a candidate needs (1: every cell counts, even alone). */
    min_cells: qInt(1, 100).default(1),
    /** A candidate with a registered structure this close is taken as that structure. */
    match_m: qNumber(10, 2000).default(150),
    format: z.enum(['json', 'csv']).default('json'),
    lang,
  })
  .strict();

const Candidate = z.object({
  id: z.number(), lon: z.number(), lat: z.number(), cells: z.number(), samples: z.number(),
  operators: z.array(z.string()), radios: z.array(z.string()),
  /** Cells whose MCC/MNC matches no operator of the registry. */
  unknown_networks: z.array(z.string()),
  nearest_site: z.object({ id: z.number(), code: z.string(), distance_m: z.number() }).nullable(),
  district_id: z.number().nullable(),
});
export type UnregisteredCandidate = z.infer<typeof Candidate>;

export const UnregisteredResponse = z.object({
  cells: z.number(),
  candidates_total: z.number(),
  /** Candidates with no registered structure within match_m, most cells first. */
  candidates: z.array(Candidate),
  params: z.object({ eps_m: z.number(), min_cells: z.number(), match_m: z.number() }),
});
export type UnregisteredResponse = z.infer<typeof UnregisteredResponse>;

export const planningUnregistered = endpoint({
  id: 'planningUnregistered', method: 'get', path: '/api/planning/unregistered', tag: 'planning', access: 'planner', query: UnregisteredQuery,
  summary:
    'Possible unregistered masts: imported OpenCelliD cells clustered (DBSCAN over a kdbush index) into candidate masts; those with no registered structure within match_m, with their cell count and operators (from MCC/MNC)',
  response: { status: 200, description: '{cells, candidates_total, candidates, params} (JSON) or CSV', schema: UnregisteredResponse },
});

export const planningEndpoints = [planningSummary, planningConsolidation, planningEnforcement, planningUnregistered];
