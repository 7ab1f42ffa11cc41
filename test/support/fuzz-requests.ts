/** Seeded generator of malformed and hostile requests for one OpenAPI operation: a plausible request from the
 *  schema, then one mutation (wrong type, missing or extra field, out-of-range or non-finite number, bad GeoJSON,
 *  hostile text, huge or empty or unparsable body, wrong content type, bad path or query). */
import type { Operation, Param, Schema } from './openapi-ops.js';
import * as H from './hostile.js';

export type Rng = () => number;

/** One request to send: a path with its query string, headers, and a body already serialised. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Which mutation made it, for failure messages. */
  kind: string;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const KARAJ = { lon: 50.99, lat: 35.83 };
const OPERATORS = ['mci', 'irancell', 'rightel'];
let serial = 0;

/** The first non-null branch of a union, else the schema itself. */
function concrete(s: Schema): Schema {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.find((a) => a.type !== 'null') ?? alts[0] ?? {};
  return s;
}

/** A value that the schema (probably) accepts; names steer numbers to Karaj and ids to existing rows. */
export function plausible(s: Schema, rng: Rng, name = ''): unknown {
  const c = concrete(s);
  if (c.const !== undefined) return c.const;
  if (c.enum) return pick(rng, c.enum);
  const type = Array.isArray(c.type) ? c.type.find((t) => t !== 'null') : c.type;
  if (/^(lat|lat_ne|lat_sw)$/.test(name)) return KARAJ.lat + (rng() - 0.5) * 0.05;
  if (/^(lon|long|lng|long_ne|long_sw)$/.test(name)) return KARAJ.lon + (rng() - 0.5) * 0.05;
  if (/geometry|polygon|area/.test(name) && (type === 'object' || type === undefined)) {
    const { lon, lat } = KARAJ;
    return { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat]]] };
  }
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c.properties ?? {})) {
        if ((c.required ?? []).includes(k) || rng() < 0.4) out[k] = plausible(v, rng, k);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(c.minItems ?? 0, Math.floor(rng() * 2));
      return Array.from({ length: n }, () => plausible(c.items ?? {}, rng, name));
    }
    case 'integer':
    case 'number': {
      if (name === 'limit' || name === 'page_size') return 5;
      if (name === 'zoom') return 12;
      if (name === 'id' || name.endsWith('_id')) return 1;
      const lo = c.minimum ?? (c.exclusiveMinimum !== undefined ? c.exclusiveMinimum + 1 : 0);
      const hi = Math.min(c.maximum ?? (c.exclusiveMaximum !== undefined ? c.exclusiveMaximum - 1 : lo + 100), lo + 1000);
      const v = lo + rng() * (hi - lo);
      return type === 'integer' ? Math.ceil(v) : Math.round(v * 1000) / 1000;
    }
    case 'boolean':
      return rng() < 0.5;
    case 'string': {
      if (name === 'bbox') return '50.9,35.75,51.1,35.9';
      if (/operator_id$|^operator$/.test(name)) return pick(rng, OPERATORS);
      if (c.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') || c.format === 'date' || /date/.test(name)) return '2024-03-20';
      if (name === 'code' || c.pattern) return `FZ-${++serial}`;
      if (/email/.test(name)) return 'resident@example.org';
      const text = pick(rng, ['Karaj mast', 'دکل پشت بام', 'fuzz']);
      return text.slice(0, c.maxLength ?? 200).padEnd(c.minLength ?? 0, 'x');
    }
    default:
      return 'x';
  }
}

/** Paths to every leaf and object inside a value, for choosing what to mutate. */
function slots(v: unknown, at: string[] = []): string[][] {
  if (v === null || typeof v !== 'object') return at.length ? [at] : [];
  const out: string[][] = at.length ? [at] : [];
  for (const [k, x] of Object.entries(v)) out.push(...slots(x, [...at, k]));
  return out;
}

function setAt(root: unknown, path: string[], value: unknown): void {
  let o = root as Record<string, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  const last = path.at(-1);
  if (last !== undefined) o[last] = value;
}

function deleteAt(root: unknown, path: string[]): void {
  let o = root as Record<string, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  const last = path.at(-1);
  if (last !== undefined) delete o[last];
}

const wrongTypeFor = (v: unknown, rng: Rng): unknown =>
  pick(rng, typeof v === 'string' ? [1, true, null, [], {}, ['a']] : typeof v === 'number' ? [String(v), true, null, [v], { v }] : ['x', 0, false, null, [], {}]);

const serialise = (params: Record<string, string>) => Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');

/** Builds one hostile request for `op`. */
export function fuzzRequest(op: Operation, rng: Rng): FuzzRequest {
  const pathValues: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const p of op.params) {
    if (p.in === 'path') pathValues[p.name] = encodeURIComponent(String(plausible(p.schema, rng, p.name)));
    else if (p.in === 'query' && (p.required || rng() < 0.3)) query[p.name] = encodeURIComponent(String(plausible(p.schema, rng, p.name)));
  }
  const form = op.body?.contentType === 'application/x-www-form-urlencoded';
  let value: unknown = op.body ? plausible(op.body.schema, rng) : undefined;
  let raw: string | undefined;
  let contentType = op.body?.contentType ?? 'application/json';
  let method = op.method.toUpperCase();
  const sendsBody = op.method !== 'get' && op.method !== 'delete';
  const kinds = ['path', 'queryValue', 'queryUnknown', 'queryRepeat', 'queryMissing', 'method'];
  if (sendsBody) kinds.push('wrongType', 'wrongType', 'missing', 'extra', 'number', 'coords', 'geojson', 'string', 'string', 'hostileAll', 'huge', 'empty', 'raw', 'contentType');
  const kind = pick(rng, kinds);
  const bodySlots = slots(value);
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p): p is Param => p.in === 'query');

  switch (kind) {
    case 'path':
      if (pathParams.length) pathValues[pick(rng, pathParams).name] = pick(rng, H.HOSTILE_PATH_SEGMENTS);
      else query[pick(rng, H.HOSTILE_KEYS) || 'x'] = pick(rng, H.HOSTILE_QUERY_VALUES);
      break;
    case 'queryValue':
      query[queryParams.length ? pick(rng, queryParams).name : 'q'] = pick(rng, H.HOSTILE_QUERY_VALUES);
      break;
    case 'queryUnknown':
      query[encodeURIComponent(pick(rng, H.HOSTILE_KEYS)) || 'x'] = pick(rng, H.HOSTILE_QUERY_VALUES);
      break;
    case 'queryRepeat': {
      const name = queryParams.length ? pick(rng, queryParams).name : 'a';
      const v = query[name] ?? '1';
      return finish(op, pathValues, `${serialise(query)}&${name}=${v}&${name}=${pick(rng, H.HOSTILE_QUERY_VALUES)}&${name}[x]=1`, method, kind, contentType, value, raw, form);
    }
    case 'queryMissing': {
      const req = queryParams.filter((p) => p.required);
      if (req.length) delete query[pick(rng, req).name];
      else query.__proto__x = '1';
      break;
    }
    case 'method':
      method = pick(rng, ['PUT', 'DELETE', 'PATCH', 'POST', 'GET'].filter((m) => m !== method));
      break;
    case 'wrongType':
      if (bodySlots.length) setAt(value, pick(rng, bodySlots), wrongTypeFor(undefined, rng));
      else value = wrongTypeFor(value, rng);
      break;
    case 'missing':
      if (bodySlots.length) deleteAt(value, pick(rng, bodySlots));
      else value = {};
      break;
    case 'extra':
      if (value && typeof value === 'object') (value as Record<string, unknown>)[pick(rng, H.HOSTILE_KEYS)] = pick(rng, [1, 'x', { admin: true }, null]);
      else value = { [pick(rng, H.HOSTILE_KEYS)]: 1 };
      break;
    case 'number':
      if (bodySlots.length) setAt(value, pick(rng, bodySlots), pick(rng, H.HOSTILE_NUMBERS));
      else value = pick(rng, H.HOSTILE_NUMBERS);
      break;
    case 'coords': {
      const marker = '"__COORD__"';
      const coordSlots = bodySlots.filter((s) => /^(lat|lon|long|lng)/.test(s.at(-1) ?? ''));
      if (coordSlots.length) setAt(value, pick(rng, coordSlots), '__COORD__');
      else if (value && typeof value === 'object') (value as Record<string, unknown>).lat = '__COORD__';
      else value = { lat: '__COORD__', lon: '__COORD__' };
      raw = form ? undefined : JSON.stringify(value).replaceAll(marker, pick(rng, [...H.HOSTILE_COORD_TEXT, ...H.NON_JSON_NUMBERS]));
      if (form) setAt(value, pick(rng, coordSlots.length ? coordSlots : [['lat']]), pick(rng, ['NaN', 'Infinity', '1e999', '91', '-181', '']));
      break;
    }
    case 'geojson': {
      const geo = bodySlots.filter((s) => /geometry|polygon|area|coordinates/.test(s.join('.')));
      const g = pick(rng, H.HOSTILE_GEOJSON);
      if (geo.length) setAt(value, pick(rng, geo), g);
      else if (value && typeof value === 'object') (value as Record<string, unknown>).geometry = g;
      else value = g;
      break;
    }
    case 'string': {
      const strSlots = bodySlots.filter((s) => typeof s.reduce<any>((o, k) => o?.[k], value) === 'string');
      const target = strSlots.length ? pick(rng, strSlots) : bodySlots.length ? pick(rng, bodySlots) : undefined;
      const s = rng() < 0.1 ? 'ک'.repeat(70_000) : pick(rng, H.HOSTILE_STRINGS);
      if (target) setAt(value, target, s);
      else value = s;
      break;
    }
    case 'hostileAll':
      // Every string field hostile but within its length, so some of these are accepted and stored.
      for (const s of bodySlots) {
        const v = s.reduce<any>((o, k) => o?.[k], value);
        if (typeof v === 'string' && !/^(code|.*operator.*|technology|structure_type|status|source|.*_date|installed_on|format|kind)$/.test(s.at(-1) ?? '')) {
          setAt(value, s, pick(rng, H.HOSTILE_STRINGS).slice(0, 40));
        }
      }
      break;
    case 'huge':
      raw = rng() < 0.5 ? `{"a":"${'x'.repeat(1_100_000)}"}` : JSON.stringify({ ...(value as object), pad: Array.from({ length: 120_000 }, (_, i) => i) });
      break;
    case 'empty':
      raw = pick(rng, ['', '{}', '[]', 'null']);
      break;
    case 'raw':
      raw = pick(rng, H.HOSTILE_RAW_BODIES);
      break;
    case 'contentType':
      contentType = pick(rng, H.HOSTILE_CONTENT_TYPES);
      break;
  }
  return finish(op, pathValues, serialise(query), method, kind, contentType, value, raw, form);
}

function finish(op: Operation, pathValues: Record<string, string>, qs: string, method: string, kind: string, contentType: string, value: unknown, raw: string | undefined, form: boolean): FuzzRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, n: string) => pathValues[n] ?? '1') + (qs ? `?${qs}` : '');
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (method !== 'GET' && method !== 'DELETE' && (value !== undefined || raw !== undefined)) {
    headers['content-type'] = contentType;
    body = raw ?? (form && value && typeof value === 'object' ? new URLSearchParams(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''])).toString() : JSON.stringify(value));
  }
  return { method, path, headers, body, kind };
}
