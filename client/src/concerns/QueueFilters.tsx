/** The planner queue's filters (status, category, age, district, near sensitive places), kept in the
 *  address so the queue comes back as it was after working one concern. */
import { useId } from 'react';
import { CATEGORY_NAMES, CONCERN_CATEGORIES, CONCERN_STATUSES, STATUS_NAMES, type ConcernCategory, type ConcernStatus } from '../../../shared/concerns.js';
import type { ZoneFeature } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { countKey } from './format.js';

/** A named set of states (open, closed, all) or one state. */
export type StatusFilter = 'open' | 'closed' | 'all' | ConcernStatus;

/** The queue's filters as the page holds them. */
export interface Filters {
  status: StatusFilter;
  category: ConcernCategory | null;
  ageDays: number | null;
  district: number | null;
  nearSensitive: boolean;
}

/** Ages offered: filed at least this many days ago. */
const AGES = [1, 7, 14, 30, 90] as const;
const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'closed', 'all', ...CONCERN_STATUSES];

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : null);
const positive = (v: string | null): number | null => (v && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null);

/** Filters from a query string; anything unknown falls back to the open queue. */
export function parseFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  return {
    status: oneOf(STATUS_FILTERS, p.get('status')) ?? 'open',
    category: oneOf(CONCERN_CATEGORIES, p.get('category')),
    ageDays: positive(p.get('age')),
    district: positive(p.get('district')),
    nearSensitive: p.get('near') === '1',
  };
}

/** Filters as a query string (with `?`, or empty for the default queue). */
export function filtersQuery(f: Filters): string {
  const p = new URLSearchParams();
  if (f.status !== 'open') p.set('status', f.status);
  if (f.category) p.set('category', f.category);
  if (f.ageDays) p.set('age', String(f.ageDays));
  if (f.district) p.set('district', String(f.district));
  if (f.nearSensitive) p.set('near', '1');
  const s = p.toString();
  return s ? `?${s}` : '';
}

interface Props {
  value: Filters;
  districts: readonly ZoneFeature[];
  onChange(f: Filters): void;
}

/** The filter controls; every change applies at once. */
export function QueueFilters({ value, districts, onChange }: Props) {
  const { t, lang, name, num } = useI18n();
  const id = useId();
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const statusLabel = (s: StatusFilter) => (s === 'open' || s === 'closed' || s === 'all' ? t(`concerns.queue.status.${s}`) : STATUS_NAMES[s][lang]);

  return (
    <section className="queue-filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('concerns.queue.filters')}
      </h2>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('concerns.queue.statusLabel')}</label>
          <select id={`${id}-status`} name="status" value={value.status} onChange={(e) => set({ status: e.target.value as StatusFilter })}>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('concerns.queue.category')}</label>
          <select id={`${id}-category`} name="category" value={value.category ?? ''} onChange={(e) => set({ category: (e.target.value || null) as ConcernCategory | null })}>
            <option value="">{t('filters.all')}</option>
            {CONCERN_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_NAMES[c][lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-age`}>{t('concerns.queue.age')}</label>
          <select id={`${id}-age`} name="age" value={value.ageDays ?? ''} onChange={(e) => set({ ageDays: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{t('concerns.queue.anyAge')}</option>
            {AGES.map((d) => (
              <option key={d} value={d}>
                {t(countKey('concerns.queue.olderThan', d), { days: num(d) })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-district`}>{t('concerns.queue.district')}</label>
          <select id={`${id}-district`} name="district" value={value.district ?? ''} onChange={(e) => set({ district: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{t('filters.all')}</option>
            {districts.map((d) => (
              <option key={d.properties.id} value={d.properties.id}>
                {name(d.properties)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="toggle">
        <input type="checkbox" name="near" checked={value.nearSensitive} onChange={(e) => set({ nearSensitive: e.target.checked })} />
        {t('concerns.queue.nearSensitive')}
      </label>
    </section>
  );
}
