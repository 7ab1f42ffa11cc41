/** What one siting rule returns (DOMAIN.md section 4): a status with the measured value, the limit, the
 *  objects involved and a sentence in Persian and English. A breach is a value, never an exception. */

export const RULE_NAMES = ['share_first', 'sensitive_buffer', 'fall_zone', 'density', 'exposure_sensitive', 'aviation', 'zone'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export const RULE_STATUSES = ['pass', 'warn', 'fail'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

/** An object a rule result points at, with what the rule measured about it. */
export interface RelatedObject {
  type: 'site' | 'sensitive_place' | 'zone' | 'aerodrome';
  id: number | string;
  /** English name (or code); name_fa when the object has a Persian one. */
  name?: string;
  name_fa?: string;
  distance_m?: number;
  kind?: string;
  code?: string;
  operators?: string[];
  total_exposure_ratio?: number;
  e_total_vm?: number;
  surface?: string;
  runway?: string;
}

export interface RuleResult {
  rule: RuleName;
  status: RuleStatus;
  measured: number | null;
  limit: number | null;
  unit: string;
  related: RelatedObject[];
  message: { fa: string; en: string };
}

/** The worst of some statuses: fail over warn over pass (pass when there are none). */
export function worstStatus(statuses: Iterable<RuleStatus>): RuleStatus {
  let worst: RuleStatus = 'pass';
  for (const s of statuses) {
    if (s === 'fail') return 'fail';
    if (s === 'warn') worst = 'warn';
  }
  return worst;
}
