/** Registry routes: operators, sites, antennas, sensitive places, zones. */
import type { Router } from 'express';
import * as api from '../../shared/api/registry.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import { mount } from '../http/route.js';
import { mayActFor, type SessionUser } from '../http/session.js';
import { siteFeature, type SiteRow } from '../store/sites.js';
import type { Actor } from '../store/audit.js';

const actorOf = (u: SessionUser): Actor => ({ id: u.id, name: u.username });

/** Mounts the registry routes. */
export function siteRoutes(r: Router, ctx: Ctx): void {
  const { sites, places, db } = ctx;
  const operatorIds = () => new Set((db.prepare('SELECT id FROM operators').pluck().all() as string[]));

  const siteOr404 = (id: number): SiteRow => {
    const row = sites.get(id);
    if (!row) throw new HttpError(404, 'not_found', `No site ${id}`);
    return row;
  };
  const checkOperator = (field: string, id: string) => {
    if (!operatorIds().has(id)) throw new HttpError(400, 'validation_failed', `Unknown operator ${id}`, { [field]: 'unknown operator' });
  };
  const mayChangeSite = (user: SessionUser, row: { owner_operator_id: string }) => {
    if (!mayActFor(user, row.owner_operator_id)) throw new HttpError(403, 'forbidden', 'Operators may change only the sites their operator owns');
  };

  mount(r, api.listOperators, () => db.prepare('SELECT * FROM operators ORDER BY kind, id').all());

  mount(r, api.listSites, ({ query }) => {
    const { rows, total } = sites.list(query);
    const last = rows.at(-1);
    return { type: 'FeatureCollection', total, next_cursor: rows.length === query.limit && last ? last.id : null, features: rows.map((row) => siteFeature(row)) };
  });

  mount(r, api.nearSites, ({ query }) => ({
    type: 'FeatureCollection',
    features: sites.near(query.lon, query.lat, query.radius_m, query.limit).map(({ row, distanceM }) => siteFeature(row, { distance_m: Math.round(distanceM * 100) / 100 })),
  }));

  mount(r, api.getSite, ({ params }) => {
    const row = siteOr404(params.id);
    return siteFeature(row, { antennas: sites.antennas(row.id), approving_request_id: sites.approvingRequestId(row.id) });
  });

  mount(r, api.createSite, ({ body, user }) => {
    const u = user!;
    checkOperator('body.owner_operator_id', body.owner_operator_id);
    mayChangeSite(u, body);
    body.antennas.forEach((a, i) => {
      checkOperator(`body.antennas.${i}.operator_id`, a.operator_id);
      if (!mayActFor(u, a.operator_id)) throw new HttpError(403, 'forbidden', "Operators may add only their own operator's antennas");
    });
    if (sites.getByCode(body.code)) throw new HttpError(409, 'conflict', `Site code ${body.code} is taken`, { 'body.code': 'already used' });
    const id = sites.create(body, actorOf(u));
    return siteFeature(sites.get(id)!, { antennas: sites.antennas(id) });
  });

  mount(r, api.patchSite, ({ params, body, user }) => {
    const u = user!;
    const row = siteOr404(params.id);
    mayChangeSite(u, row);
    if (body.owner_operator_id !== undefined) {
      checkOperator('body.owner_operator_id', body.owner_operator_id);
      mayChangeSite(u, body as { owner_operator_id: string });
    }
    if (body.code !== undefined && body.code !== row.code && sites.getByCode(body.code)) {
      throw new HttpError(409, 'conflict', `Site code ${body.code} is taken`, { 'body.code': 'already used' });
    }
    const after = sites.update(row.id, body, actorOf(u));
    return siteFeature(after, { antennas: sites.antennas(row.id) });
  });

  mount(r, api.addAntenna, ({ params, body, user }) => {
    const u = user!;
    const row = siteOr404(params.id);
    checkOperator('body.operator_id', body.operator_id);
    // An operator may hang its own antennas on any structure (co-location); planners anything.
    if (!mayActFor(u, body.operator_id)) throw new HttpError(403, 'forbidden', "Operators may add only their own operator's antennas");
    if (row.status === 'decommissioned') throw new HttpError(409, 'conflict', 'The site is decommissioned');
    return sites.addAntenna(row.id, body, actorOf(u));
  });

  const antennaOr404 = (id: number) => {
    const a = sites.antenna(id);
    if (!a) throw new HttpError(404, 'not_found', `No antenna ${id}`);
    return a;
  };

  mount(r, api.patchAntenna, ({ params, body, user }) => {
    const u = user!;
    const a = antennaOr404(params.id);
    if (!mayActFor(u, a.operator_id)) throw new HttpError(403, 'forbidden', "Operators may change only their own operator's antennas");
    if (body.operator_id !== undefined) {
      checkOperator('body.operator_id', body.operator_id);
      if (!mayActFor(u, body.operator_id)) throw new HttpError(403, 'forbidden', 'Operators may not hand antennas to another operator');
    }
    return sites.updateAntenna(a.id, body, actorOf(u));
  });

  mount(r, api.deleteAntenna, ({ params, user }) => {
    const u = user!;
    const a = antennaOr404(params.id);
    if (!mayActFor(u, a.operator_id)) throw new HttpError(403, 'forbidden', "Operators may remove only their own operator's antennas");
    sites.deleteAntenna(a.id, actorOf(u));
    return undefined;
  });

  mount(r, api.listSensitivePlaces, ({ query }) => ({
    type: 'FeatureCollection',
    features: places.places(query.bbox).map(({ geometry, ...p }) => ({ type: 'Feature', id: p.id, geometry, properties: p })),
  }));

  mount(r, api.listZones, ({ query }) => ({
    type: 'FeatureCollection',
    features: places.zones(query.bbox, query.kind ?? null).map(({ geometry, ...z }) => ({ type: 'Feature', id: z.id, geometry, properties: z })),
  }));
}
