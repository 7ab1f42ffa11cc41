/** The parts of the concern form that hold no state of their own: the seven categories with plain
 *  descriptions, the description with its counter, the private contact fields and the honeypot. */
import { CATEGORY_NAMES, CONCERN_CATEGORIES, CONCERN_LIMITS, type ConcernCategory } from '../../../shared/concerns.js';
import { useI18n } from '../i18n/i18n.js';

/** Per-field messages, keyed like the server's (`body.description`), plus `category` before sending. */
export type FieldErrors = Readonly<Record<string, string>>;

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="concern-field-error">
      {message}
    </p>
  ) : null;
}

/** The category as a group of radio cards, each with a plain description. */
export function CategoryField({ id, value, error, onChange }: { id: string; value: ConcernCategory | null; error?: string; onChange(c: ConcernCategory): void }) {
  const { t, lang } = useI18n();
  return (
    <fieldset className="category-field" aria-describedby={error ? `${id}-cat-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend>{t('concerns.form.category')}</legend>
      <FieldError id={`${id}-cat-error`} message={error} />
      {CONCERN_CATEGORIES.map((c) => (
        <label key={c} className={`category-option${value === c ? ' checked' : ''}`}>
          <input type="radio" name="category" value={c} checked={value === c} onChange={() => onChange(c)} required aria-describedby={`${id}-cat-${c}`} />
          <span className="category-text">
            <span className="category-name">{CATEGORY_NAMES[c][lang]}</span>
            <span id={`${id}-cat-${c}`} className="category-help">
              {t(`concerns.categoryHelp.${c}`)}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The description, with a counter of the characters left. */
export function DescriptionField({ id, value, error, onChange }: { id: string; value: string; error?: string; onChange(v: string): void }) {
  const { t } = useI18n();
  const max = CONCERN_LIMITS.descriptionChars;
  return (
    <div className="field">
      <label htmlFor={`${id}-desc`}>{t('concerns.form.description')}</label>
      <p id={`${id}-desc-help`} className="concern-field-help">
        {t('concerns.form.descriptionHelp')}
      </p>
      <textarea
        id={`${id}-desc`}
        name="description"
        rows={4}
        maxLength={max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-desc-help ${id}-desc-count${error ? ` ${id}-desc-error` : ''}`}
      />
      <p id={`${id}-desc-count`} className={`concern-counter${value.length > max * 0.95 ? ' near' : ''}`} data-testid="description-counter">
        {t('concerns.form.counter', { count: value.length, max })}
      </p>
      <FieldError id={`${id}-desc-error`} message={error} />
    </div>
  );
}

/** The resident's optional contact as typed. */
export interface Contact {
  name: string;
  email: string;
  phone: string;
}

/** Name, email and phone, each optional, under a plain promise that only the city sees them. */
export function ContactFields({ id, value, errors, onChange }: { id: string; value: Contact; errors: FieldErrors; onChange(c: Contact): void }) {
  const { t } = useI18n();
  const field = (key: keyof Contact, type: string, autoComplete: string, ltr: boolean) => {
    const error = errors[`body.${key}`];
    return (
      <div className="field">
        <label htmlFor={`${id}-${key}`}>{t(`concerns.form.${key}`)}</label>
        <input
          id={`${id}-${key}`}
          name={key}
          type={type}
          autoComplete={autoComplete}
          dir={ltr ? 'ltr' : undefined}
          inputMode={key === 'phone' ? 'tel' : key === 'email' ? 'email' : undefined}
          maxLength={key === 'name' ? CONCERN_LIMITS.nameChars : key === 'email' ? CONCERN_LIMITS.emailChars : CONCERN_LIMITS.phoneChars}
          value={value[key]}
          onChange={(e) => onChange({ ...value, [key]: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-private${error ? ` ${id}-${key}-error` : ''}`}
        />
        <FieldError id={`${id}-${key}-error`} message={error} />
      </div>
    );
  };
  return (
    <fieldset className="contact-fields">
      <legend>{t('concerns.form.contact')}</legend>
      <p id={`${id}-private`} className="private-note">
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <rect x="5" y="10.5" width="14" height="10" rx="2" fill="currentColor" />
          <path d="M8 10.5V8a4 4 0 018 0v2.5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
        {t('concerns.form.private')}
      </p>
      {field('name', 'text', 'name', false)}
      {field('email', 'email', 'email', true)}
      {field('phone', 'tel', 'tel', true)}
    </fieldset>
  );
}

/** The honeypot: people never see it (visually hidden, hidden from screen readers, out of the tab
 *  order, no autofill); a bot that fills every field gets a success that stores nothing. */
export function Honeypot({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useI18n();
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label>
        {t('concerns.form.honeypot')}
        <input type="text" name="website" tabIndex={-1} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} />
      </label>
    </div>
  );
}
