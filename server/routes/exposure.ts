/** Exposure routes: at a point from given antennas or from the registry, and the grid for the map layer. */
import type { Router } from 'express';
import * as api from '../../shared/api/siting.js';
import { exposureAt } from '../../shared/exposure.js';
import { MAX_GRID_CELLS, exposureGridLayout } from '../../shared/exposure-grid.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import { sendJson } from '../http/compressed-json.js';
import { mount } from '../http/route.js';
import { MAX_GRID_EVALUATIONS, type GridPlan } from '../index/exposure.js';

/** 10^0 to 10^22, each exact in binary. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Three significant digits: the layer colours ratios on a log scale, full doubles would triple the payload.
 *  v to 3 significant digits, as Number(v.toPrecision(3)) but by arithmetic (a third of its time on the 436,050 cells
 *  of the Karaj grid: 35 ms against 90–170): the quotient of an integer and an exact power of ten prints short. Equal
 *  on every value of that grid; on an exact decimal tie held a hair below it in binary (0.0009995) it may round up. */
function compact(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const k = 2 - Math.floor(Math.log10(Math.abs(v)));
  if (k > 22 || k < -22) return Number(v.toPrecision(3));
  return k >= 0 ? Math.round(v * POW10[k]!) / POW10[k]! : Math.round(v / POW10[-k]!) * POW10[-k]!;
}

/** Mounts POST /api/exposure, GET /api/exposure and GET /api/exposure/grid. */
export function exposureRoutes(r: Router, ctx: Ctx): void {
  mount(r, api.postExposure, ({ body }) => exposureAt(body.point, body.antennas));

  mount(r, api.getExposure, ({ query }) => {
    const point = { lon: query.lon, lat: query.lat, height_m: query.height_m, reflection_factor: query.reflection_factor };
    const antennas = ctx.nearby.antennasWithin(query.lon, query.lat, api.EXPOSURE_RADIUS_M);
    const x = exposureAt(point, antennas);
    const rows = x.contributions
      .map((c, i) => {
        const a = antennas[i]!;
        return { c: { antenna_id: a.antenna_id, site_id: a.site_id, site_code: a.site_code, operator_id: a.operator_id, ...c }, rc: x.compliance_distance_m[i]! };
      })
      .sort((a, b) => b.c.ratio - a.c.ratio)
      .slice(0, query.limit);
    return {
      total_exposure_ratio: x.total_exposure_ratio,
      e_total_vm: x.e_total_vm,
      contributions: rows.map((row) => row.c),
      compliance_distance_m: rows.map((row) => row.rc),
      antenna_count: antennas.length,
      radius_m: api.EXPOSURE_RADIUS_M,
    };
  });

  mount(r, api.getExposureGrid, async ({ query, req, res }) => {
    const { bbox, fit } = query;
    const [w, s, e, n] = bbox;
    if (!(e > w && n > s)) throw new HttpError(400, 'validation_failed', 'The bbox has no area', { 'query.bbox': 'west must be below east and south below north' });
    let cellM = query.cell_m;
    let plan: GridPlan;
    if (fit) ({ cellM, ...plan } = ctx.exposure.fittedPlan(bbox, cellM));
    else {
      const { cols, rows } = exposureGridLayout(bbox, cellM);
      if (cols * rows > MAX_GRID_CELLS) {
        const message = `${cols} × ${rows} = ${cols * rows} cells; at most ${MAX_GRID_CELLS}: a smaller bbox, larger cell_m, or fit=true`;
        throw new HttpError(400, 'too_many_cells', message, { 'query.bbox': message, 'query.cell_m': message });
      }
      plan = ctx.exposure.plan(bbox, cellM);
      if (plan.evaluations > MAX_GRID_EVALUATIONS) {
        const enough = ctx.exposure.fittedPlan(bbox, cellM).cellM;
        const message = `${plan.evaluations} antenna evaluations (${cols * rows} cells); at most ${MAX_GRID_EVALUATIONS}: cell_m of at least ${enough}, a smaller bbox, or fit=true`;
        throw new HttpError(400, 'too_much_work', message, { 'query.cell_m': `at least ${enough} for this bbox`, 'query.bbox': message });
      }
    }
    const grid = await ctx.exposure.grid(bbox, cellM, query.height_m, plan);
    return sendJson(req, res, { ...grid, values: grid.values.map(compact) });
  });
}
