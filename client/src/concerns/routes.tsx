/** The concern pages' addresses: `/concerns` (track), `/concerns/:code` (public page),
 *  `/planner/concerns` (queue) and `/planner/concerns/:code` (working one concern). */
import type { ReactNode } from 'react';
import { ConcernPage } from '../pages/ConcernPage.js';
import { ConcernQueuePage } from '../pages/ConcernQueuePage.js';
import { ConcernTrackPage } from '../pages/ConcernTrackPage.js';
import { ConcernWorkPage } from '../pages/ConcernWorkPage.js';

/** The page for `path` when it is a concern page, else null. */
export function concernRoute(path: string): ReactNode | null {
  const clean = path.replace(/\/+$/, '');
  if (clean === '/concerns') return <ConcernTrackPage />;
  if (clean === '/planner/concerns') return <ConcernQueuePage />;
  const work = /^\/planner\/concerns\/([^/]+)$/.exec(clean);
  if (work) return <ConcernWorkPage key={work[1]} typed={work[1]!} />;
  const page = /^\/concerns\/([^/]+)$/.exec(clean);
  if (page) return <ConcernPage key={page[1]} typed={page[1]!} />;
  return null;
}
