/** share_first: an existing structure near the proposed one should be shared instead (DOMAIN.md section 4). */
import { ellipsoidalDistanceM } from '../geodesy.js';
import type { SitingContext, SitingInput } from './request.js';
import type { RelatedObject, RuleResult } from './rule-result.js';
import { enNumber, faNumber } from './wording.js';

/** Most structures listed in the result. */
const MAX_LISTED = 20;

/** Warns when a standing or planned structure the applicant could share lies within the radius; nearest first. */
export function checkShareFirst(input: SitingInput, ctx: SitingContext): RuleResult {
  const rule = ctx.policy.rules.share_first;
  const op = input.operator_id;
  const near: RelatedObject[] = [];
  for (const s of ctx.sites) {
    if (s.id === input.site_id || s.status === 'decommissioned') continue;
    // A structure carrying only the applicant's own antennas is not a sharing option with another operator.
    if (op !== undefined && s.operators.length > 0 && s.operators.every((o) => o === op)) continue;
    const d = ellipsoidalDistanceM(input.lon, input.lat, s.lon, s.lat);
    if (d <= rule.radius_m) near.push({ type: 'site', id: s.id, name: s.code, code: s.code, operators: [...s.operators], distance_m: d });
  }
  near.sort((a, b) => a.distance_m! - b.distance_m!);
  const r = faNumber(rule.radius_m);
  const first = near[0];
  if (!first) {
    return {
      rule: 'share_first', status: 'pass', measured: null, limit: rule.radius_m, unit: 'm', related: [],
      message: {
        fa: `هیچ سازهٔ موجودی برای اشتراک در شعاع ${r} متری نیست.`,
        en: `No existing structure to share within ${enNumber(rule.radius_m)} m.`,
      },
    };
  }
  const d = first.distance_m!;
  const ops = first.operators!.length > 0 ? first.operators!.join('، ') : '—';
  return {
    rule: 'share_first', status: rule.status, measured: d, limit: rule.radius_m, unit: 'm', related: near.slice(0, MAX_LISTED),
    message: {
      fa: `${faNumber(near.length, 0)} سازهٔ موجود در شعاع ${r} متری هست؛ نزدیک‌ترین، ${first.code} (اپراتورها: ${ops})، در ${faNumber(d)} متری است. متقاضی باید دلیل فنی استفاده‌نکردن از سازهٔ مشترک را بیاورد.`,
      en: `${near.length} existing structure${near.length === 1 ? '' : 's'} within ${enNumber(rule.radius_m)} m; the nearest, ${first.code} (operators: ${first.operators!.join(', ') || 'none'}), is ${enNumber(d)} m away. The applicant must justify not sharing.`,
    },
  };
}
