/** The policy page's address (`/policy`), loaded as a chunk of its own: the map never downloads the form. */
import { lazy, Suspense, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

const PolicyPage = lazy(() => import('../pages/PolicyPage.js').then((m) => ({ default: m.PolicyPage })));

function Loading() {
  const { t } = useI18n();
  return <p className="page-narrow" role="status">{t('policy.loading')}</p>;
}

/** The page for `path` when it is the policy page, else null. */
export function sitingRoute(path: string): ReactNode | null {
  return path.replace(/\/+$/, '') === '/policy' ? (
    <Suspense fallback={<Loading />}>
      <PolicyPage />
    </Suspense>
  ) : null;
}
