/** The offline base layer: Alborz county and Iran province outlines from static OSM extracts,
 *  drawn under everything, with the ODbL attribution. Provinces (2.6 MB) load only when zoomed out. */
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { BOUNDARY_COLOR } from './overlay-styles.js';
import { ensurePane } from './panes.js';

const ATTRIBUTION = '© OpenStreetMap contributors';
const COUNTIES_URL = '/boundaries/alborz-counties.geojson';
const PROVINCES_URL = '/boundaries/iran-provinces.geojson';
/** Below this zoom a county outline is too small to read and the provinces are drawn instead. */
const PROVINCES_BELOW_ZOOM = 9;

async function loadGeoJson(url: string, signal: AbortSignal): Promise<GeoJSON.FeatureCollection> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as GeoJSON.FeatureCollection;
}

/** Draws the county (and, zoomed out, province) outlines. */
export function BoundariesLayer() {
  const map = useMap();

  useEffect(() => {
    const pane = ensurePane(map, 'boundaries');
    const ac = new AbortController();
    // The group carries the ODbL attribution, so the attribution control shows it while the layer is on.
    const group = L.layerGroup([], { attribution: ATTRIBUTION }).addTo(map);
    const style = (weight: number, dashArray?: string): L.PathOptions => ({ pane, interactive: false, color: BOUNDARY_COLOR, weight, dashArray, fill: false, opacity: 0.9 });
    const add = (url: string, options: L.PathOptions) =>
      loadGeoJson(url, ac.signal).then(
        (data) => {
          if (!ac.signal.aborted) group.addLayer(L.geoJSON(data, { style: () => options, interactive: false, pane }));
        },
        (e: unknown) => {
          // The base layer is decoration: a missing file leaves the map usable, so it is only logged.
          if (!ac.signal.aborted) console.warn('boundaries', e);
        },
      );
    void add(COUNTIES_URL, style(1.5, '6 3'));
    let provincesRequested = false;
    const onZoom = () => {
      if (provincesRequested || map.getZoom() >= PROVINCES_BELOW_ZOOM) return;
      provincesRequested = true;
      void add(PROVINCES_URL, style(2));
    };
    onZoom();
    map.on('zoomend', onZoom);
    return () => {
      ac.abort();
      map.off('zoomend', onZoom);
      group.remove();
    };
  }, [map]);

  return null;
}
