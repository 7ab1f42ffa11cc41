/** Planning routes (planners only): the dashboard's figures, the consolidation plan, the enforcement case list and
 *  possible unregistered masts, each as JSON or CSV (the plan also as GeoJSON). */
import type { Router } from 'express';
import * as api from '../../shared/api/planning.js';
import { SITE_STATUSES } from '../../shared/model.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import { mount } from '../http/route.js';
import { ALIVE } from '../index/site-index.js';
import { ConsolidationPlanner, planForDistrict } from '../planning/consolidation.js';
import { sendCsv } from '../planning/csv.js';
import { enforcementCases } from '../planning/enforcement.js';
import { consolidationCsv, consolidationGeoJson, enforcementCsv, summaryCsv, unregisteredCsv } from '../planning/exports.js';
import { planningSummary } from '../planning/summary.js';
import { unregisteredMasts } from '../planning/unregistered.js';

const STANDING = new Set([SITE_STATUSES.indexOf('active'), SITE_STATUSES.indexOf('unpermitted')]);

/** Mounts GET /api/planning/summary, /consolidation, /enforcement and /unregistered. */
export function planningRoutes(r: Router, ctx: Ctx): void {
  const planner = new ConsolidationPlanner(ctx, ctx.planning);
  const districts = () => ctx.places.zones(undefined, 'district');
  const checkDistrict = (id: number | undefined) => {
    if (id !== undefined && !districts().some((z) => z.id === id)) {
      throw new HttpError(400, 'validation_failed', `No district ${id}`, { 'query.district': 'unknown district' });
    }
  };
  /** A site's district from the in-memory index (null when it has none or is unknown). */
  const districtOf = (siteId: number): number | null => {
    const idx = ctx.sites.index();
    const slot = idx.slotOf(siteId);
    return slot >= 0 && idx.cols.district[slot] ? idx.cols.district[slot]! : null;
  };
  const standingIn = (district: number): number => {
    const { flags, status, district: d } = ctx.sites.index().cols;
    let n = 0;
    for (let i = 0; i < ctx.sites.index().size; i++) if (flags[i]! & ALIVE && d[i] === district && STANDING.has(status[i]!)) n++;
    return n;
  };

  const policyDistances = () => {
    const c = ctx.policy.current().policy.consolidation;
    return { ground_m: c.ground_merge_m, rooftop_m: c.rooftop_merge_m };
  };

  mount(r, api.planningSummary, ({ query, res }) => {
    checkDistrict(query.district);
    // A planner opening the dashboard will likely look at the plan next: start it now, in slices, in the background.
    planner.plan(policyDistances()).catch(() => undefined);
    const now = new Date();
    const summary = planningSummary(ctx, ctx.planning, districts(), now, query.district);
    if (query.format === 'json') return summary;
    sendCsv(res, query.district ? `district-${query.district}` : 'districts', summaryCsv(summary, ctx.planning.operators().map((o) => o.id), query.lang), now);
    return undefined;
  });

  mount(r, api.planningConsolidation, async ({ query, res }) => {
    checkDistrict(query.district);
    const defaults = policyDistances();
    const whole = await planner.plan({ ground_m: query.ground_m ?? defaults.ground_m, rooftop_m: query.rooftop_m ?? defaults.rooftop_m });
    const plan = query.district === undefined ? whole : planForDistrict(whole, districtOf, standingIn(query.district), query.district);
    if (query.format === 'json') return plan;
    const stamp = new Date();
    if (query.format === 'csv') sendCsv(res, 'consolidation', consolidationCsv(plan, query.lang), stamp);
    else {
      res.setHeader('Content-Disposition', `attachment; filename="dakal-consolidation-${stamp.toISOString().slice(0, 10)}.geojson"`);
      res.type('application/geo+json').send(JSON.stringify(consolidationGeoJson(plan)));
    }
    return undefined;
  });

  mount(r, api.planningEnforcement, ({ query, res }) => {
    checkDistrict(query.district);
    const all = enforcementCases(ctx, ctx.planning);
    const cases = all.cases.filter((c) => (query.district === undefined || c.district_id === query.district) && (query.reason === undefined || c.reasons.includes(query.reason)));
    const counts: Record<string, number> = {};
    for (const c of cases) for (const reason of c.reasons) counts[reason] = (counts[reason] ?? 0) + 1;
    const result = { ...all, cases, counts };
    if (query.format === 'json') return result;
    sendCsv(res, 'enforcement', enforcementCsv(result, query.lang), new Date());
    return undefined;
  });

  mount(r, api.planningUnregistered, ({ query, res }) => {
    const { format, lang, ...params } = query;
    const result = unregisteredMasts(ctx, ctx.planning, params);
    if (format === 'json') return result;
    sendCsv(res, 'unregistered', unregisteredCsv(result, lang), new Date());
    return undefined;
  });
}
