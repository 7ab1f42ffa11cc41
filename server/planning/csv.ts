/** CSV for the council's spreadsheets: RFC 4180 quoting, a UTF-8 byte-order mark (so spreadsheet programs read Persian),
 *  formula-looking cells defused, and column headings and coded values in Persian or English. */
import type { Response } from 'express';

export type CsvLang = 'fa' | 'en';

/** One cell: quoted when needed; a leading =, +, - or @ that is not a number is prefixed so it never runs as a
 *  formula (OWASP "CSV injection"). */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? v.join(' ') : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A table as CSV text with a BOM. */
export function csvText(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Sends CSV as a download named `dakal-<name>-<date>.csv`. */
export function sendCsv(res: Response, name: string, text: string, now: Date): void {
  res.setHeader('Content-Disposition', `attachment; filename="dakal-${name}-${now.toISOString().slice(0, 10)}.csv"`);
  res.type('text/csv; charset=utf-8').send(text);
}

/** Column headings, in English (the key) and Persian. */
const HEADINGS: Record<string, string> = {
  district_id: 'شناسهٔ منطقه', district_fa: 'نام منطقه (فارسی)', district_en: 'نام منطقه (انگلیسی)', area_km2: 'مساحت (کیلومتر مربع)',
  structures: 'تعداد سازه', per_km2: 'سازه در کیلومتر مربع', shared: 'سازهٔ مشترک', unpermitted: 'بدون مجوز', open_concerns: 'نگرانی‌های باز',
  group: 'گروه', keep_site_id: 'شناسهٔ سازهٔ ماندنی', keep_code: 'کد سازهٔ ماندنی', keep_lon: 'طول جغرافیایی ماندنی', keep_lat: 'عرض جغرافیایی ماندنی',
  keep_type: 'نوع سازهٔ ماندنی', keep_height_m: 'ارتفاع سازهٔ ماندنی (متر)', removed_site_id: 'شناسهٔ سازهٔ برچیدنی', removed_code: 'کد سازهٔ برچیدنی',
  removed_lon: 'طول جغرافیایی برچیدنی', removed_lat: 'عرض جغرافیایی برچیدنی', removed_type: 'نوع سازهٔ برچیدنی', distance_m: 'فاصله (متر)',
  operators_moved: 'اپراتورهای منتقل‌شونده', verdict: 'نتیجهٔ بررسی ضوابط',
  site_id: 'شناسهٔ سازه', code: 'کد سازه', lon: 'طول جغرافیایی', lat: 'عرض جغرافیایی', status: 'وضعیت', structure_type: 'نوع سازه', height_m: 'ارتفاع (متر)',
  permit_no: 'شمارهٔ مجوز', owner: 'مالک', operators: 'اپراتورها', reasons: 'دلایل', place: 'مکان حساس', place_distance_m: 'فاصله تا مکان حساس (متر)',
  place_limit_m: 'حد فاصله (متر)', concerns: 'نگرانی‌ها', candidate: 'نامزد', cells: 'تعداد سلول', samples: 'تعداد نمونه', radios: 'فناوری‌ها',
  unknown_networks: 'شبکه‌های ناشناخته', nearest_site_code: 'نزدیک‌ترین سازهٔ ثبت‌شده', nearest_site_m: 'فاصله تا نزدیک‌ترین سازه (متر)',
};

/** Coded values in Persian (English keeps the code). */
const VALUES: Record<string, string> = {
  active: 'فعال', unpermitted: 'بدون مجوز', approved: 'مجوزدار', proposed: 'پیشنهادی', decommissioned: 'برچیده‌شده',
  rooftop: 'پشت‌بامی', monopole: 'تک‌پایه', lattice: 'مشبک', guyed: 'مهاری', stealth: 'استتاری', small_cell: 'سلول کوچک',
  no_permit_number: 'بدون شمارهٔ مجوز', sensitive_buffer: 'درون حریم مکان حساس', fall_zone: 'درون حریم سقوط', open_concerns: 'نگرانی باز ساکنان',
  pass: 'قبول', warn: 'هشدار', fail: 'رد', mci: 'همراه اول', irancell: 'ایرانسل', rightel: 'رایتل', towerco: 'شرکت دکل',
  kindergarten: 'مهدکودک', school: 'مدرسه', hospital: 'بیمارستان', clinic: 'درمانگاه', elderly_care: 'سرای سالمندان',
};

/** Headings in the language. */
export function headings(keys: readonly string[], lang: CsvLang): string[] {
  return keys.map((k) => (lang === 'fa' ? (HEADINGS[k] ?? k) : k));
}

/** A coded value (or list of them) in the language. */
export function label(v: string | readonly string[], lang: CsvLang): string {
  const one = (x: string) => (lang === 'fa' ? (VALUES[x] ?? x) : x);
  return typeof v === 'string' ? one(v) : v.map(one).join(lang === 'fa' ? '، ' : '; ');
}
