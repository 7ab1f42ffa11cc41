/** fall_zone: a ground mast must stand at least its height (× factor) from a sensitive place's boundary (DOMAIN.md section 4). */
import type { SitingContext, SitingInput } from './request.js';
import type { RuleResult } from './rule-result.js';
import { placeDistances, relatedPlace } from './place-distances.js';
import { enNumber, faNumber, placeLabel } from './wording.js';

/** Fails when a ground-mounted structure could fall onto a sensitive place; rooftop structures pass as not applicable. */
export function checkFallZone(input: SitingInput, ctx: SitingContext): RuleResult {
  const rule = ctx.policy.rules.fall_zone;
  if (!rule.structure_types.includes(input.structure_type)) {
    return {
      rule: 'fall_zone', status: 'pass', measured: null, limit: null, unit: 'm', related: [],
      message: { fa: 'قاعدهٔ حریم سقوط برای این نوع سازه (نصب روی بنا) اعمال نمی‌شود.', en: 'The fall-zone rule does not apply to this structure type (not ground-mounted).' },
    };
  }
  const limitM = rule.height_factor * input.height_m;
  const measured = placeDistances(input, ctx.sensitivePlaces, (p) => (rule.kinds.includes(p.kind) ? limitM : undefined));
  const nearest = measured[0];
  const h = { fa: faNumber(input.height_m), en: enNumber(input.height_m) };
  const l = { fa: faNumber(limitM), en: enNumber(limitM) };
  if (!nearest) {
    return {
      rule: 'fall_zone', status: 'pass', measured: null, limit: limitM, unit: 'm', related: [],
      message: { fa: `هیچ مکان حساسی در نزدیکی نیست.`, en: `No sensitive place nearby.` },
    };
  }
  const label = placeLabel(nearest.place);
  const d = { fa: faNumber(nearest.distanceM), en: enNumber(nearest.distanceM) };
  const breaches = measured.filter((m) => m.distanceM < m.limitM);
  if (breaches.length === 0) {
    return {
      rule: 'fall_zone', status: 'pass', measured: nearest.distanceM, limit: limitM, unit: 'm', related: [relatedPlace(nearest)],
      message: {
        fa: `نزدیک‌ترین مکان حساس، ${label.fa}، ${d.fa} متر فاصله دارد؛ بیش از ${l.fa} متر لازم برای دکلی به ارتفاع ${h.fa} متر.`,
        en: `The nearest sensitive place, ${label.en}, is ${d.en} m away, beyond the ${l.en} m needed for a ${h.en} m mast.`,
      },
    };
  }
  return {
    rule: 'fall_zone', status: rule.status, measured: nearest.distanceM, limit: limitM, unit: 'm', related: breaches.map(relatedPlace),
    message: {
      fa: `ارتفاع دکل ${h.fa} متر است و فاصلهٔ آن تا مرز ${label.fa} ${d.fa} متر؛ این فاصله باید دست‌کم ${l.fa} متر (${faNumber(rule.height_factor)} برابر ارتفاع) باشد.`,
      en: `The mast is ${h.en} m tall and ${d.en} m from the boundary of ${label.en}; the distance must be at least ${l.en} m (${enNumber(rule.height_factor)} × height).`,
    },
  };
}
