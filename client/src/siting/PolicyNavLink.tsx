/** The header's link to the siting policy, for planners and admins (anyone may open `/policy`; the check panel
 *  links there from the policy version it names). */
import { useI18n } from '../i18n/i18n.js';
import { Link, usePathname } from '../router.js';
import { useSession } from '../session.js';

/** The link, or nothing for residents and operators. */
export function PolicyNavLink() {
  const { t } = useI18n();
  const { user } = useSession();
  const path = usePathname();
  if (user?.role !== 'planner' && user?.role !== 'admin') return null;
  return (
    <Link href="/policy" className="header-button" aria-current={path === '/policy' ? 'page' : undefined}>
      {t('policy.nav')}
    </Link>
  );
}
