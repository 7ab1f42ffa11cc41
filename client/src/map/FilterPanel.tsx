/** Filters by operator, technology, permit status and sharing; each change refetches the view. */
import { useId } from 'react';
import { SITE_STATUSES, TECHNOLOGIES, type Operator } from '../../../shared/model.js';
import { useI18n } from '../i18n/i18n.js';
import { hasFilters, type SiteFilters } from './view-state.js';

interface Props {
  filters: SiteFilters;
  operators: readonly Operator[];
  onChange(filters: SiteFilters): void;
}

const EMPTY: SiteFilters = { operator: null, technology: null, status: null, shared: null };

/** The four filters as labelled selects. */
export function FilterPanel({ filters, operators, onChange }: Props) {
  const { t, name } = useI18n();
  const id = useId();
  const set = (patch: Partial<SiteFilters>) => onChange({ ...filters, ...patch });
  const all = t('filters.all');

  return (
    <section className="panel-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">{t('filters.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-op`}>{t('filters.operator')}</label>
        <select id={`${id}-op`} name="operator" value={filters.operator ?? ''} onChange={(e) => set({ operator: e.target.value || null })}>
          <option value="">{all}</option>
          {operators.map((o) => (
            <option key={o.id} value={o.id}>
              {name(o)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tech`}>{t('filters.technology')}</label>
        <select id={`${id}-tech`} name="technology" value={filters.technology ?? ''} onChange={(e) => set({ technology: TECHNOLOGIES.find((x) => x === e.target.value) ?? null })}>
          <option value="">{all}</option>
          {TECHNOLOGIES.map((x) => (
            <option key={x} value={x}>
              {t(`tech.${x}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
        <select id={`${id}-status`} name="status" value={filters.status ?? ''} onChange={(e) => set({ status: SITE_STATUSES.find((x) => x === e.target.value) ?? null })}>
          <option value="">{all}</option>
          {SITE_STATUSES.map((x) => (
            <option key={x} value={x}>
              {t(`status.${x}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-shared`}>{t('filters.shared')}</label>
        <select
          id={`${id}-shared`}
          name="shared"
          value={filters.shared === null ? '' : filters.shared ? '1' : '0'}
          onChange={(e) => set({ shared: e.target.value === '' ? null : e.target.value === '1' })}
        >
          <option value="">{all}</option>
          <option value="1">{t('filters.sharedYes')}</option>
          <option value="0">{t('filters.sharedNo')}</option>
        </select>
      </div>
      {hasFilters(filters) ? (
        <button type="button" className="text-button" onClick={() => onChange(EMPTY)}>
          {t('filters.clear')}
        </button>
      ) : null}
    </section>
  );
}
