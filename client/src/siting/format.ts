/** How siting numbers read in the current language: values with their units, ratios to three significant digits
 *  (exposure ratios span six orders of magnitude), and the message keys of rules and statuses. */
import { useMemo } from 'react';
import type { RuleName, RuleStatus } from '../../../shared/siting.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';

/** The message key of a rule's name. */
export const ruleKey = (r: RuleName): MessageKey => `siting.rule.${r}`;
/** The message key of a rule status. */
export const statusKey = (s: RuleStatus): MessageKey => `siting.status.${s}`;

/** The units rule results carry (shared/siting/*.ts), each with its words and decimals. */
const UNITS: Readonly<Record<string, { key: MessageKey; decimals: number }>> = {
  m: { key: 'siting.unit.m', decimals: 1 },
  'm AMSL': { key: 'siting.unit.mAmsl', decimals: 1 },
  'V/m': { key: 'siting.unit.vm', decimals: 2 },
  'structures/km²': { key: 'siting.unit.perKm2', decimals: 1 },
};

export interface SitingFormat {
  /** A value with its unit in words ("۵۰ متر"); a ratio to three significant digits. */
  value(v: number, unit: string): string;
  /** A number to three significant digits (0.000321 stays readable). */
  sig(v: number): string;
  /** A distance in metres, whole metres from 100 m up. */
  metres(m: number): string;
  /** A share of a whole as a percentage. */
  percent(share: number): string;
}

/** Formatters for the current language. */
export function useSitingFormat(): SitingFormat {
  const { t, num, lang } = useI18n();
  return useMemo(() => {
    const sigFmt = new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-GB', { maximumSignificantDigits: 3 });
    const sig = (v: number) => sigFmt.format(v);
    const metres = (m: number) => t('siting.unit.m', { value: num(m, m >= 100 ? 0 : 1) });
    return {
      sig,
      metres,
      value: (v, unit) => {
        if (unit === 'ratio') return sig(v);
        if (unit === 'm') return metres(v);
        const u = UNITS[unit];
        return u ? t(u.key, { value: num(v, u.decimals) }) : num(v, 2);
      },
      percent: (share) => t('siting.percent', { value: share >= 0.1 ? num(share * 100, 0) : sig(share * 100) }),
    };
  }, [t, num, lang]);
}
