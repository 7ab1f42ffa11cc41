/** Map endpoints: server-side clusters for a view. */
import { z } from 'zod';
import { SITE_STATUSES, TECHNOLOGIES } from '../model.js';
import { BBox, endpoint, qBool, qNumber } from './endpoint.js';

export const ClusterQuery = z
  .object({
    bbox: BBox,
    zoom: qNumber(0, 24),
    operator: z.string().max(40).optional(),
    status: z.enum(SITE_STATUSES).optional(),
    technology: z.enum(TECHNOLOGIES).optional(),
    shared: qBool.optional(),
  })
  .strict();

export const clusters = endpoint({
  id: 'clusters', method: 'get', path: '/api/clusters', tag: 'map', access: 'public', query: ClusterQuery,
  summary: 'Clusters (below zoom 15) and single sites in a view; `total` counts the sites they stand for. Decommissioned sites are left out unless status asks for them.',
  response: { status: 200, description: 'FeatureCollection of cluster and site points', contentType: 'application/geo+json' },
});

export const mapEndpoints = [clusters];
