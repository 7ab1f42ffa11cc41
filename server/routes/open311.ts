/** Open311 GeoReport v2 at /open311/v2 (DOMAIN.md section 8): discovery, services, service
 *  definitions, filing (form-encoded, api_key), listing and reading requests, tokens; JSON or XML;
 *  errors as `[{code, description}]`. Filed concerns land in the planners' same queue. */
import express, { Router, type Request } from 'express';
import { isTrackingCode, normaliseTrackingCode } from '../../shared/tracking-code.js';
import type { Ctx } from '../context.js';
import { store } from '../concerns/filing.js';
import { discovery, isServiceCode, requestObject, serviceDefinition, serviceNotice, services } from '../open311/catalogue.js';
import { formatOf, Open311Error, open311Errors, send } from '../open311/format.js';
import { filingOf, one, requestFilter } from '../open311/params.js';

/** The origin the client used, for absolute URLs in answers. */
const originOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** Builds the Open311 router; mount it at /open311/v2. */
export function open311Routes(ctx: Ctx): Router {
  const r = Router();
  r.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }));

  r.get('/discovery.:format', (req, res) => send(res, formatOf(req.params.format), 200, 'discovery', discovery(originOf(req))));

  r.get('/services.:format', (req, res) => send(res, formatOf(req.params.format), 200, 'services', services()));

  r.get('/services/:code.:format', (req, res) => {
    const format = formatOf(req.params.format);
    const code = req.params.code ?? '';
    if (!isServiceCode(code)) throw new Open311Error(404, `No service ${code}`);
    send(res, format, 200, 'service_definition', serviceDefinition(code));
  });

  r.post('/requests.:format', (req, res) => {
    const format = formatOf(req.params.format);
    if (!req.is('application/x-www-form-urlencoded')) throw new Open311Error(400, 'Send the request form-encoded (application/x-www-form-urlencoded)');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const apiKey = one(body, 'api_key');
    const key = apiKey === undefined ? undefined : ctx.open311Keys.lookup(apiKey);
    if (!key) throw new Open311Error(403, apiKey === undefined ? 'api_key is required' : 'api_key is not valid');
    const f = filingOf(body);
    const site = f.site_code === null ? null : ctx.sites.getByCode(f.site_code);
    if (f.site_code !== null && !site) throw new Open311Error(400, `attribute[site_code]: no mast ${f.site_code}`);
    const row = store(
      ctx,
      { lon: f.lon, lat: f.lat, site_id: site?.id ?? null, category: f.service_code, description: f.description, contact: f.contact, photo: null, address: f.address },
      { kind: 'open311', keyId: key.id, keyName: key.name },
    );
    send(res, format, 201, 'service_requests', [{ service_request_id: row.code, service_notice: serviceNotice(row.code, originOf(req)), account_id: null }]);
  });

  r.get('/requests.:format', (req, res) => {
    const format = formatOf(req.params.format);
    const rows = ctx.concernSearch.open311(requestFilter(req.query as Record<string, unknown>, Date.now()));
    const origin = originOf(req);
    send(res, format, 200, 'service_requests', rows.map((row) => requestObject(row, origin)));
  });

  r.get('/requests/:id.:format', (req, res) => {
    const format = formatOf(req.params.format);
    const code = normaliseTrackingCode(req.params.id ?? '');
    const row = isTrackingCode(code) ? ctx.concerns.byCode(code) : undefined;
    if (!row) throw new Open311Error(404, `No service request ${req.params.id}`);
    send(res, format, 200, 'service_requests', [requestObject(row, originOf(req))]);
  });

  // Filing is synchronous, so no token is ever handed out; a tracking code works as its own token for
  // clients written to poll tokens.
  r.get('/tokens/:token.:format', (req, res) => {
    const format = formatOf(req.params.format);
    const code = normaliseTrackingCode(req.params.token ?? '');
    const row = isTrackingCode(code) ? ctx.concerns.byCode(code) : undefined;
    if (!row) throw new Open311Error(404, `No token ${req.params.token}`);
    send(res, format, 200, 'service_requests', [{ service_request_id: row.code, token: req.params.token }]);
  });

  r.use((req) => {
    throw new Open311Error(404, `No Open311 route ${req.method} ${req.path}`);
  });
  r.use(open311Errors);
  return r;
}
