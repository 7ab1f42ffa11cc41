/** A planner answers a concern: the next state (only the legal ones the server lists, or "note only"),
 *  a public note, and reusable response templates (pick one to fill the note; save the note as one). */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { CONCERN_LIMITS, STATUS_NAMES, type ConcernStatus } from '../../../shared/concerns.js';
import { ApiError, isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { concernsApi, type PlannerConcernView, type Template } from './concerns-api.js';

interface Props {
  concern: PlannerConcernView;
  onSaved(view: PlannerConcernView): void;
}

const NOTE_ONLY = '';

/** The status form with its templates. */
export function StatusForm({ concern, onSaved }: Props) {
  const { t, lang } = useI18n();
  const id = useId();
  // A duplicate is made by merging (the server answers 409 otherwise), so it is not offered here.
  const next: ConcernStatus[] = concern.next_statuses.filter((s) => s !== 'duplicate');
  const final = concern.status === 'duplicate';
  const [status, setStatus] = useState<ConcernStatus | typeof NOTE_ONLY>(next[0] ?? NOTE_ONLY);
  const [note, setNote] = useState('');
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateTitle, setTemplateTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    concernsApi.templates(ac.signal).then(setTemplates, (e: unknown) => !isAbort(e) && console.warn('templates', e));
    return () => ac.abort();
  }, []);

  // After a change the legal next states are new: the first of them is offered.
  const firstNext = next[0] ?? NOTE_ONLY;
  useEffect(() => setStatus(firstNext), [concern.status, firstNext]);

  const applyTemplate = (templateId: string) => {
    const tpl = templates.find((x) => String(x.id) === templateId);
    if (!tpl) return;
    setNote(tpl.body);
    if (tpl.status && next.includes(tpl.status)) setStatus(tpl.status);
  };

  const failText = (e: unknown) => t('concerns.work.error', { message: e instanceof ApiError ? e.message : String(e) });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const view = await concernsApi.setStatus(concern.code, status === NOTE_ONLY ? concern.status : status, note);
      setNote('');
      onSaved(view);
      setMessage({ kind: 'ok', text: t('concerns.work.saved', { status: STATUS_NAMES[view.status][lang] }) });
    } catch (err) {
      setMessage({ kind: 'error', text: failText(err) });
    } finally {
      setBusy(false);
    }
  };

  const saveTemplate = async () => {
    try {
      const tpl = await concernsApi.createTemplate(templateTitle, note, status === NOTE_ONLY ? null : status);
      setTemplates((list) => [...list, tpl]);
      setTemplateTitle('');
      setMessage({ kind: 'ok', text: t('concerns.work.templateSaved', { title: tpl.title }) });
    } catch (err) {
      setMessage({ kind: 'error', text: failText(err) });
    }
  };

  if (final) return <p className="muted">{t('concerns.work.final')}</p>;
  return (
    <form className="work-form" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-title`} data-testid="status-form">
      <h2 id={`${id}-title`}>{t('concerns.work.statusTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('concerns.work.newStatus')}</label>
        <select id={`${id}-status`} name="status" value={status} onChange={(e) => setStatus(e.target.value as ConcernStatus)}>
          {next.map((s) => (
            <option key={s} value={s}>
              {STATUS_NAMES[s][lang]}
            </option>
          ))}
          <option value={NOTE_ONLY}>{t('concerns.work.noteOnly')}</option>
        </select>
        {concern.next_statuses.includes('duplicate') ? <p className="concern-field-help">{t('concerns.work.duplicateHint')}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-template`}>{t('concerns.work.template')}</label>
        <select id={`${id}-template`} name="template" value="" onChange={(e) => applyTemplate(e.target.value)} disabled={templates.length === 0}>
          <option value="">{templates.length ? t('concerns.work.templatePick') : t('concerns.work.templateNone')}</option>
          {templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.title}
              {tpl.status ? ` (${STATUS_NAMES[tpl.status][lang]})` : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('concerns.work.note')}</label>
        <p id={`${id}-note-help`} className="concern-field-help">
          {t('concerns.work.noteHelp')}
        </p>
        <textarea id={`${id}-note`} name="note" rows={4} maxLength={CONCERN_LIMITS.noteChars} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={`${id}-note-help`} />
      </div>
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {t('concerns.work.save')}
      </button>
      <details className="template-new">
        <summary>{t('concerns.work.newTemplate')}</summary>
        <div className="field">
          <label htmlFor={`${id}-tpl-title`}>{t('concerns.work.templateTitle')}</label>
          <input id={`${id}-tpl-title`} name="template-title" type="text" maxLength={120} value={templateTitle} onChange={(e) => setTemplateTitle(e.target.value)} />
        </div>
        <p className="concern-field-help">{t('concerns.work.templateHelp')}</p>
        <button type="button" className="button secondary" disabled={!templateTitle.trim() || !note.trim()} onClick={() => void saveTemplate()}>
          {t('concerns.work.templateSave')}
        </button>
      </details>
      {message ? (
        <p className={message.kind === 'ok' ? 'concern-notice' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
