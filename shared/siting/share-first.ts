/** share_first: an existing structure near the proposed one should be shared instead (DOMAIN.md section 4). */
import { ellipsoidalDistanceM, haversineM } from '../geodesy.js';
import type { SitingContext, SitingInput, SitingSite } from './request.js';
import type { RelatedObject, RuleResult } from './rule-result.js';
import { enNumber, faNumber } from './wording.js';

/** Most structures listed in the result. */
const MAX_LISTED = 20;

/** Warns when a standing or planned structure the applicant could share lies within the radius; nearest first. */
export function checkShareFirst(input: SitingInput, ctx: SitingContext): RuleResult {
  const rule = ctx.policy.rules.share_first;
  const op = input.operator_id;
  // Haversine first: the ellipsoidal distance over a few hundred metres lies within 0.6% of it anywhere (radii of
  // curvature 6,335–6,400 km against the sphere's 6,371), so only structures in the band around the radius need the
  // ellipsoid to decide, and only the nearest need it for their listed distance.
  const candidates: Array<{ s: SitingSite; h: number; d: number }> = [];
  for (const s of ctx.sites) {
    if (s.id === input.site_id || s.status === 'decommissioned') continue;
    // A structure carrying only the applicant's own antennas is not a sharing option with another operator.
    if (op !== undefined && s.operators.length > 0 && s.operators.every((o) => o === op)) continue;
    const h = haversineM(input.lon, input.lat, s.lon, s.lat);
    if (h <= rule.radius_m * 1.01) candidates.push({ s, h, d: h < rule.radius_m * 0.99 ? NaN : ellipsoidalDistanceM(input.lon, input.lat, s.lon, s.lat) });
  }
  const inside = candidates.filter((c) => c.d !== c.d || c.d <= rule.radius_m).sort((a, b) => a.h - b.h);
  // Every structure that may be among the MAX_LISTED nearest on the ellipsoid, measured there and ordered.
  const reach = (inside[MAX_LISTED - 1]?.h ?? Infinity) * 1.02;
  const listed = inside.filter((c) => c.h <= reach);
  for (const c of listed) if (c.d !== c.d) c.d = ellipsoidalDistanceM(input.lon, input.lat, c.s.lon, c.s.lat);
  listed.sort((a, b) => a.d - b.d);
  const near: RelatedObject[] = listed.slice(0, MAX_LISTED).map(({ s, d }) => ({ type: 'site', id: s.id, name: s.code, code: s.code, operators: [...s.operators], distance_m: d }));
  const count = inside.length;
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
    rule: 'share_first', status: rule.status, measured: d, limit: rule.radius_m, unit: 'm', related: near,
    message: {
      fa: `${faNumber(count, 0)} سازهٔ موجود در شعاع ${r} متری هست؛ نزدیک‌ترین، ${first.code} (اپراتورها: ${ops})، در ${faNumber(d)} متری است. متقاضی باید دلیل فنی استفاده‌نکردن از سازهٔ مشترک را بیاورد.`,
      en: `${count} existing structure${count === 1 ? '' : 's'} within ${enNumber(rule.radius_m)} m; the nearest, ${first.code} (operators: ${first.operators!.join(', ') || 'none'}), is ${enNumber(d)} m away. The applicant must justify not sharing.`,
    },
  };
}
