/** Shows the planning pages to planners and admins; others are told plainly to sign in as a planner. The server
 *  answers 401/403 on every planning endpoint anyway; this spares an error screen. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

/** Whether a role may plan. */
export const isPlanner = (role: string | undefined): boolean => role === 'planner' || role === 'admin';

/** The guard. */
export function PlannerGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (user === undefined) return <p className="page-narrow" role="status">{t('planning.loading')}</p>;
  if (user && isPlanner(user.role)) return <>{children}</>;
  return (
    <div className="page-narrow">
      <h1>{t('planning.title')}</h1>
      <p>{user ? t('planning.notPlanner') : t('planning.signIn')}</p>
      <p>
        <Link href="/login" className="button">
          {t('nav.signIn')}
        </Link>
      </p>
    </div>
  );
}
