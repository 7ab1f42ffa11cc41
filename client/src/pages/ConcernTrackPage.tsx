/** `/concerns`: where a resident comes back with a tracking code, or starts a new concern on the map. */
import { TrackBox } from '../concerns/TrackBox.js';
import '../concerns/concerns-page.css';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';

/** The tracking page. */
export function ConcernTrackPage() {
  const { t } = useI18n();
  return (
    <div className="page-narrow concern-page">
      <h1>{t('concerns.track.pageTitle')}</h1>
      <p>{t('concerns.track.intro')}</p>
      <TrackBox titled={false} />
      <h2 className="section-title track-new-title">{t('concerns.track.newTitle')}</h2>
      <p>{t('concerns.track.newHelp')}</p>
      <p>
        <Link href="/?concern=new" className="button">
          {t('concerns.report')}
        </Link>
      </p>
    </div>
  );
}
