/** Predicted exposure from the proposal at the points a resident asks about: the foot of the mast,
 *  fixed distances along each sector's beam, and the ground peak (shared/site-requests/exposure.ts). */
import { useI18n } from '../i18n/i18n.js';
import type { ProposalView } from './requests-api.js';

type KeyPoint = ProposalView['exposure'][number];

/** The table with the prediction note. */
export function KeyPointsTable({ points }: { points: readonly KeyPoint[] }) {
  const { t, num } = useI18n();
  if (points.length === 0) return <p className="muted">{t('requests.exposure.none')}</p>;
  const where = (p: KeyPoint) =>
    p.kind === 'foot'
      ? t('requests.exposure.foot')
      : t(p.kind === 'peak' ? 'requests.exposure.peakAt' : 'requests.exposure.beamAt', { distance: num(p.distance_m), bearing: num(p.bearing_deg) });
  const peak = points.find((p) => p.kind === 'peak');
  return (
    <>
      {peak ? (
        <p className="exposure-summary">
          {t('requests.exposure.summary', { percent: num(peak.total_exposure_ratio * 100, 3), distance: num(peak.distance_m), field: num(peak.e_total_vm, 2) })}
        </p>
      ) : null}
      <div className="table-scroll" role="region" aria-label={t('requests.exposure.caption')} tabIndex={0}>
        <table className="keypoint-table">
          <caption className="visually-hidden">{t('requests.exposure.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('requests.exposure.where')}</th>
              <th scope="col">{t('requests.exposure.percent')}</th>
              <th scope="col">{t('requests.exposure.field')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i} className={p.kind === 'peak' ? 'peak' : undefined}>
                <th scope="row">{where(p)}</th>
                <td>{num(p.total_exposure_ratio * 100, 3)}</td>
                <td>{num(p.e_total_vm, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="note">{t('requests.exposure.predictionNote')}</p>
    </>
  );
}
