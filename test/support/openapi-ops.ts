/** The operations of the served OpenAPI document (plus Open311 GeoReport v2 when it is mounted), read at run time. */

/** A JSON Schema as the document carries it (only what the fuzzer reads). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  $ref?: string;
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

/** One method on one path, with who may call it and what it takes. */
export interface Operation {
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Template with `{name}` path parameters. */
  path: string;
  access: string;
  params: Param[];
  body?: { contentType: string; schema: Schema };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Reads every operation of an OpenAPI 3 document. */
export function operationsOf(doc: { paths: Record<string, Record<string, any>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const content = op.requestBody?.content as Record<string, { schema?: Schema }> | undefined;
      const [contentType, media] = content ? (Object.entries(content)[0] ?? []) : [];
      out.push({
        id: op.operationId ?? `${method} ${path}`,
        method,
        path,
        access: op['x-access'] ?? (op.security ? 'user' : 'public'),
        params: [...(item.parameters ?? []), ...(op.parameters ?? [])] as Param[],
        ...(contentType ? { body: { contentType, schema: media?.schema ?? {} } } : {}),
      });
    }
  }
  return out;
}

const OPEN311 = '/open311/v2';
const str = (maxLength?: number): Schema => ({ type: 'string', ...(maxLength ? { maxLength } : {}) });

/** Open311 GeoReport v2 operations (DOMAIN.md section 8), used when the server answers discovery but its
 *  document does not list them. */
export function open311Operations(): Operation[] {
  const q = (name: string, schema: Schema = str(), required = false): Param => ({ name, in: 'query', required, schema });
  const requestForm: Schema = {
    type: 'object',
    required: ['service_code'],
    properties: {
      api_key: str(100), service_code: str(40), lat: { type: 'number', minimum: -90, maximum: 90 }, long: { type: 'number', minimum: -180, maximum: 180 },
      address_string: str(200), email: str(200), device_id: str(100), account_id: str(100), first_name: str(100), last_name: str(100),
      phone: str(40), description: str(4000), media_url: str(500),
    },
  };
  return [
    { id: 'open311Discovery', method: 'get', path: `${OPEN311}/discovery.json`, access: 'public', params: [] },
    { id: 'open311Services', method: 'get', path: `${OPEN311}/services.json`, access: 'public', params: [] },
    { id: 'open311Service', method: 'get', path: `${OPEN311}/services/{service_code}.json`, access: 'public', params: [{ name: 'service_code', in: 'path', required: true, schema: str(40) }] },
    {
      id: 'open311Requests', method: 'get', path: `${OPEN311}/requests.json`, access: 'public',
      params: [q('service_request_id'), q('service_code'), q('start_date'), q('end_date'), q('status', { type: 'string', enum: ['open', 'closed'] }), q('page', { type: 'integer', minimum: 1 }), q('page_size', { type: 'integer', minimum: 1, maximum: 1000 }), q('lat_ne', { type: 'number' }), q('long_ne', { type: 'number' }), q('lat_sw', { type: 'number' }), q('long_sw', { type: 'number' })],
    },
    { id: 'open311Request', method: 'get', path: `${OPEN311}/requests/{service_request_id}.json`, access: 'public', params: [{ name: 'service_request_id', in: 'path', required: true, schema: str(40) }] },
    { id: 'open311Create', method: 'post', path: `${OPEN311}/requests.json`, access: 'public', params: [], body: { contentType: 'application/x-www-form-urlencoded', schema: requestForm } },
  ];
}

/** The served document's operations, plus Open311's when discovery answers and the document lacks them. */
export async function servedOperations(base: string): Promise<{ ops: Operation[]; open311: boolean }> {
  const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
  const ops = operationsOf(doc);
  const discovery = await fetch(`${base}${OPEN311}/discovery.json`);
  const open311 = discovery.status === 200 && (discovery.headers.get('content-type') ?? '').includes('json');
  await discovery.arrayBuffer();
  if (open311) {
    const have = new Set(ops.map((o) => `${o.method} ${o.path}`));
    for (const o of open311Operations()) if (!have.has(`${o.method} ${o.path}`)) ops.push(o);
  }
  return { ops, open311 };
}

/** True for methods that change state. */
export const isWrite = (op: Pick<Operation, 'method'>) => op.method !== 'get';
