/** The plain answer a resident gets with a concern: the masts near the spot and their permits, the
 *  predicted exposure against the legal limit, the sensitive places near it, and a summary in Persian
 *  (Persian digits) and English. Pure: the server gathers the inputs and stores the result. */
import { z } from 'zod';
import { SENSITIVE_KINDS, SITE_STATUSES, type SensitiveKind, type SiteStatus } from './model.js';
import { EVIDENCE_RADIUS_M, EXPOSURE_RADIUS_M } from './concerns.js';
import { faNumber, enNumber, placeLabel } from './siting/wording.js';

export const PERMITS = ['permitted', 'unpermitted', 'unknown'] as const;
export type Permit = (typeof PERMITS)[number];

/** Sites that transmit now: approved and proposed ones are not built, decommissioned ones are off. */
export const TRANSMITTING_STATUSES: readonly SiteStatus[] = ['active', 'unpermitted'];

export const EvidenceSite = z.object({
  id: z.number().int(),
  code: z.string(),
  operators: z.array(z.string()),
  distance_m: z.number(),
  status: z.enum(SITE_STATUSES),
  permit: z.enum(PERMITS),
  transmitting: z.boolean(),
});
export type EvidenceSite = z.infer<typeof EvidenceSite>;

export const EvidencePlace = z.object({
  id: z.number().int(),
  kind: z.enum(SENSITIVE_KINDS),
  name_fa: z.string(),
  name_en: z.string(),
  distance_m: z.number(),
});
export type EvidencePlace = z.infer<typeof EvidencePlace>;

export const ConcernEvidence = z.object({
  computed_at: z.string(),
  radius_m: z.number(),
  sites: z.array(EvidenceSite),
  exposure: z.object({
    /** Σ S_i / S_lim(f_i) (DOMAIN.md section 5); the legal limit is 1. */
    total_exposure_ratio: z.number(),
    limit: z.literal(1),
    e_total_vm: z.number(),
    antennas: z.number().int(),
    radius_m: z.number(),
    observer_height_m: z.number(),
    basis: z.string(),
  }),
  sensitive_places: z.array(EvidencePlace),
  summary: z.object({ fa: z.string(), en: z.string() }),
});
export type ConcernEvidence = z.infer<typeof ConcernEvidence>;

/** A site's permit as a resident asks about it: `unpermitted` when found without one, `permitted` when a
 *  permit number is on record, otherwise `unknown` (no number recorded yet). */
export function permitStatus(site: { status: SiteStatus; permit_no: string | null }): Permit {
  if (site.status === 'unpermitted') return 'unpermitted';
  return site.permit_no ? 'permitted' : 'unknown';
}

const ONE_PERMIT: Record<Permit, { fa: string; en: string }> = {
  permitted: { fa: 'پروانه دارد', en: 'it has a permit' },
  unpermitted: { fa: 'پروانه ندارد', en: 'it has no permit' },
  unknown: { fa: 'پروانه‌ای برایش ثبت نشده است', en: 'no permit is on record for it' },
};

/** A ratio as a percentage of the limit, in both languages; tiny values are floored so nobody reads "0%". */
function percent(ratio: number): { fa: string; en: string } {
  const pct = ratio * 100;
  if (pct > 0 && pct < 0.01) return { fa: 'کمتر از ۰٫۰۱ درصد', en: 'less than 0.01%' };
  const decimals = pct >= 10 ? 0 : pct >= 1 ? 1 : 2;
  return { fa: `${faNumber(pct, decimals)} درصد`, en: `${enNumber(pct, decimals)}%` };
}

/** The summary sentences of an evidence record, in Persian and English. */
export function evidenceSummary(e: Omit<ConcernEvidence, 'summary' | 'computed_at'>): { fa: string; en: string } {
  const fa: string[] = [];
  const en: string[] = [];
  const r = { fa: faNumber(e.radius_m, 0), en: enNumber(e.radius_m, 0) };
  const standing = e.sites.filter((s) => s.transmitting);
  const planned = e.sites.filter((s) => !s.transmitting);
  if (standing.length === 0) {
    fa.push(`در ${r.fa} متری این نقطه هیچ دکل فعالی در ثبت نیست.`);
    en.push(`No operating mast on record stands within ${r.en} m of this spot.`);
  } else if (standing.length === 1) {
    const s = standing[0]!;
    fa.push(`در ${r.fa} متری این نقطه یک دکل فعال هست، در ${faNumber(s.distance_m, 0)} متری؛ ${ONE_PERMIT[s.permit].fa}.`);
    en.push(`One operating mast stands within ${r.en} m of this spot, ${enNumber(s.distance_m, 0)} m away; ${ONE_PERMIT[s.permit].en}.`);
  } else {
    const nearest = standing[0]!;
    fa.push(`در ${r.fa} متری این نقطه ${faNumber(standing.length, 0)} دکل فعال هست؛ نزدیک‌ترین در ${faNumber(nearest.distance_m, 0)} متری است.`);
    en.push(`${standing.length} operating masts stand within ${r.en} m of this spot; the nearest is ${enNumber(nearest.distance_m, 0)} m away.`);
    const none = standing.filter((s) => s.permit === 'unpermitted').length;
    const unknown = standing.filter((s) => s.permit === 'unknown').length;
    if (none === 0 && unknown === 0) {
      fa.push('همهٔ آن‌ها پروانه دارند.');
      en.push('All of them have a permit.');
    } else {
      const pf: string[] = [];
      const pe: string[] = [];
      if (none > 0) {
        pf.push(`${faNumber(none, 0)} دکل بدون پروانه است`);
        pe.push(`${none} of them ${none === 1 ? 'has' : 'have'} no permit`);
      }
      if (unknown > 0) {
        pf.push(`پروانهٔ ${faNumber(unknown, 0)} دکل ثبت نشده است`);
        pe.push(`${unknown} ${unknown === 1 ? 'has' : 'have'} no permit on record`);
      }
      fa.push(`${pf.join('؛ ')}.`);
      en.push(`${pe.join('; ')}.`);
    }
  }
  if (planned.length > 0) {
    fa.push(`${faNumber(planned.length, 0)} دکل دیگر مصوب یا پیشنهادی است و هنوز کار نمی‌کند.`);
    en.push(`${planned.length} more ${planned.length === 1 ? 'is' : 'are'} approved or proposed and not yet operating.`);
  }
  const x = e.exposure;
  if (x.antennas === 0) {
    fa.push(`در ${faNumber(x.radius_m / 1000, 1)} کیلومتری هیچ آنتن فعالی در ثبت نیست؛ تابش پیش‌بینی‌شده صفر است.`);
    en.push(`No operating antenna on record within ${enNumber(x.radius_m / 1000, 1)} km, so the predicted exposure is zero.`);
  } else {
    const p = percent(x.total_exposure_ratio);
    const verdictFa = x.total_exposure_ratio <= x.limit ? 'زیر حد مجاز' : 'بالاتر از حد مجاز';
    const verdictEn = x.total_exposure_ratio <= x.limit ? 'within' : 'above';
    fa.push(`تابش پیش‌بینی‌شده در این نقطه ${p.fa} حد مجاز ICNIRP ${faNumber(2020, 0)} است (${verdictFa})، از ${faNumber(x.antennas, 0)} آنتن در ${faNumber(x.radius_m / 1000, 1)} کیلومتری.`);
    en.push(`Predicted exposure here is ${p.en} of the ICNIRP 2020 limit (${verdictEn} the limit), from ${x.antennas} antennas within ${enNumber(x.radius_m / 1000, 1)} km.`);
  }
  if (e.sensitive_places.length > 0) {
    const shown = e.sensitive_places.slice(0, 5);
    fa.push(`مکان‌های حساس در ${r.fa} متری: ${shown.map((p) => `${placeLabel(p).fa} (${faNumber(p.distance_m, 0)} متر)`).join('، ')}${e.sensitive_places.length > shown.length ? ' و …' : ''}.`);
    en.push(`Sensitive places within ${r.en} m: ${shown.map((p) => `${placeLabel(p).en} (${enNumber(p.distance_m, 0)} m)`).join(', ')}${e.sensitive_places.length > shown.length ? ', …' : ''}.`);
  }
  fa.push('این پیش‌بینی برای برنامه‌ریزی است، نه اندازه‌گیری.');
  en.push('This is a prediction for planning, not a measurement.');
  return { fa: fa.join(' '), en: en.join(' ') };
}

/** What the server gathered near the point. */
export interface EvidenceInput {
  sites: Array<{ id: number; code: string; operators: string[]; status: SiteStatus; permit_no: string | null; distance_m: number }>;
  places: Array<{ id: number; kind: SensitiveKind; name_fa: string; name_en: string; distance_m: number }>;
  exposure: { total_exposure_ratio: number; e_total_vm: number; antennas: number; observer_height_m: number };
  now: Date;
}

/** The stored evidence: sites nearest first, places nearest first, numbers rounded for reading, and the summary. */
export function buildEvidence(input: EvidenceInput): ConcernEvidence {
  const round = (m: number) => Math.round(m * 10) / 10;
  const body: Omit<ConcernEvidence, 'summary' | 'computed_at'> = {
    radius_m: EVIDENCE_RADIUS_M,
    sites: [...input.sites]
      .sort((a, b) => a.distance_m - b.distance_m)
      .map((s) => ({ id: s.id, code: s.code, operators: s.operators, distance_m: round(s.distance_m), status: s.status, permit: permitStatus(s), transmitting: TRANSMITTING_STATUSES.includes(s.status) })),
    exposure: {
      total_exposure_ratio: input.exposure.total_exposure_ratio,
      limit: 1,
      e_total_vm: input.exposure.e_total_vm,
      antennas: input.exposure.antennas,
      radius_m: EXPOSURE_RADIUS_M,
      observer_height_m: input.exposure.observer_height_m,
      basis: 'Predicted far-field total exposure ratio, ICNIRP 2020 general public (DOMAIN.md section 5); not a measurement',
    },
    sensitive_places: [...input.places].sort((a, b) => a.distance_m - b.distance_m).map((p) => ({ ...p, distance_m: round(p.distance_m) })),
  };
  return { computed_at: input.now.toISOString(), ...body, summary: evidenceSummary(body) };
}
