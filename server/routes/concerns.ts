/** Residents' concern routes: file (rate-limited, photo-sized body), "me too", the public page, photo,
 *  map layer and heat cells; the planner's routes are added from concern-queue.ts. */
import express, { Router, type Request } from 'express';
import * as api from '../../shared/api/concerns.js';
import { DUPLICATE_RADIUS_M, isOpen } from '../../shared/concerns.js';
import { PHOTO_EXTENSION } from '../../shared/photo.js';
import type { Ctx } from '../context.js';
import { fileFromWeb } from '../concerns/filing.js';
import { HEAT_CELL_PX, heatCells } from '../concerns/heat.js';
import { concernFeature, publicView } from '../concerns/views.js';
import { HttpError } from '../http/errors.js';
import { RateLimiter } from '../http/rate-limit.js';
import { mount } from '../http/route.js';
import { concernOr404, concernQueueRoutes } from './concern-queue.js';

/** The address a request came from (the socket's: proxies are not trusted, so X-Forwarded-For cannot dodge the limit). */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** JSON limit of the filing route: a 5 MB photo as base64 is 6.7 MB. */
const FILING_BODY_LIMIT = '7.5mb';

/** Builds the router of every /api/concerns and /api/response-templates route; mount it before the API's own JSON parser. */
export function concernRoutes(ctx: Ctx): Router {
  const r = Router();
  const { concerns, concernSearch } = ctx;
  const limiter = new RateLimiter(ctx.config.concernRate.max, ctx.config.concernRate.windowMs);

  // The limit is checked before the body is read, so a flood costs no parsing; every attempt counts.
  r.post('/api/concerns', (req, _res, next) => {
    const hit = limiter.hit(concerns.hashAddress(clientAddress(req)));
    if (hit.ok) return next();
    const minutes = Math.ceil(hit.retryAfterS / 60);
    next(new HttpError(429, 'rate_limited', `Too many concerns filed from this connection; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {}, { 'Retry-After': String(hit.retryAfterS) }));
  });
  r.post('/api/concerns', express.json({ limit: FILING_BODY_LIMIT, strict: true, type: ['application/json', 'application/*+json'] }));
  r.use(['/api/concerns', '/api/response-templates', '/api/open311-keys'], express.json({ limit: '64kb', strict: true, type: ['application/json', 'application/*+json'] }));

  mount(r, api.fileConcern, ({ body, req, res }) => {
    const view = fileFromWeb(ctx, body, concerns.hashAddress(clientAddress(req)));
    res.setHeader('Location', `/api/concerns/${view.code}`);
    return view;
  });

  mount(r, api.nearbyConcerns, ({ query }) =>
    concernSearch.nearbyOpen(query.lon, query.lat, DUPLICATE_RADIUS_M, query.category).map(({ row, distanceM }) => ({
      code: row.code, category: row.category, status: row.status, distance_m: Math.round(distanceM * 10) / 10,
      supporters: row.supporters, description: row.hidden_at ? null : row.description, created_at: row.created_at,
    })),
  );

  mount(r, api.concernLayer, ({ query }) => {
    const { rows, total } = concernSearch.layer(query.bbox, query.status, query.category ?? null, query.limit);
    return { type: 'FeatureCollection', total, features: rows.map(concernFeature) };
  });

  mount(r, api.concernHeat, ({ query }) => {
    const cells = heatCells(concernSearch.heatPoints(query.bbox, query.status, query.category ?? null), query.zoom);
    return { zoom: query.zoom, cell_px: HEAT_CELL_PX, max_weight: cells.reduce((m, c) => Math.max(m, c.weight), 0), cells };
  });

  // Planner routes go before /:code so that /queue is not read as a tracking code.
  concernQueueRoutes(r, ctx);

  mount(r, api.getConcern, ({ params }) => publicView(concerns, concernOr404(ctx, params.code)));

  mount(r, api.concernPhoto, ({ params, res }) => {
    const row = concernOr404(ctx, params.code);
    const photo = row.hidden_at ? undefined : concerns.photo(row.id);
    if (!photo) throw new HttpError(404, 'not_found', `Concern ${row.code} has no public photo`);
    res.setHeader('Content-Type', photo.content_type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `inline; filename="concern-${row.code}.${PHOTO_EXTENSION[photo.content_type]}"`);
    // Revalidated every time (ETag), so hiding a photo takes effect at once.
    res.setHeader('Cache-Control', 'no-cache');
    res.status(200).send(photo.bytes);
    return undefined;
  });

  mount(r, api.supportConcern, ({ params, req }) => {
    const row = concernOr404(ctx, params.code);
    if (!isOpen(row.status)) throw new HttpError(409, 'not_open', `Concern ${row.code} is ${row.status}; only open concerns take supporters`);
    const counted = concerns.support(row, concerns.hashAddress(clientAddress(req)));
    return { supporters: concerns.supporters(row.id), counted };
  });

  return r;
}
