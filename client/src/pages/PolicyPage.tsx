/** The siting policy (`/policy`): every value with its source and note, readable by anyone; planners edit it and
 *  save a new version with a change note (PUT /api/policy, refused with 409 if someone saved meanwhile), and see
 *  the versions with what each one changed. Every later siting check reports the version it used. */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { candidateOf, draftOf, pathKey, setAt, validateDraft, type Draft, type FieldIssue } from '../siting/policy-draft.js';
import { PolicySections } from '../siting/PolicySections.js';
import { PolicyVersions } from '../siting/PolicyVersions.js';
import { sitingApi, type PolicyVersion, type PolicyVersionEntry } from '../siting/siting-api.js';
import '../siting/policy.css';

/** The page. */
export function PolicyPage() {
  const { t, num, lang } = useI18n();
  const { user } = useSession();
  const planner = user?.role === 'planner' || user?.role === 'admin';
  const [current, setCurrent] = useState<PolicyVersion | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<Record<string, FieldIssue>>({});
  const [message, setMessage] = useState<{ kind: 'saved' | 'error' | 'conflict' | 'unchanged' | 'invalid'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [versions, setVersions] = useState<PolicyVersionEntry[] | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const load = useCallback((signal?: AbortSignal) => {
    setLoadError(null);
    sitingApi.policy(signal).then(
      (p) => {
        setCurrent(p);
        setDraft(draftOf(p.policy));
        setIssues({});
      },
      (e: unknown) => !isAbort(e) && setLoadError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  const loadVersions = useCallback((signal?: AbortSignal) => {
    sitingApi.policyVersions(signal).then(setVersions, (e: unknown) => !isAbort(e) && console.warn('policy versions', e));
  }, []);

  useEffect(() => {
    const ac = new AbortController();
    load(ac.signal);
    return () => ac.abort();
  }, [load]);
  useEffect(() => {
    if (!planner) return;
    const ac = new AbortController();
    loadVersions(ac.signal);
    return () => ac.abort();
  }, [planner, loadVersions]);

  const edit = (next: (d: Draft) => Draft) => {
    setDraft((d) => (d ? next(d) : d));
    setMessage(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !current) return;
    const checked = validateDraft(draft);
    if ('issues' in checked) {
      setIssues(checked.issues);
      setMessage({ kind: 'invalid', text: t('policy.save.invalid', { count: num(Object.keys(checked.issues).length) }) });
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setIssues({});
    if (JSON.stringify(candidateOf(draft)) === JSON.stringify(current.policy)) {
      setMessage({ kind: 'unchanged', text: t('policy.save.unchanged') });
      return;
    }
    setSaving(true);
    try {
      const saved = await sitingApi.putPolicy(checked.policy, note, current.version);
      setCurrent(saved);
      setDraft(draftOf(saved.policy));
      setNote('');
      setMessage({ kind: 'saved', text: t('policy.save.saved', { version: num(saved.version) }) });
      loadVersions();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setMessage({ kind: 'conflict', text: t('policy.save.conflict') });
      else if (err instanceof ApiError && err.status === 400) {
        const byPath: Record<string, FieldIssue> = {};
        for (const [k, m] of Object.entries(err.fields)) byPath[k.replace(/^(body|query)\./, '')] = { code: 'server', message: m };
        setIssues(byPath);
        setMessage({ kind: 'invalid', text: t('policy.save.invalid', { count: num(Object.keys(byPath).length) }) });
      } else setMessage({ kind: 'error', text: t('policy.save.error', { message: err instanceof Error ? err.message : String(err) }) });
    } finally {
      setSaving(false);
    }
  };

  if (loadError) {
    return (
      <div className="page-narrow">
        <p className="error" role="alert">{t('policy.loadError', { message: loadError })}</p>
        <button type="button" className="button" onClick={() => load()}>{t('map.retry')}</button>
      </div>
    );
  }
  if (!current || !draft) return <p className="page-narrow" role="status">{t('policy.loading')}</p>;

  const since = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : 'en-GB', { dateStyle: 'medium', timeZone: 'Asia/Tehran' }).format(new Date(current.created_at));
  const noteIssue = issues['note'];
  return (
    <div className="policy-page" data-testid="policy-page" data-version={current.version}>
      <h1>{t('policy.title')}</h1>
      <p className="policy-name" dir="auto">{lang === 'fa' ? current.policy.name.fa : current.policy.name.en}</p>
      <p className="policy-current" data-testid="policy-current">
        {t('policy.current', { version: num(current.version), since })}
        {current.note ? ` ${t('policy.currentNote', { note: `\u2068${current.note}\u2069` })}` : ''}
      </p>
      <p className="muted">{t('policy.intro')}</p>
      {!planner ? (
        <p className="note">
          {t('policy.readOnly')} {!user ? <Link href="/login">{t('nav.signIn')}</Link> : null}
        </p>
      ) : null}
      <form ref={form} onSubmit={(e) => void save(e)} noValidate aria-describedby="policy-message">
        <PolicySections
          draft={draft}
          editable={planner}
          issues={issues}
          onValue={(f, v) => edit((d) => ({ ...d, value: setAt(d.value, f.path, v) }))}
          onText={(f, text) => edit((d) => ({ ...d, texts: { ...d.texts, [pathKey(f.path)]: text } }))}
          onSourceText={(path, text) => edit((d) => ({ ...d, value: setAt(d.value, path, path[path.length - 1] === 'note' && text.trim() === '' ? undefined : text) }))}
        />
        {planner ? (
          <div className="policy-save">
            <div className="field">
              <label htmlFor="policy-change-note">{t('policy.changeNote')}</label>
              <input id="policy-change-note" name="change-note" type="text" dir="auto" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={noteIssue ? true : undefined} />
              <p className="muted">{t('policy.changeNoteHelp')}</p>
            </div>
            <button type="submit" className="button" disabled={saving} data-testid="policy-save">
              {saving ? t('policy.saving') : t('policy.save')}
            </button>
          </div>
        ) : null}
        <p id="policy-message" className={`policy-message${message ? ` ${message.kind}` : ''}`} role="status" data-testid="policy-message">
          {message?.text ?? ''}
          {message?.kind === 'conflict' ? (
            <button type="button" className="text-button" onClick={() => load()}>
              {t('policy.reload')}
            </button>
          ) : null}
        </p>
      </form>
      {planner && versions ? <PolicyVersions versions={versions} /> : null}
    </div>
  );
}
