/** The operators of the registry: Iran's three mobile networks (MCC/MNC per DOMAIN.md section 2)
 *  and one synthetic tower company. Map colours come from the Okabe–Ito palette, which stays
 *  distinguishable under the common colour-vision deficiencies. */
import type { Operator } from '../../shared/model.js';

/** Operator ids used by the generators. */
export type OperatorId = 'mci' | 'irancell' | 'rightel' | 'towerco';

/** The mobile operators' ids, in order of market share. */
export const MOBILE_OPERATOR_IDS = ['mci', 'irancell', 'rightel'] as const;

/** The four operators, mobile networks first. */
export const OPERATORS: readonly Operator[] = [
  { id: 'mci', name_fa: 'همراه اول', name_en: 'MCI (Hamrah-e Aval)', mcc: 432, mnc: 11, kind: 'mobile', color: '#0072B2' },
  { id: 'irancell', name_fa: 'ایرانسل', name_en: 'MTN Irancell', mcc: 432, mnc: 35, kind: 'mobile', color: '#E69F00' },
  { id: 'rightel', name_fa: 'رایتل', name_en: 'RighTel', mcc: 432, mnc: 20, kind: 'mobile', color: '#CC79A7' },
  {
    id: 'towerco',
    name_fa: 'شرکت زیرساخت دکل البرز (ساختگی)',
    name_en: 'Alborz Tower Co (synthetic)',
    mcc: null,
    mnc: null,
    kind: 'tower',
    color: '#555555',
  },
];

/** A fresh copy of the operators, safe for the caller to change. */
export function generateOperators(): Operator[] {
  return OPERATORS.map((o) => ({ ...o }));
}
