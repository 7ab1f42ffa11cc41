/** Siting endpoints: RF exposure at a point and on a grid, the siting check and its context for the browser's
 *  live pre-check, structure density, and the versioned policy. */
import { z } from 'zod';
import { ExposureRequest } from '../exposure.js';
import { text } from '../model.js';
import { Policy } from '../policy.js';
import { RULE_NAMES, RULE_STATUSES, SitingCheckRequest } from '../siting.js';
import { BBox, endpoint, qBool, qInt, qNumber } from './endpoint.js';

/** Most cells of a density request (the bbox grown to whole cells). */
export const MAX_DENSITY_CELLS = 250_000;
/** Antennas summed in a point exposure answer: those within this distance (shared/exposure-grid.ts EXPOSURE_CUTOFF_M). */
export const EXPOSURE_RADIUS_M = 2000;

const Contribution = z.object({ distance_m: z.number(), gain_db: z.number(), s_wm2: z.number(), s_limit_wm2: z.number(), ratio: z.number() });
export const ExposureResponse = z.object({
  total_exposure_ratio: z.number(),
  e_total_vm: z.number(),
  /** One per antenna, in the order of the request's antennas. */
  contributions: z.array(Contribution),
  /** Main-beam compliance distance per antenna, same order. */
  compliance_distance_m: z.array(z.number()),
});
export type ExposureResponse = z.infer<typeof ExposureResponse>;

export const postExposure = endpoint({
  id: 'postExposure', method: 'post', path: '/api/exposure', tag: 'siting', access: 'public', body: ExposureRequest,
  summary: 'Predicted exposure at a point from the antennas given (DOMAIN.md section 5): total exposure ratio (ICNIRP 2020), total field, per-antenna terms',
  response: { status: 200, description: 'exposure result, antennas in the order given', schema: ExposureResponse },
});

export const ExposureHereQuery = z
  .object({
    lat: qNumber(-90, 90),
    lon: qNumber(-180, 180),
    height_m: qNumber(0, 1000).default(1.5),
    reflection_factor: qNumber(1, 4).default(1),
    /** Contributions listed (the largest first); the totals always sum every antenna within 2 km. */
    limit: qInt(1, 5000).default(100),
  })
  .strict();
const RegistryContribution = Contribution.extend({ antenna_id: z.number(), site_id: z.number(), site_code: z.string(), operator_id: z.string() });
export const ExposureHereResponse = ExposureResponse.extend({
  contributions: z.array(RegistryContribution),
  /** Antennas summed (on non-decommissioned structures within radius_m). */
  antenna_count: z.number(),
  radius_m: z.number(),
});
export type ExposureHereResponse = z.infer<typeof ExposureHereResponse>;

export const getExposure = endpoint({
  id: 'getExposure', method: 'get', path: '/api/exposure', tag: 'siting', access: 'public', query: ExposureHereQuery,
  summary: "Predicted exposure at a point from the registry's antennas within 2 km; contributions largest first, compliance distances aligned with them",
  response: { status: 200, description: 'exposure result with antenna_id, site_id, site_code, operator_id per contribution', schema: ExposureHereResponse },
});

export const ExposureGridQuery = z
  .object({
    bbox: BBox,
    cell_m: qNumber(5, 5000).default(50),
    height_m: qNumber(0, 1000).default(1.5),
    /** Grow cell_m (whole metres) until the grid is within the server's caps instead of answering 400; the answer's cell_m says which. */
    fit: qBool.default(false),
  })
  .strict();
export const ExposureGridResponse = z.object({
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  cell_m: z.number(),
  cols: z.number(),
  rows: z.number(),
  /** Total exposure ratio per cell centre, 3 significant digits, row-major, row 0 the northernmost; within 0.5%
   *  (FAR_FIELD_TOLERANCE, shared/exposure-grid.ts) of the exact sum, as far antennas are interpolated. */
  values: z.array(z.number()),
});
export type ExposureGridResponse = z.infer<typeof ExposureGridResponse>;

export const getExposureGrid = endpoint({
  id: 'getExposureGrid', method: 'get', path: '/api/exposure/grid', tag: 'siting', access: 'public', query: ExposureGridQuery,
  summary: 'Total exposure ratio on a raster of cell_m cells covering bbox, each within 0.5% of the exact sum over the antennas within 2 km (far ones interpolated) before rounding to 3 significant digits; above the caps (cells, antenna evaluations) 400 with the cell_m that fits, or with fit=true that cell_m used',
  response: { status: 200, description: '{bbox, cell_m, cols, rows, values}', schema: ExposureGridResponse },
});

const RuleResultSchema = z.object({
  rule: z.enum(RULE_NAMES),
  status: z.enum(RULE_STATUSES),
  measured: z.number().nullable(),
  limit: z.number().nullable(),
  unit: z.string(),
  related: z.array(z.object({ type: z.enum(['site', 'sensitive_place', 'zone', 'aerodrome']), id: z.union([z.number(), z.string()]) }).loose()),
  message: z.object({ fa: z.string(), en: z.string() }),
});
export const SitingCheckResponse = z.object({
  verdict: z.enum(RULE_STATUSES),
  policy_version: z.number(),
  /** One per enabled rule, in RULE_NAMES order. */
  rules: z.array(RuleResultSchema),
});

export const sitingCheck = endpoint({
  id: 'sitingCheck', method: 'post', path: '/api/siting/check', tag: 'siting', access: 'public', body: SitingCheckRequest,
  summary: 'Checks a proposed structure against every rule of the policy in force; the verdict is the worst rule status',
  response: { status: 200, description: '{verdict, policy_version, rules}', schema: SitingCheckResponse },
});

export const SitingContextQuery = z
  .object({
    lat: qNumber(-90, 90),
    lon: qNumber(-180, 180),
    /** The tallest structure the caller will check with this context (the fall-zone radius grows with it). */
    height_m: qNumber(0.1, 650).default(650),
    /** How far the caller may move the point and still check locally with this context. */
    margin_m: qNumber(0, 2000).default(0),
  })
  .strict();

export const sitingContext = endpoint({
  id: 'sitingContext', method: 'get', path: '/api/siting/context', tag: 'siting', access: 'public', query: SitingContextQuery,
  summary:
    "Everything checkSiting (shared/siting.ts) needs around a point, for the browser's live pre-check: valid for any point within margin_m and any height up to height_m",
  response: {
    status: 200,
    description: '{policy, policyVersion, sites, sensitivePlaces, zones, antennas, aerodromes, centre, margin_m, height_m, sites_radius_m, antennas_radius_m}',
  },
});

export const DensityQuery = z
  .object({
    bbox: BBox,
    /** Cell side in km; the policy's density cell when left out. */
    cell_km: qNumber(0.1, 50).optional(),
    operator: z.string().min(1).max(40).optional(),
  })
  .strict();

export const getDensity = endpoint({
  id: 'getDensity', method: 'get', path: '/api/density', tag: 'siting', access: 'public', query: DensityQuery,
  summary: 'Structures (not antennas, non-decommissioned) per equal-area cell (EPSG:6933) touching bbox: non-empty cells with count and per_km2',
  response: { status: 200, description: 'FeatureCollection of cell polygons with cell_id, count, per_km2', contentType: 'application/geo+json' },
});

export const PolicyVersionResponse = z.object({ version: z.number(), created_at: z.string(), note: z.string().nullable(), policy: Policy });

export const getPolicy = endpoint({
  id: 'getPolicy', method: 'get', path: '/api/policy', tag: 'policy', access: 'public',
  summary: 'The siting policy in force and its version',
  response: { status: 200, description: '{version, created_at, note, policy}', schema: PolicyVersionResponse },
});

export const PutPolicyQuery = z
  .object({
    note: text(500).optional(),
    /** The version the planner edited; a newer one in force answers 409 instead of overwriting it. */
    base_version: qInt(1, Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

export const putPolicy = endpoint({
  id: 'putPolicy', method: 'put', path: '/api/policy', tag: 'policy', access: 'planner', body: Policy, query: PutPolicyQuery,
  summary: 'Replaces the policy with a new version (audited with before and after); later checks report the new version',
  response: { status: 200, description: '{version, created_at, note, policy}', schema: PolicyVersionResponse },
});

export const listPolicyVersions = endpoint({
  id: 'listPolicyVersions', method: 'get', path: '/api/policy/versions', tag: 'policy', access: 'planner',
  summary: 'Policy versions, newest first, with who made each',
  response: { status: 200, description: 'array of {version, created_at, created_by, note, policy}' },
});

export const sitingEndpoints = [
  postExposure, getExposure, getExposureGrid, sitingCheck, sitingContext, getDensity, getPolicy, putPolicy, listPolicyVersions,
];
