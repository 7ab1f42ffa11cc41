/** Read-only queries of the planning view: standing structures and their antennas, enforcement facts, residents'
 *  concerns and operators' requests (when their tables exist: migrations 003 and 004), observed cells, operators.
 *  Nothing here writes. */
import type { AntennaInput, SiteStatus, StructureType } from '../../shared/model.js';
import type { SitingSite } from '../../shared/siting.js';
import type { DB } from '../db.js';

/** A structure as the planning queries return it; `operators` parsed from the stored `,a,b,` list. */
export interface PlanningSiteRow {
  id: number;
  code: string;
  lon: number;
  lat: number;
  structure_type: StructureType;
  height_m: number;
  status: SiteStatus;
  permit_no: string | null;
  owner_operator_id: string;
  district_id: number | null;
  ground_elevation_m: number | null;
  operators: string[];
}

/** An observed cell of an OpenCelliD import (DOMAIN.md section 3). */
export interface ObservedCellRow {
  id: number;
  radio: string;
  mcc: number;
  net: number;
  area: number;
  cell: number;
  lon: number;
  lat: number;
  samples: number | null;
  updated: number | null;
}

export interface OperatorRow {
  id: string;
  name_fa: string;
  name_en: string;
  mcc: number | null;
  mnc: number | null;
  color: string;
}

/** A residents' concern, as the hotspots and the case list read it. */
export interface ConcernPoint {
  lon: number;
  lat: number;
  site_id: number | null;
  district_id: number | null;
  open: number;
}

/** A site request's dates, for throughput. */
export interface RequestDates {
  status: string;
  lon: number | null;
  lat: number | null;
  first_submitted_at: string | null;
  decided_at: string | null;
  decision_due_at: string | null;
}

type Row = Omit<PlanningSiteRow, 'operators'> & { operators: string };
const list = (s: string) => s.split(',').filter(Boolean);
const parse = (r: Row): PlanningSiteRow => ({ ...r, operators: list(r.operators) });

/** Planning reads over the registry; concern and request queries answer empty when their tables are absent. */
export class PlanningStore {
  private readonly stmt;
  private readonly concernsStmt;
  private readonly requestsStmt;

  constructor(db: DB) {
    const hasTable = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
    this.stmt = {
      // Structures that stand: built (active) or found standing without a permit (DOMAIN.md section 2).
      standing: db.prepare(
        `SELECT id, code, lon, lat, structure_type, height_m, status, permit_no, owner_operator_id, district_id, ground_elevation_m, operators
         FROM sites WHERE status IN ('active', 'unpermitted') ORDER BY id`,
      ),
      notDecommissioned: db.prepare(
        `SELECT id, code, lon, lat, structure_type, height_m, status, permit_no, owner_operator_id, district_id, ground_elevation_m, operators
         FROM sites WHERE status <> 'decommissioned' ORDER BY id`,
      ),
      sitingSites: db.prepare('SELECT id, code, lon, lat, structure_type, height_m, operators, status FROM sites ORDER BY id'),
      antennas: db.prepare(
        `SELECT operator_id, technology, frequency_mhz, eirp_w, azimuth_deg, tilt_deg, height_m, power_reduction
         FROM antennas WHERE site_id = ? ORDER BY id`,
      ),
      cells: db.prepare('SELECT id, radio, mcc, net, area, cell, lon, lat, samples, updated FROM observed_cells ORDER BY id'),
      operators: db.prepare('SELECT id, name_fa, name_en, mcc, mnc, color FROM operators ORDER BY id'),
      placesStamp: db.prepare(
        `SELECT (SELECT count(*) || '/' || coalesce(max(id), 0) FROM sensitive_places) || '/' || (SELECT count(*) || '/' || coalesce(max(id), 0) FROM zones)`,
      ).pluck(),
    };
    this.concernsStmt = hasTable.get('concerns')
      ? {
          // Hidden (abusive) concerns and duplicates (merged into another) are not counted twice or at all.
          points: db.prepare(
            `SELECT lon, lat, site_id, district_id,
               CASE WHEN status IN ('received', 'acknowledged', 'investigating', 'action_scheduled') THEN 1 ELSE 0 END AS open
             FROM concerns WHERE hidden_at IS NULL AND status <> 'duplicate' ORDER BY id`,
          ),
        }
      : null;
    this.requestsStmt = hasTable.get('site_requests')
      ? {
          dates: db.prepare(
            `SELECT status, lon, lat, first_submitted_at, decided_at, decision_due_at FROM site_requests WHERE status <> 'draft' ORDER BY id`,
          ),
        }
      : null;
  }

  /** Active and unpermitted structures, by id. */
  standingSites(): PlanningSiteRow[] {
    return (this.stmt.standing.all() as Row[]).map(parse);
  }

  /** Every structure not decommissioned (proposed and approved included), by id. */
  currentSites(): PlanningSiteRow[] {
    return (this.stmt.notDecommissioned.all() as Row[]).map(parse);
  }

  /** Every structure of any status in the light shape checkSiting reads. */
  sitingSites(): SitingSite[] {
    return (this.stmt.sitingSites.all() as Array<Omit<SitingSite, 'operators'> & { operators: string }>).map((r) => ({ ...r, operators: list(r.operators) }));
  }

  /** A structure's antennas, in the shape a siting check takes. */
  antennasOf(siteId: number): AntennaInput[] {
    return this.stmt.antennas.all(siteId) as AntennaInput[];
  }

  /** Every observed cell. */
  observedCells(): ObservedCellRow[] {
    return this.stmt.cells.all() as ObservedCellRow[];
  }

  /** Operators with their MCC/MNC. */
  operators(): OperatorRow[] {
    return this.stmt.operators.all() as OperatorRow[];
  }

  /** Changes when sensitive places or zones are added or removed (they are only ever imported, never edited). */
  placesStamp(): string {
    return this.stmt.placesStamp.get() as string;
  }

  /** Whether concerns can be read (migration 003 applied). */
  get hasConcerns(): boolean {
    return this.concernsStmt !== null;
  }

  /** Visible, non-duplicate concerns with whether each is open. */
  concernPoints(): ConcernPoint[] {
    return (this.concernsStmt?.points.all() ?? []) as ConcernPoint[];
  }

  /** Whether site requests can be read (migration 004 applied). */
  get hasRequests(): boolean {
    return this.requestsStmt !== null;
  }

  /** Submitted requests' statuses and dates. */
  requestDates(): RequestDates[] {
    return (this.requestsStmt?.dates.all() ?? []) as RequestDates[];
  }
}
