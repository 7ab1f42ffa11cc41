/** The predicted exposure at a clicked point (or on a sensitive place): the total exposure ratio against the limit
 *  of 1, the total field in V/m, and the antennas that contribute most with their share of the total. */
import { useEffect, useId, useRef, type RefObject } from 'react';
import type { SensitivePlace } from '../../../shared/model.js';
import { SENSITIVE_KIND_EN, SENSITIVE_KIND_FA } from '../../../shared/siting/wording.js';
import { useI18n } from '../i18n/i18n.js';
import type { ExposureHere } from './ExposureTool.js';
import { useSitingFormat } from './format.js';

/** Where the exposure was asked: a point, and the sensitive place it falls on. */
export interface ExposureQuery {
  lon: number;
  lat: number;
  place: (Omit<SensitivePlace, 'geometry'> & { geometry: SensitivePlace['geometry'] }) | null;
}

interface Props {
  here: ExposureHere;
  operatorName(id: string): string;
  onClose(): void;
  /** Asks again for the map's centre (after panning with the keyboard). */
  onCentre(): void;
  panelRef?: RefObject<HTMLElement | null>;
}

/** The answer panel. */
export function ExposureAnswer({ here, operatorName, onClose, onCentre, panelRef }: Props) {
  const { t, num, lang } = useI18n();
  const f = useSitingFormat();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { query, answer, error } = here;
  const place = query.place;

  useEffect(() => heading.current?.focus(), [query]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const placeName = place
    ? t('siting.related.place', { kind: (lang === 'fa' ? SENSITIVE_KIND_FA : SENSITIVE_KIND_EN)[place.kind], name: lang === 'fa' ? place.name_fa : place.name_en })
    : null;
  const ter = answer?.total_exposure_ratio ?? 0;

  return (
    <section ref={panelRef} className="siting-panel exposure-panel" aria-labelledby={`${id}-title`} data-testid="exposure-panel">
      <div className="siting-panel-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {placeName ? t('siting.here.titlePlace', { place: placeName }) : t('siting.here.title')}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('siting.here.close')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path d="M5 5l14 14M19 5L5 19" stroke="currentColor" strokeWidth="2.5" />
          </svg>
        </button>
      </div>
      {error ? <p className="error">{t('siting.here.error', { message: error })}</p> : null}
      {!answer && !error ? <p className="muted" role="status">{t('siting.here.loading')}</p> : null}
      {answer ? (
        <>
          <dl className="exposure-totals" data-testid="exposure-totals" data-ratio={answer.total_exposure_ratio}>
            <dt>{t('siting.here.ratio')}</dt>
            <dd>
              <strong data-testid="exposure-ratio">{f.sig(ter)}</strong>{' '}
              <span className={ter > 1 ? 'error' : 'muted'}>{t(ter > 1 ? 'siting.here.ratioAbove' : 'siting.here.ratioOf', { limit: num(1), share: f.percent(ter) })}</span>
            </dd>
            <dt>{t('siting.here.field')}</dt>
            <dd data-testid="exposure-field">{f.value(answer.e_total_vm, 'V/m')}</dd>
            <dt>{t('siting.here.antennas')}</dt>
            <dd>{t('siting.here.antennaCount', { count: num(answer.antenna_count), radius: f.metres(answer.radius_m) })}</dd>
          </dl>
          {answer.contributions.length > 0 ? (
            <>
              <h3>{t('siting.here.top')}</h3>
              <div className="table-scroll">
                <table className="contrib-table" data-testid="contributions">
                  <thead>
                    <tr>
                      <th scope="col">{t('siting.here.col.site')}</th>
                      <th scope="col">{t('siting.here.col.operator')}</th>
                      <th scope="col">{t('siting.here.col.distance')}</th>
                      <th scope="col">{t('siting.here.col.share')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {answer.contributions.map((c) => (
                      <tr key={c.antenna_id} data-site-id={c.site_id}>
                        <td>
                          <bdi>{c.site_code}</bdi>
                        </td>
                        <td>{operatorName(c.operator_id)}</td>
                        <td>{f.metres(c.distance_m)}</td>
                        <td data-share={ter > 0 ? c.ratio / ter : 0}>{f.percent(ter > 0 ? c.ratio / ter : 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p className="muted">{t('siting.here.none')}</p>
          )}
        </>
      ) : null}
      <button type="button" className="button secondary check-centre" onClick={onCentre}>
        {t('siting.here.centre')}
      </button>
      <p className="note">{t('siting.here.note')}</p>
    </section>
  );
}
