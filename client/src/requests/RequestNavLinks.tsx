/** The header's link to site requests: "My requests" for operators, "Site requests" (the queue) for planners. */
import { useI18n } from '../i18n/i18n.js';
import { Link, usePathname } from '../router.js';
import { useSession } from '../session.js';

/** The link, for signed-in users only. */
export function RequestNavLinks() {
  const { t } = useI18n();
  const { user } = useSession();
  const path = usePathname();
  if (!user) return null;
  return (
    <Link href="/requests" className="header-button" aria-current={path.startsWith('/requests') ? 'page' : undefined}>
      {user.role === 'operator' ? t('requests.nav.mine') : t('requests.nav.queue')}
    </Link>
  );
}
