/** One site request (`/requests/:id`, or `/requests/new` for a new one): the operator's form while it is a
 *  draft or incomplete, then the record: facts, clocks, rule report, documents, comments and history, with
 *  the operator's withdraw and built steps and, for planners, the review and the decision. */
import { useEffect, useRef, useState } from 'react';
import { ApiError, isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { AttachmentList } from '../requests/AttachmentList.js';
import { CommentsList } from '../requests/CommentsList.js';
import { HistoryList } from '../requests/HistoryList.js';
import { KeyPointsTable } from '../requests/KeyPointsTable.js';
import { OperatorActions } from '../requests/OperatorActions.js';
import { PlannerReview } from '../requests/PlannerReview.js';
import { RequestClocks } from '../requests/RequestClocks.js';
import { RequestEditor } from '../requests/RequestEditor.js';
import { RequestFacts } from '../requests/RequestFacts.js';
import { RuleReport } from '../requests/RuleReport.js';
import { decidedKey, statusKey, when } from '../requests/format.js';
import { requestsApi, type RequestView } from '../requests/requests-api.js';

/** The page; `id` null for a new request. */
export function RequestPage({ id }: { id: number | null }) {
  const { t, lang, num } = useI18n();
  const { user } = useSession();
  const [view, setView] = useState<RequestView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const lastStatus = useRef<string | null>(null);

  useEffect(() => {
    if (id === null || !user) return;
    const ac = new AbortController();
    requestsApi.get(id, ac.signal).then(setView, (e: unknown) => {
      if (!isAbort(e)) setError(e instanceof ApiError && e.status === 404 ? t('requests.page.notFound') : String(e instanceof Error ? e.message : e));
    });
    return () => ac.abort();
    // The language only changes the words of an error already shown.
  }, [id, user]);

  // A change of state (submitted, decided, built) moves focus to the heading, which announces it.
  useEffect(() => {
    if (view && lastStatus.current !== null && lastStatus.current !== view.status) heading.current?.focus();
    lastStatus.current = view?.status ?? null;
  }, [view]);

  if (user === undefined) return <p className="page-wide muted">{t('requests.loading')}</p>;
  if (user === null) {
    return (
      <div className="page-narrow">
        <h1>{t('requests.page.signInTitle')}</h1>
        <p>{t('requests.page.signIn')}</p>
        <Link href="/login" className="button">{t('nav.signIn')}</Link>
      </div>
    );
  }
  const operator = user.role === 'operator' && user.operator_id ? user.operator_id : null;
  if (id === null && !operator) return <p className="page-wide">{t('requests.page.operatorsOnly')}</p>;
  if (error) return <p className="page-wide error" role="alert">{error}</p>;
  if (id !== null && !view) return <p className="page-wide muted">{t('requests.loading')}</p>;

  const editable = operator !== null && (view === null || view.status === 'draft' || view.status === 'incomplete');
  const planner = user.role === 'planner' || user.role === 'admin';
  const title = view ? t('requests.page.title', { id: num(view.id) }) : t('requests.page.newTitle');

  return (
    <div className="page-wide request-page">
      <p className="crumbs">
        <Link href="/requests">{t('requests.list.title')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1} data-testid="request-title">
        {title}
        {view ? (
          <>
            {' '}
            <span className={`badge req-status status-${view.status}`} data-testid="request-status" data-status={view.status}>
              {t(statusKey(view.status))}
            </span>
          </>
        ) : null}
      </h1>
      {view ? <RequestClocks view={view} /> : null}
      {view?.public_path || view?.decision ? (
        <p className="page-links">
          {view.public_path ? <Link href={view.public_path}>{t('requests.page.publicPage')}</Link> : null}
          {view.decision ? <Link href={`/requests/${view.id}/letter`} data-testid="letter-link">{t('requests.page.letter')}</Link> : null}
        </p>
      ) : null}
      {view && view.missing.length > 0 ? (
        <div className="missing" role="alert" data-testid="missing">
          <p>{t('requests.page.incomplete')}</p>
          <ul>
            {view.missing.map((m) => (
              <li key={m.item}>{lang === 'fa' ? m.fa : m.en}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {view?.decision ? (
        <section className="page-section decision-box" aria-labelledby="decision-title">
          <h2 id="decision-title">{t('requests.page.decision', { decision: t(decidedKey(view.decision.decision)) })}</h2>
          <p className="prewrap" dir="auto">{view.decision.reasons}</p>
          {view.decision.conditions.length > 0 ? (
            <ol className="conditions">
              {view.decision.conditions.map((c, i) => (
                <li key={i} dir="auto">{c}</li>
              ))}
            </ol>
          ) : null}
          <p className="muted">{t('requests.page.decidedBy', { who: view.decided_by ?? '', at: when(view.decision.decided_at, lang) })}</p>
        </section>
      ) : null}

      {editable && operator ? (
        <RequestEditor view={view} operatorId={operator} onChange={setView} />
      ) : view ? (
        <>
          <section className="page-section" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('requests.page.facts')}</h2>
            <RequestFacts facts={view} />
          </section>
          {!planner && view.rule_report ? (
            <section className="page-section" aria-labelledby="report-title">
              <h2 id="report-title">{t('requests.review.rules')}</h2>
              <RuleReport report={view.rule_report} testId="frozen-report" note={<p className="muted">{t('requests.review.frozenAt', { at: when(view.rule_report_at, lang, true) })}</p>} />
            </section>
          ) : null}
          <section className="page-section" aria-labelledby="exposure-title">
            <h2 id="exposure-title">{t('requests.exposure.title')}</h2>
            <KeyPointsTable points={view.exposure} />
          </section>
          <section className="page-section" aria-labelledby="docs-title">
            <h2 id="docs-title">{t('requests.files.title')}</h2>
            <AttachmentList attachments={view.attachments} />
          </section>
          {planner ? (
            <PlannerReview view={view} onChange={setView} />
          ) : (
            <section className="page-section" aria-labelledby="comments-title">
              <h2 id="comments-title">{t('requests.comments.title', { count: view.comments.length })}</h2>
              <CommentsList comments={view.comments} />
            </section>
          )}
        </>
      ) : null}

      {view && operator ? <OperatorActions view={view} onChange={setView} /> : null}
      {view ? (
        <section className="page-section" aria-labelledby="history-title">
          <h2 id="history-title">{t('requests.history.title')}</h2>
          <HistoryList history={view.history} />
        </section>
      ) : null}
    </div>
  );
}
