/** The planning endpoints as the client calls them (paths and answers declared in shared/api/planning.ts), the
 *  public density grid, and the addresses of the exports. */
import type {
  ConsolidationResponse, EnforcementReason, EnforcementResponse, SummaryResponse, UnregisteredResponse,
} from '../../../shared/api/planning.js';
import type { DensityCellProperties } from '../../../shared/density.js';
import type { Policy } from '../../../shared/policy.js';
import { request } from '../api.js';

export type { ConsolidationResponse, EnforcementReason, EnforcementResponse, SummaryResponse, UnregisteredResponse };
export type DensityGrid = GeoJSON.FeatureCollection<GeoJSON.Polygon, DensityCellProperties> & { cell_km: number };

type Query = Record<string, string | number | undefined>;


export const planningApi = {
  summary: (district: number | undefined, signal?: AbortSignal) => request<SummaryResponse>('GET', '/api/planning/summary', { query: { district }, signal }),
  consolidation: (q: { ground_m?: number; rooftop_m?: number; district?: number }, signal?: AbortSignal) =>
    request<ConsolidationResponse>('GET', '/api/planning/consolidation', { query: q, signal }),
  enforcement: (q: { district?: number; reason?: EnforcementReason }, signal?: AbortSignal) => request<EnforcementResponse>('GET', '/api/planning/enforcement', { query: q, signal }),
  unregistered: (q: { eps_m?: number; min_cells?: number; match_m?: number }, signal?: AbortSignal) =>
    request<UnregisteredResponse>('GET', '/api/planning/unregistered', { query: q, signal }),
  policy: (signal?: AbortSignal) => request<{ version: number; policy: Policy }>('GET', '/api/policy', { signal }),
  density: (bbox: readonly number[], cellKm: number, operator: string | undefined, signal?: AbortSignal) =>
    request<DensityGrid>('GET', '/api/density', { query: { bbox: bbox.join(','), cell_km: cellKm, operator }, signal }),
};

/** The address of an export: the same endpoint with `format` (and `lang`) added; the session cookie goes along. */
export function exportHref(path: string, query: Query): string {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.pathname + url.search;
}
