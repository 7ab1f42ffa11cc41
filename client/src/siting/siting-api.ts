/** The siting, exposure, density and policy calls the client makes, typed from the shared contract
 *  (shared/api/siting.ts declares their paths and inputs; the check answers exactly what checkSiting returns). */
import type { z } from 'zod';
import type { ExposureGridResponse, ExposureHereResponse, PolicyVersionResponse } from '../../../shared/api/siting.js';
import type { Policy } from '../../../shared/policy.js';
import type { SitingContext, SitingInput, SitingResult } from '../../../shared/siting.js';
import { request } from '../api.js';

export type { ExposureGridResponse, ExposureHereResponse };

/** GET /api/siting/context: checkSiting's context plus where, for which heights and how far from its centre it holds. */
export interface SitingContextAnswer extends SitingContext {
  centre: { lon: number; lat: number };
  margin_m: number;
  height_m: number;
  sites_radius_m: number;
  antennas_radius_m: number;
}

/** The policy in force (GET /api/policy) or one version of it. */
export type PolicyVersion = z.infer<typeof PolicyVersionResponse>;
/** A version in the planners' history (GET /api/policy/versions). */
export interface PolicyVersionEntry extends PolicyVersion {
  created_by: string;
}

export interface DensityCell {
  cell_id: number;
  count: number;
  per_km2: number;
}
/** GET /api/density: non-empty equal-area cells touching the box. */
export interface DensityAnswer extends GeoJSON.FeatureCollection<GeoJSON.Polygon, DensityCell> {
  cell_km: number;
}

/** Seven decimals (about 1 cm): the context's centre is where the pin was. */
const coord = (v: number) => v.toFixed(7);

/** Calls of the siting endpoints. */
export const sitingApi = {
  context: (lon: number, lat: number, heightM: number, marginM: number, signal?: AbortSignal) =>
    request<SitingContextAnswer>('GET', '/api/siting/context', { query: { lon: coord(lon), lat: coord(lat), height_m: heightM, margin_m: marginM }, signal }),
  check: (body: SitingInput, signal?: AbortSignal) => request<SitingResult>('POST', '/api/siting/check', { body, signal }),
  exposureHere: (lon: number, lat: number, limit: number, signal?: AbortSignal) =>
    request<ExposureHereResponse>('GET', '/api/exposure', { query: { lon: coord(lon), lat: coord(lat), limit }, signal }),
  exposureGrid: (bbox: string, cellM: number, signal?: AbortSignal) =>
    request<ExposureGridResponse>('GET', '/api/exposure/grid', { query: { bbox, cell_m: cellM, fit: true }, signal }),
  density: (bbox: string, operator: string | null, signal?: AbortSignal) =>
    request<DensityAnswer>('GET', '/api/density', { query: { bbox, operator }, signal }),
  policy: (signal?: AbortSignal) => request<PolicyVersion>('GET', '/api/policy', { signal }),
  putPolicy: (policy: Policy, note: string, baseVersion: number) =>
    request<PolicyVersion>('PUT', '/api/policy', { query: { note: note.trim() || undefined, base_version: baseVersion }, body: policy }),
  policyVersions: (signal?: AbortSignal) => request<PolicyVersionEntry[]>('GET', '/api/policy/versions', { signal }),
};
