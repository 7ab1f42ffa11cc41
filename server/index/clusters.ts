/** Server-side clustering of sites with supercluster: one index per filter set, built on demand,
 *  cached, and rebuilt when sites change, so the payload depends on the view, not the registry size. */
import Supercluster, { type PointFeature, type ClusterProperties } from 'supercluster';
import type { DB } from '../db.js';

export interface ClusterFilter {
  operator?: string;
  status?: string;
  technology?: string;
  shared?: boolean;
}

interface SitePoint {
  id: number;
  code: string;
  lon: number;
  lat: number;
  operators: string[];
  technologies: string[];
  status: string;
  structure_type: string;
  height_m: number;
  shared: boolean;
  owner: string;
}

type PointProps = { i: number };
/** Above this zoom every site is returned on its own. */
export const CLUSTER_MAX_ZOOM = 14;
const CACHE = 8;

/** Clusters for map views, kept in step with the sites table. */
export class ClusterIndex {
  private points: SitePoint[] = [];
  private readonly byId = new Map<number, number>();
  private readonly indexes = new Map<string, Supercluster<PointProps>>();
  private readonly row;

  constructor(private readonly db: DB) {
    this.row = db.prepare('SELECT id, code, lon, lat, operators, technologies, status, structure_type, height_m, owner_operator_id FROM sites WHERE id = ?');
    const all = db.prepare('SELECT id, code, lon, lat, operators, technologies, status, structure_type, height_m, owner_operator_id FROM sites ORDER BY id');
    for (const r of all.iterate() as Iterable<Row>) this.put(r);
  }

  private put(r: Row): void {
    const operators = r.operators.split(',').filter(Boolean);
    const p: SitePoint = {
      id: r.id, code: r.code, lon: r.lon, lat: r.lat, operators, technologies: r.technologies.split(',').filter(Boolean),
      status: r.status, structure_type: r.structure_type, height_m: r.height_m, shared: operators.length >= 2, owner: r.owner_operator_id,
    };
    const at = this.byId.get(r.id);
    if (at === undefined) {
      this.byId.set(r.id, this.points.length);
      this.points.push(p);
    } else this.points[at] = p;
  }

  /** Re-reads changed sites and drops the built indexes (they rebuild on the next query). */
  update(ids: readonly number[]): void {
    for (const id of ids) {
      const r = this.row.get(id) as Row | undefined;
      if (r) this.put(r);
    }
    if (ids.length) this.indexes.clear();
  }

  private index(f: ClusterFilter): Supercluster<PointProps> {
    const key = JSON.stringify([f.operator ?? null, f.status ?? null, f.technology ?? null, f.shared ?? null]);
    let idx = this.indexes.get(key);
    if (idx) {
      this.indexes.delete(key);
      this.indexes.set(key, idx);
      return idx;
    }
    const feats: Array<PointFeature<PointProps>> = [];
    this.points.forEach((p, i) => {
      if (f.status ? p.status !== f.status : p.status === 'decommissioned') return;
      if (f.operator && !p.operators.includes(f.operator) && p.owner !== f.operator) return;
      if (f.technology && !p.technologies.includes(f.technology)) return;
      if (f.shared !== undefined && p.shared !== f.shared) return;
      feats.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { i } });
    });
    idx = new Supercluster<PointProps>({ radius: 60, maxZoom: CLUSTER_MAX_ZOOM, minPoints: 3 }).load(feats);
    this.indexes.set(key, idx);
    if (this.indexes.size > CACHE) this.indexes.delete(this.indexes.keys().next().value!);
    return idx;
  }

  /** Clusters and single sites in `bbox` at `zoom`, with the number of sites they stand for. */
  query(bbox: [number, number, number, number], zoom: number, f: ClusterFilter) {
    const idx = this.index(f);
    const found = idx.getClusters(bbox, Math.floor(zoom));
    let total = 0;
    const features = found.map((c) => {
      const props = c.properties as Partial<ClusterProperties> & Partial<PointProps>;
      if (props.cluster) {
        total += props.point_count!;
        return {
          type: 'Feature' as const,
          id: `c${props.cluster_id}`,
          geometry: c.geometry,
          properties: { cluster: true, cluster_id: props.cluster_id!, point_count: props.point_count!, expansion_zoom: Math.min(idx.getClusterExpansionZoom(props.cluster_id!), CLUSTER_MAX_ZOOM + 1) },
        };
      }
      total += 1;
      const p = this.points[props.i!]!;
      return {
        type: 'Feature' as const,
        id: p.id,
        geometry: c.geometry,
        properties: { cluster: false, id: p.id, code: p.code, operators: p.operators, status: p.status, shared: p.shared, structure_type: p.structure_type, height_m: p.height_m },
      };
    });
    return { type: 'FeatureCollection' as const, total, features };
  }
}

interface Row {
  id: number;
  code: string;
  lon: number;
  lat: number;
  operators: string;
  technologies: string;
  status: string;
  structure_type: string;
  height_m: number;
  owner_operator_id: string;
}
