/** Reading Open311 parameters the way GeoReport v2 defines them: the GET requests filters (90-day
 *  default window, 1000 at most, page/page_size and bounding-box extensions) and the POST form. */
import { CONCERN_LIMITS, CLOSED_STATUSES, OPEN_STATUSES, type ConcernCategory } from '../../shared/concerns.js';
import { text } from '../../shared/model.js';
import { isTrackingCode, normaliseTrackingCode } from '../../shared/tracking-code.js';
import type { Open311Filter } from '../store/concern-search.js';
import { Open311Error } from './format.js';
import { isServiceCode, SITE_ATTRIBUTE } from './catalogue.js';

const DAY_MS = 86_400_000;
/** GeoReport v2: without dates, the last 90 days; a range may not span more than 90 days; at most 1000 requests. */
export const WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

type Params = Record<string, unknown>;

/** One parameter as a single string, or undefined; a repeated one is a 400. */
export function one(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new Open311Error(400, `${name} must be given once`);
  return v;
}

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or datetime parameter in epoch milliseconds. */
function instant(p: Params, name: string): number | undefined {
  const v = one(p, name);
  if (v === undefined) return undefined;
  const t = ISO.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw new Open311Error(400, `${name} must be an ISO 8601 datetime such as 2025-03-01T00:00:00+03:30`);
  return t;
}

/** A comma list parameter, blanks dropped. */
const list = (p: Params, name: string) => one(p, name)?.split(',').map((s) => s.trim()).filter(Boolean);

/** The filters of GET requests, with the specification's defaults. */
export function requestFilter(p: Params, now: number): Open311Filter {
  const page = positiveInt(p, 'page', 1, 1_000_000);
  const pageSize = positiveInt(p, 'page_size', MAX_REQUESTS, MAX_REQUESTS);
  const paging = { limit: pageSize, offset: (page - 1) * pageSize };
  const ids = list(p, 'service_request_id');
  const none = { services: null, startIso: '', endIso: '', statuses: '', bbox: null };
  if (ids) return { codes: ids.map(normaliseTrackingCode).filter(isTrackingCode), ...none, ...paging };

  const services = list(p, 'service_code');
  for (const s of services ?? []) if (!isServiceCode(s)) throw new Open311Error(400, `service_code ${s} is not a service here (see services.json)`);
  let start = instant(p, 'start_date');
  let end = instant(p, 'end_date');
  if (start !== undefined && end !== undefined && end - start > WINDOW_DAYS * DAY_MS) throw new Open311Error(400, `start_date and end_date may not span more than ${WINDOW_DAYS} days`);
  end ??= start === undefined ? now : Math.max(now, start);
  start ??= end - WINDOW_DAYS * DAY_MS;
  if (start > end) throw new Open311Error(400, 'start_date must not be after end_date');

  const status = list(p, 'status') ?? ['open', 'closed'];
  const states: string[] = [];
  for (const s of status) {
    if (s === 'open') states.push(...OPEN_STATUSES);
    else if (s === 'closed') states.push(...CLOSED_STATUSES);
    else throw new Open311Error(400, `status must be open, closed or both (comma-separated), not ${s}`);
  }
  return { codes: null, services: (services as ConcernCategory[] | undefined) ?? null, startIso: new Date(start).toISOString(), endIso: new Date(end).toISOString(), statuses: `,${states.join(',')},`, bbox: bboxOf(p), ...paging };
}

function positiveInt(p: Params, name: string, fallback: number, max: number): number {
  const v = one(p, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > max) throw new Open311Error(400, `${name} must be a whole number from 1 to ${max}`);
  return n;
}

/** The bounding-box extension: all four of lat_ne, long_ne, lat_sw, long_sw, or none. */
function bboxOf(p: Params): [number, number, number, number] | null {
  const names = ['long_sw', 'lat_sw', 'long_ne', 'lat_ne'] as const;
  const given = names.filter((n) => one(p, n) !== undefined);
  if (given.length === 0) return null;
  if (given.length < 4) throw new Open311Error(400, 'The bounding box needs all of lat_ne, long_ne, lat_sw, long_sw');
  const [w, s, e, n] = names.map((k) => coordinate(p, k, k.startsWith('lat') ? 90 : 180)) as [number, number, number, number];
  if (w > e || s > n) throw new Open311Error(400, 'The bounding box corners are swapped: lat_sw <= lat_ne and long_sw <= long_ne');
  return [w, s, e, n];
}

function coordinate(p: Params, name: string, max: number): number {
  const v = one(p, name);
  const n = v === undefined ? NaN : Number(v);
  if (v === undefined || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v.trim()) || Math.abs(n) > max) throw new Open311Error(400, `${name} must be a number from -${max} to ${max}`);
  return n;
}

/** A POST requests form, checked. The api_key is checked by the caller first (403 before 400). */
export interface Open311Filing {
  service_code: ConcernCategory;
  lat: number;
  lon: number;
  address: string | null;
  description: string;
  site_code: string | null;
  contact: { name: string | null; email: string | null; phone: string | null; device_id: string | null; account_id: string | null; media_url: string | null };
}

/** A free-text form field, bounded and free of control characters. */
function field(p: Params, name: string, max: number): string | null {
  const v = one(p, name);
  if (v === undefined) return null;
  const r = text(max).safeParse(v);
  if (!r.success) throw new Open311Error(400, `${name}: ${r.error.issues[0]?.message ?? 'invalid'} (at most ${max} characters)`);
  return r.data || null;
}

/** Reads the POST form (DOMAIN.md section 8); coordinates are required because this endpoint does not geocode. */
export function filingOf(p: Params): Open311Filing {
  const code = one(p, 'service_code');
  if (code === undefined) throw new Open311Error(400, 'service_code is required (see services.json)');
  if (!isServiceCode(code)) throw new Open311Error(400, `service_code ${code} is not a service here (see services.json)`);
  if (one(p, 'lat') === undefined || one(p, 'long') === undefined) {
    throw new Open311Error(400, one(p, 'address_string') || one(p, 'address_id') ? 'lat and long are required: this endpoint does not geocode addresses' : 'A location is required: lat and long');
  }
  const lat = coordinate(p, 'lat', 90);
  const lon = coordinate(p, 'long', 180);
  const first = field(p, 'first_name', CONCERN_LIMITS.nameChars);
  const last = field(p, 'last_name', CONCERN_LIMITS.nameChars);
  const mediaUrl = field(p, 'media_url', 2000);
  if (mediaUrl !== null && !/^https?:\/\/\S+$/i.test(mediaUrl)) throw new Open311Error(400, 'media_url must be an http(s) URL');
  return {
    service_code: code,
    lat,
    lon,
    address: field(p, 'address_string', 500),
    description: field(p, 'description', CONCERN_LIMITS.descriptionChars) ?? '',
    site_code: field(p, `attribute[${SITE_ATTRIBUTE}]`, 40),
    contact: {
      name: [first, last].filter(Boolean).join(' ') || null,
      email: field(p, 'email', CONCERN_LIMITS.emailChars),
      phone: field(p, 'phone', CONCERN_LIMITS.phoneChars),
      device_id: field(p, 'device_id', 200),
      account_id: field(p, 'account_id', 200),
      media_url: mediaUrl,
    },
  };
}
