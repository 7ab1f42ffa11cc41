/** What the map shows, held in the URL so a view can be shared and restored: centre, zoom,
 *  filters, overlays and the selected site. Parameter names and values never depend on the language. */
import { SITE_STATUSES, TECHNOLOGIES, type SiteStatus, type Technology } from '../../../shared/model.js';

export interface SiteFilters {
  operator: string | null;
  technology: Technology | null;
  status: SiteStatus | null;
  shared: boolean | null;
}

export const OVERLAYS = ['boundaries', 'zones', 'places', 'airport', 'concerns', 'proposals', 'exposure', 'density'] as const;
export type OverlayId = (typeof OVERLAYS)[number];

export interface MapView {
  lon: number;
  lat: number;
  zoom: number;
  filters: SiteFilters;
  overlays: readonly OverlayId[];
  site: number | null;
}

/** Karaj city centre [lon, lat] (OSM place node) and a zoom that shows the whole city on a desktop. */
export const DEFAULT_VIEW: MapView = {
  lon: 50.9915,
  lat: 35.8355,
  zoom: 12,
  filters: { operator: null, technology: null, status: null, shared: null },
  overlays: ['boundaries', 'zones', 'airport', 'proposals'],
  site: null,
};

export const MIN_ZOOM = 5;
export const MAX_ZOOM = 19;

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : null);

function numberIn(v: string | null, lo: number, hi: number): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= lo && n <= hi ? n : null;
}

/** Reads a view from a query string; anything missing or malformed falls back to the default. */
export function parseView(search: string): MapView {
  const p = new URLSearchParams(search);
  const zoom = numberIn(p.get('z'), MIN_ZOOM, MAX_ZOOM);
  const site = numberIn(p.get('site'), 1, Number.MAX_SAFE_INTEGER);
  const operator = p.get('operator');
  const shared = p.get('shared');
  const layers = p.get('layers');
  return {
    lon: numberIn(p.get('lon'), -180, 180) ?? DEFAULT_VIEW.lon,
    lat: numberIn(p.get('lat'), -85, 85) ?? DEFAULT_VIEW.lat,
    zoom: zoom === null ? DEFAULT_VIEW.zoom : Math.round(zoom),
    filters: {
      operator: operator && /^[A-Za-z0-9_-]{1,40}$/.test(operator) ? operator : null,
      technology: oneOf(TECHNOLOGIES, p.get('technology')),
      status: oneOf(SITE_STATUSES, p.get('status')),
      shared: shared === '1' || shared === 'true' ? true : shared === '0' || shared === 'false' ? false : null,
    },
    overlays: layers === null ? DEFAULT_VIEW.overlays : OVERLAYS.filter((o) => layers.split(',').includes(o)),
    site: site !== null && Number.isInteger(site) ? site : null,
  };
}

/** Writes a view as a query string (with its leading `?`); defaults are left out. */
export function serializeView(v: MapView): string {
  const p = new URLSearchParams();
  // Five decimals is about 1 m: enough to restore the same view.
  p.set('lat', v.lat.toFixed(5));
  p.set('lon', v.lon.toFixed(5));
  p.set('z', String(v.zoom));
  const f = v.filters;
  if (f.operator) p.set('operator', f.operator);
  if (f.technology) p.set('technology', f.technology);
  if (f.status) p.set('status', f.status);
  if (f.shared !== null) p.set('shared', f.shared ? '1' : '0');
  const overlays = OVERLAYS.filter((o) => v.overlays.includes(o));
  if (overlays.join(',') !== DEFAULT_VIEW.overlays.join(',')) p.set('layers', overlays.join(','));
  if (v.site !== null) p.set('site', String(v.site));
  // Commas need no escaping in a query string, and `layers=zones,places` reads better.
  return `?${p.toString().replace(/%2C/g, ',')}`;
}

/** Whether any filter is set. */
export const hasFilters = (f: SiteFilters): boolean => f.operator !== null || f.technology !== null || f.status !== null || f.shared !== null;

/** Replaces the address bar's query with the view, without a new history entry. */
export function writeViewToUrl(v: MapView): void {
  const search = serializeView(v);
  if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
}
