/** The objects a check involves, drawn from the pin: a line to the nearest point of each sensitive place and to
 *  each structure that could be shared, coloured by the rule's status, with the distance written at its end, and
 *  the places outlined. One layer group, redrawn per result; nothing on it takes pointer events. */
import L from 'leaflet';
import { nearestBoundaryPoint } from '../../../shared/geodesy.js';
import type { RuleStatus, SitingPlace, SitingResult, SitingSite } from '../../../shared/siting.js';
import { toLatLng, toLatLngs } from '../map/latlng.js';

/** Between the places (420) and the masts (450): lines never hide a mast. */
const LINES_PANE = 'dakal-check-lines';
/** Most structures drawn for share_first (the nearest); the panel lists the rest. */
const MAX_SITES = 5;
const MAX_PLACES = 8;

export const STATUS_COLOR: Record<RuleStatus, string> = { pass: '#1d6b3a', warn: '#8a5a00', fail: '#b3261e' };
const RANK: Record<RuleStatus, number> = { pass: 0, warn: 1, fail: 2 };

/** Something to draw from the pin: where it is, an outline for an area, its colour and label. */
export interface MapTarget {
  key: string;
  to: readonly number[];
  outline: SitingPlace['geometry'] | null;
  color: string;
  dashed: boolean;
  label: string;
}

/** A related object before drawing: its worst status among the rules naming it. */
interface Target extends Omit<MapTarget, 'color' | 'dashed'> {
  status: RuleStatus;
}

/** A code kept in its own direction inside Persian text (FSI … PDI, Unicode bidi isolation). */
export const isolate = (s: string): string => `\u2068${s}\u2069`;

function textLabel(text: string): HTMLElement {
  const el = document.createElement('span');
  el.textContent = text;
  return el;
}

/** The places and structures of a result, found in the context the browser checked with. */
export function relatedTargets(
  result: SitingResult,
  pin: readonly [number, number],
  places: readonly SitingPlace[],
  sites: readonly SitingSite[],
  distanceText: (m: number) => string,
): MapTarget[] {
  const out = new Map<string, Target>();
  const add = (t: Target) => {
    const old = out.get(t.key);
    if (!old || RANK[t.status] > RANK[old.status]) out.set(t.key, t);
  };
  for (const rule of result.rules) {
    let siteCount = 0;
    for (const r of rule.related) {
      if (r.type === 'sensitive_place') {
        const place = places.find((p) => p.id === r.id);
        if (!place) continue;
        const g = place.geometry;
        const to = g.type === 'Point' ? g.coordinates : (({ lon, lat }) => [lon, lat])(nearestBoundaryPoint(pin[0], pin[1], g));
        add({ key: `p${place.id}`, to, outline: g.type === 'Point' ? null : g, status: rule.status, label: distanceText(r.distance_m ?? 0) });
      } else if (r.type === 'site' && siteCount < MAX_SITES) {
        const site = sites.find((s) => s.id === r.id);
        if (!site) continue;
        siteCount++;
        add({ key: `s${site.id}`, to: [site.lon, site.lat], outline: null, status: rule.status, label: `${isolate(site.code)} · ${distanceText(r.distance_m ?? 0)}` });
      }
    }
  }
  const all = [...out.values()].map(({ status, ...t }) => ({ ...t, color: STATUS_COLOR[status], dashed: status === 'pass' }));
  return [...all.filter((t) => t.key.startsWith('p')).slice(0, MAX_PLACES), ...all.filter((t) => t.key.startsWith('s'))];
}

/** Draws targets from the pin on a map. */
export class RelatedLayer {
  private readonly group = L.layerGroup();
  private readonly renderer: L.Renderer;

  constructor(map: L.Map) {
    if (!map.getPane(LINES_PANE)) {
      const pane = map.createPane(LINES_PANE);
      pane.style.zIndex = '445';
      pane.style.pointerEvents = 'none';
    }
    // An SVG renderer of its own: dashed lines and outlines stay crisp, and the map's canvas of masts is untouched.
    this.renderer = L.svg({ pane: LINES_PANE });
    this.group.addTo(map);
  }

  /** Replaces the drawing with lines from `pin` to `targets`; `mark` draws a dot at the pin (when no pin marks it). */
  draw(pin: readonly [number, number], targets: readonly MapTarget[], mark?: string): void {
    this.group.clearLayers();
    const renderer = this.renderer;
    const rtl = document.documentElement.dir === 'rtl';
    if (mark) L.circleMarker(toLatLng(pin), { pane: LINES_PANE, renderer, interactive: false, radius: 7, color: '#ffffff', weight: 2.5, fillColor: mark, fillOpacity: 1 }).addTo(this.group);
    for (const t of targets) {
      const color = t.color;
      if (t.outline) {
        const rings = t.outline.type === 'Polygon' ? t.outline.coordinates : [];
        L.polygon(rings.map((r) => toLatLngs(r)), { pane: LINES_PANE, renderer, interactive: false, color, weight: 3, fillColor: color, fillOpacity: 0.12 }).addTo(this.group);
      }
      const line = L.polyline([toLatLng(pin), toLatLng(t.to)], { pane: LINES_PANE, renderer, interactive: false, color, weight: 3, dashArray: t.dashed ? '6 6' : undefined, opacity: 0.9 });
      line.addTo(this.group);
      if (!t.label) continue;
      // Beside the object, not on it, towards the side away from the panel (which sits at the page's start side).
      const tip = L.tooltip({ permanent: true, direction: rtl ? 'left' : 'right', offset: [rtl ? -10 : 10, 0], className: 'check-line-label', pane: LINES_PANE, interactive: false });
      tip.setLatLng(toLatLng(t.to)).setContent(textLabel(t.label));
      this.group.addLayer(tip);
    }
  }

  /** Removes the drawing from the map. */
  remove(): void {
    this.group.remove();
    this.renderer.remove();
  }
}
