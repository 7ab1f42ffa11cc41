/** Server-side clusters for map views over the in-memory site index: per filter set, a pyramid of grid cells 60 px
 *  wide at every zoom (each zoom's cells are exactly four of the next's), kept in step with every write instead of
 *  rebuilt, so the answer costs the cells in view, not the registry size. Grid clustering with the members' centroid
 *  as position, as Elasticsearch's geotile_grid or PostGIS ST_SnapToGrid clustering; supercluster's greedy radius
 *  clustering needed a full rebuild per write (1.4–8.8 s at 1,000,000 sites, MEASURED.md). */
import { SITE_STATUSES, STRUCTURE_TYPES, TECHNOLOGIES } from '../../shared/model.js';
import { CLUSTER_MAX_ZOOM, KEY, latOf, lonOf, mercX, mercY, MIN_POINTS, Pyramid, TOP, type Cell } from './cluster-pyramid.js';
import type { SiteIndex, SlotListener } from './site-index.js';

export { CLUSTER_MAX_ZOOM } from './cluster-pyramid.js';

export interface ClusterFilter {
  operator?: string;
  status?: string;
  technology?: string;
  shared?: boolean;
}

const CACHE = 8;
/** A city view at zoom 17 holds up to ten thousand sites; number-to-text conversion is most of their cost. */
const FEATURE_CACHE = 200_000;

const STATUS_JSON = SITE_STATUSES.map((s) => JSON.stringify(s));
const STRUCTURE_JSON = STRUCTURE_TYPES.map((s) => JSON.stringify(s));

/** Clusters for map views, kept in step with the site index. */
export class ClusterIndex implements SlotListener {
  private readonly pyramids = new Map<string, Pyramid>();
  private readonly opsJson = new Map<number, string>();
  /** GeoJSON text of single sites already served, until the site changes (bounded: cleared at FEATURE_CACHE). */
  private readonly featureText = new Map<number, string>();
  private listening: SiteIndex | null = null;

  /** `indexOf` gives the site index, fresh (SiteStore.index). The default filter set is built right after start-up
   *  code (seeding included) has run, so the first map request does not pay for it. */
  constructor(private readonly indexOf: () => SiteIndex) {
    setImmediate(() => {
      try {
        this.pyramid({});
      } catch {
        // The database was closed first (a short-lived context): nothing to warm.
      }
    }).unref();
  }

  private get index(): SiteIndex {
    const index = this.indexOf();
    if (this.listening !== index) {
      index.listen(this);
      this.listening = index;
    }
    return index;
  }

  /** Kept for callers of the former API: the site index already tells this index of every write. */
  update(_ids: readonly number[]): void {}

  before(slot: number): void {
    this.featureText.delete(slot);
    const { lon, lat } = this.listening!.cols;
    for (const p of this.pyramids.values()) if (p.match(slot)) p.put(mercX(lon[slot]!), mercY(lat[slot]!), -1);
  }

  after(slot: number): void {
    const { lon, lat } = this.listening!.cols;
    for (const p of this.pyramids.values()) if (p.match(slot)) p.put(mercX(lon[slot]!), mercY(lat[slot]!), 1);
  }

  reset(): void {
    this.pyramids.clear();
    this.featureText.clear();
  }

  /** The predicate of a filter set over slots, or null when it names an operator no site has ever had. */
  private matcher(f: ClusterFilter): ((slot: number) => boolean) | null {
    // Read the columns through `cols` on every call: they are replaced when they grow.
    const cols = this.index.cols;
    const st = f.status === undefined ? -1 : SITE_STATUSES.indexOf(f.status as (typeof SITE_STATUSES)[number]);
    const gone = SITE_STATUSES.indexOf('decommissioned');
    const op = f.operator === undefined ? -1 : this.index.operators.find(f.operator);
    if (f.operator !== undefined && op < 0) return null;
    const opBit = op < 0 ? 0 : (1 << op) >>> 0;
    const techBit = f.technology === undefined ? 0 : 1 << TECHNOLOGIES.indexOf(f.technology as (typeof TECHNOLOGIES)[number]);
    const shared = f.shared;
    return (s) => {
      if (st >= 0 ? cols.status[s] !== st : cols.status[s] === gone) return false;
      if (opBit !== 0 && !(cols.ops[s]! & opBit) && cols.owner[s] !== op) return false;
      if (techBit !== 0 && !(cols.tech[s]! & techBit)) return false;
      if (shared !== undefined) {
        const m = cols.ops[s]!;
        if ((m !== 0 && (m & (m - 1)) !== 0) !== shared) return false;
      }
      return true;
    };
  }

  private pyramid(f: ClusterFilter): Pyramid | null {
    const key = `${f.operator ?? ''}|${f.status ?? ''}|${f.technology ?? ''}|${f.shared ?? ''}`;
    let p = this.pyramids.get(key);
    if (p) {
      this.pyramids.delete(key);
      this.pyramids.set(key, p);
      return p;
    }
    const match = this.matcher(f);
    if (!match) return null;
    p = new Pyramid(match);
    p.build(this.index);
    this.pyramids.set(key, p);
    if (this.pyramids.size > CACHE) this.pyramids.delete(this.pyramids.keys().next().value!);
    return p;
  }

  private operatorsJson(mask: number): string {
    let s = this.opsJson.get(mask);
    if (s === undefined) {
      s = JSON.stringify(this.index.operators.names.filter((_, i) => mask & (1 << i)));
      this.opsJson.set(mask, s);
    }
    return s;
  }

  private single(c: SiteIndex['cols'], s: number): string {
    const cached = this.featureText.get(s);
    if (cached !== undefined) return cached;
    if (this.featureText.size >= FEATURE_CACHE) this.featureText.clear();
    const m = c.ops[s]!;
    const text = `{"type":"Feature","id":${c.id[s]},"geometry":{"type":"Point","coordinates":[${c.lon[s]},${c.lat[s]}]},"properties":{"cluster":false,"id":${c.id[s]},"code":${JSON.stringify(c.code[s])},"operators":${this.operatorsJson(m)},"status":${STATUS_JSON[c.status[s]!]},"shared":${m !== 0 && (m & (m - 1)) !== 0},"structure_type":${STRUCTURE_JSON[c.structure[s]!]},"height_m":${c.height[s]}}}`;
    this.featureText.set(s, text);
    return text;
  }

  /** Clusters and single sites in `bbox` at `zoom` as GeoJSON text, with the number of sites they stand for. */
  queryJson(bbox: [number, number, number, number], zoom: number, f: ClusterFilter): string {
    const [w, so, e, n] = bbox;
    const index = this.index;
    const p = this.pyramid(f);
    const parts: string[] = [];
    let total = 0;
    const z = Math.max(0, Math.floor(zoom));
    const singles = (west: number, south: number, east: number, north: number, inCell: ((s: number) => boolean) | null) => {
      const { hits, count } = index.range(Math.max(west, w), Math.max(south, so), Math.min(east, e), Math.min(north, n));
      for (let k = 0; k < count; k++) {
        const s = hits[k]!;
        if (!p!.match(s) || (inCell && !inCell(s))) continue;
        total++;
        parts.push(this.single(index.cols, s));
      }
    };
    if (p && z > CLUSTER_MAX_ZOOM) singles(w, so, e, n, null);
    else if (p) {
      const level = p.levels[z]!;
      const size = 2 ** (CLUSTER_MAX_ZOOM - z);
      const cellOf = (v: number) => Math.floor(Math.floor(v * TOP) / size);
      const [x0, x1, y0, y1] = [cellOf(mercX(w)), cellOf(mercX(e)), cellOf(mercY(n)), cellOf(mercY(so))];
      const visit = (cx: number, cy: number, c: Cell) => {
        if (c.n >= MIN_POINTS) {
          const lon = lonOf(c.sx / c.n);
          const lat = latOf(c.sy / c.n);
          if (lon < w || lon > e || lat < so || lat > n) return;
          total += c.n;
          const id = (cx * KEY + cy) * 16 + z;
          parts.push(`{"type":"Feature","id":"c${id}","geometry":{"type":"Point","coordinates":[${lon},${lat}]},"properties":{"cluster":true,"cluster_id":${id},"point_count":${c.n},"expansion_zoom":${p.expansionZoom(z, cx, cy)}}}`);
          return;
        }
        const { lon, lat } = index.cols;
        const inCell = (s: number) => cellOf(mercX(lon[s]!)) === cx && cellOf(mercY(lat[s]!)) === cy;
        // The box is padded a little so that rounding never loses a site on the cell's rim; inCell decides.
        const pad = 1e-9;
        singles(lonOf((cx * size) / TOP) - pad, latOf(((cy + 1) * size) / TOP) - pad, lonOf(((cx + 1) * size) / TOP) + pad, latOf((cy * size) / TOP) + pad, inCell);
      };
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > level.size) {
        for (const [key, c] of level) {
          const cx = Math.floor(key / KEY);
          const cy = key % KEY;
          if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) visit(cx, cy, c);
        }
      } else {
        for (let cx = x0; cx <= x1; cx++) {
          for (let cy = y0; cy <= y1; cy++) {
            const c = level.get(cx * KEY + cy);
            if (c) visit(cx, cy, c);
          }
        }
      }
    }
    return `{"type":"FeatureCollection","total":${total},"features":[${parts.join(',')}]}`;
  }

  /** The same answer as an object (for callers that post-process it). */
  query(bbox: [number, number, number, number], zoom: number, f: ClusterFilter): { type: 'FeatureCollection'; total: number; features: GeoJSON.Feature<GeoJSON.Point>[] } {
    return JSON.parse(this.queryJson(bbox, zoom, f));
  }
}
