/** The input of a siting check (validated at the boundary) and the context the caller gathers for it. */
import { z } from 'zod';
import { AntennaInput, Lat, Lon, STRUCTURE_TYPES, type SensitivePlace, type SiteStatus, type StructureType, type Zone } from '../model.js';
import type { Aerodrome } from '../aviation.js';
import type { ExposureAntennaInput } from '../exposure.js';
import type { ExposureField } from '../exposure-sums.js';
import type { Policy } from '../policy.js';

/** A proposed antenna: an AntennaInput whose operator and technology may be left out; it hangs at the structure's point. */
export const SitingAntenna = AntennaInput.partial({ operator_id: true, technology: true }).strict();

export const SitingCheckRequest = z
  .object({
    lon: Lon,
    lat: Lat,
    height_m: z.number().finite().gt(0).lte(650),
    structure_type: z.enum(STRUCTURE_TYPES),
    operator_id: z.string().min(1).max(40).optional(),
    /** The existing structure a change request is about: left out of share_first and density counts. */
    site_id: z.number().int().optional(),
    ground_elevation_m: z.number().finite().gte(-500).lte(9000).nullable().optional(),
    antennas: z.array(SitingAntenna).max(64).optional(),
  })
  .strict();
export type SitingCheckRequest = z.infer<typeof SitingCheckRequest>;
/** What checkSiting accepts: the request before defaults (power_reduction may be absent). */
export type SitingInput = z.input<typeof SitingCheckRequest>;

/** An existing structure near the proposed one. */
export interface SitingSite {
  id: number;
  code: string;
  lon: number;
  lat: number;
  structure_type: StructureType;
  height_m: number;
  operators: readonly string[];
  status: SiteStatus;
}

export type SitingPlace = Pick<SensitivePlace, 'id' | 'kind' | 'name_fa' | 'name_en' | 'geometry'>;
export type SitingZone = Pick<Zone, 'id' | 'kind' | 'name_fa' | 'name_en' | 'geometry'>;

/** Pure data the caller gathers (with its spatial indexes) around the proposed point; see sitingSearchRadiusM. */
export interface SitingContext {
  policy: Policy;
  policyVersion: string | number;
  /** Structures within sitingSearchRadiusM of the point. */
  sites: readonly SitingSite[];
  /** Sensitive places whose geometry comes within sitingSearchRadiusM of the point. */
  sensitivePlaces: readonly SitingPlace[];
  /** Zones containing the point (others are ignored). */
  zones: readonly SitingZone[];
  /** Existing antennas, positioned, within exposureReachM of the point for its places. */
  antennas: readonly ExposureAntennaInput[];
  /** The same antennas' exposure at any point from an index the caller keeps (the server's, over the whole
   *  registry): used instead of `antennas` when present. */
  existingExposure?: ExposureField;
  aerodromes: readonly Aerodrome[];
  /** Existing non-decommissioned structures in the density cell of the point (excluding site_id); counted from sites when absent. */
  densityCount?: number;
}
