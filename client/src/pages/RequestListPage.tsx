/** `/requests`: an operator's own site requests with their state and days left, and the way to a new one;
 *  for planners, the queue of every operator's requests, overdue first, then fewest days left. */
import { useEffect, useId, useState } from 'react';
import { REQUEST_STATUSES, type RequestStatus } from '../../../shared/site-requests.js';
import { isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';
import { VerdictBadge } from '../requests/RuleReport.js';
import { useDaysLeft } from '../requests/RequestClocks.js';
import { statusKey, typeKey, when } from '../requests/format.js';
import { requestsApi, type RequestSummary } from '../requests/requests-api.js';
import { useOperatorName } from '../requests/use-operators.js';

type Filter = RequestStatus | 'open' | '';

/** The list page. */
export function RequestListPage() {
  const { t, num, lang } = useI18n();
  const { user } = useSession();
  const id = useId();
  const operatorName = useOperatorName();
  const daysLeft = useDaysLeft();
  const planner = user?.role === 'planner' || user?.role === 'admin';
  // Planners start on the open requests (the queue); the session may still be loading at first render.
  const [chosen, setFilter] = useState<Filter | null>(null);
  const filter: Filter = chosen ?? (planner ? 'open' : '');
  const [items, setItems] = useState<RequestSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    const ac = new AbortController();
    setItems(null);
    requestsApi.list({ status: filter || undefined, limit: 500 }, ac.signal).then(
      (r) => setItems(r.items),
      (e: unknown) => !isAbort(e) && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => ac.abort();
  }, [user, filter]);

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

  return (
    <div className="page-wide request-list-page">
      <h1>{planner ? t('requests.list.queueTitle') : t('requests.list.title')}</h1>
      <p className="muted">{planner ? t('requests.list.queueIntro') : t('requests.list.intro')}</p>
      <div className="list-tools">
        {user.role === 'operator' ? (
          <Link href="/requests/new" className="button" data-testid="new-request">
            {t('requests.list.new')}
          </Link>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('requests.list.filter')}</label>
          <select id={`${id}-status`} name="status" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="">{t('requests.list.all')}</option>
            <option value="open">{t('requests.list.open')}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(statusKey(s))}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {items === null && !error ? <p className="muted">{t('requests.loading')}</p> : null}
      {items && items.length === 0 ? <p>{t('requests.list.empty')}</p> : null}
      {items && items.length > 0 ? (
        <ul className="request-cards" data-testid="request-list">
          {items.map((r) => (
            <li key={r.id} className={`request-card${r.overdue ? ' overdue' : ''}`} data-request-id={r.id}>
              <p className="card-head">
                <Link href={`/requests/${r.id}`}>{t('requests.page.title', { id: num(r.id) })}</Link>{' '}
                <span className={`badge req-status status-${r.status}`}>{t(statusKey(r.status))}</span>
                {r.verdict ? <VerdictBadge status={r.verdict} /> : null}
              </p>
              <p>
                {t(typeKey(r.type))}
                {planner ? <> · {operatorName(r.operator_id)}</> : null}
                {r.structure_type ? <> · {t(`structure.${r.structure_type}`)}</> : null}
                {r.height_m !== null ? <> · {t('unit.metres', { value: num(r.height_m, 1) })}</> : null}
                {r.address ? <> · {r.address}</> : null}
              </p>
              <p className="card-meta">
                {r.days_left !== null ? <strong className={r.overdue ? 'overdue' : undefined}>{daysLeft(r.days_left, r.overdue)}</strong> : null}
                {r.consultation_ends_at ? <span>{t('requests.list.consultationEnds', { at: when(r.consultation_ends_at, lang) })}</span> : null}
                <span>{t('requests.list.comments', { count: num(r.comment_count) })}</span>
                <span>{t('requests.list.updated', { at: when(r.updated_at, lang) })}</span>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
