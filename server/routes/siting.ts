/** Siting routes: the authoritative check, the context for the browser's live pre-check, structure density. */
import type { Router } from 'express';
import * as api from '../../shared/api/siting.js';
import { cellIdOf, cellIndexOf, densityGrid, expandToCells } from '../../shared/density.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import { sendJson } from '../http/compressed-json.js';
import { mount } from '../http/route.js';
import { gatherSitingContext, runSitingCheck } from '../siting/context.js';

/** Cells of the equal-area grid that a bbox touches. */
function cellsTouched(bbox: [number, number, number, number], cellKm: number): number {
  const sw = cellIndexOf(cellIdOf(bbox[0], bbox[1], cellKm));
  const ne = cellIndexOf(cellIdOf(bbox[2], bbox[3], cellKm));
  return (ne.ix - sw.ix + 1) * (ne.iy - sw.iy + 1);
}

/** Mounts POST /api/siting/check, GET /api/siting/context and GET /api/density. */
export function sitingRoutes(r: Router, ctx: Ctx): void {
  mount(r, api.sitingCheck, ({ body }) => {
    if (body.site_id !== undefined && !ctx.sites.get(body.site_id)) {
      throw new HttpError(400, 'validation_failed', `No site ${body.site_id}`, { 'body.site_id': 'unknown site' });
    }
    return runSitingCheck(ctx, body);
  });

  mount(r, api.sitingContext, ({ query, req, res }) => {
    const { sites_radius_m, antennas_radius_m, antennas, ...context } = gatherSitingContext(ctx, query);
    return sendJson(req, res, {
      ...context,
      // Thousands of antennas in the city centre: only what the exposure rule reads, plus the site they hang on.
      antennas: antennas.map(({ lon, lat, height_m, azimuth_deg, tilt_deg, eirp_w, frequency_mhz, power_reduction, site_id }) => ({
        lon, lat, height_m, azimuth_deg, tilt_deg, eirp_w, frequency_mhz, power_reduction, site_id,
      })),
      centre: { lon: query.lon, lat: query.lat },
      margin_m: query.margin_m,
      height_m: query.height_m,
      sites_radius_m,
      antennas_radius_m,
    });
  });

  mount(r, api.getDensity, ({ query }) => {
    const cellKm = query.cell_km ?? ctx.policy.current().policy.rules.density.cell_km;
    const cells = cellsTouched(query.bbox, cellKm);
    if (cells > api.MAX_DENSITY_CELLS) {
      const message = `${cells} cells; at most ${api.MAX_DENSITY_CELLS}: a smaller bbox or larger cell_km`;
      throw new HttpError(400, 'too_many_cells', message, { 'query.bbox': message, 'query.cell_km': message });
    }
    // Edge cells are counted in full: structures are read over the bbox grown to whole cells.
    const points = ctx.nearby.standingIn(expandToCells(query.bbox, cellKm));
    return { ...densityGrid(points, query.bbox, cellKm, query.operator), cell_km: cellKm };
  });
}
