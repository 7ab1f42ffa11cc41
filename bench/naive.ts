/** The baselines the bench compares against: the SQLite R*Tree queries the store used before the in-memory index,
 *  supercluster rebuilt per write, and aggregates and density computed from SQL rows per request. */
import Supercluster from 'supercluster';
import { densityGrid } from '../shared/density.js';
import { haversineM } from '../shared/geodesy.js';
import type { DB } from '../server/db.js';

const COLS = `s.id, s.code, s.lon, s.lat, s.structure_type, s.height_m, s.owner_operator_id, s.permit_no, s.status,
  s.installed_on, s.permit_date, s.source, s.verified, s.ground_elevation_m, s.address, s.district_id,
  s.operators, s.technologies, s.antenna_count, s.created_at, s.updated_at`;
const IN_BBOX = 'r.min_lon <= @e AND r.max_lon >= @w AND r.min_lat <= @n AND r.max_lat >= @s';

type BBox = [number, number, number, number];

/** The R*Tree ways of nearby and bbox listing, and SQL aggregates. */
export function sqlBaselines(db: DB) {
  const near = db.prepare(`SELECT s.id, s.lon, s.lat FROM sites_rtree r CROSS JOIN sites s ON s.id = r.id WHERE ${IN_BBOX}`).raw();
  const get = db.prepare(`SELECT ${COLS} FROM sites s WHERE s.id = ?`);
  const list = db.prepare(`SELECT ${COLS} FROM sites_rtree r CROSS JOIN sites s ON s.id = r.id WHERE ${IN_BBOX} ORDER BY s.id LIMIT @limit`);
  const count = db.prepare(`SELECT count(*) FROM sites_rtree r CROSS JOIN sites s ON s.id = r.id WHERE ${IN_BBOX}`).pluck();
  const byStatus = db.prepare('SELECT status, count(*) n FROM sites GROUP BY status');
  const byDistrict = db.prepare('SELECT district_id, count(*) n FROM sites GROUP BY district_id');
  const byOps = db.prepare('SELECT operators, technologies, count(*) n FROM sites GROUP BY operators, technologies');
  const points = db.prepare("SELECT lon, lat, operators FROM sites WHERE status <> 'decommissioned'").raw();
  return {
    /** R*Tree box, exact haversine, full rows for the nearest `limit` (the store's way before the index). */
    near(lon: number, lat: number, radiusM: number, limit: number) {
      const dLat = (radiusM * 1.01) / 111_194.9;
      const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
      const hits: Array<[number, number]> = [];
      for (const [id, x, y] of near.all({ w: lon - dLon, e: lon + dLon, s: lat - dLat, n: lat + dLat }) as Array<[number, number, number]>) {
        const d = haversineM(lon, lat, x, y);
        if (d <= radiusM) hits.push([id, d]);
      }
      hits.sort((a, b) => a[1] - b[1]);
      return hits.slice(0, limit).map(([id, distanceM]) => ({ row: get.get(id), distanceM }));
    },
    /** First page of a bbox listing and its total through the R*Tree. */
    list([w, s, e, n]: BBox, limit: number) {
      return { rows: list.all({ w, s, e, n, limit }), total: count.get({ w, s, e, n }) as number };
    },
    /** Counts by status, district, operator and technology with GROUP BY (operator lists split in JS). */
    counts() {
      const ops: Record<string, number> = {};
      const techs: Record<string, number> = {};
      for (const r of byOps.all() as Array<{ operators: string; technologies: string; n: number }>) {
        for (const o of r.operators.split(',')) if (o) ops[o] = (ops[o] ?? 0) + r.n;
        for (const t of r.technologies.split(',')) if (t) techs[t] = (techs[t] ?? 0) + r.n;
      }
      return { status: byStatus.all(), district: byDistrict.all(), ops, techs };
    },
    /** shared/density.ts densityGrid over every standing site read from SQLite for the request. */
    density(bbox: BBox, cellKm: number) {
      const pts = (points.all() as Array<[number, number, string]>).map(([lon, lat, o]) => ({ lon, lat, operators: o.split(',').filter(Boolean) }));
      return densityGrid(pts, bbox, cellKm);
    },
  };
}

/** supercluster 9 over every standing site, as the cluster index was built before (and rebuilt on any write). */
export function superclusterOf(db: DB): { index: Supercluster; buildMs: number } {
  const t = performance.now();
  const feats = (db.prepare("SELECT id, lon, lat FROM sites WHERE status <> 'decommissioned'").raw().all() as Array<[number, number, number]>).map(
    ([id, lon, lat]) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties: { id } }),
  );
  const index = new Supercluster({ radius: 60, maxZoom: 14, minPoints: 3 }).load(feats);
  return { index, buildMs: performance.now() - t };
}
