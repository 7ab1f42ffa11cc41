/** The concern calls the client makes, typed from the shared contract (shared/api/concerns.ts). */
import type { z } from 'zod';
import type { ConcernFiling, ConcernView, PlannerConcernView, QueueQuery, ResponseTemplate } from '../../../shared/api/concerns.js';
import type { ConcernCategory, ConcernStatus } from '../../../shared/concerns.js';
import { request } from '../api.js';

export type { ConcernView, PlannerConcernView };
/** A reusable response text. */
export type Template = z.infer<typeof ResponseTemplate>;

/** What the form sends: the contract's input (the honeypot rides along, empty for people). */
export type Filing = z.input<typeof ConcernFiling>;

/** An open concern of the same kind near the spot, offered as "me too". */
export interface NearbyConcern {
  code: string;
  category: ConcernCategory;
  status: ConcernStatus;
  distance_m: number;
  supporters: number;
  description: string | null;
  created_at: string;
}

/** A point of the public concerns layer. */
export interface ConcernPointProps {
  code: string;
  category: ConcernCategory;
  status: ConcernStatus;
  open: boolean;
  supporters: number;
  site_code: string | null;
  created_at: string;
}
/** The public layer's points in a view, with how many matched. */
export interface ConcernPoints extends GeoJSON.FeatureCollection<GeoJSON.Point, ConcernPointProps> {
  total: number;
}

/** A cell of the heat layer: weighted centre, concerns in it, and concerns plus supporters. */
export interface HeatCell {
  lon: number;
  lat: number;
  count: number;
  weight: number;
}
/** The heat layer's cells at a zoom, with the heaviest cell's weight for scaling. */
export interface ConcernHeat {
  zoom: number;
  cell_px: number;
  max_weight: number;
  cells: HeatCell[];
}

/** A queue item: public fields plus what a planner works with (no evidence or history). */
export type QueueItem = Omit<PlannerConcernView, 'evidence' | 'history' | 'next_statuses' | 'address'>;
/** A page of the planner's queue and the total matching. */
export interface Queue {
  total: number;
  items: QueueItem[];
}

/** The queue's filters as the query takes them. */
export type QueueFilters = Partial<Pick<QueueQuery, 'status' | 'category' | 'age_days' | 'district' | 'near_sensitive'>> & { limit?: number; offset?: number };

const path = (code: string, rest = '') => `/api/concerns/${encodeURIComponent(code)}${rest}`;

/** Calls of the concern endpoints. */
export const concernsApi = {
  file: (body: Filing) => request<ConcernView>('POST', '/api/concerns', { body }),
  nearby: (lat: number, lon: number, category: ConcernCategory, signal?: AbortSignal) =>
    request<NearbyConcern[]>('GET', '/api/concerns/nearby', { query: { lat: lat.toFixed(6), lon: lon.toFixed(6), category }, signal }),
  get: (code: string, signal?: AbortSignal) => request<ConcernView>('GET', path(code), { signal }),
  support: (code: string) => request<{ supporters: number; counted: boolean }>('POST', path(code, '/support')),
  points: (bbox: string, signal?: AbortSignal) => request<ConcernPoints>('GET', '/api/concerns', { query: { bbox, limit: 2000 }, signal }),
  heat: (bbox: string, zoom: number, signal?: AbortSignal) => request<ConcernHeat>('GET', '/api/concerns/heat', { query: { bbox, zoom }, signal }),
  queue: (filters: QueueFilters, signal?: AbortSignal) => request<Queue>('GET', '/api/concerns/queue', { query: { ...filters }, signal }),
  planner: (code: string, signal?: AbortSignal) => request<PlannerConcernView>('GET', `/api/concerns/queue/${encodeURIComponent(code)}`, { signal }),
  setStatus: (code: string, status: ConcernStatus, note: string) => request<PlannerConcernView>('POST', path(code, '/status'), { body: { status, note } }),
  merge: (code: string, into: string, note: string) => request<PlannerConcernView>('POST', path(code, '/merge'), { body: { into, note } }),
  hide: (code: string, reason: string, hidden: boolean) => request<PlannerConcernView>('POST', path(code, '/hide'), { body: { reason, hidden } }),
  templates: (signal?: AbortSignal) => request<Template[]>('GET', '/api/response-templates', { signal }),
  createTemplate: (title: string, body: string, status: ConcernStatus | null) => request<Template>('POST', '/api/response-templates', { body: { title, body, status } }),
};
