/** Sensitive places and zones (districts included): storage, bbox queries and the district lookup. */
import type { SensitivePlace, Zone, ZoneKind } from '../../shared/model.js';
import { pointInPolygon } from '../../shared/geodesy.js';
import type { DB } from '../db.js';

type Geometry = GeoJSON.Point | GeoJSON.Polygon | GeoJSON.MultiPolygon;
type BBox = [number, number, number, number];

/** The bounding box of a Point, Polygon or MultiPolygon. */
export function geometryBBox(g: Geometry): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: GeoJSON.Position) => {
    const [x, y] = c as [number, number];
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  };
  if (g.type === 'Point') visit(g.coordinates);
  else if (g.type === 'Polygon') g.coordinates.forEach((r) => r.forEach(visit));
  else g.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
  return b;
}

interface ZoneRow extends Omit<Zone, 'geometry'> {
  geometry: string;
}
interface PlaceRow extends Omit<SensitivePlace, 'geometry'> {
  geometry: string;
  lon: number;
  lat: number;
}

/** Places and zones; districts are cached in memory for the point-in-district lookup. */
export class PlaceStore {
  /** Bumped by every write of sensitive places, so in-memory indexes of them know to rebuild. */
  version = 0;
  private districts: Array<{ id: number; bbox: BBox; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon }> = [];
  private readonly stmt;

  constructor(private readonly db: DB) {
    this.stmt = {
      insertPlace: db.prepare('INSERT INTO sensitive_places (kind, name_fa, name_en, geometry, lon, lat, source) VALUES (@kind, @name_fa, @name_en, @geometry, @lon, @lat, @source)'),
      insertPlaceBox: db.prepare('INSERT INTO places_rtree VALUES (?, ?, ?, ?, ?)'),
      placesInBBox: db.prepare(
        `SELECT p.* FROM places_rtree r CROSS JOIN sensitive_places p ON p.id = r.id
         WHERE r.min_lon <= @e AND r.max_lon >= @w AND r.min_lat <= @n AND r.max_lat >= @s ORDER BY p.id`,
      ),
      allPlaces: db.prepare('SELECT * FROM sensitive_places ORDER BY id'),
      place: db.prepare('SELECT * FROM sensitive_places WHERE id = ?'),
      insertZone: db.prepare(
        'INSERT INTO zones (kind, name_fa, name_en, geometry, min_lon, min_lat, max_lon, max_lat, source) VALUES (@kind, @name_fa, @name_en, @geometry, @min_lon, @min_lat, @max_lon, @max_lat, @source)',
      ),
      zonesInBBox: db.prepare(
        `SELECT id, kind, name_fa, name_en, geometry, source FROM zones
         WHERE min_lon <= @e AND max_lon >= @w AND min_lat <= @n AND max_lat >= @s AND (@kind IS NULL OR kind = @kind) ORDER BY id`,
      ),
      districts: db.prepare("SELECT id, geometry, min_lon, min_lat, max_lon, max_lat FROM zones WHERE kind = 'district' ORDER BY id"),
    };
    this.loadDistricts();
  }

  /** Re-reads the district polygons after they change. */
  loadDistricts(): void {
    const rows = this.stmt.districts.all() as Array<{ id: number; geometry: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>;
    this.districts = rows.map((r) => ({ id: r.id, bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat], geometry: JSON.parse(r.geometry) }));
  }

  /** The id of the district containing the point, or null. */
  districtOf = (lon: number, lat: number): number | null => {
    for (const d of this.districts) {
      if (lon < d.bbox[0] || lat < d.bbox[1] || lon > d.bbox[2] || lat > d.bbox[3]) continue;
      if (pointInPolygon(lon, lat, d.geometry)) return d.id;
    }
    return null;
  };

  /** Inserts a sensitive place (call inside a transaction); returns its id. */
  insertPlace(p: Omit<SensitivePlace, 'id'>): number {
    const b = geometryBBox(p.geometry);
    const id = Number(
      this.stmt.insertPlace.run({ ...p, geometry: JSON.stringify(p.geometry), lon: (b[0] + b[2]) / 2, lat: (b[1] + b[3]) / 2 }).lastInsertRowid,
    );
    this.stmt.insertPlaceBox.run(id, b[0], b[2], b[1], b[3]);
    this.version++;
    return id;
  }

  /** Inserts a zone (call inside a transaction); returns its id. */
  insertZone(z: Omit<Zone, 'id'>): number {
    const [min_lon, min_lat, max_lon, max_lat] = geometryBBox(z.geometry);
    return Number(this.stmt.insertZone.run({ ...z, geometry: JSON.stringify(z.geometry), min_lon, min_lat, max_lon, max_lat }).lastInsertRowid);
  }

  /** Sensitive places whose box meets `bbox` (all when none). */
  places(bbox?: BBox): SensitivePlace[] {
    const rows = (bbox ? this.stmt.placesInBBox.all({ w: bbox[0], s: bbox[1], e: bbox[2], n: bbox[3] }) : this.stmt.allPlaces.all()) as PlaceRow[];
    return rows.map(({ lon: _x, lat: _y, ...r }) => ({ ...r, geometry: JSON.parse(r.geometry) }));
  }

  /** One sensitive place, or undefined. */
  place(id: number): SensitivePlace | undefined {
    const r = this.stmt.place.get(id) as PlaceRow | undefined;
    if (!r) return undefined;
    const { lon: _x, lat: _y, ...rest } = r;
    return { ...rest, geometry: JSON.parse(r.geometry) };
  }

  /** Zones whose box meets `bbox`, optionally of one kind. */
  zones(bbox: BBox = [-180, -90, 180, 90], kind: ZoneKind | null = null): Zone[] {
    const rows = this.stmt.zonesInBBox.all({ w: bbox[0], s: bbox[1], e: bbox[2], n: bbox[3], kind }) as ZoneRow[];
    return rows.map((r) => ({ ...r, geometry: JSON.parse(r.geometry) }));
  }
}
