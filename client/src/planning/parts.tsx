/** Small pieces shared by the planning sections: loading and error lines, export links, a figure tile. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { exportHref } from './planning-api.js';
import type { Loaded } from './use-load.js';

/** "Loading…" or the error with a retry button, for a section's data. */
export function LoadState({ state }: { state: Loaded<unknown> }) {
  const { t } = useI18n();
  if (state.error) {
    return (
      <p className="error" role="alert">
        {t('planning.error', { message: state.error.message })}{' '}
        <button type="button" className="text-button" onClick={state.reload}>
          {t('planning.retry')}
        </button>
      </p>
    );
  }
  return state.loading ? <p className="muted" role="status">{t('planning.loading')}</p> : null;
}

export interface ExportLink {
  label: string;
  format: 'csv' | 'geojson';
  lang?: 'fa' | 'en';
}

/** Download links to an endpoint's exports (the browser sends the session cookie; the server names the file). */
export function ExportLinks({ path, query, links }: { path: string; query: Record<string, string | number | undefined>; links: readonly ExportLink[] }) {
  const { t } = useI18n();
  return (
    <div className="plan-exports" role="group" aria-label={t('planning.export.label')}>
      <span className="muted">{t('planning.export.label')}:</span>
      {links.map((l) => (
        <a key={`${l.format}-${l.lang ?? ''}`} className="button secondary" href={exportHref(path, { ...query, format: l.format, lang: l.lang })} download data-format={l.format}>
          {l.label}
        </a>
      ))}
    </div>
  );
}

/** The standard export links: CSV in both languages (and GeoJSON when the endpoint has it). */
export function useExportLinks(geojson = false): ExportLink[] {
  const { t } = useI18n();
  return [
    { label: t('planning.export.csvFa'), format: 'csv', lang: 'fa' },
    { label: t('planning.export.csvEn'), format: 'csv', lang: 'en' },
    ...(geojson ? [{ label: t('planning.export.geojson'), format: 'geojson' as const }] : []),
  ];
}

/** A big number with its caption. */
export function Figure({ value, caption, tone }: { value: ReactNode; caption: string; tone?: 'good' | 'bad' }) {
  return (
    <div className={`plan-figure${tone ? ` plan-${tone}` : ''}`}>
      <span className="plan-figure-value">{value}</span>
      <span className="plan-figure-caption">{caption}</span>
    </div>
  );
}
