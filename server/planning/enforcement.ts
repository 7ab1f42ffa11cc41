/** The enforcement case list (a mast without a municipal permit is a building violation under Article 100 of the
 *  Municipalities Law, DOMAIN.md section 1): standing structures without a permit, inside a sensitive place's
 *  buffer or fall zone by the policy's own rules (shared/siting), or with residents' concerns still open. */
import type { EnforcementCase, EnforcementReason, EnforcementResponse } from '../../shared/api/planning.js';
import type { Policy } from '../../shared/policy.js';
import type { RuleResult, SitingContext, SitingInput } from '../../shared/siting.js';
import { checkFallZone } from '../../shared/siting/fall-zone.js';
import { checkSensitiveBuffer } from '../../shared/siting/sensitive-buffer.js';
import type { Ctx } from '../context.js';
import type { PlanningSiteRow, PlanningStore } from '../store/planning.js';
import { PlaceIndex } from './place-index.js';

/** The place a failing buffer or fall-zone result names first (its worst breach). */
function breachedPlace(r: RuleResult): EnforcementCase['place'] {
  const p = r.related.find((o) => o.type === 'sensitive_place');
  if (r.status !== 'fail' || !p || r.limit === null) return null;
  return { id: Number(p.id), kind: p.kind ?? '', name_fa: p.name_fa ?? '', name_en: p.name ?? '', distance_m: Math.round((p.distance_m ?? 0) * 10) / 10, limit_m: r.limit };
}

/** The buffer and fall-zone rules for one standing structure, over the sensitive places around it. */
function placeRules(places: PlaceIndex, policy: Policy, policyVersion: number, site: PlanningSiteRow): RuleResult[] {
  const r = policy.rules;
  const radius = Math.max(
    r.sensitive_buffer.enabled ? Math.max(0, ...Object.values(r.sensitive_buffer.buffer_m)) : 0,
    r.fall_zone.enabled ? r.fall_zone.height_factor * site.height_m : 0,
  );
  if (radius <= 0) return [];
  const input: SitingInput = { lon: site.lon, lat: site.lat, height_m: site.height_m, structure_type: site.structure_type, site_id: site.id };
  const context: SitingContext = {
    policy, policyVersion, sites: [], zones: [], antennas: [], aerodromes: [],
    // Places that may come within the radius: the rules measure the exact ellipsoidal distance to each.
    sensitivePlaces: places.near(site.lon, site.lat, radius),
  };
  const out: RuleResult[] = [];
  if (r.sensitive_buffer.enabled) out.push(checkSensitiveBuffer(input, context));
  if (r.fall_zone.enabled) out.push(checkFallZone(input, context));
  return out;
}

/** Every case, most reasons first, then most open concerns, then by code. */
export function enforcementCases(ctx: Ctx, store: PlanningStore): EnforcementResponse {
  const { policy, version } = ctx.policy.current();
  const open = new Map<number, number>();
  const all = new Map<number, number>();
  for (const c of store.concernPoints()) {
    if (c.site_id === null) continue;
    all.set(c.site_id, (all.get(c.site_id) ?? 0) + 1);
    if (c.open) open.set(c.site_id, (open.get(c.site_id) ?? 0) + 1);
  }
  const cases: EnforcementCase[] = [];
  const counts: Record<string, number> = {};
  const places = new PlaceIndex(ctx.places);
  for (const s of store.standingSites()) {
    const reasons: EnforcementReason[] = [];
    if (s.status === 'unpermitted') reasons.push('unpermitted');
    else if (!s.permit_no) reasons.push('no_permit_number');
    let place: EnforcementCase['place'] = null;
    for (const result of placeRules(places, policy, version, s)) {
      const p = breachedPlace(result);
      if (!p) continue;
      reasons.push(result.rule === 'fall_zone' ? 'fall_zone' : 'sensitive_buffer');
      place ??= p;
    }
    if ((open.get(s.id) ?? 0) > 0) reasons.push('open_concerns');
    if (reasons.length === 0) continue;
    for (const r of reasons) counts[r] = (counts[r] ?? 0) + 1;
    cases.push({
      site_id: s.id, code: s.code, lon: s.lon, lat: s.lat, status: s.status, structure_type: s.structure_type, height_m: s.height_m,
      permit_no: s.permit_no, owner_operator_id: s.owner_operator_id, operators: s.operators, district_id: s.district_id,
      reasons, place, open_concerns: open.get(s.id) ?? 0, concerns: all.get(s.id) ?? 0,
    });
  }
  cases.sort((a, b) => b.reasons.length - a.reasons.length || b.open_concerns - a.open_concerns || a.code.localeCompare(b.code));
  return { cases, counts, concerns_available: store.hasConcerns };
}
