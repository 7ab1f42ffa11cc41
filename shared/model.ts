/** Registry entities (DOMAIN.md section 2) as zod schemas: one definition for the server's
 *  validation, the client's types and the OpenAPI document. */
import { z } from 'zod';

export const STRUCTURE_TYPES = ['rooftop', 'monopole', 'lattice', 'guyed', 'stealth', 'small_cell'] as const;
export const SITE_STATUSES = ['proposed', 'approved', 'active', 'decommissioned', 'unpermitted'] as const;
export const TECHNOLOGIES = ['GSM', 'UMTS', 'LTE', 'NR'] as const;
export const DATA_SOURCES = ['synthetic', 'import', 'survey', 'operator', 'request'] as const;
export const SENSITIVE_KINDS = ['kindergarten', 'school', 'hospital', 'clinic', 'elderly_care'] as const;
export const ZONE_KINDS = ['no_build', 'stealth_required', 'heritage', 'district'] as const;
export const ROLES = ['admin', 'planner', 'operator'] as const;

export type StructureType = (typeof STRUCTURE_TYPES)[number];
export type SiteStatus = (typeof SITE_STATUSES)[number];
export type Technology = (typeof TECHNOLOGIES)[number];
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];
export type ZoneKind = (typeof ZONE_KINDS)[number];
export type Role = (typeof ROLES)[number];

/** Ground-mounted structures: the fall-zone rule and the 150 m merge distance apply to these. */
export const GROUND_TYPES: readonly StructureType[] = ['monopole', 'lattice', 'guyed', 'stealth', 'small_cell'];

export const Lon = z.number().finite().gte(-180).lte(180);
export const Lat = z.number().finite().gte(-90).lte(90);

/** Text a person typed: trimmed, bounded, no control characters except newlines and tabs. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters');

export const Operator = z.object({
  id: z.string(),
  name_fa: z.string(),
  name_en: z.string(),
  mcc: z.number().int().nullable(),
  mnc: z.number().int().nullable(),
  kind: z.enum(['mobile', 'tower']),
  color: z.string(),
});
export type Operator = z.infer<typeof Operator>;

export const AntennaInput = z.object({
  operator_id: z.string().min(1).max(40),
  technology: z.enum(TECHNOLOGIES),
  frequency_mhz: z.number().finite().gte(30).lte(300000),
  eirp_w: z.number().finite().gte(0).lte(1_000_000),
  /** Degrees from north; null for an omni antenna. */
  azimuth_deg: z.number().finite().gte(0).lt(360).nullable(),
  tilt_deg: z.number().finite().gte(-30).lte(90),
  height_m: z.number().finite().gte(0).lte(650),
  /** Massive-MIMO power-reduction factor, 0 < F_PR <= 1 (DOMAIN.md section 5). */
  power_reduction: z.number().finite().gt(0).lte(1).default(1),
});
export type AntennaInput = z.infer<typeof AntennaInput>;
/** A partial change: no defaults, so a field left out keeps its stored value (a default here would overwrite it). */
export const AntennaPatch = AntennaInput.extend({ power_reduction: AntennaInput.shape.power_reduction.unwrap() }).partial().strict();

export const Antenna = AntennaInput.extend({ id: z.number().int(), site_id: z.number().int() });
export type Antenna = z.infer<typeof Antenna>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const SiteInput = z
  .object({
    code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
    lon: Lon,
    lat: Lat,
    structure_type: z.enum(STRUCTURE_TYPES),
    height_m: z.number().finite().gt(0).lte(650),
    owner_operator_id: z.string().min(1).max(40),
    permit_no: text(60).nullable().default(null),
    status: z.enum(SITE_STATUSES).default('active'),
    installed_on: isoDate.nullable().default(null),
    permit_date: isoDate.nullable().default(null),
    source: z.enum(DATA_SOURCES).default('operator'),
    verified: z.boolean().default(false),
    ground_elevation_m: z.number().finite().gte(-500).lte(9000).nullable().default(null),
    address: text(200).nullable().default(null),
  })
  .strict();
export type SiteInput = z.infer<typeof SiteInput>;

export const SiteCreate = SiteInput.extend({ antennas: z.array(AntennaInput.strict()).max(64).default([]) }).strict();
export type SiteCreate = z.infer<typeof SiteCreate>;

const siteField = SiteInput.shape;
/** A partial change: defaults removed, so a PATCH of one field never resets the others. */
export const SitePatch = SiteInput.extend({
  permit_no: siteField.permit_no.unwrap(),
  status: siteField.status.unwrap(),
  installed_on: siteField.installed_on.unwrap(),
  permit_date: siteField.permit_date.unwrap(),
  source: siteField.source.unwrap(),
  verified: siteField.verified.unwrap(),
  ground_elevation_m: siteField.ground_elevation_m.unwrap(),
  address: siteField.address.unwrap(),
})
  .partial()
  .strict();
export type SitePatch = z.infer<typeof SitePatch>;

/** A site as stored, flat (the GeoJSON feature's properties plus lon/lat). */
export interface Site extends SiteInput {
  id: number;
  district_id: number | null;
  created_at: string;
  updated_at: string;
}

/** Properties of a site feature in API responses. */
export interface SiteProperties extends Omit<Site, 'lon' | 'lat'> {
  operators: string[];
  technologies: Technology[];
  shared: boolean;
  antenna_count: number;
  antennas?: Antenna[];
  distance_m?: number;
  /** The site request that approved (or last changed) the site: GET /api/sites/:id only. */
  approving_request_id?: number | null;
}

export interface SensitivePlace {
  id: number;
  kind: SensitiveKind;
  name_fa: string;
  name_en: string;
  geometry: GeoJSON.Point | GeoJSON.Polygon;
  source: string;
}

export interface Zone {
  id: number;
  kind: ZoneKind;
  name_fa: string;
  name_en: string;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  source: string;
}

/** A site is shared when antennas of two or more operators hang on it (DOMAIN.md section 2). */
export function isShared(operatorIds: readonly string[]): boolean {
  return new Set(operatorIds).size >= 2;
}
