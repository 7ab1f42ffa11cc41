/** Tracking codes of concerns: ten digits, the last a Damm check digit, so a resident typing it on a
 *  Persian keypad can use Persian digits and a single wrong or swapped digit is caught before a lookup. */

// Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004; the table on Wikipedia's
// "Damm algorithm"): detects every single-digit error and every adjacent transposition.
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm check digit of a string of Latin digits. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![ch.charCodeAt(0) - 48]!;
  return interim;
}

/** A tracking code from nine random digits (the first not 0, so software that reads it as a number keeps it whole). */
export function makeTrackingCode(nineDigits: string): string {
  if (!/^[1-9]\d{8}$/.test(nineDigits)) throw new RangeError('makeTrackingCode needs nine digits, the first not 0');
  return nineDigits + String(dammDigit(nineDigits));
}

/** The code as typed, with Persian (U+06F0…) or Arabic-Indic (U+0660…) digits made Latin and spaces and dashes dropped. */
export function normaliseTrackingCode(typed: string): string {
  return typed
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\s\-\u200c\u200f\u200e]/g, '');
}

/** Whether a normalised code is well formed and its check digit right. */
export function isTrackingCode(code: string): boolean {
  return /^[1-9]\d{9}$/.test(code) && dammDigit(code) === 0;
}
