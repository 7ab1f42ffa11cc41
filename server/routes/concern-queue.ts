/** The planner's concern routes: the queue and one concern with contact, status changes, merges,
 *  hiding, response templates; and issuing Open311 keys (admin). */
import type { Router } from 'express';
import * as api from '../../shared/api/concerns.js';
import { classifyStatusChange, isOpen, nextStatuses } from '../../shared/concerns.js';
import type { Ctx } from '../context.js';
import { plannerView, queueItem } from '../concerns/views.js';
import { HttpError } from '../http/errors.js';
import { mount } from '../http/route.js';
import type { SessionUser } from '../http/session.js';
import type { Actor } from '../store/audit.js';
import type { ConcernRow } from '../store/concerns.js';

const actorOf = (u: SessionUser): Actor => ({ id: u.id, name: u.username });

/** The concern of a path's tracking code, or 404. */
export function concernOr404(ctx: Ctx, code: string): ConcernRow {
  const row = ctx.concerns.byCode(code);
  if (!row) throw new HttpError(404, 'not_found', `No concern ${code}`);
  return row;
}

/** Mounts the planner's routes on the concerns router. */
export function concernQueueRoutes(r: Router, ctx: Ctx): void {
  const { concerns, concernSearch } = ctx;

  mount(r, api.concernQueue, ({ query }) => {
    const now = new Date();
    const { rows, total } = concernSearch.queue(query, now);
    return { total, items: rows.map((row) => queueItem(concerns, row)) };
  });

  mount(r, api.plannerConcern, ({ params }) => plannerView(concerns, concernOr404(ctx, params.code)));

  mount(r, api.setConcernStatus, ({ params, body, user }) => {
    const row = concernOr404(ctx, params.code);
    const kind = classifyStatusChange(row.status, body.status);
    if (kind === 'merge_only') throw new HttpError(409, 'use_merge', `Mark a duplicate by merging it into another concern (POST /api/concerns/${row.code}/merge)`, { 'body.status': 'use merge' });
    if (kind === 'illegal') {
      const next = nextStatuses(row.status);
      throw new HttpError(409, 'illegal_transition', `A ${row.status} concern cannot become ${body.status}; it may become: ${next.join(', ') || 'nothing (final)'}`, { 'body.status': `not allowed from ${row.status}` });
    }
    concerns.setStatus(row, body.status, body.note, actorOf(user!));
    return plannerView(concerns, concerns.byCode(row.code)!);
  });

  mount(r, api.mergeConcern, ({ params, body, user }) => {
    const source = concernOr404(ctx, params.code);
    const target = concerns.byCode(body.into);
    if (!target) throw new HttpError(400, 'validation_failed', `No concern ${body.into}`, { 'body.into': 'no such concern' });
    if (target.id === source.id) throw new HttpError(400, 'validation_failed', 'A concern cannot be merged into itself', { 'body.into': 'same concern' });
    if (classifyStatusChange(source.status, 'duplicate') !== 'merge_only') throw new HttpError(409, 'illegal_transition', `A ${source.status} concern cannot be marked a duplicate`);
    if (!isOpen(target.status)) throw new HttpError(409, 'not_open', `Concern ${target.code} is ${target.status}; merge into an open concern`, { 'body.into': 'not open' });
    concerns.merge(source, target, body.note, actorOf(user!));
    return plannerView(concerns, concerns.byCode(target.code)!);
  });

  mount(r, api.hideConcern, ({ params, body, user }) => {
    const row = concernOr404(ctx, params.code);
    concerns.hide(row, body.reason, body.hidden, actorOf(user!));
    return plannerView(concerns, concerns.byCode(row.code)!);
  });

  mount(r, api.listResponseTemplates, () => ctx.responseTemplates.list());
  mount(r, api.createResponseTemplate, ({ body, user }) => ctx.responseTemplates.create(body, actorOf(user!)));

  mount(r, api.open311Keys, ({ body, user }) => ctx.open311Keys.issue(body.name, actorOf(user!)));
}
