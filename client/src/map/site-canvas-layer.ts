/** The one imperative layer for masts and server clusters: canvas circle markers keyed by site or
 *  cluster, patched in place on every response (added, restyled or removed, never rebuilt). */
import L from 'leaflet';
import type { ClusterProperties, MapPoint, SitePointProperties } from '../api.js';
import { toLatLng } from './latlng.js';

export const SITE_PANE = 'dakal-sites';
const LABEL_PANE = 'dakal-site-labels';

/** Fill of a cluster disc; dark enough for white digits (contrast > 7:1). */
export const CLUSTER_COLOR = '#0b4f6c';
export const UNPERMITTED_COLOR = '#c00000';
const FALLBACK_COLOR = '#777777';

export interface SiteLayerEvents {
  onSite(id: number): void;
  onCluster(latLng: L.LatLng, expansionZoom: number): void;
}

interface Entry {
  marker: L.CircleMarker;
  /** A dark outer ring for a shared site, so its white ring shows on any background. */
  ring: L.CircleMarker | null;
  label: L.Marker | null;
  signature: string;
}

/** Radius of a cluster disc in pixels, growing with the log of its count. The server's clusters
 *  (supercluster radius 60 of a 512 extent) can sit 30 px apart or closer, so discs stay small. */
export const clusterRadius = (count: number): number => Math.min(16, 8 + 1.8 * Math.log2(Math.max(2, count)));

/** Path style of a single site: operator colour; shared bigger with a white ring; unpermitted red dashed. */
export function siteStyle(p: SitePointProperties, color: string, selected: boolean): L.CircleMarkerOptions {
  const unpermitted = p.status === 'unpermitted';
  return {
    radius: (p.shared ? 9 : 6.5) + (selected ? 2 : 0),
    fillColor: color,
    fillOpacity: 0.95,
    color: selected ? '#000000' : unpermitted ? UNPERMITTED_COLOR : p.shared ? '#ffffff' : '#1a1a1a',
    weight: selected ? 4 : unpermitted ? 2.5 : p.shared ? 3 : 1,
    dashArray: unpermitted && !selected ? '4 3' : undefined,
    opacity: 1,
  };
}

/** Masts and clusters on one canvas renderer in their own pane, above every other overlay. */
export class SiteCanvasLayer {
  private readonly group = L.layerGroup();
  private readonly entries = new Map<string, Entry>();
  private readonly renderer: L.Canvas;

  constructor(
    map: L.Map,
    private readonly events: SiteLayerEvents,
  ) {
    for (const [name, z] of [[SITE_PANE, 450], [LABEL_PANE, 460]] as const) {
      const pane = map.getPane(name) ?? map.createPane(name);
      pane.style.zIndex = String(z);
    }
    // tolerance widens the hit area: a 6.5 px dot plus 16 px is a 45 px touch target.
    this.renderer = L.canvas({ pane: SITE_PANE, tolerance: L.Browser.mobile ? 16 : 6, padding: 0.2 });
    this.group.addTo(map);
  }

  /** Patches the layer to show `features`, coloured by `colorOf(operatorId)`; `selectedId` is outlined;
   *  cluster counts are written with `format` (the language's digits). */
  update(features: readonly MapPoint[], colorOf: (operatorId: string) => string | undefined, selectedId: number | null, format: (n: number) => string): void {
    const seen = new Set<string>();
    for (const f of features) {
      const p = f.properties;
      const key = p.cluster ? `c${p.cluster_id}:${p.point_count}` : `s${p.id}`;
      seen.add(key);
      const latLng = toLatLng(f.geometry.coordinates);
      if (p.cluster) this.upsertCluster(key, latLng, p, format);
      else this.upsertSite(key, latLng, p, colorOf(p.operators[0] ?? '') ?? FALLBACK_COLOR, p.id === selectedId);
    }
    for (const [key, e] of this.entries) {
      if (seen.has(key)) continue;
      this.group.removeLayer(e.marker);
      if (e.ring) this.group.removeLayer(e.ring);
      if (e.label) this.group.removeLayer(e.label);
      this.entries.delete(key);
    }
    // The selected site is drawn last so its outline is on top.
    const sel = selectedId === null ? undefined : this.entries.get(`s${selectedId}`);
    sel?.marker.bringToFront();
  }

  /** Removes the layer and its panes' contents from the map. */
  remove(): void {
    this.group.remove();
    this.entries.clear();
  }

  private upsertSite(key: string, latLng: L.LatLng, p: SitePointProperties, color: string, selected: boolean): void {
    const style = siteStyle(p, color, selected);
    const signature = `${latLng.lat},${latLng.lng}|${color}|${p.status}|${p.shared}|${selected}`;
    const old = this.entries.get(key);
    if (old?.signature === signature) return;
    if (old) {
      old.marker.setLatLng(latLng).setStyle(style).setRadius(style.radius ?? 6);
      old.ring?.setLatLng(latLng).setRadius((style.radius ?? 9) + 2.5);
      old.signature = signature;
      return;
    }
    const ring = p.shared
      ? L.circleMarker(latLng, { renderer: this.renderer, pane: SITE_PANE, interactive: false, radius: (style.radius ?? 9) + 2.5, color: '#1a1a1a', weight: 1.5, fill: false })
      : null;
    if (ring) this.group.addLayer(ring);
    const marker = L.circleMarker(latLng, { ...style, renderer: this.renderer, pane: SITE_PANE, bubblingMouseEvents: false });
    marker.on('click', () => this.events.onSite(p.id));
    this.group.addLayer(marker);
    this.entries.set(key, { marker, ring, label: null, signature });
  }

  private upsertCluster(key: string, latLng: L.LatLng, p: ClusterProperties, format: (n: number) => string): void {
    const text = format(p.point_count);
    const old = this.entries.get(key);
    const signature = `${latLng.lat},${latLng.lng}|${text}`;
    if (old?.signature === signature) return;
    if (old) {
      old.marker.setLatLng(latLng);
      old.label?.setLatLng(latLng).setIcon(this.labelIcon(text, p.point_count));
      old.signature = signature;
      return;
    }
    const radius = clusterRadius(p.point_count);
    const marker = L.circleMarker(latLng, {
      renderer: this.renderer,
      pane: SITE_PANE,
      radius,
      fillColor: CLUSTER_COLOR,
      fillOpacity: 0.9,
      color: '#ffffff',
      weight: 2,
      bubblingMouseEvents: false,
    });
    marker.on('click', () => this.events.onCluster(latLng, p.expansion_zoom));
    // The count is a DOM label over the canvas disc; it takes no pointer events, so taps reach the disc.
    const label = L.marker(latLng, { pane: LABEL_PANE, interactive: false, keyboard: false, icon: this.labelIcon(text, p.point_count) });
    this.group.addLayer(marker);
    this.group.addLayer(label);
    this.entries.set(key, { marker, ring: null, label, signature });
  }

  private labelIcon(text: string, count: number): L.DivIcon {
    const size = Math.round(clusterRadius(count) * 2);
    const el = document.createElement('span');
    el.textContent = text;
    return L.divIcon({ className: 'cluster-label', html: el, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  }
}
