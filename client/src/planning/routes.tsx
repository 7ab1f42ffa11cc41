/** The planning pages' addresses: `/planning` (sections, `?tab=&district=`) and `/planning/report` (printable). They
 *  load as a chunk of their own: residents on the public map never download the planners' charts and tables. */
import { lazy, Suspense, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

const PlanningPage = lazy(() => import('../pages/PlanningPage.js').then((m) => ({ default: m.PlanningPage })));
const PlanningReportPage = lazy(() => import('../pages/PlanningReportPage.js').then((m) => ({ default: m.PlanningReportPage })));

function Loading() {
  const { t } = useI18n();
  return <p className="page-narrow" role="status">{t('planning.loading')}</p>;
}

/** The page for `path` when it is a planning page, else null. */
export function planningRoute(path: string): ReactNode | null {
  const clean = path.replace(/\/+$/, '');
  const page = clean === '/planning' ? <PlanningPage /> : clean === '/planning/report' ? <PlanningReportPage /> : null;
  return page ? <Suspense fallback={<Loading />}>{page}</Suspense> : null;
}
