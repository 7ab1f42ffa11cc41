/** A siting check as people read it: the verdict and the policy version, then each rule with a status icon,
 *  the measured value against the limit, the objects involved with their distances, and the engine's sentence in
 *  the current language. Reusable wherever a SitingResult is shown. */
import type { ReactNode } from 'react';
import type { RelatedObject, RuleResult, RuleStatus, SitingResult } from '../../../shared/siting.js';
import { SENSITIVE_KIND_EN, SENSITIVE_KIND_FA, ZONE_KIND_EN, ZONE_KIND_FA } from '../../../shared/siting/wording.js';
import type { SensitiveKind, ZoneKind } from '../../../shared/model.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { Link } from '../router.js';
import { ruleKey, statusKey, useSitingFormat } from './format.js';
import './siting-report.css';

/** Objects listed per rule; the rest are counted. */
const MAX_LISTED = 5;
/** Breaches first: what stops the mast is what people look for. */
const SEVERITY: Record<RuleStatus, number> = { fail: 0, warn: 1, pass: 2 };

/** Registry codes (KRJ-000123) in a sentence kept whole and in their own direction: a Persian line would otherwise
 *  break after the hyphen and show "-KRJ" at its end. */
function withCodes(text: string): ReactNode[] {
  return text.split(/([A-Z]{2,}-\d{3,})/).map((part, i) => (i % 2 === 1 ? <bdi key={i} className="code">{part}</bdi> : part));
}

/** A status as an icon whose shape carries the meaning too: a tick, an exclamation mark, a cross. */
export function StatusIcon({ status }: { status: RuleStatus }) {
  return (
    <svg className={`status-icon status-${status}`} viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      {status === 'warn' ? <path d="M10 1.5L19 18H1z" /> : <circle cx="10" cy="10" r="9" />}
      {status === 'pass' ? <path d="M5.5 10.5l3 3 6-7" className="status-mark" /> : null}
      {status === 'warn' ? <path d="M10 7v5M10 14.2v.6" className="status-mark" /> : null}
      {status === 'fail' ? <path d="M6.5 6.5l7 7M13.5 6.5l-7 7" className="status-mark" /> : null}
    </svg>
  );
}

/** A status as an icon and a word. */
export function StatusBadge({ status }: { status: RuleStatus }) {
  const { t } = useI18n();
  return (
    <span className={`status-badge status-${status}`}>
      <StatusIcon status={status} />
      {t(statusKey(status))}
    </span>
  );
}

const SURFACE: Readonly<Record<string, MessageKey>> = {
  inner_horizontal: 'siting.surface.inner_horizontal',
  conical: 'siting.surface.conical',
  approach: 'siting.surface.approach',
  transitional: 'siting.surface.transitional',
  strip: 'siting.surface.strip',
};

/** One object a rule names, in words. */
function RelatedItem({ r, operatorName }: { r: RelatedObject; operatorName(id: string): string }) {
  const { t, lang, list } = useI18n();
  const f = useSitingFormat();
  const name = lang === 'fa' ? (r.name_fa ?? r.name ?? String(r.id)) : (r.name ?? String(r.id));
  let what: ReactNode;
  if (r.type === 'sensitive_place') {
    const kind = (lang === 'fa' ? SENSITIVE_KIND_FA : SENSITIVE_KIND_EN)[r.kind as SensitiveKind] ?? r.kind;
    what = t('siting.related.place', { kind: kind ?? '', name });
  } else if (r.type === 'site') {
    const ops = (r.operators ?? []).map(operatorName);
    what = ops.length ? t('siting.related.site', { code: r.code ?? name, operators: list(ops) }) : t('siting.related.siteBare', { code: r.code ?? name });
  } else if (r.type === 'zone') {
    const kind = (lang === 'fa' ? ZONE_KIND_FA : ZONE_KIND_EN)[r.kind as ZoneKind] ?? r.kind;
    what = t('siting.related.zone', { kind: kind ?? '', name });
  } else {
    const surface = r.surface && SURFACE[r.surface] ? t(SURFACE[r.surface]!) : (r.surface ?? '');
    what = t('siting.related.aerodrome', { name, id: String(r.id), surface, runway: r.runway ?? '' });
  }
  return (
    <li className={`related-${r.type}`} data-related={r.type} data-id={String(r.id)}>
      <span className="related-what">{what}</span>
      {r.distance_m !== undefined ? (
        <span className="related-distance" data-testid="related-distance">
          {r.type === 'aerodrome' ? t('siting.related.fromStrip', { distance: f.metres(r.distance_m) }) : f.metres(r.distance_m)}
        </span>
      ) : null}
      {r.total_exposure_ratio !== undefined ? (
        <span className="related-exposure">{t('siting.related.exposure', { ratio: f.sig(r.total_exposure_ratio), field: f.value(r.e_total_vm ?? 0, 'V/m') })}</span>
      ) : null}
    </li>
  );
}

/** One rule's line. */
function RuleItem({ r, operatorName }: { r: RuleResult; operatorName(id: string): string }) {
  const { t, lang, num } = useI18n();
  const f = useSitingFormat();
  const shown = r.related.slice(0, MAX_LISTED);
  return (
    <li className={`siting-rule status-${r.status}`} data-rule={r.rule} data-status={r.status}>
      <div className="siting-rule-head">
        <StatusIcon status={r.status} />
        <strong>{t(ruleKey(r.rule))}</strong>
        <span className="siting-rule-status">{t(statusKey(r.status))}</span>
      </div>
      {r.measured !== null || r.limit !== null ? (
        <p className="siting-rule-numbers">
          {r.measured !== null ? (
            <span data-testid="rule-measured">{t('siting.measured', { value: f.value(r.measured, r.unit) })}</span>
          ) : null}
          {r.limit !== null ? <span data-testid="rule-limit">{t('siting.limit', { value: f.value(r.limit, r.unit) })}</span> : null}
        </p>
      ) : null}
      <p className="siting-rule-message">{withCodes(lang === 'fa' ? r.message.fa : r.message.en)}</p>
      {shown.length > 0 ? (
        <ul className="siting-related">
          {shown.map((x) => (
            <RelatedItem key={`${x.type}-${x.id}`} r={x} operatorName={operatorName} />
          ))}
          {r.related.length > shown.length ? <li className="muted">{t('siting.related.more', { count: num(r.related.length - shown.length) })}</li> : null}
        </ul>
      ) : null}
    </li>
  );
}

interface Props {
  result: SitingResult;
  operatorName(id: string): string;
  /** Shown under the verdict (who checked: the browser, the server). */
  note?: ReactNode;
  testId?: string;
}

/** The verdict, the policy version and one line per rule, breaches first. */
export function SitingReport({ result, operatorName, note, testId }: Props) {
  const { t, num } = useI18n();
  const version = typeof result.policy_version === 'number' ? num(result.policy_version) : String(result.policy_version);
  return (
    <div className="siting-report" data-testid={testId} data-verdict={result.verdict} data-policy-version={String(result.policy_version)}>
      <p className="siting-verdict">
        <span>{t('siting.verdict')}</span> <StatusBadge status={result.verdict} />
      </p>
      <p className="siting-policy" data-testid="policy-version">
        <Link href="/policy">{t('siting.policyVersion', { version })}</Link>
      </p>
      {note}
      <ul className="siting-rules">
        {[...result.rules].sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status]).map((r) => (
          <RuleItem key={r.rule} r={r} operatorName={operatorName} />
        ))}
      </ul>
    </div>
  );
}
