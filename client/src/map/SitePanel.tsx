/** One mast in plain words: who operates it, what it transmits, its permit, and how far its
 *  predicted compliance zone reaches. A side card on a desktop, a bottom sheet on a phone. */
import { useEffect, useRef, useState, type Ref } from 'react';
import { api, ApiError, isAbort, type SiteFeature } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import type { FilingTarget } from '../concerns/use-concern-filing.js';
import { AntennaTable, antennaComplianceM } from './AntennaTable.js';

interface Props {
  siteId: number;
  panelRef?: Ref<HTMLElement>;
  operatorName(id: string): string;
  colorOf(operatorId: string): string | undefined;
  districtName(id: number | null): string | null;
  onClose(): void;
  /** Called once the site is loaded, with its [lon, lat], so the map can bring it into view. */
  onLoaded?(position: readonly number[]): void;
  /** Starts a resident's concern about this mast, at its place. */
  onReportConcern?(target: FilingTarget): void;
}

/** Loads and shows one mast. */
export function SitePanel({ siteId, panelRef, operatorName, colorOf, districtName, onClose, onLoaded, onReportConcern }: Props) {
  const { t, num, date } = useI18n();
  const [site, setSite] = useState<SiteFeature | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  useEffect(() => {
    const ac = new AbortController();
    setSite(null);
    setError(null);
    api.site(siteId, ac.signal).then(
      (f) => setSite(f),
      (e: unknown) => {
        if (!isAbort(e)) setError(e instanceof ApiError ? e.message : String(e));
      },
    );
    return () => ac.abort();
  }, [siteId]);

  // After the panel has its full height, so the map can keep the mast clear of it.
  useEffect(() => {
    if (site) onLoadedRef.current?.(site.geometry.coordinates);
  }, [site]);

  // Focus moves to the panel so keyboard and screen-reader users land on what they opened.
  useEffect(() => {
    heading.current?.focus();
  }, [site, siteId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const p = site?.properties;
  const [lon, lat] = site?.geometry.coordinates ?? [0, 0];
  const antennas = p?.antennas ?? [];
  const rcs = antennas.map((a) => antennaComplianceM(a, lon ?? 0, lat ?? 0)).filter((r): r is number => r !== null);
  const maxRc = rcs.length ? Math.max(...rcs) : null;
  const unknown = t('site.unknown');

  return (
    <section ref={panelRef} className="site-panel" aria-labelledby="site-panel-title" data-testid="site-panel">
      <div className="site-panel-head">
        <h2 id="site-panel-title" ref={heading} tabIndex={-1}>
          {p ? (
            <>
              {t('site.mast')} <bdi>{p.code}</bdi>
            </>
          ) : (
            t('site.loading')
          )}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('site.close')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path d="M5 5l14 14M19 5L5 19" stroke="currentColor" strokeWidth="2.5" />
          </svg>
        </button>
      </div>
      {error ? <p className="error" role="alert">{t('site.error', { message: error })}</p> : null}
      {p ? (
        <div className="site-panel-body">
          <p className="badges">
            <span className={`badge status-${p.status}`}>{t(`status.${p.status}`)}</span>
            {p.shared ? <span className="badge shared">{t('site.shared')}</span> : null}
          </p>
          {p.status === 'unpermitted' ? (
            <p className="warning">{t('site.unpermittedWarning')}</p>
          ) : null}
          {onReportConcern ? (
            <button type="button" className="button secondary report-site" onClick={() => onReportConcern({ lon: lon ?? 0, lat: lat ?? 0, site: { id: p.id, code: p.code } })}>
              {t('concerns.reportSite')}
            </button>
          ) : null}
          <dl className="facts">
            <dt>{t('site.operators')}</dt>
            <dd>
              {p.operators.map((id) => (
                <span key={id} className="op-chip">
                  <span className="op-dot" aria-hidden="true" style={{ background: colorOf(id) ?? '#777' }} />
                  {operatorName(id)}
                </span>
              ))}
            </dd>
            <dt>{t('site.owner')}</dt>
            <dd>{operatorName(p.owner_operator_id)}</dd>
            <dt>{t('site.structure')}</dt>
            <dd>{t(`structure.${p.structure_type}`)}</dd>
            <dt>{t('site.height')}</dt>
            <dd>{t('unit.metres', { value: num(p.height_m, 1) })}</dd>
            <dt>{t('site.permit')}</dt>
            <dd>{p.permit_no ? <bdi>{p.permit_no}</bdi> : t('site.noPermit')}</dd>
            <dt>{t('site.permitDate')}</dt>
            <dd>{date(p.permit_date) ?? unknown}</dd>
            <dt>{t('site.installedOn')}</dt>
            <dd>{date(p.installed_on) ?? unknown}</dd>
            {districtName(p.district_id) ? (
              <>
                <dt>{t('site.district')}</dt>
                <dd>{districtName(p.district_id)}</dd>
              </>
            ) : null}
            {p.address ? (
              <>
                <dt>{t('site.address')}</dt>
                <dd>{p.address}</dd>
              </>
            ) : null}
            <dt>{t('site.source')}</dt>
            <dd>
              {t(`source.${p.source}`)} · {p.verified ? t('site.verifiedYes') : t('site.verifiedNo')}
            </dd>
          </dl>
          {p.approving_request_id ? (
            <p className="approved-by">
              <Link href={`/proposals/${p.approving_request_id}`} data-testid="approving-decision">
                {t('site.approvedBy', { id: num(p.approving_request_id) })}
              </Link>
            </p>
          ) : null}
          <h3>{t('site.antennas', { count: antennas.length })}</h3>
          {antennas.length === 0 ? (
            <p className="muted">{t('site.noAntennas')}</p>
          ) : (
            <>
              {maxRc !== null ? <p className="compliance">{t('site.complianceSummary', { distance: t('unit.metres', { value: num(maxRc, 1) }) })}</p> : null}
              <p className="note">{t('site.predictionNote')}</p>
              <AntennaTable code={p.code} antennas={antennas} lon={lon ?? 0} lat={lat ?? 0} operatorName={operatorName} />
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
