/** Typed fetch wrapper for the Dakal API: JSON in and out, the session's CSRF token on every
 *  non-GET request, and `{error: {code, message, fields}}` bodies thrown as ApiError. */
import type { z } from 'zod';
import type { ErrorBody } from '../../shared/api/endpoint.js';
import type { ClusterQuery } from '../../shared/api/map.js';
import type { SiteListQuery } from '../../shared/api/registry.js';
import type { Operator, Role, SensitivePlace, SiteProperties, SiteStatus, Zone, ZoneKind } from '../../shared/model.js';

/** A failed API call: the HTTP status and the server's error code, message and per-field messages. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Whether an error is the abort of a superseded request (not worth showing). */
export const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

// Kept in memory only: the session cookie is HttpOnly, the CSRF token goes in a header.
let csrfToken: string | null = null;

/** Sets the CSRF token sent with every non-GET request (null after sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions {
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** Bytes sent as they are (a file upload), as application/octet-stream; the server sniffs their type. */
  raw?: Blob;
  signal?: AbortSignal;
}

function isErrorBody(data: unknown): data is ErrorBody {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  const e = (data as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { message?: unknown }).message === 'string';
}

/** Calls the API; resolves to the parsed JSON body (undefined for 204), rejects with ApiError. */
export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.raw !== undefined) headers['Content-Type'] = 'application/octet-stream';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)), signal: opts.signal, credentials: 'same-origin' });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    if (res.ok) throw new ApiError(res.status, 'invalid_response', 'The server sent something that is not JSON');
  }
  if (!res.ok) {
    if (isErrorBody(data)) throw new ApiError(res.status, data.error.code, data.error.message, data.error.fields ?? {});
    throw new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`);
  }
  return data as T;
}

// ---- Response shapes of the endpoints the client uses (shared/api/*.ts declares their paths and inputs).

export interface ClientConfig {
  tile_url: string;
  tile_attribution: string;
  version: string;
}

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  operator_id: string | null;
}

export interface SessionInfo {
  user: SessionUser | null;
  csrf: string | null;
}

export interface ClusterProperties {
  cluster: true;
  cluster_id: number;
  point_count: number;
  expansion_zoom: number;
}

export interface SitePointProperties {
  cluster: false;
  id: number;
  code: string;
  operators: string[];
  status: SiteStatus;
  shared: boolean;
  structure_type: SiteProperties['structure_type'];
  height_m: number;
}

export type MapPoint = GeoJSON.Feature<GeoJSON.Point, ClusterProperties | SitePointProperties>;
export interface MapPoints extends GeoJSON.FeatureCollection<GeoJSON.Point, ClusterProperties | SitePointProperties> {
  /** Sites matching the filters in the view. */
  total: number;
}

export type SiteFeature = GeoJSON.Feature<GeoJSON.Point, SiteProperties>;
export interface SiteCollection extends GeoJSON.FeatureCollection<GeoJSON.Point, SiteProperties> {
  total: number;
  next_cursor: number | null;
}

export type ZoneFeature = GeoJSON.Feature<Zone['geometry'], Omit<Zone, 'geometry'>>;
export type PlaceFeature = GeoJSON.Feature<SensitivePlace['geometry'], Omit<SensitivePlace, 'geometry'>>;

/** A query schema's input, with coerced fields (typed `unknown` by zod) taken as numbers. */
type QueryInput<S extends z.ZodType> = { [K in keyof z.input<S>]: unknown extends z.input<S>[K] ? number | undefined : z.input<S>[K] };

/** The calls the client makes, typed by the shared contract's inputs. */
export const api = {
  config: (signal?: AbortSignal) => request<ClientConfig>('GET', '/api/config', { signal }),
  operators: (signal?: AbortSignal) => request<Operator[]>('GET', '/api/operators', { signal }),
  mapPoints: (query: QueryInput<typeof ClusterQuery>, signal?: AbortSignal) => request<MapPoints>('GET', '/api/clusters', { query, signal }),
  site: (id: number, signal?: AbortSignal) => request<SiteFeature>('GET', `/api/sites/${id}`, { signal }),
  sites: (query: QueryInput<typeof SiteListQuery>, signal?: AbortSignal) => request<SiteCollection>('GET', '/api/sites', { query, signal }),
  zones: (query: { bbox?: string; kind?: ZoneKind }, signal?: AbortSignal) =>
    request<GeoJSON.FeatureCollection<Zone['geometry'], Omit<Zone, 'geometry'>>>('GET', '/api/zones', { query, signal }),
  sensitivePlaces: (bbox: string, signal?: AbortSignal) =>
    request<GeoJSON.FeatureCollection<SensitivePlace['geometry'], Omit<SensitivePlace, 'geometry'>>>('GET', '/api/sensitive-places', { query: { bbox }, signal }),
  me: (signal?: AbortSignal) => request<SessionInfo>('GET', '/api/auth/me', { signal }),
  login: (username: string, password: string) => request<{ user: SessionUser; csrf: string }>('POST', '/api/auth/login', { body: { username, password } }),
  logout: () => request<void>('POST', '/api/auth/logout'),
};
