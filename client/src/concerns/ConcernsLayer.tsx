/** Residents' concerns on the map: at low zoom a heat of discs sized by weight (concerns plus their
 *  supporters, GET /api/concerns/heat) on one canvas; from zoom 15 the concerns themselves (GET
 *  /api/concerns?bbox=) as small focusable markers that open the concern's page. Refetched for each
 *  settled view (moveend). */
import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { CATEGORY_NAMES, STATUS_NAMES } from '../../../shared/concerns.js';
import { isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { toLatLng } from '../map/latlng.js';
import { navigate } from '../router.js';
import { concernsApi, type ConcernHeat, type ConcernPointProps, type ConcernPoints } from './concerns-api.js';
import { countKey } from './format.js';
import './concerns-map.css';

/** From this zoom single concerns are drawn (the zoom at which single masts appear). */
export const POINTS_ZOOM = 15;
/** Fill of the heat discs (drawn translucent, so overlapping cells read darker). */
export const HEAT_COLOR = '#e8590c';
/** Fill of an open concern's dot (its white outline has a contrast above 4.5:1 on it). */
export const CONCERN_OPEN_COLOR = '#c2410c';
/** Fill of a closed concern's dot. */
export const CONCERN_CLOSED_COLOR = '#6b7280';
// Heat under the masts' canvas and never taking a tap; points above the masts (450) and their labels
// (460): a canvas takes every tap over its whole area, so markers under it could not be tapped.
const HEAT_PANE = 'dakal-concern-heat';
const POINT_PANE = 'dakal-concern-points';

type Data = { kind: 'heat'; heat: ConcernHeat } | { kind: 'points'; points: ConcernPoints };

/** Disc radius of a heat cell in pixels: its area grows with the weight, so amounts compare fairly by eye. */
export const heatRadius = (weight: number, maxWeight: number): number => 6 + 16 * Math.sqrt(weight / Math.max(1, maxWeight));

function pointIcon(p: ConcernPointProps): L.DivIcon {
  const dot = document.createElement('span');
  dot.className = `concern-dot${p.supporters > 0 ? ' supported' : ''}`;
  // Set through the CSSOM (allowed by the CSP's style-src 'self'), from the same constants as the legend.
  dot.style.background = p.open ? CONCERN_OPEN_COLOR : CONCERN_CLOSED_COLOR;
  // A 44 px box around a 16 px dot: the touch target, invisible.
  return L.divIcon({ className: 'concern-point', html: dot, iconSize: [44, 44], iconAnchor: [22, 22] });
}

/** Draws the concerns of the view. */
export function ConcernsLayer({ bbox }: { bbox: string | null }) {
  const map = useMap();
  const { t, lang, num } = useI18n();
  const [data, setData] = useState<Data | null>(null);
  const [layers] = useState(() => ({ heat: L.layerGroup(), points: L.layerGroup(), renderer: null as L.Canvas | null }));

  useEffect(() => {
    for (const [name, z] of [[HEAT_PANE, 430], [POINT_PANE, 470]] as const) {
      if (map.getPane(name)) continue;
      const pane = map.createPane(name);
      pane.style.zIndex = String(z);
      if (name === HEAT_PANE) pane.style.pointerEvents = 'none';
    }
    const renderer = L.canvas({ pane: HEAT_PANE });
    layers.renderer = renderer;
    layers.heat.addTo(map);
    layers.points.addTo(map);
    return () => {
      layers.heat.remove();
      layers.points.remove();
      // The renderer joined the map with its first disc and stays otherwise, an empty canvas over the map.
      renderer.remove();
      layers.renderer = null;
    };
  }, [map, layers]);

  useEffect(() => {
    if (bbox === null) return;
    const zoom = Math.round(map.getZoom());
    const ac = new AbortController();
    const load: Promise<Data> =
      zoom >= POINTS_ZOOM
        ? concernsApi.points(bbox, ac.signal).then((points) => ({ kind: 'points', points }))
        : concernsApi.heat(bbox, zoom, ac.signal).then((heat) => ({ kind: 'heat', heat }));
    load.then(setData, (e: unknown) => !isAbort(e) && console.warn('concerns layer', e));
    return () => ac.abort();
  }, [map, bbox]);

  useEffect(() => {
    layers.heat.clearLayers();
    layers.points.clearLayers();
    const renderer = layers.renderer;
    if (!data || !renderer) return;
    if (data.kind === 'heat') {
      const max = data.heat.max_weight;
      for (const c of data.heat.cells) {
        const share = c.weight / Math.max(1, max);
        const disc = L.circleMarker(toLatLng([c.lon, c.lat]), {
          renderer, pane: HEAT_PANE, interactive: false, radius: heatRadius(c.weight, max),
          stroke: false, fillColor: HEAT_COLOR, fillOpacity: 0.25 + 0.45 * share,
        });
        layers.heat.addLayer(disc);
      }
      return;
    }
    for (const f of data.points.features) {
      const p = f.properties;
      const supporters = t(countKey('concerns.queue.supporters', p.supporters), { count: num(p.supporters) });
      const label = t('concerns.layer.pointLabel', { category: CATEGORY_NAMES[p.category][lang], status: STATUS_NAMES[p.status][lang], supporters });
      const m = L.marker(toLatLng(f.geometry.coordinates), { pane: POINT_PANE, icon: pointIcon(p), keyboard: true, title: label, bubblingMouseEvents: false });
      m.on('click', () => navigate(`/concerns/${p.code}`));
      // Leaflet makes a keyboard marker a focusable button; Enter fires its click. This names it.
      m.on('add', () => m.getElement()?.setAttribute('aria-label', label));
      layers.points.addLayer(m);
    }
  }, [data, layers, t, lang, num]);

  return null;
}
