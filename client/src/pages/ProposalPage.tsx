/** `/proposals/:id`: the public page of a proposed site, modelled on Australia's RFNSA site pages: what,
 *  where (a small map with the consultation radius), why, how high, which antennas, predicted exposure at
 *  key points, the rule check, the documents, the deadline with days left, the decision once taken, and
 *  residents' comments with a form that needs no account. */
import { useEffect, useState } from 'react';
import { ApiError, isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import { AttachmentList } from '../requests/AttachmentList.js';
import { CommentForm } from '../requests/CommentForm.js';
import { CommentsList } from '../requests/CommentsList.js';
import { KeyPointsTable } from '../requests/KeyPointsTable.js';
import { PinMap } from '../requests/PinMap.js';
import { RequestFacts } from '../requests/RequestFacts.js';
import { RuleReport } from '../requests/RuleReport.js';
import { decidedKey, statusKey, when } from '../requests/format.js';
import { requestsApi, type ProposalView } from '../requests/requests-api.js';

/** The page. */
export function ProposalPage({ id }: { id: number }) {
  const { t, lang, num, name } = useI18n();
  const [p, setP] = useState<ProposalView | null>(null);
  const [error, setError] = useState<'notFound' | string | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    requestsApi.proposal(id, ac.signal).then(setP, (e: unknown) => {
      if (!isAbort(e)) setError(e instanceof ApiError && e.status === 404 ? 'notFound' : e instanceof Error ? e.message : String(e));
    });
    return () => ac.abort();
  }, [id]);

  if (error === 'notFound') {
    return (
      <div className="page-narrow">
        <h1>{t('proposal.notFound')}</h1>
        <Link href="/">{t('login.back')}</Link>
      </div>
    );
  }
  if (error) return <p className="page-wide error" role="alert">{error}</p>;
  if (!p) return <p className="page-wide muted">{t('requests.loading')}</p>;

  const c = p.consultation;
  return (
    <article className="page-wide proposal-page" data-testid="proposal">
      <p className="crumbs">
        <Link href={p.lon !== null && p.lat !== null ? `/?lat=${p.lat.toFixed(5)}&lon=${p.lon.toFixed(5)}&z=16` : '/'}>{t('proposal.backToMap')}</Link>
      </p>
      <h1>
        {t('proposal.title', { operator: name(p.operator) })}{' '}
        <span className={`badge req-status status-${p.status}`} data-testid="proposal-status" data-status={p.status}>
          {t(statusKey(p.status))}
        </span>
      </h1>
      {p.address ? <p className="lead">{p.address}</p> : null}

      <section className={`deadline${c.open ? ' open' : ''}`} aria-labelledby="deadline-title" data-testid="deadline">
        <h2 id="deadline-title" className="visually-hidden">{t('proposal.deadline')}</h2>
        {c.open && c.days_left !== null ? (
          <p>
            <strong>{t('proposal.daysLeft', { days: num(c.days_left) })}</strong> {t('proposal.until', { at: when(c.ends_at, lang, true) })}
          </p>
        ) : (
          <p>{c.ends_at ? t('proposal.closed', { at: when(c.ends_at, lang, true) }) : t('proposal.notOpen')}</p>
        )}
        {c.radius_m !== null ? <p className="muted">{t('proposal.radius', { radius: num(c.radius_m) })}</p> : null}
      </section>

      {p.decision ? (
        <section className="page-section decision-box" aria-labelledby="p-decision" data-testid="proposal-decision">
          <h2 id="p-decision">{t('requests.page.decision', { decision: t(decidedKey(p.decision.decision)) })}</h2>
          <p className="muted">{when(p.decision.decided_at, lang)}</p>
          <p className="prewrap" dir="auto">{p.decision.reasons}</p>
          {p.decision.conditions.length > 0 ? (
            <ol className="conditions">
              {p.decision.conditions.map((x, i) => (
                <li key={i} dir="auto">{x}</li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}

      <div className="proposal-grid">
        <section className="page-section" aria-labelledby="p-where">
          <h2 id="p-where">{t('proposal.where')}</h2>
          {p.lon !== null && p.lat !== null ? (
            <PinMap position={[p.lon, p.lat]} radiusM={c.radius_m} label={t('proposal.mapLabel')} zoom={15} className="proposal-map" />
          ) : null}
          <p className="muted">{t('proposal.mapKey')}</p>
        </section>
        <section className="page-section" aria-labelledby="p-what">
          <h2 id="p-what">{t('proposal.what')}</h2>
          <RequestFacts facts={p} />
          {p.sharing_justification ? (
            <>
              <h3>{t('proposal.whyNotShare')}</h3>
              <p className="prewrap" dir="auto">{p.sharing_justification}</p>
            </>
          ) : null}
        </section>
      </div>

      <section className="page-section" aria-labelledby="p-exposure">
        <h2 id="p-exposure">{t('requests.exposure.title')}</h2>
        <KeyPointsTable points={p.exposure} />
      </section>

      <section className="page-section" aria-labelledby="p-rules">
        <h2 id="p-rules">{t('proposal.rules')}</h2>
        {p.rule_report ? <RuleReport report={p.rule_report} /> : <p className="muted">{t('requests.review.noReport')}</p>}
      </section>

      <section className="page-section" aria-labelledby="p-docs">
        <h2 id="p-docs">{t('proposal.documents')}</h2>
        <AttachmentList attachments={p.documents} />
      </section>

      <section className="page-section" aria-labelledby="p-comments">
        <h2 id="p-comments">{t('requests.comments.title', { count: p.comments.length })}</h2>
        <CommentsList comments={p.comments} />
        {c.open ? (
          <>
            <h3>{t('proposal.commentTitle')}</h3>
            <CommentForm proposalId={p.id} onPosted={(x) => setP({ ...p, comments: x.id ? [...p.comments, x] : p.comments })} />
          </>
        ) : (
          <p className="muted">{t('requests.comments.closed')}</p>
        )}
      </section>
    </article>
  );
}
