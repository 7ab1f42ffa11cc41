/** The consolidation plan over the registry: standing structures into shared/consolidation.ts, each candidate group's
 *  kept structure checked by the siting engine with the removed structures gone and their antennas re-homed on it.
 *  Plans are cached per registry state, policy version and merge distances. */
import { cellIdOf } from '../../shared/density.js';
import { keptStructureInput, planConsolidation, type CandidateGroup, type ConsolidationPlan, type MergeDistances } from '../../shared/consolidation.js';
import { checkSiting, type SitingResult } from '../../shared/siting.js';
import type { Ctx } from '../context.js';
import { SitingSnapshot } from './siting-snapshot.js';
import type { Policy } from '../../shared/policy.js';
import type { PlanningSiteRow, PlanningStore } from '../store/planning.js';

/** A plan with the rows it was made from (for CSV and GeoJSON) and the distances used. */
export interface ConsolidationResult extends ConsolidationPlan {
  distances: MergeDistances;
  policy_version: number;
}

/** The policy without the exposure rule: the cheap rules run first and a group they refuse is not worth the
 *  exposure sums (two thirds of a check's time on the demo city). */
function withoutExposure(policy: Policy): Policy {
  return { ...policy, rules: { ...policy.rules, exposure_sensitive: { ...policy.rules.exposure_sensitive, enabled: false } } };
}

/** Checks a candidate group as runSitingCheck would check its kept structure (the same context, the kept site's id
 *  excluding itself from share_first and density), with the removed structures and their antennas taken out of the
 *  context: they no longer stand where they stood. A group failing a rule other than exposure is answered without
 *  the exposure rule. */
export function checkGroup(ctx: Ctx, store: PlanningStore, snapshot: SitingSnapshot, rows: ReadonlyMap<number, PlanningSiteRow>, group: CandidateGroup): SitingResult {
  const keep = rows.get(group.keep.id)!;
  const gone = new Set(group.remove.map((s) => s.id));
  const input = keptStructureInput(keep, group.remove.flatMap((s) => store.antennasOf(s.id)));
  const policy = ctx.policy.current().policy;
  const density = policy.rules.density;
  let densityCount: number | undefined;
  if (density.enabled) {
    const cell = cellIdOf(keep.lon, keep.lat, density.cell_km);
    const leaving = group.remove.filter((s) => cellIdOf(s.lon, s.lat, density.cell_km) === cell).length;
    densityCount = ctx.nearby.densityCount(keep.lon, keep.lat, density.cell_km, keep.id) - leaving;
  }
  if (policy.rules.exposure_sensitive.enabled) {
    const cheap = checkSiting(input, { ...snapshot.context(input, gone, withoutExposure(policy)), densityCount });
    if (cheap.verdict === 'fail') return cheap;
  }
  return checkSiting(input, { ...snapshot.context(input, gone, policy), densityCount });
}

/** Builds consolidation plans, remembering the last few until the registry changes. */
export class ConsolidationPlanner {
  private generation = 0;
  private readonly cache = new Map<string, ConsolidationResult>();

  constructor(
    private readonly ctx: Ctx,
    private readonly store: PlanningStore,
  ) {
    ctx.sites.onChange(() => {
      this.generation++;
      this.cache.clear();
    });
  }

  /** The plan for these merge distances under the policy in force. */
  plan(distances: MergeDistances): ConsolidationResult {
    const policy = this.ctx.policy.current();
    const key = `${this.generation}/${this.store.placesStamp()}/${policy.version}/${distances.ground_m}/${distances.rooftop_m}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const rows = this.store.standingSites();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const snapshot = new SitingSnapshot(this.ctx, this.store);
    const plan = planConsolidation(rows, distances, (g) => checkGroup(this.ctx, this.store, snapshot, byId, g));
    const result = { ...plan, distances, policy_version: policy.version };
    if (this.cache.size >= 8) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, result);
    return result;
  }
}

/** The plan seen from one district: the groups with a structure in it, and totals counting the district's own
 *  structures (a removed structure counts where it stands). */
export function planForDistrict(plan: ConsolidationResult, districtOf: (siteId: number) => number | null, standingInDistrict: number, district: number): ConsolidationResult {
  const inside = (id: number) => districtOf(id) === district;
  const groups = plan.groups.filter((g) => inside(g.keep_site_id) || g.remove_site_ids.some(inside));
  const refused = plan.refused.filter((g) => inside(g.keep_site_id) || g.remove_site_ids.some(inside));
  const removed = groups.reduce((n, g) => n + g.remove_site_ids.filter(inside).length, 0);
  return { ...plan, groups, refused, totals: { before: standingInDistrict, after: standingInDistrict - removed, removed } };
}
