/** A siting check shown as people read it: the verdict, then each rule with its status, the measured
 *  value against the limit, and the engine's sentence in the current language. */
import type { ReactNode } from 'react';
import type { RuleResult, RuleStatus, SitingResult } from '../../../shared/siting.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { ruleKey, verdictKey } from './format.js';
import type { RuleReport as Report } from './requests-api.js';

const UNIT: Readonly<Record<string, MessageKey>> = {
  m: 'requests.unit.m',
  'm AMSL': 'requests.unit.mAmsl',
  'V/m': 'requests.unit.vm',
  ratio: 'requests.unit.ratio',
  'structures/km²': 'requests.unit.perKm2',
};

/** A status as a coloured badge whose words carry the meaning (colour is never the only sign). */
export function VerdictBadge({ status }: { status: RuleStatus }) {
  const { t } = useI18n();
  return <span className={`verdict verdict-${status}`}>{t(verdictKey(status))}</span>;
}

function Measured({ r }: { r: RuleResult | Report['rules'][number] }) {
  const { t, num } = useI18n();
  const unit = UNIT[r.unit];
  const value = (v: number) => (unit ? t(unit, { value: num(v, r.unit === 'ratio' ? 3 : 1) }) : num(v, 2));
  if (r.measured === null && r.limit === null) return null;
  return (
    <p className="rule-numbers">
      {r.measured !== null ? <span>{t('requests.rules.measured', { value: value(r.measured) })}</span> : null}
      {r.limit !== null ? <span>{t('requests.rules.limit', { value: value(r.limit) })}</span> : null}
    </p>
  );
}

interface Props {
  report: SitingResult | Report;
  /** Shown above the rules (e.g. "checked in your browser"). */
  note?: ReactNode;
  testId?: string;
}

/** The verdict and one line per rule. */
export function RuleReport({ report, note, testId }: Props) {
  const { t, lang, num } = useI18n();
  return (
    <div className="rule-report" data-testid={testId} data-verdict={report.verdict}>
      <p className="rule-verdict">
        {t('requests.rules.verdict')} <VerdictBadge status={report.verdict} />{' '}
        <span className="muted">{t('requests.rules.policy', { version: typeof report.policy_version === 'number' ? num(report.policy_version) : String(report.policy_version) })}</span>
      </p>
      {note}
      <ul className="rule-list">
        {report.rules.map((r) => (
          <li key={r.rule} className={`rule rule-${r.status}`} data-rule={r.rule} data-status={r.status}>
            <div className="rule-head">
              <VerdictBadge status={r.status} />
              <strong>{t(ruleKey(r.rule))}</strong>
            </div>
            <p className="rule-message">{lang === 'fa' ? r.message.fa : r.message.en}</p>
            <Measured r={r} />
          </li>
        ))}
      </ul>
    </div>
  );
}
