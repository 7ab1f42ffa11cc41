/** A concern's public page (`/concerns/:code`): its status in plain words, every change with the
 *  city's notes, the evidence stored when it was filed, the photo, and "me too". Never a name or a
 *  contact: the public view has none. */
import { useMemo } from 'react';
import { CATEGORY_NAMES, STATUS_NAMES } from '../../../shared/concerns.js';
import { isTrackingCode, normaliseTrackingCode } from '../../../shared/tracking-code.js';
import { CodeBanner } from '../concerns/CodeBanner.js';
import { concernsApi } from '../concerns/concerns-api.js';
import { EvidenceSection } from '../concerns/EvidenceSection.js';
import { concernMapHref, countKey, dateTime, displayCode, siteMapHref } from '../concerns/format.js';
import { MeTooButton } from '../concerns/MeTooButton.js';
import { StatusHistory } from '../concerns/StatusHistory.js';
import { TrackBox } from '../concerns/TrackBox.js';
import { useLoaded, useOperatorName } from '../concerns/use-concern.js';
import '../concerns/concerns-page.css';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';

/** The page of the concern whose code is `typed` (as in the address: Persian digits and dashes allowed). */
export function ConcernPage({ typed }: { typed: string }) {
  const { t, lang, num } = useI18n();
  const code = normaliseTrackingCode(decodeURIComponent(typed));
  const valid = isTrackingCode(code);
  const flags = useMemo(() => new URLSearchParams(window.location.search), []);
  const concern = useLoaded((signal) => (valid ? concernsApi.get(code, signal) : Promise.reject(new Error('invalid'))), code);
  const operatorName = useOperatorName();
  const c = concern.data;

  if (!valid || concern.error) {
    const notFound = !valid || concern.error?.status === 404 || concern.error?.status === 400;
    return (
      <div className="page-narrow concern-page">
        <h1>{notFound ? t('concerns.page.notFound') : t('concerns.page.error', { message: concern.error?.message ?? '' })}</h1>
        <TrackBox />
        <p>
          <Link href="/">{t('login.back')}</Link>
        </p>
      </div>
    );
  }
  if (!c) return <p className="page-narrow" role="status">{t('concerns.page.loading')}</p>;

  const setSupporters = (supporters: number) => concern.set({ ...c, supporters });
  return (
    <div className="concern-page" data-testid="concern-page" data-code={c.code}>
      <p className="back-link">
        <Link href={concernMapHref(c.lon, c.lat)}>{t('concerns.page.seeOnMap')}</Link>
      </p>
      {flags.get('filed') === '1' ? <CodeBanner code={c.code} /> : null}
      {flags.get('joined') === '1' ? <p className="concern-notice" role="status">{t('concerns.page.joined')}</p> : null}
      {flags.get('counted') === '1' ? <p className="concern-notice" role="status">{t('concerns.page.meTooAlready')}</p> : null}
      <h1>
        {t('concerns.page.title', { category: CATEGORY_NAMES[c.category][lang] })}{' '}
        <span className="title-code">
          <bdi dir="ltr">{displayCode(c.code, lang)}</bdi>
        </span>
      </h1>

      <section className={`concern-section status-box ${c.open ? 'is-open' : 'is-closed'}`} aria-labelledby="status-title">
        <h2 id="status-title" className="visually-hidden">
          {t('concerns.page.status')}
        </h2>
        <p className="status-line">
          <span className={`badge concern-status-${c.status}`} data-testid="concern-status" data-status={c.status}>
            {STATUS_NAMES[c.status][lang]}
          </span>
        </p>
        <p>{t(`concerns.statusHelp.${c.status}`)}</p>
        {c.duplicate_of ? (
          <p>
            {t('concerns.page.duplicateOf')} <Link href={`/concerns/${c.duplicate_of}`}><bdi dir="ltr">{displayCode(c.duplicate_of, lang)}</bdi></Link>
          </p>
        ) : null}
      </section>

      <dl className="facts concern-facts">
        <dt>{t('concerns.page.filedOn')}</dt>
        <dd>{dateTime(c.created_at, lang)}</dd>
        {c.site ? (
          <>
            <dt>{t('concerns.page.aboutSite')}</dt>
            <dd>
              <Link href={siteMapHref(c.site.id, c.lon, c.lat)}>
                <bdi>{c.site.code}</bdi>
              </Link>
            </dd>
          </>
        ) : null}
        <dt>{t('concerns.page.supportersLabel')}</dt>
        <dd data-testid="supporters" data-count={c.supporters}>
          {c.supporters === 0 ? t('concerns.page.noSupporters') : t(countKey('concerns.page.supporters', c.supporters), { count: num(c.supporters) })}
        </dd>
      </dl>

      <section className="concern-section" aria-labelledby="desc-title">
        <h2 id="desc-title">{t('concerns.page.description')}</h2>
        {c.hidden ? (
          <p className="muted">{t('concerns.page.hiddenText')}</p>
        ) : c.description ? (
          <p className="concern-description" dir="auto" data-testid="concern-description">
            {c.description}
          </p>
        ) : (
          <p className="muted">{t('concerns.page.noDescription')}</p>
        )}
        {c.photo_url ? <img className="concern-photo" src={c.photo_url} alt={t('concerns.page.photoAlt')} data-testid="concern-photo" /> : null}
        {/* The filer is counted already: no "me too" on the page they just filed. */}
        {flags.get('filed') === '1' ? null : <MeTooButton code={c.code} open={c.open} onSupporters={setSupporters} />}
      </section>

      <section className="concern-section" aria-labelledby="history-title">
        <h2 id="history-title">{t('concerns.page.history')}</h2>
        <StatusHistory events={c.history} />
      </section>

      <EvidenceSection evidence={c.evidence} lon={c.lon} lat={c.lat} operatorName={operatorName} />

      <section className="concern-section">
        <TrackBox />
      </section>
    </div>
  );
}
