/** Payam airport (OIIP): the runway, the 4 km inner horizontal surface and the 6 km outer edge of
 *  the conical surface, computed once from the runway thresholds. */
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { CONICAL_OUTER_M, INNER_HORIZONTAL_M, OIIP_THRESHOLDS, runwayStrip, stadiumRing } from './airport-surfaces.js';
import { toLatLngs } from './latlng.js';
import { AIRPORT_COLOR } from './overlay-styles.js';
import { ensurePane } from './panes.js';

/** Draws Payam airport's runway and surface outlines. */
export function AirportLayer() {
  const map = useMap();

  useEffect(() => {
    const pane = ensurePane(map, 'airport');
    const strip = runwayStrip();
    const base: L.PolylineOptions = { pane, interactive: false, color: AIRPORT_COLOR };
    const group = L.layerGroup([
      L.polygon(toLatLngs(stadiumRing(strip, CONICAL_OUTER_M)), { ...base, weight: 1.5, dashArray: '2 5', fill: false }),
      L.polygon(toLatLngs(stadiumRing(strip, INNER_HORIZONTAL_M)), { ...base, weight: 2, dashArray: '10 6', fillOpacity: 0.05 }),
      L.polyline(toLatLngs(OIIP_THRESHOLDS), { ...base, weight: 5, opacity: 0.9 }),
    ]).addTo(map);
    return () => {
      group.remove();
    };
  }, [map]);

  return null;
}
