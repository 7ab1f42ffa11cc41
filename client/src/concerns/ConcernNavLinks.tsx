/** The header's concern link: the concerns queue for planners, "track a concern" for everyone else. */
import { useI18n } from '../i18n/i18n.js';
import { Link, usePathname } from '../router.js';
import { useSession } from '../session.js';

/** A link for the header's navigation. */
export function ConcernNavLinks() {
  const { t } = useI18n();
  const { user } = useSession();
  const path = usePathname();
  if (user?.role === 'planner' || user?.role === 'admin') {
    return (
      <Link href="/planner/concerns" className="header-button" aria-current={path.startsWith('/planner/concerns') ? 'page' : undefined}>
        {t('concerns.nav.queue')}
      </Link>
    );
  }
  return (
    <Link href="/concerns" className="header-button" aria-current={path === '/concerns' ? 'page' : undefined}>
      {t('concerns.nav.track')}
    </Link>
  );
}
