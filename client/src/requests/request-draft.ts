/** The request form's state (text as typed) and its translation to the API: the body checked with the
 *  shared contract's own schema (shared/api/requests.ts), so the form refuses exactly what the server
 *  refuses, with errors keyed as the server keys them (`body.antennas.0.eirp_w`), and the siting input. */
import { RequestPatch } from '../../../shared/api/requests.js';
import { AntennaInput, type StructureType, type Technology } from '../../../shared/model.js';
import type { RequestType } from '../../../shared/site-requests.js';
import type { SitingCheckRequest } from '../../../shared/siting.js';
import type { MessageKey } from '../i18n/fa.js';
import type { RequestView } from './requests-api.js';

export interface AntennaRow {
  /** A stable React key. */
  key: number;
  technology: Technology;
  frequency_mhz: string;
  eirp_w: string;
  omni: boolean;
  azimuth_deg: string;
  tilt_deg: string;
  height_m: string;
}

export interface Draft {
  type: RequestType;
  site_id: number | null;
  site_code: string | null;
  lon: string;
  lat: string;
  structure_type: StructureType | '';
  height_m: string;
  purpose: string;
  address: string;
  sharing_justification: string;
  antennas: AntennaRow[];
}

let nextKey = 1;

/** A typical LTE 1800 sector, 2 m under the top of the structure. */
export function newAntenna(structureHeight: string, azimuth = 0): AntennaRow {
  const h = Number(structureHeight);
  return {
    key: nextKey++, technology: 'LTE', frequency_mhz: '1800', eirp_w: '1000', omni: false, azimuth_deg: String(azimuth), tilt_deg: '6',
    height_m: Number.isFinite(h) && h > 2 ? String(h - 2) : '',
  };
}

/** An empty new-structure form. */
export function emptyDraft(): Draft {
  return { type: 'new_structure', site_id: null, site_code: null, lon: '', lat: '', structure_type: '', height_m: '', purpose: '', address: '', sharing_justification: '', antennas: [] };
}

const text = (n: number | null) => (n === null ? '' : String(n));

/** The form for a stored request. */
export function draftOf(v: RequestView): Draft {
  return {
    type: v.type, site_id: v.site_id, site_code: v.site_code, lon: text(v.lon), lat: text(v.lat), structure_type: v.structure_type ?? '',
    height_m: text(v.height_m), purpose: v.purpose, address: v.address ?? '', sharing_justification: v.sharing_justification ?? '',
    antennas: v.antennas.map((a) => ({
      key: nextKey++, technology: a.technology, frequency_mhz: String(a.frequency_mhz), eirp_w: String(a.eirp_w), omni: a.azimuth_deg === null,
      azimuth_deg: text(a.azimuth_deg), tilt_deg: String(a.tilt_deg), height_m: String(a.height_m),
    })),
  };
}

/** Typed text as a number: blank is null, anything unreadable NaN (which the schema refuses). */
const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim().replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).replace('٫', '.')));
const numOrNaN = (s: string) => num(s) ?? Number.NaN;

function antennaBody(a: AntennaRow, operatorId: string) {
  return {
    operator_id: operatorId, technology: a.technology, frequency_mhz: numOrNaN(a.frequency_mhz), eirp_w: numOrNaN(a.eirp_w),
    azimuth_deg: a.omni ? null : numOrNaN(a.azimuth_deg), tilt_deg: numOrNaN(a.tilt_deg), height_m: numOrNaN(a.height_m), power_reduction: 1,
  };
}

/** The fields as the API takes them (unchecked). */
export function draftBody(d: Draft, operatorId: string) {
  return {
    site_id: d.site_id, lon: num(d.lon), lat: num(d.lat), structure_type: d.structure_type === '' ? null : d.structure_type, height_m: num(d.height_m),
    antennas: d.antennas.map((a) => antennaBody(a, operatorId)), purpose: d.purpose, address: d.address.trim() === '' ? null : d.address,
    sharing_justification: d.sharing_justification.trim() === '' ? null : d.sharing_justification,
  };
}

/** Field errors by the server's keys (`body.height_m`), from the shared schema; empty when the body is valid. */
export function draftErrors(d: Draft, operatorId: string): Record<string, string> {
  const r = RequestPatch.safeParse(draftBody(d, operatorId));
  const out: Record<string, string> = {};
  if (!r.success) for (const issue of r.error.issues) out[['body', ...issue.path].join('.')] ??= issue.message;
  return out;
}

/** What each field accepts, in words, for its error message. */
export function errorKey(field: string): MessageKey {
  const last = field.split('.').at(-1) ?? '';
  const keys: Record<string, MessageKey> = {
    lon: 'requests.err.lon', lat: 'requests.err.lat', height_m: field.includes('antennas') ? 'requests.err.antennaHeight' : 'requests.err.height',
    frequency_mhz: 'requests.err.frequency', eirp_w: 'requests.err.eirp', azimuth_deg: 'requests.err.azimuth', tilt_deg: 'requests.err.tilt',
    purpose: 'requests.err.tooLong', address: 'requests.err.tooLong', sharing_justification: 'requests.err.tooLong',
  };
  return keys[last] ?? 'requests.err.invalid';
}

/** The pre-check's input, or null until the location, height and structure type are readable; antennas
 *  that do not read yet are left out rather than stopping the check. */
export function sitingInput(d: Draft, operatorId: string): SitingCheckRequest | null {
  const lon = num(d.lon);
  const lat = num(d.lat);
  const height = num(d.height_m);
  if (lon === null || lat === null || height === null || d.structure_type === '') return null;
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90 && height > 0 && height <= 650)) return null;
  const antennas = d.antennas.map((a) => AntennaInput.safeParse(antennaBody(a, operatorId))).flatMap((r) => (r.success ? [r.data] : []));
  return {
    lon, lat, height_m: height, structure_type: d.structure_type, operator_id: operatorId, antennas,
    ...(d.type !== 'new_structure' && d.site_id !== null ? { site_id: d.site_id } : {}),
  };
}

/** The pin's [lon, lat] when both read as coordinates. */
export function pinOf(d: Draft): [number, number] | null {
  const lon = num(d.lon);
  const lat = num(d.lat);
  return lon !== null && lat !== null && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? [lon, lat] : null;
}
