/** Residents' comments on a proposal, oldest first; a planner sees the private name and email and hidden
 *  comments too, and hides an abusive one (or shows it again) with a written reason. */
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { when } from './format.js';
import { requestsApi, type CommentView } from './requests-api.js';

function HideForm({ requestId, comment, onDone }: { requestId: number; comment: CommentView; onDone(c: CommentView): void }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const hide = !comment.hidden;

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('requests.err.required'));
      return;
    }
    try {
      onDone(await requestsApi.hideComment(requestId, comment.id, reason.trim(), hide));
      setOpen(false);
      setReason('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  if (!open) {
    return (
      <button type="button" className="text-button" onClick={() => setOpen(true)}>
        {hide ? t('requests.comments.hide') : t('requests.comments.show')}
      </button>
    );
  }
  return (
    <form className="hide-form" onSubmit={(e) => void send(e)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('requests.comments.reason')}</label>
        <input id={`${id}-reason`} name="hide_reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} />
        {error ? <p id={`${id}-err`} className="field-error">{error}</p> : null}
      </div>
      <button type="submit" className="button small">{hide ? t('requests.comments.hide') : t('requests.comments.show')}</button>{' '}
      <button type="button" className="button secondary small" onClick={() => setOpen(false)}>
        {t('requests.cancel')}
      </button>
    </form>
  );
}

interface Props {
  comments: readonly CommentView[];
  /** Set for planners: the request whose comments may be hidden. */
  moderate?: { requestId: number; onChange(c: CommentView): void };
}

/** The list. */
export function CommentsList({ comments, moderate }: Props) {
  const { t, lang } = useI18n();
  if (comments.length === 0) return <p className="muted">{t('requests.comments.none')}</p>;
  return (
    <ol className="comments" data-testid="comments">
      {comments.map((c) => (
        <li key={c.id} className={c.hidden ? 'comment hidden-comment' : 'comment'} data-testid="comment">
          <p className="comment-meta">
            <time dateTime={c.created_at}>{when(c.created_at, lang, true)}</time>
            {moderate && (c.name || c.email) ? <span> · {[c.name, c.email].filter(Boolean).join(' · ')}</span> : null}
            {c.hidden ? <span className="badge">{t('requests.comments.hidden', { reason: c.hidden_reason ?? '' })}</span> : null}
          </p>
          <p className="comment-body prewrap" dir="auto">{c.body}</p>
          {moderate ? <HideForm requestId={moderate.requestId} comment={c} onDone={moderate.onChange} /> : null}
        </li>
      ))}
    </ol>
  );
}
