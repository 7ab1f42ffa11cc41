/** A resident's comment on a proposal, without an account: the comment, and a name and email that only
 *  the city's planners see (both optional). A field hidden from people catches form-filling robots. */
import { useId, useState, type FormEvent } from 'react';
import { REQUEST_LIMITS } from '../../../shared/site-requests.js';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { requestsApi, type CommentView } from './requests-api.js';

/** The form; `onPosted` receives the comment as the public sees it. */
export function CommentForm({ proposalId, onPosted }: { proposalId: number; onPosted(c: CommentView): void }) {
  const { t } = useI18n();
  const id = useId();
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [website, setWebsite] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: 'body' | 'email' | null; text: string } | null>(null);
  const [done, setDone] = useState(false);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (!body.trim()) {
      setError({ field: 'body', text: t('requests.comments.empty') });
      document.getElementById(`${id}-body`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onPosted(await requestsApi.comment(proposalId, { body, name: name || null, email: email || null, website }));
      setBody('');
      setDone(true);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      if ('body.email' in fields) setError({ field: 'email', text: t('requests.comments.badEmail') });
      else if (err instanceof ApiError && err.status === 429) setError({ field: null, text: t('requests.comments.tooMany') });
      else if (err instanceof ApiError && err.status === 409) setError({ field: null, text: t('requests.comments.closed') });
      else setError({ field: null, text: t('requests.comments.failed', { message: err instanceof Error ? err.message : String(err) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="comment-form" onSubmit={(e) => void send(e)} noValidate data-testid="comment-form">
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('requests.comments.yours')}</label>
        <textarea id={`${id}-body`} name="body" rows={4} maxLength={REQUEST_LIMITS.commentChars} value={body} onChange={(e) => setBody(e.target.value)}
          aria-invalid={error?.field === 'body' ? true : undefined} aria-describedby={error?.field === 'body' ? `${id}-err` : undefined} />
      </div>
      <p className="muted">{t('requests.comments.private')}</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('requests.comments.name')}</label>
          <input id={`${id}-name`} name="name" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('requests.comments.email')}</label>
          <input id={`${id}-email`} name="email" type="email" autoComplete="email" dir="ltr" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)}
            aria-invalid={error?.field === 'email' ? true : undefined} aria-describedby={error?.field === 'email' ? `${id}-err` : undefined} />
        </div>
      </div>
      {/* The honeypot: off-screen and out of the tab order and the accessibility tree; people never fill it. */}
      <div className="honeypot" aria-hidden="true">
        <label htmlFor={`${id}-website`}>{t('requests.comments.honeypot')}</label>
        <input id={`${id}-website`} name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
      </div>
      {error ? <p id={`${id}-err`} className="error" role="alert">{error.text}</p> : null}
      {done ? <p className="ok" role="status">{t('requests.comments.thanks')}</p> : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('requests.comments.sending') : t('requests.comments.send')}
      </button>
    </form>
  );
}
