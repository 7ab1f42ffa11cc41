/** The request pages' addresses: `/requests` (own requests or the planners' queue), `/requests/new`,
 *  `/requests/:id`, `/requests/:id/letter` (printable decision) and the public `/proposals/:id`. */
import type { ReactNode } from 'react';
import { ProposalPage } from '../pages/ProposalPage.js';
import { RequestLetterPage } from '../pages/RequestLetterPage.js';
import { RequestListPage } from '../pages/RequestListPage.js';
import { RequestPage } from '../pages/RequestPage.js';
import '../styles/requests.css';

/** The page for `path` when it is a request or proposal page, else null. */
export function requestRoute(path: string): ReactNode | null {
  const clean = path.replace(/\/+$/, '');
  if (clean === '/requests') return <RequestListPage />;
  if (clean === '/requests/new') return <RequestPage key="new" id={null} />;
  const letter = /^\/requests\/(\d{1,15})\/letter$/.exec(clean);
  if (letter) return <RequestLetterPage key={letter[1]} id={Number(letter[1])} />;
  const one = /^\/requests\/(\d{1,15})$/.exec(clean);
  if (one) return <RequestPage key={one[1]} id={Number(one[1])} />;
  const proposal = /^\/proposals\/(\d{1,15})$/.exec(clean);
  if (proposal) return <ProposalPage key={proposal[1]} id={Number(proposal[1])} />;
  return null;
}
