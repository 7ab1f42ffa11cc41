/** The request pages' addresses: `/requests` (own requests or the planners' queue), `/requests/new`,
 *  `/requests/:id`, `/requests/:id/letter` (printable decision) and the public `/proposals/:id`. They load as a
 *  chunk of their own (the siting engine and the forms), so the public map's first load stays small. */
import { lazy, Suspense, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import '../styles/requests.css';

const ProposalPage = lazy(() => import('../pages/ProposalPage.js').then((m) => ({ default: m.ProposalPage })));
const RequestLetterPage = lazy(() => import('../pages/RequestLetterPage.js').then((m) => ({ default: m.RequestLetterPage })));
const RequestListPage = lazy(() => import('../pages/RequestListPage.js').then((m) => ({ default: m.RequestListPage })));
const RequestPage = lazy(() => import('../pages/RequestPage.js').then((m) => ({ default: m.RequestPage })));

function Loading() {
  const { t } = useI18n();
  return (
    <p className="page-wide muted" role="status">
      {t('requests.loading')}
    </p>
  );
}

function page(path: string): ReactNode | null {
  if (path === '/requests') return <RequestListPage />;
  if (path === '/requests/new') return <RequestPage key="new" id={null} />;
  const letter = /^\/requests\/(\d{1,15})\/letter$/.exec(path);
  if (letter) return <RequestLetterPage key={letter[1]} id={Number(letter[1])} />;
  const one = /^\/requests\/(\d{1,15})$/.exec(path);
  if (one) return <RequestPage key={one[1]} id={Number(one[1])} />;
  const proposal = /^\/proposals\/(\d{1,15})$/.exec(path);
  if (proposal) return <ProposalPage key={proposal[1]} id={Number(proposal[1])} />;
  return null;
}

/** The page for `path` when it is a request or proposal page, else null. */
export function requestRoute(path: string): ReactNode | null {
  const p = page(path.replace(/\/+$/, ''));
  return p ? <Suspense fallback={<Loading />}>{p}</Suspense> : null;
}
