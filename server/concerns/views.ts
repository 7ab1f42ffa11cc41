/** What each audience sees of a concern: the public page (never contact, address hash or hiding
 *  reason), the planner's view (with contact and priority), and the public map point. */
import type { ConcernView, PlannerConcernView } from '../../shared/api/concerns.js';
import { concernPriority, isOpen, nextStatuses } from '../../shared/concerns.js';
import type { ConcernEvidence } from '../../shared/concern-evidence.js';
import type { ConcernEventRow, ConcernRow, ConcernStore } from '../store/concerns.js';

/** The photo's public path, or null when there is none or it is hidden. */
export const photoPath = (row: ConcernRow): string | null => (row.has_photo && !row.hidden_at ? `/api/concerns/${row.code}/photo` : null);

/** Public fields shared by the page, the layer and the feeds. */
function publicFields(row: ConcernRow) {
  return {
    code: row.code,
    lat: row.lat,
    lon: row.lon,
    category: row.category,
    status: row.status,
    open: isOpen(row.status),
    site: row.site_id !== null && row.site_code !== null ? { id: row.site_id, code: row.site_code } : null,
    description: row.hidden_at ? null : row.description,
    hidden: row.hidden_at !== null,
    supporters: row.supporters,
    duplicate_of: row.duplicate_of_code,
    district_id: row.district_id,
    near_sensitive: row.near_sensitive === 1,
    photo_url: photoPath(row),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The public page of a concern: evidence and its history with the city's notes, without who acted. */
export function publicView(store: ConcernStore, row: ConcernRow): ConcernView {
  return publicViewOf(row, store.evidence(row.id), store.events(row.id));
}

/** The public page from a row, its evidence and its events. */
export function publicViewOf(row: ConcernRow, evidence: ConcernEvidence, events: readonly ConcernEventRow[]): ConcernView {
  return { ...publicFields(row), evidence, history: events.map((e) => ({ from_status: e.from_status, status: e.status, note: e.note, at: e.at })) };
}

/** A concern as a planner works it. */
export function plannerView(store: ConcernStore, row: ConcernRow, now = new Date()): PlannerConcernView {
  const c = store.contact(row.id);
  return {
    ...publicFields(row),
    description: row.description,
    channel: row.channel,
    address: row.address,
    priority: concernPriority({ status: row.status, near_sensitive: row.near_sensitive === 1, supporters: row.supporters, created_at: row.created_at }, now),
    hidden_reason: row.hidden_reason,
    contact: { name: c.name, email: c.email, phone: c.phone },
    next_statuses: [...nextStatuses(row.status)],
    evidence: store.evidence(row.id),
    history: store.events(row.id).map((e) => ({ from_status: e.from_status, status: e.status, note: e.note, at: e.at, actor: e.actor })),
  };
}

/** A queue item: the planner's fields without evidence and history (the detail has them). */
export function queueItem(store: ConcernStore, row: ConcernRow & { priority: number }) {
  const c = store.contact(row.id);
  return { ...publicFields(row), description: row.description, channel: row.channel, priority: row.priority, hidden_reason: row.hidden_reason, contact: { name: c.name, email: c.email, phone: c.phone } };
}

/** A point of the public layer. */
export function concernFeature(row: ConcernRow): GeoJSON.Feature<GeoJSON.Point> {
  return {
    type: 'Feature',
    id: row.code,
    geometry: { type: 'Point', coordinates: [row.lon, row.lat] },
    properties: { code: row.code, category: row.category, status: row.status, open: isOpen(row.status), supporters: row.supporters, site_code: row.site_code, created_at: row.created_at },
  };
}
