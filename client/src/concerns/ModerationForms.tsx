/** A planner's two moderation actions: merge a concern into another open one (it becomes a
 *  duplicate and its people count there), and hide abusive text and photo with a reason (or show
 *  them again). */
import { useId, useState, type FormEvent } from 'react';
import { CONCERN_LIMITS } from '../../../shared/concerns.js';
import { isTrackingCode, normaliseTrackingCode } from '../../../shared/tracking-code.js';
import { ApiError } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { concernsApi, type PlannerConcernView } from './concerns-api.js';

interface Props {
  concern: PlannerConcernView;
  onSaved(view: PlannerConcernView): void;
}

const errorText = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** Merging into another concern by its code; on success the page moves to the concern merged into. */
export function MergeForm({ concern, onSaved }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [into, setInto] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!concern.next_statuses.includes('duplicate')) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const code = normaliseTrackingCode(into);
    if (!isTrackingCode(code)) return setError(t('concerns.track.invalid'));
    setBusy(true);
    setError(null);
    try {
      onSaved(await concernsApi.merge(concern.code, code, note));
    } catch (err) {
      setError(t('concerns.work.error', { message: errorText(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="work-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t('concerns.work.merge')}</h2>
      <p className="concern-field-help">{t('concerns.work.mergeHelp')}</p>
      <div className="field">
        <label htmlFor={`${id}-into`}>{t('concerns.work.mergeInto')}</label>
        <input id={`${id}-into`} name="merge-into" type="text" inputMode="numeric" dir="ltr" autoComplete="off" value={into} onChange={(e) => setInto(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('concerns.work.note')}</label>
        <textarea id={`${id}-note`} name="merge-note" rows={2} maxLength={CONCERN_LIMITS.noteChars} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button secondary" disabled={busy || !into.trim()}>
        {t('concerns.work.mergeSubmit')}
      </button>
    </form>
  );
}

/** Hiding (or showing again) the text and photo from the public, with a reason kept for planners. */
export function HideForm({ concern, onSaved }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hide = !concern.hidden;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await concernsApi.hide(concern.code, reason, hide));
      setReason('');
    } catch (err) {
      setError(t('concerns.work.error', { message: errorText(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="work-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{hide ? t('concerns.work.hide') : t('concerns.work.unhide')}</h2>
      {concern.hidden && concern.hidden_reason ? <p className="warning">{t('concerns.work.hiddenReason', { reason: concern.hidden_reason })}</p> : null}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('concerns.work.reason')}</label>
        <textarea id={`${id}-reason`} name="hide-reason" rows={2} required maxLength={CONCERN_LIMITS.reasonChars} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button secondary" disabled={busy || !reason.trim()}>
        {hide ? t('concerns.work.hideSubmit') : t('concerns.work.unhideSubmit')}
      </button>
    </form>
  );
}
