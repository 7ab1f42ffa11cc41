/** System endpoints: the client's runtime configuration and the API document. */
import { z } from 'zod';
import { endpoint } from './endpoint.js';

export const clientConfig = endpoint({
  id: 'clientConfig', method: 'get', path: '/api/config', tag: 'system', access: 'public',
  summary: 'Runtime settings the browser needs: tile URL and attribution, version',
  response: { status: 200, description: '{tile_url, tile_attribution, version}', schema: z.object({ tile_url: z.string(), tile_attribution: z.string(), version: z.string() }) },
});

export const openapi = endpoint({
  id: 'openapi', method: 'get', path: '/api/openapi.json', tag: 'system', access: 'public',
  summary: 'This OpenAPI 3.1 document',
  response: { status: 200, description: 'OpenAPI document' },
});

export const systemEndpoints = [clientConfig, openapi];
