/** Light reads around a point for the siting engine and the exposure and density layers: structures, antennas
 *  and density counts through the sites R*Tree, returning only the fields the computations need. */
import type { SitingSite } from '../../shared/siting.js';
import type { ExposureAntennaInput } from '../../shared/exposure.js';
import { cellBbox, cellIdOf } from '../../shared/density.js';
import { haversineM } from '../../shared/geodesy.js';
import type { SiteStatus, StructureType } from '../../shared/model.js';
import type { DB } from '../db.js';

type BBox = [number, number, number, number];

/** An existing antenna positioned at its site, with what identifies it in an exposure answer. */
export interface PositionedAntenna extends ExposureAntennaInput {
  antenna_id: number;
  site_id: number;
  site_code: string;
  operator_id: string;
  power_reduction: number;
}

interface SiteLightRow {
  id: number;
  code: string;
  lon: number;
  lat: number;
  structure_type: StructureType;
  height_m: number;
  operators: string;
  status: SiteStatus;
}

/** The box around a circle of radiusM, padded by 1% so the R*Tree's 32-bit floats never drop a point near the rim. */
export function radiusBBox(lon: number, lat: number, radiusM: number): BBox {
  const dLat = (radiusM * 1.01) / 111_194.9;
  const dLon = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}

const IN_BBOX = 'r.min_lon <= @e AND r.max_lon >= @w AND r.min_lat <= @n AND r.max_lat >= @s';
const ANTENNA_COLUMNS = `a.id AS antenna_id, a.site_id, s.code AS site_code, a.operator_id, s.lon, s.lat, a.height_m, a.azimuth_deg,
  a.tilt_deg, a.eirp_w, a.frequency_mhz, a.power_reduction`;
/** An antenna as the exposure sums read it, positional: site_id, height_m, tilt_deg, azimuth_deg, eirp_w,
 *  frequency_mhz, power_reduction. */
export type ExposureRow = [number, number, number, number | null, number, number, number];
const EXPOSURE_COLUMNS = 'site_id, height_m, tilt_deg, azimuth_deg, eirp_w, frequency_mhz, power_reduction';
const box = ([w, s, e, n]: BBox) => ({ w, s, e, n });
const list = (s: string) => s.split(',').filter(Boolean);

/** Read-only queries over sites and antennas (CROSS JOIN keeps SQLite on the R*Tree first: MEASURED.md). */
export class NearbyStore {
  private readonly stmt;

  constructor(db: DB) {
    this.stmt = {
      sites: db.prepare(
        `SELECT s.id, s.code, s.lon, s.lat, s.structure_type, s.height_m, s.operators, s.status
         FROM sites_rtree r CROSS JOIN sites s ON s.id = r.id WHERE ${IN_BBOX}`,
      ),
      antennas: db.prepare(
        `SELECT ${ANTENNA_COLUMNS} FROM sites_rtree r CROSS JOIN sites s ON s.id = r.id CROSS JOIN antennas a ON a.site_id = s.id
         WHERE ${IN_BBOX} AND s.status <> 'decommissioned' ORDER BY a.id`,
      ),
      allAntennas: db.prepare(
        `SELECT ${ANTENNA_COLUMNS} FROM antennas a CROSS JOIN sites s ON s.id = a.site_id WHERE s.status <> 'decommissioned' ORDER BY a.id`,
      ),
      exposureRows: db.prepare(`SELECT ${EXPOSURE_COLUMNS} FROM antennas ORDER BY site_id, id`).raw(),
      exposureRowsOf: db.prepare(`SELECT ${EXPOSURE_COLUMNS} FROM antennas WHERE site_id = ? ORDER BY id`).raw(),
      standing: db.prepare(
        `SELECT s.id, s.lon, s.lat, s.operators, s.owner_operator_id FROM sites_rtree r CROSS JOIN sites s ON s.id = r.id
         WHERE ${IN_BBOX} AND s.status <> 'decommissioned'`,
      ),
    };
  }

  /** Structures of any status within radiusM (haversine) of the point, in the light shape checkSiting reads. */
  sitesWithin(lon: number, lat: number, radiusM: number): SitingSite[] {
    const rows = this.stmt.sites.all(box(radiusBBox(lon, lat, radiusM))) as SiteLightRow[];
    const out: SitingSite[] = [];
    for (const r of rows) {
      if (haversineM(lon, lat, r.lon, r.lat) <= radiusM) out.push({ ...r, operators: list(r.operators) });
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** Antennas on non-decommissioned structures within radiusM (haversine, structure to point), by antenna id. */
  antennasWithin(lon: number, lat: number, radiusM: number): PositionedAntenna[] {
    const rows = this.stmt.antennas.all(box(radiusBBox(lon, lat, radiusM))) as PositionedAntenna[];
    return rows.filter((a) => haversineM(lon, lat, a.lon, a.lat) <= radiusM);
  }

  /** Every antenna on a non-decommissioned structure, for building an in-memory index. */
  allAntennas(): PositionedAntenna[] {
    return this.stmt.allAntennas.all() as PositionedAntenna[];
  }

  /** Every antenna (any status) by site id, positional rows, streamed. */
  exposureRows(): IterableIterator<ExposureRow> {
    return this.stmt.exposureRows.iterate() as IterableIterator<ExposureRow>;
  }

  /** The antennas of one site, positional rows. */
  exposureRowsOf(siteId: number): ExposureRow[] {
    return this.stmt.exposureRowsOf.all(siteId) as ExposureRow[];
  }

  /** Non-decommissioned structures whose point lies in bbox, with the operators on them (antennas and owner). */
  standingIn(bbox: BBox): Array<{ id: number; lon: number; lat: number; operators: string[] }> {
    const rows = this.stmt.standing.all(box(bbox)) as Array<{ id: number; lon: number; lat: number; operators: string; owner_operator_id: string }>;
    return rows.map((r) => ({ id: r.id, lon: r.lon, lat: r.lat, operators: [...new Set([...list(r.operators), r.owner_operator_id])] }));
  }

  /** Non-decommissioned structures in the equal-area density cell of the point, excluding one site (a change request's own). */
  densityCount(lon: number, lat: number, cellKm: number, excludeSiteId?: number): number {
    const cell = cellIdOf(lon, lat, cellKm);
    const [w, s, e, n] = cellBbox(cell, cellKm);
    // SQLite rounds R*Tree boxes outward; a 1e-5° pad (≈ 1 m) only guards the cell edges, the exact cell test decides.
    let count = 0;
    for (const p of this.standingIn([w - 1e-5, s - 1e-5, e + 1e-5, n + 1e-5])) {
      if (p.id !== excludeSiteId && cellIdOf(p.lon, p.lat, cellKm) === cell) count++;
    }
    return count;
  }
}
