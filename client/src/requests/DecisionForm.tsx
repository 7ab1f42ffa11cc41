/** The planner's decision: approve, approve with conditions, or reject, always with written reasons;
 *  conditions listed one per line-field when approving with conditions (shared/site-requests.ts decide). */
import { useId, useState, type FormEvent } from 'react';
import { DECISIONS, REQUEST_LIMITS, type Decision } from '../../../shared/site-requests.js';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { decisionKey } from './format.js';
import { requestsApi, type RequestView } from './requests-api.js';

/** The form; `onDecided` receives the decided request. */
export function DecisionForm({ requestId, onDecided }: { requestId: number; onDecided(v: RequestView): void }) {
  const { t, num } = useI18n();
  const id = useId();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reasons, setReasons] = useState('');
  const [conditions, setConditions] = useState<string[]>(['']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const withConditions = decision === 'approve_with_conditions';
  /** An error goes as soon as its field is changed. */
  const clear = (field: string) => setErrors((e) => (field in e ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== field)) : e));

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const list = conditions.map((c) => c.trim()).filter((c) => c !== '');
    const found: Record<string, string> = {};
    if (!decision) found.decision = t('requests.decide.pick');
    if (!reasons.trim()) found.reasons = t('requests.decide.reasonsRequired');
    if (withConditions && list.length === 0) found.conditions = t('requests.decide.conditionsRequired');
    setErrors(found);
    if (Object.keys(found).length > 0 || !decision) {
      window.setTimeout(() => document.querySelector<HTMLElement>(`#${CSS.escape(id)}-form [aria-invalid="true"]`)?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      onDecided(await requestsApi.decide(requestId, { decision, reasons: reasons.trim(), conditions: withConditions ? list : [] }));
    } catch (err) {
      setErrors({ form: err instanceof ApiError ? `${err.message}` : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={`${id}-form`} className="decision-form" onSubmit={(e) => void send(e)} noValidate data-testid="decision-form">
      <fieldset aria-describedby={errors.decision ? `${id}-d-err` : undefined}>
        <legend>{t('requests.decide.decision')}</legend>
        {DECISIONS.map((d, i) => (
          <label key={d} className="radio">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => {
              setDecision(d);
              clear('decision');
            }} aria-invalid={errors.decision && i === 0 ? true : undefined} />
            {t(decisionKey(d))}
          </label>
        ))}
        {errors.decision ? <p id={`${id}-d-err`} className="field-error">{errors.decision}</p> : null}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-reasons`}>{t('requests.decide.reasons')}</label>
        <textarea id={`${id}-reasons`} name="reasons" rows={5} maxLength={REQUEST_LIMITS.reasonsChars} value={reasons} onChange={(e) => {
            setReasons(e.target.value);
            clear('reasons');
          }}
          aria-invalid={errors.reasons ? true : undefined} aria-describedby={`${id}-r-hint${errors.reasons ? ` ${id}-r-err` : ''}`} />
        <p id={`${id}-r-hint`} className="muted">{t('requests.decide.reasonsHint')}</p>
        {errors.reasons ? <p id={`${id}-r-err`} className="field-error">{errors.reasons}</p> : null}
      </div>
      {withConditions ? (
        <fieldset aria-describedby={errors.conditions ? `${id}-c-err` : undefined}>
          <legend>{t('requests.decide.conditions')}</legend>
          <ol className="condition-list">
            {conditions.map((c, i) => (
              <li key={i}>
                <label htmlFor={`${id}-c${i}`} className="visually-hidden">{t('requests.decide.condition', { n: num(i + 1) })}</label>
                <input id={`${id}-c${i}`} name={`condition-${i}`} maxLength={REQUEST_LIMITS.conditionChars} value={c}
                  aria-invalid={errors.conditions && i === 0 ? true : undefined}
                  onChange={(e) => {
                    setConditions(conditions.map((x, j) => (j === i ? e.target.value : x)));
                    clear('conditions');
                  }} />
                {conditions.length > 1 ? (
                  <button type="button" className="button secondary small" onClick={() => setConditions(conditions.filter((_, j) => j !== i))}>
                    {t('requests.decide.removeCondition', { n: num(i + 1) })}
                  </button>
                ) : null}
              </li>
            ))}
          </ol>
          {conditions.length < REQUEST_LIMITS.conditions ? (
            <button type="button" className="button secondary small" onClick={() => setConditions([...conditions, ''])}>
              {t('requests.decide.addCondition')}
            </button>
          ) : null}
          {errors.conditions ? <p id={`${id}-c-err`} className="field-error">{errors.conditions}</p> : null}
        </fieldset>
      ) : null}
      {errors.form ? <p className="error" role="alert">{errors.form}</p> : null}
      <button type="submit" className="button" disabled={busy} data-testid="decide">
        {busy ? t('requests.decide.sending') : t('requests.decide.send')}
      </button>
    </form>
  );
}
