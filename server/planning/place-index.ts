/** Sensitive places in memory with a kdbush index over their box centres, for many "which places near here" questions
 *  in one request (the siting checks of a plan, the buffer check of every structure) without a query and a JSON parse
 *  of each geometry per question. */
import KDBush from 'kdbush';
import { EARTH_RADIUS_M } from '../../shared/geodesy.js';
import type { SitingPlace } from '../../shared/siting.js';
import type { PlaceStore } from '../store/places.js';
import { geometryBBox } from '../store/places.js';

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** Indexes of the points within a box of radiusM around (lon, lat): a superset of those within radiusM. */
export function pointsInBox(index: KDBush, count: number, lon: number, lat: number, radiusM: number): number[] {
  const dLat = (radiusM * 1.01) / M_PER_DEG;
  const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  return index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat).filter((i) => i < count);
}

/** A kdbush index over points (one dummy point far away when there are none: kdbush needs one). */
export function pointIndex(points: ReadonlyArray<{ lon: number; lat: number }>): KDBush {
  const index = new KDBush(Math.max(1, points.length));
  for (const p of points) index.add(p.lon, p.lat);
  if (points.length === 0) index.add(1e9, 1e9);
  return index.finish();
}

/** Every sensitive place, read once. */
export class PlaceIndex {
  private readonly places: SitingPlace[];
  private readonly index: KDBush;
  /** Half the diagonal of the largest place's box, in metres: added to each query so no area is missed. */
  private readonly reachM: number;

  constructor(store: PlaceStore) {
    let reach = 0;
    const centres: Array<{ lon: number; lat: number }> = [];
    this.places = store.places().map((p) => {
      const [w, s, e, n] = geometryBBox(p.geometry);
      const lat = (s + n) / 2;
      reach = Math.max(reach, Math.hypot((e - w) * M_PER_DEG * Math.cos((lat * Math.PI) / 180), (n - s) * M_PER_DEG) / 2);
      centres.push({ lon: (w + e) / 2, lat });
      return { id: p.id, kind: p.kind, name_fa: p.name_fa, name_en: p.name_en, geometry: p.geometry };
    });
    this.reachM = reach;
    this.index = pointIndex(centres);
  }

  /** Every place, by id. */
  all(): readonly SitingPlace[] {
    return this.places;
  }

  /** Places that may come within radiusM of the point (a superset; callers measure the exact distance), by id. */
  near(lon: number, lat: number, radiusM: number): SitingPlace[] {
    return pointsInBox(this.index, this.places.length, lon, lat, radiusM + this.reachM)
      .sort((a, b) => a - b)
      .map((i) => this.places[i]!);
  }
}
