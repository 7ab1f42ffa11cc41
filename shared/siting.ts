/** The siting engine (DOMAIN.md section 4): every rule of the policy applied to a proposed structure, the same
 *  pure function in the browser's live pre-check and on the server's authoritative check. */
import { cellGroundSizeM } from './density.js';
import { haversineM } from './geodesy.js';
import type { Policy } from './policy.js';
import { checkAviation } from './siting/aviation-rule.js';
import { checkDensity } from './siting/density-rule.js';
import { checkExposureSensitive } from './siting/exposure-sensitive.js';
import { checkFallZone } from './siting/fall-zone.js';
import type { SitingContext, SitingInput, SitingPlace } from './siting/request.js';
import { worstStatus, type RuleName, type RuleResult, type RuleStatus } from './siting/rule-result.js';
import { checkSensitiveBuffer } from './siting/sensitive-buffer.js';
import { checkShareFirst } from './siting/share-first.js';
import { checkZone } from './siting/zone-rule.js';

export { SitingAntenna, SitingCheckRequest } from './siting/request.js';
export type { SitingContext, SitingInput, SitingPlace, SitingSite, SitingZone } from './siting/request.js';
export { RULE_NAMES, RULE_STATUSES, worstStatus } from './siting/rule-result.js';
export type { RelatedObject, RuleName, RuleResult, RuleStatus } from './siting/rule-result.js';

export interface SitingResult {
  /** The worst rule status. */
  verdict: RuleStatus;
  policy_version: string | number;
  /** One result per enabled rule, in RULE_NAMES order. */
  rules: RuleResult[];
}

const RULES: readonly [RuleName, (input: SitingInput, ctx: SitingContext) => RuleResult][] = [
  ['share_first', checkShareFirst],
  ['sensitive_buffer', checkSensitiveBuffer],
  ['fall_zone', checkFallZone],
  ['density', checkDensity],
  ['exposure_sensitive', checkExposureSensitive],
  ['aviation', checkAviation],
  ['zone', checkZone],
];

/** Checks a proposed structure against every enabled rule of ctx.policy; breaches are results, not exceptions. */
export function checkSiting(input: SitingInput, ctx: SitingContext): SitingResult {
  const rules = RULES.filter(([name]) => ctx.policy.rules[name].enabled).map(([, check]) => check(input, ctx));
  return { verdict: worstStatus(rules.map((r) => r.status)), policy_version: ctx.policyVersion, rules };
}

/** How far around the point the caller must gather structures and sensitive places for checkSiting; with
 *  `densityCounted` the caller passes densityCount, so the density cell's structures need not be gathered. */
export function sitingSearchRadiusM(policy: Policy, input: Pick<SitingInput, 'lat' | 'height_m'>, densityCounted = false): number {
  const r = policy.rules;
  const radii = [0];
  if (r.share_first.enabled) radii.push(r.share_first.radius_m);
  if (r.sensitive_buffer.enabled) radii.push(...Object.values(r.sensitive_buffer.buffer_m).filter((m) => m !== undefined));
  if (r.fall_zone.enabled) radii.push(r.fall_zone.height_factor * input.height_m);
  if (r.exposure_sensitive.enabled) radii.push(r.exposure_sensitive.place_radius_m);
  if (r.density.enabled && !densityCounted) {
    // Every structure of the point's density cell: the cell's ground diagonal bounds their distance.
    const { widthM, heightM } = cellGroundSizeM(input.lat, r.density.cell_km);
    radii.push(Math.hypot(widthM, heightM));
  }
  return Math.ceil(Math.max(...radii));
}

/** How far from (lon, lat) existing antennas reach the exposure rule at these places: its cutoff beyond the farthest
 *  vertex of any place of a checked kind (an area's centroid and boundary points lie within its vertices' reach, and
 *  a centroid can stand well past place_radius_m); 0 when the rule is off or no such place is given. */
export function exposureReachM(policy: Policy, places: readonly SitingPlace[], lon: number, lat: number): number {
  const rule = policy.rules.exposure_sensitive;
  if (!rule.enabled) return 0;
  let far = -1;
  for (const p of places) {
    if (!rule.kinds.includes(p.kind)) continue;
    const g = p.geometry;
    const ring = g.type === 'Point' ? [g.coordinates] : g.coordinates[0] ?? [];
    for (const [x, y] of ring) far = Math.max(far, haversineM(lon, lat, x!, y!));
  }
  return far < 0 ? 0 : far + rule.antenna_cutoff_m;
}
