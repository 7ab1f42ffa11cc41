/** "Me too" on a concern's page: adds one supporter per connection (the server counts each address
 *  once, and never the filer) and says plainly whether this one was counted. */
import { useState } from 'react';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/fa.js';
import { concernsApi } from './concerns-api.js';
import './concerns-form.css';

interface Props {
  code: string;
  open: boolean;
  onSupporters(count: number): void;
}

/** The button and its outcome. */
export function MeTooButton({ code, open, onSupporters }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<MessageKey | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!open) return <p className="muted">{t('concerns.page.meTooClosed')}</p>;

  const press = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await concernsApi.support(code);
      onSupporters(r.supporters);
      setOutcome(r.counted ? 'concerns.page.meTooDone' : 'concerns.page.meTooAlready');
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t('concerns.page.meTooClosed') : t('concerns.form.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="me-too">
      <button type="button" className="button" onClick={() => void press()} disabled={busy || outcome !== null} aria-busy={busy} data-testid="me-too">
        {t('concerns.page.meToo')}
      </button>
      <p role="status" className="me-too-status">
        {outcome ? t(outcome) : ''}
      </p>
      {error ? (
        <p className="concern-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
