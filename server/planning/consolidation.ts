/** The consolidation plan over the registry: standing structures into shared/consolidation.ts, each candidate group's
 *  kept structure checked by the siting engine with the removed structures gone and their antennas re-homed on it.
 *  Plans are cached per registry state, policy version and merge distances. */
import { keptStructureInput, planSteps, type CandidateGroup, type ConsolidationPlan, type MergeDistances } from '../../shared/consolidation.js';
import { checkSiting, RULE_NAMES, worstStatus, type SitingResult } from '../../shared/siting.js';
import type { Ctx } from '../context.js';
import { SitingSnapshot } from './siting-snapshot.js';
import type { Policy } from '../../shared/policy.js';
import type { PlanningSiteRow, PlanningStore } from '../store/planning.js';

/** A plan with the rows it was made from (for CSV and GeoJSON) and the distances used. */
export interface ConsolidationResult extends ConsolidationPlan {
  distances: MergeDistances;
  policy_version: number;
}

/** The policy without the exposure rule, and with it alone: the cheap rules run first, and a group they refuse is not
 *  worth the exposure sums (two thirds of a check's time on the demo city). */
function withoutExposure(policy: Policy): Policy {
  return { ...policy, rules: { ...policy.rules, exposure_sensitive: { ...policy.rules.exposure_sensitive, enabled: false } } };
}
function onlyExposure(policy: Policy): Policy {
  const rules = Object.fromEntries(Object.entries(policy.rules).map(([name, rule]) => [name, { ...rule, enabled: name === 'exposure_sensitive' && rule.enabled }]));
  return { ...policy, rules: rules as Policy['rules'] };
}

/** Checks a candidate group as runSitingCheck would check its kept structure (the same context, the kept site's id
 *  excluding itself from share_first and density), with the removed structures and their antennas taken out of the
 *  context: they no longer stand where they stood. checkSiting runs each enabled rule on its own, so the cheap rules'
 *  results and the exposure rule's, put back in RULE_NAMES order, are its answer; a group the cheap rules refuse is
 *  answered without the exposure rule. */
export function checkGroup(ctx: Ctx, store: PlanningStore, snapshot: SitingSnapshot, rows: ReadonlyMap<number, PlanningSiteRow>, group: CandidateGroup): SitingResult {
  const keep = rows.get(group.keep.id)!;
  const input = keptStructureInput(keep, group.remove.flatMap((s) => store.antennasOf(s.id)));
  const policy = ctx.policy.current().policy;
  const density = policy.rules.density;
  const gone = new Set(group.remove.map((s) => s.id));
  const context = { ...snapshot.context(input, gone, policy), densityCount: density.enabled ? snapshot.densityCount(keep, density.cell_km, gone) : undefined };
  // One context serves both: it holds all that runSitingCheck would give the cheap rules (they read no antennas).
  const cheap = checkSiting(input, { ...context, policy: withoutExposure(policy) });
  if (cheap.verdict === 'fail' || !policy.rules.exposure_sensitive.enabled) return cheap;
  const rules = [...cheap.rules, ...checkSiting(input, { ...context, policy: onlyExposure(policy) }).rules];
  rules.sort((a, b) => RULE_NAMES.indexOf(a.rule) - RULE_NAMES.indexOf(b.rule));
  return { verdict: worstStatus(rules.map((r) => r.status)), policy_version: cheap.policy_version, rules };
}

/** Work done between two yields to the event loop while a plan is computed, in milliseconds. */
const SLICE_MS = 20;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Checked groups remembered for the plans of one registry state (a few megabytes at 100,000 structures). */
const MAX_REMEMBERED_CHECKS = 50_000;

/** What plans of one registry state share: its standing structures, the siting snapshot and the checked groups. */
interface RegistryState {
  stamp: string;
  rows: PlanningSiteRow[];
  byId: Map<number, PlanningSiteRow>;
  snapshot: SitingSnapshot;
  checks: Map<string, SitingResult>;
}

/** Builds consolidation plans in slices that yield to the event loop (a checked group costs milliseconds and a large
 *  registry has thousands), sharing one computation between concurrent requests, remembering the last few plans
 *  and every checked group until the registry, its places or the policy change: a planner trying other merge
 *  distances mostly meets groups already checked. */
export class ConsolidationPlanner {
  private generation = 0;
  private readonly cache = new Map<string, Promise<ConsolidationResult>>();
  private state: RegistryState | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly store: PlanningStore,
  ) {
    ctx.sites.onChange(() => {
      this.generation++;
      this.cache.clear();
      this.state = null;
    });
  }

  /** The plan for these merge distances under the policy in force. */
  plan(distances: MergeDistances): Promise<ConsolidationResult> {
    const policy = this.ctx.policy.current();
    const stamp = `${this.generation}/${this.store.placesStamp()}/${policy.version}`;
    const key = `${stamp}/${distances.ground_m}/${distances.rooftop_m}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.compute(distances, policy.version, stamp);
      // A failed computation is not remembered.
      hit.catch(() => this.cache.delete(key));
      if (this.cache.size >= 8) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private registry(stamp: string): RegistryState {
    if (this.state?.stamp !== stamp) {
      const rows = this.store.standingSites();
      this.state = { stamp, rows, byId: new Map(rows.map((r) => [r.id, r])), snapshot: new SitingSnapshot(this.ctx, this.store), checks: new Map() };
    }
    return this.state;
  }

  private async compute(distances: MergeDistances, policyVersion: number, stamp: string): Promise<ConsolidationResult> {
    const state = this.registry(stamp);
    const check = (g: CandidateGroup): SitingResult => {
      const key = `${g.keep.id}:${g.remove.map((s) => s.id).join(',')}`;
      let result = state.checks.get(key);
      if (!result) {
        result = checkGroup(this.ctx, this.store, state.snapshot, state.byId, g);
        if (state.checks.size < MAX_REMEMBERED_CHECKS) state.checks.set(key, result);
      }
      return result;
    };
    const steps = planSteps(state.rows, distances, check);
    for (let sliceStart = performance.now(); ; ) {
      const r = steps.next();
      if (r.done) return { ...r.value, distances, policy_version: policyVersion };
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
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
