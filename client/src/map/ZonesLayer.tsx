/** Zones in view (GET /api/zones?bbox=): districts as named outlines, rule zones tinted by kind. */
import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { api } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { labelPoint } from './latlng.js';
import { ZONE_STYLE } from './overlay-styles.js';
import { ensurePane } from './panes.js';
import { useViewData } from './use-view-data.js';

const loadZones = (bbox: string, signal: AbortSignal) => api.zones({ bbox }, signal);

/** Draws the zones of the view, with district names in the current language. */
export function ZonesLayer({ bbox }: { bbox: string | null }) {
  const map = useMap();
  const { name } = useI18n();
  const data = useViewData(loadZones, bbox);
  const [group] = useState(() => L.layerGroup());

  useEffect(() => {
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);

  useEffect(() => {
    group.clearLayers();
    if (!data) return;
    const pane = ensurePane(map, 'zones');
    const labelPane = ensurePane(map, 'labels');
    // Rule zones over districts, so their tint is not hidden under a district outline.
    const features = [...data.features].sort((a, b) => Number(b.properties.kind === 'district') - Number(a.properties.kind === 'district'));
    for (const f of features) {
      const s = ZONE_STYLE[f.properties.kind];
      group.addLayer(L.geoJSON(f, { pane, interactive: false, style: () => ({ ...s, fill: s.fillOpacity > 0, fillColor: s.color }) }));
      if (f.properties.kind !== 'district') continue;
      const el = document.createElement('span');
      el.textContent = name(f.properties);
      group.addLayer(L.marker(labelPoint(f.geometry), { pane: labelPane, interactive: false, keyboard: false, icon: L.divIcon({ className: 'district-label', html: el, iconSize: undefined }) }));
    }
  }, [map, group, data, name]);

  return null;
}
