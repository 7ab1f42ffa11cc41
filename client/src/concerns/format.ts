/** How a concern's numbers, dates and codes are written for a resident: the exposure ratio against
 *  the limit in plain words, dates and times in Karaj's time zone (Persian calendar in fa), and the
 *  tracking code in groups of the language's digits. */
import type { Lang } from '../i18n/i18n.js';
import { DEFAULT_VIEW } from '../map/view-state.js';

const LOCALE: Record<Lang, string> = { fa: 'fa-IR', en: 'en-GB' };
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** Digits 0-9 of a string written in the language's digits. */
export function localDigits(s: string, lang: Lang): string {
  return lang === 'fa' ? s.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!) : s;
}

/** A tracking code grouped 3-3-4 for reading aloud and copying by eye (the server accepts the dashes back). */
export function displayCode(code: string, lang: Lang): string {
  return localDigits(`${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`, lang);
}

/** A number with two significant digits: enough to compare with a limit, no false precision. */
export function twoSignificant(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumSignificantDigits: 2 }).format(value);
}

/** The parts of "0.002 of the limit, 500 times below it": the ratio, how many times below (null when
 *  within a factor of two of the limit or above it), and whether it is above the limit. */
export interface RatioWords {
  ratio: string;
  timesBelow: string | null;
  above: boolean;
}

/** The total exposure ratio (limit 1) as words' parts in the language's digits. */
export function ratioWords(ratio: number, lang: Lang): RatioWords {
  const above = ratio > 1;
  const timesBelow = ratio > 0 && ratio <= 0.5 ? twoSignificant(1 / ratio, lang) : null;
  return { ratio: twoSignificant(ratio, lang), timesBelow, above };
}

// Concerns are about places in Karaj: their times are shown in Iran's time zone whatever the device's.
const TIME_ZONE = 'Asia/Tehran';

/** An instant as a date and time in Tehran time, in the language's calendar (Solar Hijri for fa-IR). */
export function dateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(d);
}

/** An instant as a date only, in Tehran time and the language's calendar. */
export function dateOnly(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeZone: TIME_ZONE }).format(d);
}

/** The message key for a count: its `One` form for exactly 1 (English "1 supporter"; Persian keeps one form). */
export function countKey<K extends string>(key: K, count: number): K | `${K}One` {
  return count === 1 ? `${key}One` : key;
}

/** Whole days from `iso` to `now` (0 on the day of filing). */
export function ageDays(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000));
}

/** A map address that opens a mast's panel, centred near it (the concern's spot, within 300 m; the map
 *  pans the mast into view when its panel loads). */
export function siteMapHref(siteId: number, lon: number, lat: number): string {
  return `/?lat=${lat.toFixed(5)}&lon=${lon.toFixed(5)}&z=16&site=${siteId}`;
}

/** A map address centred on a concern with the concerns layer on (and the default overlays kept). */
export function concernMapHref(lon: number, lat: number): string {
  const layers = [...DEFAULT_VIEW.overlays.filter((o) => o !== 'concerns'), 'concerns'].join(',');
  return `/?lat=${lat.toFixed(5)}&lon=${lon.toFixed(5)}&z=17&layers=${layers}`;
}
