/** "Track a concern": type the tracking code (Persian or Latin digits, dashes and spaces allowed); a
 *  mistyped digit is caught here by the code's check digit before any lookup. */
import { useId, useState, type FormEvent } from 'react';
import { isTrackingCode, normaliseTrackingCode } from '../../../shared/tracking-code.js';
import { useI18n } from '../i18n/i18n.js';
import { navigate } from '../router.js';
import './concerns-form.css';
import './concerns-page.css';

/** The tracking box; `compact` drops the help line (inside the map's controls); `titled={false}` keeps the
 *  heading for screen readers only (on the tracking page, whose own heading says the same). */
export function TrackBox({ compact = false, titled = true }: { compact?: boolean; titled?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const normal = normaliseTrackingCode(code);
    if (!isTrackingCode(normal)) return setInvalid(true);
    setInvalid(false);
    navigate(`/concerns/${normal}`);
  };

  return (
    <form className="track-box" onSubmit={submit} noValidate role="search" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={titled ? 'section-title' : 'visually-hidden'}>
        {t('concerns.track.title')}
      </h2>
      {compact ? null : <p className="muted">{t('concerns.track.help')}</p>}
      <label htmlFor={`${id}-code`} className="track-label">
        {t('concerns.track.label')}
      </label>
      <div className="search-row">
        <input
          id={`${id}-code`}
          name="tracking-code"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          dir="ltr"
          placeholder={t('concerns.track.placeholder')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
        />
        <button type="submit" className="button">
          {t('concerns.track.submit')}
        </button>
      </div>
      {invalid ? (
        <p id={`${id}-error`} className="concern-field-error" role="alert">
          {t('concerns.track.invalid')}
        </p>
      ) : null}
    </form>
  );
}
