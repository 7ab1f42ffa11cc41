/** Words and numbers for the rule messages: Persian digits and the names of kinds in both languages. */
import type { SensitiveKind, ZoneKind } from '../model.js';

const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** A number rounded to at most `decimals` places, trailing zeros dropped, in Latin digits. */
export function enNumber(n: number, decimals = 1): string {
  return String(Number(n.toFixed(decimals)));
}

/** The same number in Persian digits with the Persian decimal separator (U+066B) and minus sign. */
export function faNumber(n: number, decimals = 1): string {
  return enNumber(n, decimals)
    .replace(/\d/g, (d) => FA_DIGITS[Number(d)]!)
    .replace('.', '٫')
    .replace('-', '−');
}

export const SENSITIVE_KIND_FA: Record<SensitiveKind, string> = {
  kindergarten: 'مهدکودک',
  school: 'مدرسه',
  hospital: 'بیمارستان',
  clinic: 'درمانگاه',
  elderly_care: 'سرای سالمندان',
};

export const SENSITIVE_KIND_EN: Record<SensitiveKind, string> = {
  kindergarten: 'kindergarten',
  school: 'school',
  hospital: 'hospital',
  clinic: 'clinic',
  elderly_care: 'elderly care home',
};

export const ZONE_KIND_FA: Record<ZoneKind, string> = {
  no_build: 'پهنهٔ ممنوعیت نصب دکل',
  stealth_required: 'پهنهٔ الزام دکل استتارشده',
  heritage: 'پهنهٔ میراث فرهنگی',
  district: 'منطقهٔ شهرداری',
};

export const ZONE_KIND_EN: Record<ZoneKind, string> = {
  no_build: 'no-build zone',
  stealth_required: 'stealth-required zone',
  heritage: 'heritage zone',
  district: 'district',
};

/** "school «name»" in Persian and "school “name”" in English for a sensitive place. */
export function placeLabel(place: { kind: SensitiveKind; name_fa: string; name_en: string }): { fa: string; en: string } {
  return { fa: `${SENSITIVE_KIND_FA[place.kind]} «${place.name_fa}»`, en: `${SENSITIVE_KIND_EN[place.kind]} “${place.name_en}”` };
}
