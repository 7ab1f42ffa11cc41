/** The header's link to the planning view, for planners and admins only. */
import { useI18n } from '../i18n/i18n.js';
import { Link, usePathname } from '../router.js';
import { useSession } from '../session.js';
import { isPlanner } from '../PlannerOnly.js';

/** The link, or nothing for residents and operators. */
export function PlanningNavLink() {
  const { t } = useI18n();
  const { user } = useSession();
  const path = usePathname();
  if (!user || !isPlanner(user.role)) return null;
  return (
    <Link href="/planning" className="header-button" aria-current={path.startsWith('/planning') ? 'page' : undefined}>
      {t('planning.nav')}
    </Link>
  );
}
