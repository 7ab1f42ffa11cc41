/** Shows its children to planners and admins; others are told plainly to sign in as a planner. The
 *  server enforces the same (planner access on every queue endpoint); this only spares a 403 screen. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

/** The guard. */
export function PlannerOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (user === undefined) return <p className="page-narrow" role="status">{t('concerns.page.loading')}</p>;
  if (user && (user.role === 'planner' || user.role === 'admin')) return <>{children}</>;
  return (
    <div className="page-narrow">
      <h1>{t('concerns.queue.title')}</h1>
      <p>{user ? t('concerns.queue.notPlanner') : t('concerns.queue.signIn')}</p>
      <p>
        <Link href="/login" className="button">
          {t('nav.signIn')}
        </Link>
      </p>
    </div>
  );
}
