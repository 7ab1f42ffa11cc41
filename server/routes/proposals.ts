/** The public consultation: proposed sites on the map, one page each, residents' comments without an account
 *  (rate-limited per address), and the planner's moderation; plus the proposals' entries in the area feed. */
import { createHash, randomBytes } from 'node:crypto';
import type { Router } from 'express';
import * as api from '../../shared/api/proposals.js';
import { isConsultationOpen } from '../../shared/site-requests.js';
import type { Ctx } from '../context.js';
import type { FeedSource } from '../feeds/atom.js';
import { HttpError } from '../http/errors.js';
import { RateLimiter } from '../http/rate-limit.js';
import { mount } from '../http/route.js';
import { radiusBBox } from '../store/nearby.js';
import { toSiteRequest, type RequestRow } from '../store/requests.js';
import { applyDueSteps } from '../requests/decision.js';
import { commentView, isPublic, proposalFeature, proposalView } from '../requests/views.js';
import { actorOf } from '../requests/workflow.js';
import { haversineM } from '../../shared/geodesy.js';

/** Comments allowed per address: 5 in 10 minutes, plenty for a resident, little for a flood. */
const COMMENT_RATE = { max: 5, windowMs: 10 * 60_000 };

/** Mounts the proposals routes. */
export function proposalRoutes(r: Router, ctx: Ctx): void {
  const { requests } = ctx;
  const limiter = new RateLimiter(COMMENT_RATE.max, COMMENT_RATE.windowMs);
  // Addresses are kept in memory only, as salted hashes that die with the process.
  const salt = randomBytes(16);
  const addressKey = (ip: string) => createHash('sha256').update(salt).update(ip).digest('hex');

  const proposalOr404 = (id: number): RequestRow => {
    applyDueSteps(ctx);
    const row = requests.get(id);
    if (!row || !isPublic(row)) throw new HttpError(404, 'not_found', `No proposal ${id}`);
    return row;
  };

  mount(r, api.listProposals, ({ query }) => {
    applyDueSteps(ctx);
    const [w, s, e, n] = query.bbox ?? [-180, -90, 180, 90];
    return { type: 'FeatureCollection', features: requests.inBox(w, s, e, n).map((row) => proposalFeature(ctx, row)) };
  });

  mount(r, api.getProposal, ({ params }) => proposalView(ctx, proposalOr404(params.id)));

  mount(r, api.postComment, ({ params, body, req }) => {
    const row = proposalOr404(params.id);
    const now = requests.clock();
    if (!isConsultationOpen(toSiteRequest(row, []), now)) throw new HttpError(409, 'consultation_closed', 'Comments are taken only while the consultation is open');
    const hit = limiter.hit(addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown'));
    if (!hit.ok) throw new HttpError(429, 'rate_limited', 'Too many comments from this connection; try again later', {}, { 'Retry-After': String(hit.retryAfterS) });
    const at = now.toISOString();
    // A filled honeypot looks like success to the bot and stores nothing.
    if (body.website) return { id: 0, body: body.body, created_at: at };
    const c = ctx.db.transaction(() => {
      const stored = ctx.requestComments.insert(row.id, body.body, body.name, body.email, at);
      // The audit trail names the comment, never the commenter's contact.
      ctx.audit.record({ id: null, name: 'public' }, 'comment', 'site_request', row.id, null, { comment_id: stored.id }, at);
      return stored;
    })();
    return commentView(c, false);
  });

  mount(r, api.moderateComment, ({ params, body, user }) => {
    const row = requests.get(params.id);
    const c = row ? ctx.requestComments.get(row.id, params.commentId) : undefined;
    if (!c) throw new HttpError(404, 'not_found', 'No such comment');
    const at = requests.clock().toISOString();
    ctx.db.transaction(() => {
      ctx.requestComments.setHidden(c.id, body.hidden, body.reason, user!.username, at);
      ctx.audit.record(actorOf(user!), body.hidden ? 'hide' : 'show', 'site_request_comment', c.id, { hidden: c.hidden_at !== null }, { hidden: body.hidden, reason: body.reason }, at);
    })();
    return commentView(ctx.requestComments.get(row!.id, c.id)!, true);
  });
}

/** Proposed sites within the area as feed entries (public fields only), for GET /feeds/area.atom. */
export function proposalFeedSource(ctx: Ctx): FeedSource {
  return (area, limit, origin) => {
    const [w, s, e, n] = radiusBBox(area.lon, area.lat, area.radiusM);
    return ctx.requests
      .publicInBox(w, s, e, n, limit)
      .filter((row) => haversineM(area.lon, area.lat, row.lon!, row.lat!) <= area.radiusM)
      .map((row) => {
        const op = ctx.requests.operator(row.operator_id);
        const until = row.status === 'consultation' && row.consultation_ends_at ? ` · comments until ${row.consultation_ends_at.slice(0, 10)}` : '';
        return {
          id: `${origin}/proposals/${row.id}`,
          title: `دکل پیشنهادی · Proposed site: ${op?.name_fa ?? row.operator_id} · ${op?.name_en ?? row.operator_id}, ${row.height_m} m (${row.status})`,
          link: `${origin}/proposals/${row.id}`,
          published: row.consultation_started_at!,
          updated: row.updated_at,
          summary: `${Math.round(haversineM(area.lon, area.lat, row.lon!, row.lat!))} m · ${row.structure_type} · ${row.status}${until} — ${row.purpose.slice(0, 500)}`,
          categories: ['proposal', row.type, row.status],
          lon: row.lon!,
          lat: row.lat!,
        };
      });
  };
}
