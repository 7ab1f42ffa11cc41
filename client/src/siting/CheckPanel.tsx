/** The "check a location" panel: the proposed structure (height, type, operator), the live result with who
 *  checked it (the browser at once, then the server), and the way to put the pin without a mouse. A card over the
 *  map on a wide screen, a bottom sheet on a phone. */
import { useEffect, useId, useRef, type RefObject } from 'react';
import type { Operator } from '../../../shared/model.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { DEFAULT_FORM, heightOf, MAX_HEIGHT_M, SLIDER_MAX_M, STRUCTURE_TYPES, type CheckForm } from './check-form.js';
import { ruleKey, statusKey } from './format.js';
import { SitingReport } from './SitingReport.js';
import type { SitingCheck } from './use-siting-check.js';
import type { RuleName } from '../../../shared/siting.js';

const SERVER_WORDS: Record<SitingCheck['server'], MessageKey> = {
  idle: 'siting.server.idle',
  waiting: 'siting.server.waiting',
  checking: 'siting.server.checking',
  confirmed: 'siting.server.confirmed',
  differs: 'siting.server.differs',
  error: 'siting.server.error',
};

interface Props {
  form: CheckForm;
  onForm(form: CheckForm): void;
  placed: boolean;
  check: SitingCheck;
  operators: readonly Operator[];
  operatorName(id: string): string;
  onCentre(): void;
  onClose(): void;
  panelRef?: RefObject<HTMLElement | null>;
}

/** The panel. */
export function CheckPanel({ form, onForm, placed, check, operators, operatorName, onCentre, onClose, panelRef }: Props) {
  const { t, num, name, list } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const height = heightOf(form);
  const result = check.result;

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const differing = check.differences.map((d) =>
    d === 'verdict' ? t('siting.verdict') : d === 'policy_version' ? t('siting.policy') : t(ruleKey(d as RuleName)),
  );
  const serverLine = (
    <p className={`check-server server-${check.server}`} data-testid="check-server" data-server={check.server} data-source={check.source ?? ''}>
      {check.server === 'differs' ? t('siting.server.differs', { rules: list(differing) }) : t(SERVER_WORDS[check.server])}
    </p>
  );

  return (
    <section ref={panelRef} className="siting-panel check-panel" aria-labelledby={`${id}-title`} data-testid="check-panel">
      <div className="siting-panel-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {t('siting.check.title')}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('siting.check.close')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path d="M5 5l14 14M19 5L5 19" stroke="currentColor" strokeWidth="2.5" />
          </svg>
        </button>
      </div>
      {placed ? null : <p className="check-help">{t('siting.check.help')}</p>}
      {/* One short line is announced, not the whole list at every move. */}
      <p className="visually-hidden" aria-live="polite">
        {result && check.server !== 'waiting' ? t('siting.check.summary', { verdict: t(statusKey(result.verdict)), server: t(SERVER_WORDS[check.server]) }) : ''}
      </p>
      {check.contextError ? <p className="error">{t('siting.check.contextError', { message: check.contextError })}</p> : null}
      {placed && !result ? <p className="muted" role="status">{t('siting.check.loading')}</p> : null}
      {result ? <SitingReport result={result} operatorName={operatorName} note={serverLine} testId="check-report" /> : null}
      <section className="check-structure" aria-labelledby={`${id}-structure`}>
        <h3 id={`${id}-structure`}>{t('siting.check.structure')}</h3>
        <div className="check-form">
          <div className="field check-height">
            <label htmlFor={`${id}-h`}>{t('siting.check.height')}</label>
            <div className="check-height-row">
              <input
                id={`${id}-h`}
                name="height_m"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={form.heightText}
                aria-invalid={height === null}
                aria-describedby={height === null ? `${id}-herr` : undefined}
                onChange={(e) => onForm({ ...form, heightText: e.target.value })}
              />
              <input
                type="range"
                min={1}
                max={SLIDER_MAX_M}
                step={1}
                aria-label={t('siting.check.heightSlider')}
                aria-valuetext={height === null ? undefined : t('siting.unit.m', { value: num(height, 1) })}
                value={Math.min(SLIDER_MAX_M, Math.max(1, Math.round(height ?? Number(DEFAULT_FORM.heightText))))}
                onChange={(e) => onForm({ ...form, heightText: num(Number(e.target.value)) })}
              />
            </div>
            {height === null ? (
              <p id={`${id}-herr`} className="error">
                {t('siting.check.heightInvalid', { max: num(MAX_HEIGHT_M) })}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('siting.check.type')}</label>
            <select id={`${id}-type`} name="structure_type" value={form.structureType} onChange={(e) => onForm({ ...form, structureType: e.target.value as CheckForm['structureType'] })}>
              {STRUCTURE_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`structure.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-op`}>{t('siting.check.operator')}</label>
            <select id={`${id}-op`} name="operator_id" value={form.operatorId} onChange={(e) => onForm({ ...form, operatorId: e.target.value })}>
              <option value="">{t('siting.check.operatorNone')}</option>
              {operators.map((o) => (
                <option key={o.id} value={o.id}>
                  {name(o)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="button" className="button secondary check-centre" onClick={onCentre}>
          {t('siting.check.centre')}
        </button>
        {placed ? <p className="check-help">{t('siting.check.helpPlaced')}</p> : null}
      </section>
      <p className="note">{t('siting.check.note')}</p>
    </section>
  );
}
