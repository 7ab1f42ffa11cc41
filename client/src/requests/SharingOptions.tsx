/** Share first (DOMAIN.md section 4): the existing structures within the share-first radius that the
 *  applicant could use instead, with their operators and free room, and the written reason for not
 *  sharing that the form asks for when one of them has room. */
import { useId } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { FieldError } from './FieldError.js';
import type { SharingOption } from './requests-api.js';
import { useOperatorName } from './use-operators.js';

interface Props {
  options: readonly SharingOption[];
  radiusM: number | null;
  loading?: boolean;
  /** The justification field, when the form is editable. */
  justification?: { value: string; required: boolean; error?: string; onChange(v: string): void };
  /** Starts a colocation request on the option instead. */
  onShare?(option: SharingOption): void;
}

/** The options list (and the justification field). */
export function SharingOptions({ options, radiusM, loading, justification, onShare }: Props) {
  const { t, num, list } = useI18n();
  const id = useId();
  const operatorName = useOperatorName();

  return (
    <div className="sharing-options" data-testid="sharing-options">
      {radiusM !== null ? <p className="muted">{t('requests.sharing.intro', { radius: num(radiusM) })}</p> : null}
      {loading ? <p className="muted">{t('requests.sharing.loading')}</p> : null}
      {!loading && options.length === 0 ? <p>{t('requests.sharing.none')}</p> : null}
      {options.length > 0 ? (
        <ul className="option-list">
          {options.map((o) => (
            <li key={o.site_id} className="option" data-testid="sharing-option" data-free={o.free_slots}>
              <p className="option-head">
                <strong>
                  <bdi>{o.code}</bdi>
                </strong>{' '}
                · {t(`structure.${o.structure_type}`)} · {t('unit.metres', { value: num(o.height_m, 1) })} · {t('requests.sharing.away', { distance: num(o.distance_m) })}
              </p>
              <p>
                {t('requests.sharing.operators', { operators: list(o.operators.map(operatorName)) })}{' '}
                <span className={o.free_slots > 0 ? 'free' : 'full'}>
                  {o.free_slots > 0 ? t('requests.sharing.free', { free: num(o.free_slots), capacity: num(o.capacity) }) : t('requests.sharing.full', { capacity: num(o.capacity) })}
                </span>
              </p>
              {onShare && o.free_slots > 0 ? (
                <button type="button" className="button secondary small" onClick={() => onShare(o)}>
                  {t('requests.sharing.useThis', { code: o.code })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {justification ? (
        <div className="field">
          <label htmlFor={`${id}-why`}>
            {t('requests.sharing.justification')}
            {justification.required ? <span className="required"> {t('requests.form.required')}</span> : null}
          </label>
          <textarea
            id={`${id}-why`}
            name="sharing_justification"
            rows={3}
            value={justification.value}
            required={justification.required}
            aria-invalid={justification.error ? true : undefined}
            aria-describedby={`${id}-why-hint${justification.error ? ` ${id}-why-err` : ''}`}
            onChange={(e) => justification.onChange(e.target.value)}
          />
          <p id={`${id}-why-hint`} className="muted">
            {justification.required ? t('requests.sharing.justificationRequired') : t('requests.sharing.justificationOptional')}
          </p>
          <FieldError id={`${id}-why-err`} field="body.sharing_justification" message={justification.error} />
        </div>
      ) : null}
    </div>
  );
}
