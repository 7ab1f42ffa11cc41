/** The evidence stored with a concern, in plain words: the masts within 300 m with distance and
 *  permit (each linked to the map), the predicted total exposure against the legal limit, and the
 *  sensitive places near; with the summary in the current language. */
import type { ConcernEvidence, EvidenceSite } from '../../../shared/concern-evidence.js';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import { dateOnly, ratioWords, siteMapHref } from './format.js';

interface Props {
  evidence: ConcernEvidence;
  lon: number;
  lat: number;
  operatorName(id: string): string;
}

function Exposure({ x }: { x: ConcernEvidence['exposure'] }) {
  const { t, lang, num } = useI18n();
  if (x.antennas === 0) return <p className="exposure-zero">{t('concerns.evidence.zero', { km: num(x.radius_m / 1000, 1) })}</p>;
  const w = ratioWords(x.total_exposure_ratio, lang);
  return (
    <>
      <p className={`exposure-ratio${w.above ? ' above' : ''}`} data-testid="exposure-ratio" data-ratio={x.total_exposure_ratio}>
        <span className="ratio-value">{t('concerns.evidence.ratio', { ratio: w.ratio })}</span>
        <span className="ratio-words">
          {w.above ? t('concerns.evidence.above') : w.timesBelow ? t('concerns.evidence.timesBelow', { times: w.timesBelow }) : t('concerns.evidence.below')}
        </span>
      </p>
      <p className="muted">{t('concerns.evidence.basis', { antennas: num(x.antennas), km: num(x.radius_m / 1000, 1), height: num(x.observer_height_m, 1) })}</p>
    </>
  );
}

function SiteRow({ s, lon, lat, operatorName }: { s: EvidenceSite; lon: number; lat: number; operatorName(id: string): string }) {
  const { t, num, list } = useI18n();
  return (
    <li className="evidence-site" data-site-id={s.id}>
      <Link href={siteMapHref(s.id, lon, lat)} className="evidence-link">
        <bdi className="code">{s.code}</bdi>
      </Link>
      <span className="evidence-distance" data-distance-m={s.distance_m}>
        {t('unit.metres', { value: num(s.distance_m, 0) })}
      </span>
      <span className={`concern-permit permit-${s.permit}`}>{t(`concerns.permit.${s.permit}`)}</span>
      <span className="list-meta">
        {s.transmitting ? t('concerns.evidence.operating') : t('concerns.evidence.notOperating')}
        {s.operators.length ? `${t('concerns.sep')}${list(s.operators.map(operatorName))}` : ''}
      </span>
    </li>
  );
}

/** The evidence section of a concern's page. */
export function EvidenceSection({ evidence, lon, lat, operatorName }: Props) {
  const { t, lang, num, name } = useI18n();
  const radius = num(evidence.radius_m);
  return (
    <section className="concern-section evidence" aria-labelledby="evidence-title" data-testid="evidence">
      <h2 id="evidence-title">{t('concerns.evidence.title')}</h2>
      <p className="evidence-summary">{evidence.summary[lang]}</p>
      <p className="muted">{t('concerns.evidence.computed', { date: dateOnly(evidence.computed_at, lang) })}</p>

      <h3>{t('concerns.evidence.masts', { radius })}</h3>
      {evidence.sites.length === 0 ? (
        <p>{t('concerns.evidence.noMasts', { radius })}</p>
      ) : (
        <ul className="evidence-sites" data-testid="evidence-sites">
          {evidence.sites.map((s) => (
            <SiteRow key={s.id} s={s} lon={lon} lat={lat} operatorName={operatorName} />
          ))}
        </ul>
      )}

      <h3>{t('concerns.evidence.exposure')}</h3>
      <Exposure x={evidence.exposure} />
      <p className="note">{t('concerns.evidence.predictionNote')}</p>

      <h3>{t('concerns.evidence.places', { radius })}</h3>
      {evidence.sensitive_places.length === 0 ? (
        <p>{t('concerns.evidence.noPlaces', { radius })}</p>
      ) : (
        <ul className="evidence-places">
          {evidence.sensitive_places.map((p) => (
            <li key={p.id}>
              <span>
                {t(`place.${p.kind}`)}: {name(p)}
              </span>
              <span className="evidence-distance">{t('unit.metres', { value: num(p.distance_m, 0) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
