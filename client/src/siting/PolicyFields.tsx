/** One policy value as a labelled control (for planners) or as text (for everyone else), with its unit and, when
 *  the schema refuses it, the reason tied to the control. */
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { getAt, pathKey, type Draft, type FieldIssue, type Json } from './policy-draft.js';
import type { FieldSpec } from './policy-spec.js';

/** A number as it is shown for editing: the language's digits, no grouping. */
export function usePlainNumber(): (v: number) => string {
  const { lang } = useI18n();
  return useMemo(() => {
    const f = new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-GB', { useGrouping: false, maximumFractionDigits: 6 });
    return (v: number) => f.format(v);
  }, [lang]);
}

/** A value in words, for the read-only view and the version history. */
export function useValueText(): (field: FieldSpec, v: Json | undefined) => string {
  const { t, num, list } = useI18n();
  return (field, v) => {
    if (v === undefined || v === null) return t('policy.value.none');
    if (field.kind === 'bool') return t(v ? 'policy.value.on' : 'policy.value.off');
    if (field.kind === 'number' && typeof v === 'number') return field.unit ? t(field.unit, { value: num(v, 6) }) : num(v, 6);
    if (field.kind === 'choice') return t(`${field.prefix}${String(v)}` as MessageKey);
    if (field.kind === 'set' && Array.isArray(v)) return v.length ? list(v.map((x) => t(`${field.prefix}${String(x)}` as MessageKey))) : t('policy.value.empty');
    return String(v);
  };
}

/** The reason a value is refused, in the current language. */
export function useIssueText(): (issue: FieldIssue, field: FieldSpec | null) => string {
  const { t, num } = useI18n();
  return (issue, field) => {
    if (field?.kind === 'text' && issue.code === 'too_small') return t('policy.error.required');
    if (issue.code === 'too_small' && issue.minimum !== undefined) return t('policy.error.min', { min: num(issue.minimum, 6) });
    if (issue.code === 'too_big' && issue.maximum !== undefined) return t('policy.error.max', { max: num(issue.maximum, 6) });
    if (issue.code === 'invalid_type') return t('policy.error.number');
    if (issue.code === 'server') return t('policy.error.server', { message: issue.message });
    return t('policy.error.invalid');
  };
}

interface Props {
  field: FieldSpec;
  draft: Draft;
  editable: boolean;
  issue: FieldIssue | undefined;
  onValue(field: FieldSpec, value: Json | undefined): void;
  onText(field: FieldSpec, text: string): void;
}

/** The control or the text of one field. */
export function PolicyField({ field, draft, editable, issue, onValue, onText }: Props) {
  const { t } = useI18n();
  const plain = usePlainNumber();
  const valueText = useValueText();
  const issueText = useIssueText();
  const key = pathKey(field.path);
  const id = `policy-${field.path.join('-')}`;
  const value = getAt(draft.value, field.path);
  const error = issue ? (
    <p id={`${id}-error`} className="policy-error">
      {issueText(issue, field)}
    </p>
  ) : null;
  const invalid = issue ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};

  if (!editable) {
    return (
      <div className="policy-row" data-path={key}>
        <span className="policy-label">{t(field.label)}</span>
        <strong className="policy-value" dir={field.kind === 'text' ? 'auto' : undefined}>{valueText(field, value)}</strong>
      </div>
    );
  }
  if (field.kind === 'bool') {
    return (
      <label className="toggle policy-toggle">
        <input type="checkbox" name={key} checked={value === true} onChange={(e) => onValue(field, e.target.checked)} />
        {t(field.label)}
      </label>
    );
  }
  if (field.kind === 'set') {
    const chosen = Array.isArray(value) ? value.map(String) : [];
    return (
      <fieldset className="policy-set" data-path={key}>
        <legend>{t(field.label)}</legend>
        {field.options.map((o) => (
          <label key={o} className="toggle">
            <input
              type="checkbox"
              name={`${key}.${o}`}
              checked={chosen.includes(o)}
              onChange={(e) => onValue(field, field.options.filter((x) => (x === o ? e.target.checked : chosen.includes(x))))}
            />
            {t(`${field.prefix}${o}` as MessageKey)}
          </label>
        ))}
        {error}
      </fieldset>
    );
  }
  return (
    <div className="field policy-field">
      <label htmlFor={id}>{t(field.label)}</label>
      {field.kind === 'choice' ? (
        <select id={id} name={key} value={String(value ?? '')} onChange={(e) => onValue(field, e.target.value)} {...invalid}>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {t(`${field.prefix}${o}` as MessageKey)}
            </option>
          ))}
        </select>
      ) : field.kind === 'number' ? (
        <div className="policy-number">
          <input
            id={id}
            name={key}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={draft.texts[key] ?? (typeof value === 'number' ? plain(value) : '')}
            placeholder={field.optional ? t('policy.value.none') : undefined}
            onChange={(e) => onText(field, e.target.value)}
            {...invalid}
          />
          {field.unit ? <span className="policy-unit">{t(field.unit, { value: '' }).trim()}</span> : null}
        </div>
      ) : (
        <input id={id} name={key} type="text" dir="auto" value={String(value ?? '')} onChange={(e) => onValue(field, e.target.value)} {...invalid} />
      )}
      {error}
    </div>
  );
}
