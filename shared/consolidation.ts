/** The consolidation plan ("organising the masts", DOMAIN.md section 7): groups of structures of different
 *  operators close enough to share one structure, the one to keep, the ones to remove and the operators that move,
 *  each group offered only when the kept structure still passes the siting rules with the moved antennas. Pure: the
 *  siting check is passed in (the server runs checkSiting over the registry around the kept structure). */
import { haversineM } from './geodesy.js';
import { mergeClassOf, neighboursIndexed, type MergeDistances, type Neighbours } from './consolidation-pairs.js';
import type { StructureType } from './model.js';
import type { RuleName, RuleStatus, SitingInput, SitingResult } from './siting.js';

export { mergeClassOf, mergeDistanceM, neighboursAllPairs, neighboursIndexed } from './consolidation-pairs.js';
export type { MergeClass, MergeDistances, Neighbours } from './consolidation-pairs.js';

/** A standing structure as the planner reads it. */
export interface ConsolidationSite {
  id: number;
  code: string;
  lon: number;
  lat: number;
  structure_type: StructureType;
  height_m: number;
  /** Operators with antennas on it. */
  operators: readonly string[];
}

/** A candidate group handed to the siting check: the structure to keep and those whose antennas would move onto it. */
export interface CandidateGroup {
  keep: ConsolidationSite;
  remove: readonly ConsolidationSite[];
}

/** One rule of the kept structure's check, without its related objects (the plan lists hundreds of groups). */
export interface GroupRule {
  rule: RuleName;
  status: RuleStatus;
  measured: number | null;
  limit: number | null;
  unit: string;
  message: { fa: string; en: string };
}

/** The kept structure's siting check with the moved antennas. */
export interface GroupChecks {
  verdict: RuleStatus;
  policy_version: string | number;
  rules: GroupRule[];
}

/** A structure in a group, where it stands and how far from the kept one. */
export interface GroupSite {
  id: number;
  code: string;
  lon: number;
  lat: number;
  structure_type: StructureType;
  height_m: number;
  operators: string[];
  distance_m: number;
}

/** A merge group of the plan (offered or refused). */
export interface PlannedGroup {
  keep_site_id: number;
  remove_site_ids: number[];
  /** Operators whose antennas move from the removed structures onto the kept one. */
  operators_moved: string[];
  checks: GroupChecks;
  keep: GroupSite;
  removed: GroupSite[];
}

export interface ConsolidationTotals {
  /** Standing structures considered. */
  before: number;
  after: number;
  removed: number;
}

export interface ConsolidationPlan {
  /** Groups offered: the kept structure passes (warnings allowed) with the moved antennas. */
  groups: PlannedGroup[];
  /** Groups whose kept structure would fail a rule; their structures stay free to join another group. */
  refused: PlannedGroup[];
  totals: ConsolidationTotals;
}

/** The siting input of a kept structure carrying, besides its own antennas, those of the removed structures, each
 *  re-hung at the kept structure's location and height (DOMAIN.md section 7: the operators move onto the kept
 *  structure); the site's id keeps it out of its own share_first and density counts. */
export function keptStructureInput(
  keep: Pick<ConsolidationSite, 'id' | 'lon' | 'lat' | 'structure_type' | 'height_m'> & { ground_elevation_m?: number | null },
  moved: NonNullable<SitingInput['antennas']>,
): SitingInput {
  return {
    lon: keep.lon, lat: keep.lat, height_m: keep.height_m, structure_type: keep.structure_type, site_id: keep.id,
    ground_elevation_m: keep.ground_elevation_m ?? null, antennas: moved.map((a) => ({ ...a, height_m: keep.height_m })),
  };
}

/** A siting result without related objects. */
export function groupChecksOf(result: SitingResult): GroupChecks {
  return {
    verdict: result.verdict,
    policy_version: result.policy_version,
    rules: result.rules.map(({ rule, status, measured, limit, unit, message }) => ({ rule, status, measured, limit, unit, message })),
  };
}

/** Keep order: the tallest ground structure first (DOMAIN.md section 7; a taller mast carries more antennas and
 *  keeps their clearance), then the most operators; among rooftops the most operators first (re-cabling fewer
 *  buildings), then the tallest; ties by id so the plan is the same on every run. */
export function keepOrder(sites: readonly ConsolidationSite[]): number[] {
  const key = (s: ConsolidationSite): [number, number] => {
    const ops = new Set(s.operators).size;
    return mergeClassOf(s.structure_type) === 'rooftop' ? [ops, s.height_m] : [s.height_m, ops];
  };
  const keys = sites.map(key);
  return sites
    .map((_, i) => i)
    .sort((a, b) => keys[b]![0] - keys[a]![0] || keys[b]![1] - keys[a]![1] || sites[a]!.id - sites[b]!.id);
}

function groupSite(s: ConsolidationSite, keep: ConsolidationSite): GroupSite {
  return {
    id: s.id, code: s.code, lon: s.lon, lat: s.lat, structure_type: s.structure_type, height_m: s.height_m,
    operators: [...new Set(s.operators)].sort(), distance_m: s === keep ? 0 : Math.round(haversineM(keep.lon, keep.lat, s.lon, s.lat) * 10) / 10,
  };
}

/** The plan, one step per checked group (a generator, so a server can yield to other work between checks): structures
 *  taken in keep order; each still free takes its still-free mergeable neighbours (all within the merge distance of
 *  it, since they move onto it); the group is checked and offered unless a rule fails. A refused keeper stays free,
 *  so it may still be removed onto a structure that passes. */
export function* planSteps(
  sites: readonly ConsolidationSite[],
  distances: MergeDistances,
  check: (group: CandidateGroup) => SitingResult,
  neighbours: Neighbours = neighboursIndexed(sites, distances),
): Generator<void, ConsolidationPlan, void> {
  const FREE = 0, KEPT = 1, REMOVED = 2;
  const state = new Uint8Array(sites.length);
  const groups: PlannedGroup[] = [];
  const refused: PlannedGroup[] = [];
  let removed = 0;
  for (const k of keepOrder(sites)) {
    if (state[k] !== FREE) continue;
    const members: number[] = [];
    for (let p = neighbours.offsets[k]!; p < neighbours.offsets[k + 1]!; p++) {
      const j = neighbours.items[p]!;
      if (state[j] === FREE) members.push(j);
    }
    if (members.length === 0) continue;
    const keep = sites[k]!;
    const remove = members.map((j) => sites[j]!);
    const checks = groupChecksOf(check({ keep, remove }));
    const group: PlannedGroup = {
      keep_site_id: keep.id,
      remove_site_ids: remove.map((s) => s.id),
      operators_moved: [...new Set(remove.flatMap((s) => s.operators))].sort(),
      checks,
      keep: groupSite(keep, keep),
      removed: remove.map((s) => groupSite(s, keep)),
    };
    if (checks.verdict === 'fail') refused.push(group);
    else {
      state[k] = KEPT;
      for (const j of members) state[j] = REMOVED;
      removed += members.length;
      groups.push(group);
    }
    yield;
  }
  return { groups, refused, totals: { before: sites.length, after: sites.length - removed, removed } };
}

/** The whole plan at once (planSteps run to the end). */
export function planConsolidation(
  sites: readonly ConsolidationSite[],
  distances: MergeDistances,
  check: (group: CandidateGroup) => SitingResult,
  neighbours?: Neighbours,
): ConsolidationPlan {
  const steps = planSteps(sites, distances, check, neighbours);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
