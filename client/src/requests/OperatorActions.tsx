/** The applicant's steps after filing: withdraw an undecided request (with an optional reason), and mark
 *  an approved structure built, which turns the registry's site active. */
import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { requestsApi, type RequestView } from './requests-api.js';

/** The buttons this request allows now. */
export function OperatorActions({ view, onChange }: { view: RequestView; onChange(v: RequestView): void }) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  // Blank means the day the server records it (its clock, not this device's).
  const [builtOn, setBuiltOn] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const approved = view.status === 'approved' || view.status === 'approved_with_conditions';
  const canBuild = approved && view.clocks.built_at === null;
  const canWithdraw = view.next_statuses.includes('withdrawn');
  if (!canBuild && !canWithdraw) return null;

  const act = async (f: () => Promise<RequestView>) => {
    setError(null);
    try {
      onChange(await f());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="page-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>{t('requests.actions.title')}</h2>
      {canBuild ? (
        <div className="action-row">
          <p>{t('requests.actions.builtIntro')}</p>
          <div className="field">
            <label htmlFor={`${id}-built`}>{t('requests.actions.builtOn')}</label>
            <input id={`${id}-built`} name="built_on" type="date" dir="ltr" value={builtOn} onChange={(e) => setBuiltOn(e.target.value)} />
          </div>
          <button type="button" className="button" onClick={() => void act(() => requestsApi.markBuilt(view.id, builtOn || undefined))} data-testid="mark-built">
            {t('requests.actions.markBuilt')}
          </button>
        </div>
      ) : null}
      {canWithdraw ? (
        <div className="action-row">
          <div className="field">
            <label htmlFor={`${id}-why`}>{t('requests.actions.withdrawReason')}</label>
            <input id={`${id}-why`} name="withdraw_reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          {confirming ? (
            <p>
              {t('requests.actions.withdrawSure')}{' '}
              <button type="button" className="button danger" onClick={() => void act(() => requestsApi.withdraw(view.id, reason))}>
                {t('requests.actions.withdrawYes')}
              </button>{' '}
              <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
                {t('requests.cancel')}
              </button>
            </p>
          ) : (
            <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
              {t('requests.actions.withdraw')}
            </button>
          )}
        </div>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
    </section>
  );
}
