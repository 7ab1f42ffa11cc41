/** What Dakal offers through Open311 GeoReport v2 (DOMAIN.md section 8): one service per concern
 *  category, one optional attribute naming the mast, the discovery document, and concerns as
 *  request objects (public fields only, status open/closed with the local state in status_notes). */
import { CATEGORY_NAMES, CONCERN_CATEGORIES, isOpen, type ConcernCategory } from '../../shared/concerns.js';
import { photoPath } from '../concerns/views.js';
import type { ConcernRow } from '../store/concerns.js';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint's behaviour last changed (discovery `changeset`). */
const CHANGESET = '2025-06-01T00:00:00+03:30';
/** Iran Standard Time, UTC+03:30; Iran has observed no daylight saving time since September 2022. */
const TEHRAN_OFFSET_MIN = 210;
export const AGENCY = 'Karaj Municipality — telecom mast siting (Dakal)';

const SERVICE_DESCRIPTIONS: Record<ConcernCategory, string> = {
  health: 'A worry about the health effects of a mast or antenna near you.',
  measurement: 'Ask the city to measure radio-frequency exposure at a place.',
  visual: 'A mast spoils a view, a facade or a street.',
  noise: 'Noise from a mast site: fans, generators, air conditioning.',
  structural: 'A mast or its fixings look unsafe: leaning, rusted, loose.',
  unpermitted: 'A mast that may stand without a municipal permit.',
  other: 'Anything else about telecom masts.',
};

/** The code of the one attribute: which mast the request is about, by its registry code. */
export const SITE_ATTRIBUTE = 'site_code';

/** Whether a string names one of the services. */
export const isServiceCode = (s: string): s is ConcernCategory => (CONCERN_CATEGORIES as readonly string[]).includes(s);

/** GET services: the list. */
export function services() {
  return CONCERN_CATEGORIES.map((c) => ({
    service_code: c,
    service_name: CATEGORY_NAMES[c].en,
    description: `${SERVICE_DESCRIPTIONS[c]} (${CATEGORY_NAMES[c].fa})`,
    metadata: true,
    type: 'realtime',
    keywords: `mast,antenna,telecom,${c}`,
    group: 'Telecom masts',
  }));
}

/** GET services/{code}: the attributes of one service. */
export function serviceDefinition(code: ConcernCategory) {
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: SITE_ATTRIBUTE,
        datatype: 'string',
        required: false,
        datatype_description: 'The mast code shown on the Dakal map, e.g. KRJ-000123',
        order: 1,
        description: 'Which mast is this about? (optional)',
        values: [],
      },
    ],
  };
}

/** GET discovery. */
export function discovery(origin: string) {
  return {
    changeset: CHANGESET,
    contact: 'Karaj Municipality, Dakal mast registry — ask the city for an api_key',
    key_service: 'Ask the city\'s Dakal administrator for an api_key (issued with POST /api/open311-keys)',
    endpoints: [{ specification: SPECIFICATION, url: `${origin}/open311/v2`, changeset: CHANGESET, type: 'production', formats: ['application/json', 'text/xml'] }],
  };
}

/** An instant in ISO 8601 with Tehran's offset, as Open311 asks for (e.g. 2025-03-01T14:05:09+03:30). */
export function tehranIso(iso: string): string {
  const shifted = new Date(Date.parse(iso) + TEHRAN_OFFSET_MIN * 60_000).toISOString();
  return `${shifted.slice(0, 19)}+03:30`;
}

/** The local state and the latest note: `investigating: Inspector visit booked`. */
export function statusNotes(row: ConcernRow): string {
  const state = row.duplicate_of_code ? `duplicate of ${row.duplicate_of_code}` : row.status;
  return row.last_note ? `${state}: ${row.last_note}` : state;
}

/** A concern as a GeoReport v2 request object: public fields only, contact never. */
export function requestObject(row: ConcernRow, origin: string) {
  const photo = photoPath(row);
  return {
    service_request_id: row.code,
    status: isOpen(row.status) ? 'open' : 'closed',
    status_notes: statusNotes(row),
    service_name: CATEGORY_NAMES[row.category].en,
    service_code: row.category,
    description: row.hidden_at ? '' : row.description,
    agency_responsible: AGENCY,
    service_notice: serviceNotice(row.code, origin),
    requested_datetime: tehranIso(row.created_at),
    updated_datetime: tehranIso(row.updated_at),
    expected_datetime: null,
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: photo ? origin + photo : null,
  };
}

/** Where the resident follows the answer. */
export const serviceNotice = (code: string, origin: string) => `Tracking code ${code}; the city answers at ${origin}/concerns/${code}`;
