/** Sensitive places in view (GET /api/sensitive-places?bbox=): kindergartens, schools, hospitals,
 *  clinics, elderly care, as small green markers or outlines. */
import { useEffect, useState } from 'react';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { api } from '../api.js';
import { toLatLng } from './latlng.js';
import { PLACE_COLOR } from './overlay-styles.js';
import { ensurePane } from './panes.js';
import { useViewData } from './use-view-data.js';

const loadPlaces = (bbox: string, signal: AbortSignal) => api.sensitivePlaces(bbox, signal);

/** Draws the sensitive places of the view. */
export function PlacesLayer({ bbox }: { bbox: string | null }) {
  const map = useMap();
  const data = useViewData(loadPlaces, bbox);
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
    const pane = ensurePane(map, 'places');
    for (const f of data.features) {
      const g = f.geometry;
      if (g.type === 'Point') {
        group.addLayer(L.circleMarker(toLatLng(g.coordinates), { pane, interactive: false, radius: 4.5, color: '#ffffff', weight: 1.5, fillColor: PLACE_COLOR, fillOpacity: 1 }));
      } else {
        group.addLayer(L.geoJSON(g, { pane, interactive: false, style: () => ({ color: PLACE_COLOR, weight: 1.5, fillColor: PLACE_COLOR, fillOpacity: 0.25 }) }));
      }
    }
  }, [map, group, data]);

  return null;
}
