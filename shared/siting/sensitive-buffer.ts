/** sensitive_buffer: no structure within the buffer of kindergartens, schools, hospitals (DOMAIN.md section 4). */
import type { SitingContext, SitingInput } from './request.js';
import type { RuleResult } from './rule-result.js';
import { placeDistances, relatedPlace } from './place-distances.js';
import { enNumber, faNumber, placeLabel } from './wording.js';

/** Fails when the point is closer than its kind's buffer to a sensitive place (geodesic distance, 0 inside it). */
export function checkSensitiveBuffer(input: SitingInput, ctx: SitingContext): RuleResult {
  const rule = ctx.policy.rules.sensitive_buffer;
  const measured = placeDistances(input, ctx.sensitivePlaces, (p) => rule.buffer_m[p.kind]);
  const breaches = measured.filter((m) => m.distanceM < m.limitM);
  const worst = measured[0];
  if (!worst) {
    const maxM = Math.max(0, ...Object.values(rule.buffer_m));
    return {
      rule: 'sensitive_buffer', status: 'pass', measured: null, limit: maxM || null, unit: 'm', related: [],
      message: { fa: `هیچ مکان حساسی در نزدیکی نیست.`, en: `No sensitive place nearby.` },
    };
  }
  const label = placeLabel(worst.place);
  const d = worst.distanceM;
  const limit = { fa: faNumber(worst.limitM), en: enNumber(worst.limitM) };
  const base = { rule: 'sensitive_buffer' as const, measured: d, limit: worst.limitM, unit: 'm' };
  if (breaches.length === 0) {
    return {
      ...base, status: 'pass', related: [relatedPlace(worst)],
      message: {
        fa: `نزدیک‌ترین مکان حساس نسبت به حریم، ${label.fa}، در ${faNumber(d)} متری است؛ حداقل فاصله ${limit.fa} متر رعایت شده است.`,
        en: `The nearest sensitive place relative to its buffer, ${label.en}, is ${enNumber(d)} m away; the ${limit.en} m minimum is met.`,
      },
    };
  }
  const more = breaches.length > 1 ? { fa: ` (و ${faNumber(breaches.length - 1, 0)} مکان حساس دیگر)`, en: ` (and ${breaches.length - 1} more)` } : { fa: '', en: '' };
  const where =
    d === 0
      ? { fa: `محل پیشنهادی درون محدودهٔ ${label.fa} است`, en: `The proposed point lies inside ${label.en}` }
      : { fa: `فاصلهٔ محل پیشنهادی تا ${label.fa} ${faNumber(d)} متر است`, en: `${label.en[0]!.toUpperCase()}${label.en.slice(1)} is ${enNumber(d)} m from the proposed point` };
  return {
    ...base, status: rule.status, related: breaches.map(relatedPlace),
    message: {
      fa: `${where.fa}${more.fa}؛ حداقل فاصلهٔ مجاز ${limit.fa} متر است.`,
      en: `${where.en}${more.en}; the minimum distance is ${limit.en} m.`,
    },
  };
}
