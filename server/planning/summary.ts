/** The dashboard's figures: structures counted in one pass over the in-memory site index (server/index/site-index.ts),
 *  districts with their equal-area size, concern hotspots on the equal-area grid, request throughput. */
import type { SummaryResponse } from '../../shared/api/planning.js';
import { cellBbox, countByCell } from '../../shared/density.js';
import { SITE_STATUSES, STRUCTURE_TYPES, TECHNOLOGIES, type Zone } from '../../shared/model.js';
import { polygonAreaKm2 } from '../../shared/polygon-area.js';
import type { RequestStatus } from '../../shared/site-requests.js';
import { isOverdue } from '../../shared/site-requests/clocks.js';
import type { Ctx } from '../context.js';
import { ALIVE, type SiteIndex } from '../index/site-index.js';
import type { PlanningStore } from '../store/planning.js';

/** Side of the concern hotspot cells: about a neighbourhood block, small enough to point at a street. */
export const HOTSPOT_CELL_KM = 0.5;
/** Most hotspot cells returned. */
const MAX_HOTSPOTS = 500;
const DAY_MS = 86_400_000;
const DECOMMISSIONED = SITE_STATUSES.indexOf('decommissioned');
const UNPERMITTED = SITE_STATUSES.indexOf('unpermitted');

type SiteFigures = SummaryResponse['sites'];

interface DistrictTally {
  structures: number;
  shared: number;
  unpermitted: number;
  byOp: Float64Array;
}

/** Adds the counts of each bit mask (index = mask) to the counts per bit. */
function spreadMasks(perMask: ArrayLike<number>, offset: number, masks: number, into: Float64Array): void {
  for (let m = 1; m < masks; m++) {
    const n = perMask[offset + m]!;
    if (n) for (let b = m, k = 0; b !== 0; b >>>= 1, k++) if (b & 1) into[k]! += n;
  }
}

/** Standing structures by status, operator, technology and type (in one district, or all), and per district: one pass
 *  over the index's columns counting into flat arrays (operator and technology sets counted as bit masks and spread
 *  to single operators once at the end, so the loop holds no inner loop, map or allocation). */
export function countStanding(index: SiteIndex, district?: number): { sites: SiteFigures; perDistrict: Map<number, DistrictTally> } {
  const { flags, status, ops, tech, structure, district: dist } = index.cols;
  const size = index.size;
  const opBits = Math.max(1, index.operators.names.length);
  if (opBits > 16) throw new RangeError('countStanding: more than 16 operators');
  const opMasks = 1 << opBits;
  const techMasks = 1 << TECHNOLOGIES.length;
  let maxDistrict = 0;
  for (let i = 0; i < size; i++) if (dist[i]! > maxDistrict) maxDistrict = dist[i]!;
  const dCount = new Float64Array(maxDistrict + 1);
  const dShared = new Float64Array(maxDistrict + 1);
  const dUnpermitted = new Float64Array(maxDistrict + 1);
  const dOpMask = new Float64Array((maxDistrict + 1) * opMasks);
  const byStatus = new Float64Array(SITE_STATUSES.length);
  const byType = new Float64Array(STRUCTURE_TYPES.length);
  const opMask = new Float64Array(opMasks);
  const techMask = new Float64Array(techMasks);
  let total = 0;
  let shared = 0;
  for (let i = 0; i < size; i++) {
    const st = status[i]!;
    if (!(flags[i]! & ALIVE) || st === DECOMMISSIONED) continue;
    const d = dist[i]!;
    const m = ops[i]!;
    const isShared = (m & (m - 1)) !== 0 ? 1 : 0; // two or more bits: two or more operators (DOMAIN.md section 2)
    dCount[d]!++;
    dShared[d]! += isShared;
    if (st === UNPERMITTED) dUnpermitted[d]!++;
    dOpMask[d * opMasks + m]!++;
    if (district !== undefined && d !== district) continue;
    total++;
    shared += isShared;
    byStatus[st]!++;
    byType[structure[i]!]!++;
    opMask[m]!++;
    techMask[tech[i]!]!++;
  }
  const byOp = new Float64Array(32);
  const byTech = new Float64Array(TECHNOLOGIES.length);
  spreadMasks(opMask, 0, opMasks, byOp);
  spreadMasks(techMask, 0, techMasks, byTech);
  const perDistrict = new Map<number, DistrictTally>();
  for (let d = 0; d <= maxDistrict; d++) {
    if (!dCount[d]) continue;
    const t = { structures: dCount[d]!, shared: dShared[d]!, unpermitted: dUnpermitted[d]!, byOp: new Float64Array(32) };
    spreadMasks(dOpMask, d * opMasks, opMasks, t.byOp);
    perDistrict.set(d, t);
  }
  const rec = (names: readonly string[], xs: Float64Array) => Object.fromEntries(names.map((n, i) => [n, xs[i]!] as const).filter(([, v]) => v > 0));
  return {
    sites: {
      total, shared,
      by_status: rec(SITE_STATUSES, byStatus), by_operator: rec(index.operators.names, byOp),
      by_technology: rec(TECHNOLOGIES, byTech), by_structure: rec(STRUCTURE_TYPES, byType),
    },
    perDistrict,
  };
}

/** Median of numbers (null for none). */
export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Figures for the dashboard, for one district or the whole city; `now` decides what is overdue. */
export function planningSummary(ctx: Ctx, store: PlanningStore, districts: readonly Zone[], now: Date, districtId?: number): SummaryResponse {
  const index = ctx.sites.index();
  const { sites, perDistrict } = countStanding(index, districtId);
  const names = index.operators.names;
  const concerns = store.concernPoints();
  const openByDistrict = new Map<number, number>();
  for (const c of concerns) if (c.open && c.district_id !== null) openByDistrict.set(c.district_id, (openByDistrict.get(c.district_id) ?? 0) + 1);

  const table = districts.map((z) => {
    const t = perDistrict.get(z.id);
    const area = polygonAreaKm2(z.geometry);
    const byOp = t ? Object.fromEntries(names.map((n, k) => [n, t.byOp[k]!] as const).filter(([, v]) => v > 0)) : {};
    return {
      id: z.id, name_fa: z.name_fa, name_en: z.name_en, area_km2: area,
      structures: t?.structures ?? 0, per_km2: area > 0 ? (t?.structures ?? 0) / area : 0,
      shared: t?.shared ?? 0, unpermitted: t?.unpermitted ?? 0, by_operator: byOp, open_concerns: openByDistrict.get(z.id) ?? 0,
    };
  });

  const chosen = districtId === undefined ? [] : concerns.filter((c) => c.district_id === districtId);
  const inScope = districtId === undefined ? concerns : chosen;
  const lon = Float64Array.from(inScope, (c) => c.lon);
  const lat = Float64Array.from(inScope, (c) => c.lat);
  const all = countByCell(lon, lat, HOTSPOT_CELL_KM);
  const open = countByCell(lon, lat, HOTSPOT_CELL_KM, Uint8Array.from(inScope, (c) => c.open));
  const hotspots = [...all]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_HOTSPOTS)
    .map(([cell_id, count]) => ({ cell_id, bbox: cellBbox(cell_id, HOTSPOT_CELL_KM), count, open: open.get(cell_id) ?? 0 }));

  const requests = store.requestDates().filter((r) => districtId === undefined || (r.lon !== null && r.lat !== null && ctx.places.districtOf(r.lon, r.lat) === districtId));
  const days: number[] = [];
  const byStatus: Record<string, number> = {};
  let overdue = 0;
  for (const r of requests) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (r.decided_at && r.first_submitted_at) days.push((Date.parse(r.decided_at) - Date.parse(r.first_submitted_at)) / DAY_MS);
    if (isOverdue({ status: r.status as RequestStatus, decision_due_at: r.decision_due_at }, now)) overdue++;
  }
  const mid = median(days);

  const chosenZone = districtId === undefined ? undefined : table.find((d) => d.id === districtId);
  return {
    district: chosenZone ? { id: chosenZone.id, name_fa: chosenZone.name_fa, name_en: chosenZone.name_en, area_km2: chosenZone.area_km2 } : null,
    sites,
    districts: table,
    concerns: { available: store.hasConcerns, total: inScope.length, open: inScope.filter((c) => c.open).length, cell_km: HOTSPOT_CELL_KM, hotspots },
    requests: {
      available: store.hasRequests, submitted: requests.length, decided: days.length,
      median_days_to_decision: mid === null ? null : Math.round(mid * 10) / 10, overdue, by_status: byStatus,
    },
  };
}
