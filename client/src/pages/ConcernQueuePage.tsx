/** The planner's queue of concerns (`/planner/concerns`): filters, highest priority first, each with
 *  its supporters, age and near-sensitive badges; a concern opens to be worked. */
import { useEffect, useMemo, useState } from 'react';
import { CATEGORY_NAMES, STATUS_NAMES } from '../../../shared/concerns.js';
import { api, ApiError, isAbort, type ZoneFeature } from '../api.js';
import { concernsApi, type QueueItem } from '../concerns/concerns-api.js';
import { ageDays, countKey, displayCode } from '../concerns/format.js';
import { PlannerOnly, type PlannerOnlyTexts } from '../PlannerOnly.js';
import { filtersQuery, parseFilters, QueueFilters, type Filters } from '../concerns/QueueFilters.js';
import '../concerns/concerns-form.css';
import '../concerns/concerns-page.css';
import '../concerns/concerns-planner.css';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';

/** Who may open this page, in its own words. */
const CONCERN_GUARD: PlannerOnlyTexts = { loading: 'concerns.page.loading', title: 'concerns.queue.title', notPlanner: 'concerns.queue.notPlanner', signIn: 'concerns.queue.signIn' };

const PAGE = 50;

function QueueRow({ c, districtName }: { c: QueueItem; districtName(id: number | null): string | null }) {
  const { t, lang, num } = useI18n();
  const days = ageDays(c.created_at, new Date());
  const district = districtName(c.district_id);
  return (
    <li className="queue-item" data-code={c.code}>
      <Link href={`/planner/concerns/${c.code}`} className="queue-link">
        <span className="queue-head">
          <span className="concern-priority" title={t('concerns.queue.priorityHelp')}>
            {t('concerns.queue.priority', { value: num(c.priority, 0) })}
          </span>
          <span className="category-name">{CATEGORY_NAMES[c.category][lang]}</span>
          <span className={`badge concern-status-${c.status}`}>{STATUS_NAMES[c.status][lang]}</span>
        </span>
        <span className="badges">
          <span className="badge supporters">{t(countKey('concerns.queue.supporters', c.supporters), { count: num(c.supporters) })}</span>
          <span className="badge age">{days === 0 ? t('concerns.queue.today') : t(countKey('concerns.queue.daysAgo', days), { days: num(days) })}</span>
          {c.near_sensitive ? <span className="badge near-sensitive">{t('concerns.queue.nearSensitiveBadge')}</span> : null}
          {c.hidden ? <span className="badge hidden-badge">{t('concerns.queue.hiddenBadge')}</span> : null}
          {c.photo_url ? <span className="badge">{t('concerns.queue.photoBadge')}</span> : null}
        </span>
        <span className="list-meta">
          <bdi dir="ltr">{displayCode(c.code, lang)}</bdi>
          {district ? `${t('concerns.sep')}${district}` : ''}
          {c.site ? `${t('concerns.sep')}${t('concerns.pick.site', { code: c.site.code })}` : ''}
        </span>
        {c.description ? <span className="queue-text" dir="auto">{c.description.length > 160 ? `${c.description.slice(0, 160)}…` : c.description}</span> : null}
      </Link>
    </li>
  );
}

function Queue() {
  const { t, name, num } = useI18n();
  const [filters, setFilters] = useState<Filters>(() => parseFilters(window.location.search));
  const [items, setItems] = useState<QueueItem[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [districts, setDistricts] = useState<ZoneFeature[]>([]);

  useEffect(() => {
    const ac = new AbortController();
    api.zones({ kind: 'district' }, ac.signal).then((fc) => setDistricts(fc.features), (e: unknown) => !isAbort(e) && console.warn('districts', e));
    return () => ac.abort();
  }, []);

  const districtName = useMemo(() => {
    const byId = new Map(districts.map((d) => [d.properties.id, name(d.properties)]));
    return (id: number | null) => (id === null ? null : (byId.get(id) ?? null));
  }, [districts, name]);

  useEffect(() => {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${filtersQuery(filters)}`);
    const ac = new AbortController();
    setError(null);
    concernsApi
      .queue({ status: filters.status, category: filters.category ?? undefined, age_days: filters.ageDays ?? undefined, district: filters.district ?? undefined, near_sensitive: filters.nearSensitive || undefined, limit: PAGE, offset }, ac.signal)
      .then(
        (q) => {
          setTotal(q.total);
          setItems((old) => (offset === 0 ? q.items : [...old, ...q.items]));
        },
        (e: unknown) => !isAbort(e) && setError(e instanceof ApiError ? e.message : String(e)),
      );
    return () => ac.abort();
  }, [filters, offset]);

  const change = (f: Filters) => {
    setOffset(0);
    setFilters(f);
  };

  return (
    <div className="queue-page">
      <h1>{t('concerns.queue.title')}</h1>
      <QueueFilters value={filters} districts={districts} onChange={change} />
      <p className="queue-total" aria-live="polite" data-testid="queue-total" data-total={total ?? ''}>
        {total === null ? t('concerns.page.loading') : total === 0 ? t('concerns.queue.empty') : t(countKey('concerns.queue.total', total), { count: num(total) })}
      </p>
      {error ? (
        <p className="error" role="alert">
          {t('concerns.work.error', { message: error })}
        </p>
      ) : null}
      <ol className="queue-list" data-testid="queue-list">
        {items.map((c) => (
          <QueueRow key={c.code} c={c} districtName={districtName} />
        ))}
      </ol>
      {total !== null && items.length < total ? (
        <button type="button" className="button secondary" onClick={() => setOffset(items.length)}>
          {t('concerns.queue.more')}
        </button>
      ) : null}
    </div>
  );
}

/** The queue page (planners only). */
export function ConcernQueuePage() {
  return (
    <PlannerOnly texts={CONCERN_GUARD}>
      <Queue />
    </PlannerOnly>
  );
}
