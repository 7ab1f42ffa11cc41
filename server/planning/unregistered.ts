/** Possible unregistered masts: the imported OpenCelliD cells clustered into candidate masts (shared/observed-masts.ts),
 *  kept when no registered structure (of any status but decommissioned) stands within match_m. */
import KDBush from 'kdbush';
import type { UnregisteredCandidate, UnregisteredResponse } from '../../shared/api/planning.js';
import { EARTH_RADIUS_M, haversineM } from '../../shared/geodesy.js';
import { candidateMasts } from '../../shared/observed-masts.js';
import type { Ctx } from '../context.js';
import type { PlanningStore } from '../store/planning.js';

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

export interface UnregisteredParams {
  eps_m: number;
  min_cells: number;
  match_m: number;
}

/** Candidates with no registered structure within match_m, most cells first. */
export function unregisteredMasts(ctx: Ctx, store: PlanningStore, params: UnregisteredParams): UnregisteredResponse {
  const cells = store.observedCells();
  // Operators by MCC/MNC from the registry's own table (DOMAIN.md section 2: 432-11 MCI, 432-35 Irancell, 432-20 RighTel).
  const byNetwork = new Map<string, string>();
  for (const o of store.operators()) if (o.mcc !== null && o.mnc !== null) byNetwork.set(`${o.mcc}-${o.mnc}`, o.id);
  const candidates = candidateMasts(cells, params.eps_m, params.min_cells, (mcc, mnc) => byNetwork.get(`${mcc}-${mnc}`));

  const sites = store.currentSites();
  const index = new KDBush(Math.max(1, sites.length));
  for (const s of sites) index.add(s.lon, s.lat);
  if (sites.length === 0) index.add(1e9, 1e9);
  index.finish();
  // The nearest structure within a kilometre is reported even when farther than match_m, to help the planner judge.
  const lookM = Math.max(1000, params.match_m);
  const out: UnregisteredCandidate[] = [];
  candidates.forEach((c, i) => {
    const dLat = (lookM * 1.01) / M_PER_DEG;
    const dLon = dLat / Math.max(Math.cos((c.lat * Math.PI) / 180), 1e-6);
    let best: UnregisteredCandidate['nearest_site'] = null;
    for (const j of index.range(c.lon - dLon, c.lat - dLat, c.lon + dLon, c.lat + dLat)) {
      const s = sites[j];
      if (!s) continue;
      const d = haversineM(c.lon, c.lat, s.lon, s.lat);
      if (d <= lookM && (best === null || d < best.distance_m)) best = { id: s.id, code: s.code, distance_m: Math.round(d * 10) / 10 };
    }
    if (best !== null && best.distance_m <= params.match_m) return;
    out.push({
      id: i + 1, lon: c.lon, lat: c.lat, cells: c.cells, samples: c.samples, operators: c.operators, radios: c.radios,
      unknown_networks: c.unknown_networks, nearest_site: best, district_id: ctx.places.districtOf(c.lon, c.lat),
    });
  });
  return { cells: cells.length, candidates_total: candidates.length, candidates: out, params };
}
