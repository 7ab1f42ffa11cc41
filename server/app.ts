/** The Express application: security headers, API routes, the built client, JSON errors. */
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registryEndpoints } from '../shared/api/registry.js';
import { systemEndpoints, clientConfig, openapi } from '../shared/api/system.js';
import type { Ctx } from './context.js';
import { errorHandler, HttpError } from './http/errors.js';
import { openApiDocument } from './http/openapi.js';
import { mount } from './http/route.js';
import { sessionMiddleware } from './http/session.js';
import { authRoutes } from './routes/auth.js';
import { siteRoutes } from './routes/sites.js';
import { transferRoutes } from './routes/transfer.js';
import * as registry from '../shared/api/registry.js';
import { clusters, mapEndpoints } from '../shared/api/map.js';
import { sitingEndpoints } from '../shared/api/siting.js';
import { exposureRoutes } from './routes/exposure.js';
import { policyRoutes } from './routes/policy.js';
import { sitingRoutes } from './routes/siting.js';
import { concernEndpoints } from '../shared/api/concerns.js';
import { concernRoutes } from './routes/concerns.js';
import { feedRoutes } from './routes/feeds.js';
import { open311Routes } from './routes/open311.js';
import { requestEndpoints } from '../shared/api/requests.js';
import { proposalEndpoints } from '../shared/api/proposals.js';
import { requestRoutes } from './routes/requests.js';
import { proposalFeedSource, proposalRoutes } from './routes/proposals.js';
import { planningEndpoints } from '../shared/api/planning.js';
import { planningRoutes } from './routes/planning.js';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));

/** Every declared endpoint, for the document and the fuzz test. */
export const allEndpoints = [...systemEndpoints, ...registryEndpoints, ...mapEndpoints, ...sitingEndpoints, ...concernEndpoints, ...requestEndpoints, ...proposalEndpoints, ...planningEndpoints];

function tileOrigin(url: string): string {
  try {
    const u = new URL(url.replace(/\{s\}/g, 'a').replace(/\{[a-z]\}/g, '0'));
    return `${u.protocol}//${u.host.replace(/^a\./, '*.')}`;
  } catch {
    return '';
  }
}

/** Builds the app over a context. */
export function createApp(ctx: Ctx): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${tileOrigin(ctx.config.tileUrl)}`.trim(),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
  app.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)');
    next();
  });
  app.use(sessionMiddleware(ctx.sessions));

  // Import streams the raw body, so it is mounted before the JSON parser.
  const raw = Router();
  transferRoutes(raw, ctx);
  app.use(raw);

  // Concern filing carries a photo, so its routes bring their own JSON parser and come first.
  app.use(concernRoutes(ctx));
  // Open311 is not under /api and answers every error in its own shape, so it comes before the API's JSON parser.
  app.use('/open311/v2', open311Routes(ctx));

  const api = Router();
  api.use(express.json({ limit: '1mb', strict: true, type: ['application/json', 'application/*+json'] }));
  mount(api, registry.health, () => ({ ok: true, version: ctx.config.version, sites: ctx.sites.count() }));
  mount(api, clientConfig, () => ({ tile_url: ctx.config.tileUrl, tile_attribution: ctx.config.tileAttribution, version: ctx.config.version }));
  const doc = openApiDocument(allEndpoints, ctx.config.version);
  mount(api, openapi, () => doc);
  authRoutes(api, ctx);
  siteRoutes(api, ctx);
  // The cluster index writes its GeoJSON text itself: ten thousand single sites at zoom 17 serialise 3–4 × faster so.
  mount(api, clusters, ({ query: { bbox, zoom, ...filter }, res }) => {
    res.type('application/geo+json').send(ctx.clusters.queryJson(bbox, zoom, filter));
    return undefined;
  });
  sitingRoutes(api, ctx);
  exposureRoutes(api, ctx);
  policyRoutes(api, ctx);
  requestRoutes(api, ctx);
  proposalRoutes(api, ctx);
  planningRoutes(api, ctx);
  app.use(api);
  // Feeds are not under /api either.
  const feeds = Router();
  feedRoutes(feeds, ctx, [proposalFeedSource(ctx)]);
  app.use(feeds);

  app.use('/api', (req, _res, next) => next(new HttpError(404, 'not_found', `No API route ${req.method} ${req.originalUrl.split("?")[0]}`)));

  if (existsSync(DIST)) {
    app.use(express.static(DIST, { index: false, maxAge: '1h', setHeaders: (res, path) => path.endsWith('.html') && res.setHeader('Cache-Control', 'no-cache') }));
    app.get(/^\/(?!api\/|open311\/|feeds\/).*/, (_req, res) => res.sendFile(join(DIST, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}
