/** Sharing options for a proposed structure (DOMAIN.md section 4, share first): existing structures within
 *  the share-first radius, with their operators and free room for another operator. */
import { ellipsoidalDistanceM } from '../geodesy.js';
import type { SiteStatus, StructureType } from '../model.js';

/** How many operators a structure can carry, by type. The policy file has no such number, so these are
 *  documented defaults: a ground mast (monopole, lattice, guyed, stealth) takes three operators' antennas;
 *  a rooftop frame two (roof space and load); a small cell on a pole one. A planning choice, no primary source. */
export const OPERATOR_CAPACITY: Readonly<Record<StructureType, number>> = {
  monopole: 3, lattice: 3, guyed: 3, stealth: 3, rooftop: 2, small_cell: 1,
};

/** Site states that can carry another operator: standing or approved (never unpermitted or decommissioned). */
const SHAREABLE: readonly SiteStatus[] = ['active', 'approved'];

/** An existing structure as the sharing search sees it. */
export interface ShareCandidate {
  id: number;
  code: string;
  lon: number;
  lat: number;
  structure_type: StructureType;
  height_m: number;
  status: SiteStatus;
  owner_operator_id: string;
  operators: readonly string[];
}

export interface SharingOption {
  site_id: number;
  code: string;
  lon: number;
  lat: number;
  structure_type: StructureType;
  height_m: number;
  owner_operator_id: string;
  operators: string[];
  distance_m: number;
  capacity: number;
  free_slots: number;
}

/** Structures within `radiusM` of the point (WGS84 geodesic) that `operatorId` could share, nearest first: not
 *  decommissioned or unpermitted, and not already carrying the applicant (that is a change, not sharing). */
export function sharingOptions(lon: number, lat: number, operatorId: string, candidates: readonly ShareCandidate[], radiusM: number): SharingOption[] {
  const out: SharingOption[] = [];
  for (const s of candidates) {
    if (!SHAREABLE.includes(s.status) || s.operators.includes(operatorId)) continue;
    const d = ellipsoidalDistanceM(lon, lat, s.lon, s.lat);
    if (d > radiusM) continue;
    const capacity = OPERATOR_CAPACITY[s.structure_type];
    const used = new Set(s.operators).size;
    out.push({
      site_id: s.id, code: s.code, lon: s.lon, lat: s.lat, structure_type: s.structure_type, height_m: s.height_m,
      owner_operator_id: s.owner_operator_id, operators: [...s.operators], distance_m: Math.round(d * 10) / 10,
      capacity, free_slots: Math.max(0, capacity - used),
    });
  }
  return out.sort((a, b) => a.distance_m - b.distance_m || a.site_id - b.site_id);
}

/** Whether a new structure must say why it does not share: some option nearby has free room. */
export function requiresJustification(options: readonly Pick<SharingOption, 'free_slots'>[]): boolean {
  return options.some((o) => o.free_slots > 0);
}
