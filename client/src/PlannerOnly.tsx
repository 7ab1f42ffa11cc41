/** Shows a planner's page to planners and admins; others are told plainly to sign in as a planner. The server
 *  refuses every planner endpoint anyway (401/403); this only spares an error screen. */
import type { ReactNode } from 'react';
import { useI18n } from './i18n/i18n.js';
import type { MessageKey } from './i18n/fa.js';
import { Link } from './router.js';
import { useSession } from './session.js';

/** Whether a role may do a planner's work. */
export const isPlanner = (role: string | undefined): boolean => role === 'planner' || role === 'admin';

/** The page's own words for the guard: while the session loads, its title, and the two refusals. */
export interface PlannerOnlyTexts {
  loading: MessageKey;
  title: MessageKey;
  notPlanner: MessageKey;
  signIn: MessageKey;
}

/** The guard. */
export function PlannerOnly({ texts, children }: { texts: PlannerOnlyTexts; children: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (user === undefined) return <p className="page-narrow" role="status">{t(texts.loading)}</p>;
  if (user && isPlanner(user.role)) return <>{children}</>;
  return (
    <div className="page-narrow">
      <h1>{t(texts.title)}</h1>
      <p>{user ? t(texts.notPlanner) : t(texts.signIn)}</p>
      <p>
        <Link href="/login" className="button">
          {t('nav.signIn')}
        </Link>
      </p>
    </div>
  );
}
