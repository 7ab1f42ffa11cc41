/** The registry's endpoints: health, operators, sites, antennas, places, zones, auth, import, export. */
import { z } from 'zod';
import { AntennaInput, AntennaPatch, SITE_STATUSES, SiteCreate, SitePatch, TECHNOLOGIES } from '../model.js';
import { BBox, IdParams, endpoint, qBool, qInt, qNumber } from './endpoint.js';

const FeatureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }).loose();
const Feature = z.object({ type: z.literal('Feature'), geometry: z.unknown(), properties: z.record(z.string(), z.unknown()) }).loose();

export const health = endpoint({
  id: 'health', method: 'get', path: '/api/health', tag: 'system', access: 'public',
  summary: 'Liveness, version and the number of sites',
  response: { status: 200, description: '{ok, version, sites}', schema: z.object({ ok: z.boolean(), version: z.string(), sites: z.number() }) },
});

export const listOperators = endpoint({
  id: 'listOperators', method: 'get', path: '/api/operators', tag: 'registry', access: 'public',
  summary: 'Mobile operators and tower companies',
  response: { status: 200, description: 'array of operators' },
});

export const SiteListQuery = z
  .object({
    bbox: BBox.optional(),
    operator: z.string().max(40).optional(),
    status: z.enum(SITE_STATUSES).optional(),
    technology: z.enum(TECHNOLOGIES).optional(),
    shared: qBool.optional(),
    district: qInt(1, 1e9).optional(),
    q: z.string().max(100).optional(),
    limit: qInt(1, 10000).default(5000),
    cursor: qInt(0, Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();
export type SiteListQuery = z.infer<typeof SiteListQuery>;

export const listSites = endpoint({
  id: 'listSites', method: 'get', path: '/api/sites', tag: 'registry', access: 'public', query: SiteListQuery,
  summary: 'Sites as a GeoJSON FeatureCollection, filtered, keyset-paginated by id (next_cursor)',
  response: { status: 200, description: 'FeatureCollection with next_cursor and total', contentType: 'application/geo+json', schema: FeatureCollection },
});

export const NearQuery = z
  .object({ lat: qNumber(-90, 90), lon: qNumber(-180, 180), radius_m: qNumber(1, 50000).default(500), limit: qInt(1, 5000).default(100) })
  .strict();
export const nearSites = endpoint({
  id: 'nearSites', method: 'get', path: '/api/sites/near', tag: 'registry', access: 'public', query: NearQuery,
  summary: 'Sites within radius_m of a point, nearest first, with distance_m',
  response: { status: 200, description: 'FeatureCollection', contentType: 'application/geo+json', schema: FeatureCollection },
});

export const getSite = endpoint({
  id: 'getSite', method: 'get', path: '/api/sites/:id', tag: 'registry', access: 'public', params: IdParams,
  summary: 'One site with its antennas',
  response: { status: 200, description: 'Feature', contentType: 'application/geo+json', schema: Feature },
});

export const createSite = endpoint({
  id: 'createSite', method: 'post', path: '/api/sites', tag: 'registry', access: 'user', body: SiteCreate,
  summary: 'Create a site (planners any; operators only sites their operator owns)',
  response: { status: 201, description: 'Feature', schema: Feature },
});

export const patchSite = endpoint({
  id: 'patchSite', method: 'patch', path: '/api/sites/:id', tag: 'registry', access: 'user', params: IdParams, body: SitePatch,
  summary: 'Change a site; decommissioning is status=decommissioned, never a delete',
  response: { status: 200, description: 'Feature', schema: Feature },
});

export const addAntenna = endpoint({
  id: 'addAntenna', method: 'post', path: '/api/sites/:id/antennas', tag: 'registry', access: 'user', params: IdParams, body: AntennaInput.strict(),
  summary: "Add an antenna (operators only their own operator's)",
  response: { status: 201, description: 'the antenna' },
});

export const patchAntenna = endpoint({
  id: 'patchAntenna', method: 'patch', path: '/api/antennas/:id', tag: 'registry', access: 'user', params: IdParams, body: AntennaPatch,
  summary: 'Change an antenna',
  response: { status: 200, description: 'the antenna' },
});

export const deleteAntenna = endpoint({
  id: 'deleteAntenna', method: 'delete', path: '/api/antennas/:id', tag: 'registry', access: 'user', params: IdParams,
  summary: 'Remove an antenna from its site',
  response: { status: 204, description: 'removed' },
});

const BBoxQuery = z.object({ bbox: BBox.optional() }).strict();
export const listSensitivePlaces = endpoint({
  id: 'listSensitivePlaces', method: 'get', path: '/api/sensitive-places', tag: 'registry', access: 'public', query: BBoxQuery,
  summary: 'Kindergartens, schools, hospitals, clinics, elderly care',
  response: { status: 200, description: 'FeatureCollection', contentType: 'application/geo+json', schema: FeatureCollection },
});

export const listZones = endpoint({
  id: 'listZones', method: 'get', path: '/api/zones', tag: 'registry', access: 'public',
  query: BBoxQuery.extend({ kind: z.enum(['no_build', 'stealth_required', 'heritage', 'district']).optional() }).strict(),
  summary: 'Zones with rules attached, and planning districts',
  response: { status: 200, description: 'FeatureCollection', contentType: 'application/geo+json', schema: FeatureCollection },
});

export const login = endpoint({
  id: 'login', method: 'post', path: '/api/auth/login', tag: 'auth', access: 'public',
  body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
  summary: 'Sign in; sets an HttpOnly session cookie and returns the CSRF token',
  response: { status: 200, description: '{user, csrf}' },
});

export const logout = endpoint({
  id: 'logout', method: 'post', path: '/api/auth/logout', tag: 'auth', access: 'public',
  summary: 'Sign out; the session is deleted on the server',
  response: { status: 204, description: 'signed out' },
});

export const me = endpoint({
  id: 'me', method: 'get', path: '/api/auth/me', tag: 'auth', access: 'public',
  summary: 'The signed-in user (or null) and the CSRF token',
  response: { status: 200, description: '{user, csrf}' },
});

export const IMPORT_FORMATS = ['csv', 'geojson', 'opencellid', 'districts', 'places'] as const;
export const ImportQuery = z.object({ format: z.enum(IMPORT_FORMATS), dry_run: qBool.default(false) }).strict();
export const importFile = endpoint({
  id: 'importFile', method: 'post', path: '/api/import', tag: 'import', access: 'planner', query: ImportQuery,
  summary: 'Import a file sent as the raw body (csv: sites, one row per antenna; geojson: sites or OSM masts; opencellid: observed cells; districts; places): all rows or none; the report lists accepted, updated and rejected rows with line numbers',
  response: { status: 200, description: 'import report' },
});

const ExportParams = z.object({ format: z.enum(['geojson', 'csv', 'kml']) }).strict();
export const exportSites = endpoint({
  id: 'exportSites', method: 'get', path: '/api/export/sites.:format', tag: 'export', access: 'public', params: ExportParams,
  summary: 'The registry with public fields only, streamed, as GeoJSON, CSV or KML',
  response: { status: 200, description: 'file' },
});

export const registryEndpoints = [
  health, listOperators, listSites, nearSites, getSite, createSite, patchSite, addAntenna, patchAntenna, deleteAntenna,
  listSensitivePlaces, listZones, login, logout, me, importFile, exportSites,
];
