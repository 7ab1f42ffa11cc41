/** The OpenAPI 3.1 document, generated from the same zod schemas that validate the requests. */
import { z } from 'zod';
import { ErrorBody, type Endpoint } from '../../shared/api/endpoint.js';

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

function stripDialect(s: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _, ...rest } = s;
  return rest;
}

function parameters(e: Endpoint) {
  const out: unknown[] = [];
  for (const [where, schema] of [['path', e.params], ['query', e.query]] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop });
    }
  }
  return out;
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** Builds the document for `endpoints`. */
export function openApiDocument(endpoints: readonly Endpoint[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const path = e.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      operationId: e.id,
      summary: e.summary,
      tags: [e.tag],
      parameters: parameters(e),
      responses: {
        [String(e.response.status)]: {
          description: e.response.description,
          ...(e.response.status !== 204
            ? { content: { [e.response.contentType ?? 'application/json']: { schema: e.response.schema ? stripDialect(jsonSchema(e.response.schema)) : {} } } }
            : {}),
        },
        '400': errorResponse('Invalid input; `fields` names each bad field'),
        ...(e.access !== 'public' ? { '401': errorResponse('Not signed in'), '403': errorResponse('Not allowed for this role') } : {}),
        ...(e.params ? { '404': errorResponse('Not found') } : {}),
      },
      'x-access': e.access,
    };
    if (e.body) op.requestBody = { required: true, content: { 'application/json': { schema: stripDialect(jsonSchema(e.body)) } } };
    if (e.access !== 'public') op.security = [{ session: [] }];
    (paths[path] ??= {})[e.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Dakal API', version, description: 'Telecom mast siting registry for Karaj. Collections are GeoJSON ([lon, lat]).' },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: stripDialect(jsonSchema(ErrorBody)) },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dakal_session', description: 'Writes also need the X-CSRF-Token header from /api/auth/me' } },
    },
  };
}
