/** What a site request must hold before the city accepts it as complete (the check run at every
 *  submission): a complete request opens the consultation, an incomplete one goes back with this list. */
import type { SiteRequest } from '../site-requests.js';
import { requiresJustification } from './sharing.js';

export const MISSING_ITEMS = [
  'location', 'site', 'structure_type', 'height', 'antennas', 'antenna_operator', 'purpose', 'drawing', 'photomontage',
  'sharing_justification',
] as const;
export type MissingItem = (typeof MISSING_ITEMS)[number];

/** The items a resident or planner would miss, in form order; empty when the request is complete. A new
 *  structure needs a photomontage (its visual impact is what residents judge) and, when an existing
 *  structure nearby has room, a written reason for not sharing it (DOMAIN.md section 4, share first). */
export function missingForCompleteness(
  request: Pick<SiteRequest, 'type' | 'operator_id' | 'site_id' | 'lon' | 'lat' | 'structure_type' | 'height_m' | 'antennas' | 'purpose' | 'sharing_justification' | 'sharing_options' | 'attachment_kinds'>,
): MissingItem[] {
  const missing: MissingItem[] = [];
  const isNew = request.type === 'new_structure';
  if (!isNew && request.site_id === null) missing.push('site');
  if (request.lon === null || request.lat === null) missing.push('location');
  if (request.structure_type === null) missing.push('structure_type');
  if (request.height_m === null) missing.push('height');
  if (request.antennas.length === 0) missing.push('antennas');
  else if (request.antennas.some((a) => a.operator_id !== request.operator_id)) missing.push('antenna_operator');
  if (request.purpose.trim() === '') missing.push('purpose');
  if (!request.attachment_kinds.includes('drawing')) missing.push('drawing');
  if (isNew && !request.attachment_kinds.includes('photomontage')) missing.push('photomontage');
  if (isNew && requiresJustification(request.sharing_options) && (request.sharing_justification ?? '').trim() === '') {
    missing.push('sharing_justification');
  }
  return missing;
}

/** Each missing item in Persian and English, for the incompleteness notice. */
export const MISSING_WORDING: Readonly<Record<MissingItem, { fa: string; en: string }>> = {
  location: { fa: 'محل سازه', en: 'the location of the structure' },
  site: { fa: 'سازهٔ موجودی که درخواست دربارهٔ آن است', en: 'the existing structure the request is about' },
  structure_type: { fa: 'نوع سازه', en: 'the structure type' },
  height: { fa: 'ارتفاع سازه', en: 'the structure height' },
  antennas: { fa: 'دست‌کم یک آنتن', en: 'at least one antenna' },
  antenna_operator: { fa: 'آنتن‌ها باید از آنِ اپراتور متقاضی باشند', en: "antennas must be the applicant operator's" },
  purpose: { fa: 'دلیل نیاز به سایت', en: 'why the site is needed' },
  drawing: { fa: 'نقشهٔ فنی', en: 'a technical drawing' },
  photomontage: { fa: 'تصویر شبیه‌سازی‌شده (فتومونتاژ)', en: 'a photomontage' },
  sharing_justification: { fa: 'دلیل استفاده‌نکردن از سازه‌های موجود نزدیک', en: 'why the nearby existing structures cannot be shared' },
};
