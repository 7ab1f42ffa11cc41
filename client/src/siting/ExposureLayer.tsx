/** The predicted exposure layer: GET /api/exposure/grid for the view at a cell size fit for the zoom, painted as
 *  ONE image over the map (a canvas turned into a data URL), refetched after every pan or zoom, with its legend. */
import { useCallback, useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { toLatLng } from '../map/latlng.js';
import { EXPOSURE_MIN_ZOOM, exposureCellM, paintExposureGrid } from './exposure-scale.js';
import { ExposureLegend } from './ExposureLegend.js';
import { sitingApi } from './siting-api.js';
import { useViewLoad, type MapView } from './use-view-load.js';

/** Above the zones (300) and the airport (320), under the sensitive places (420) and the masts (450). */
const EXPOSURE_PANE = 'dakal-exposure';

export interface PaintedGrid {
  url: string;
  bounds: L.LatLngBounds;
  cellM: number;
  max: number;
}

const loadGrid = (view: MapView, signal: AbortSignal): Promise<PaintedGrid> | null =>
  view.zoom < EXPOSURE_MIN_ZOOM
    ? null
    : sitingApi.exposureGrid(view.bbox, exposureCellM(view.zoom), signal).then((g) => {
        let max = 0;
        for (const v of g.values) if (v > max) max = v;
        const [w, s, e, n] = g.bbox;
        return { url: paintExposureGrid(g.cols, g.rows, g.values), bounds: L.latLngBounds(toLatLng([w, s]), toLatLng([e, n])), cellM: g.cell_m, max };
      });

/** The layer and its legend (rendered where the caller puts it). */
export function ExposureLayer() {
  const map = useMap();
  const grid = useViewLoad(map, useCallback(loadGrid, []), '');
  const overlay = useRef<L.ImageOverlay | null>(null);

  useEffect(() => {
    if (!map.getPane(EXPOSURE_PANE)) {
      const pane = map.createPane(EXPOSURE_PANE);
      pane.style.zIndex = '410';
      pane.style.pointerEvents = 'none';
    }
    return () => {
      overlay.current?.remove();
      overlay.current = null;
    };
  }, [map]);

  useEffect(() => {
    const g = grid.data;
    if (!g) {
      overlay.current?.remove();
      overlay.current = null;
      return;
    }
    if (overlay.current) overlay.current.setUrl(g.url).setBounds(g.bounds);
    else {
      overlay.current = L.imageOverlay(g.url, g.bounds, { pane: EXPOSURE_PANE, interactive: false, className: 'exposure-grid-image', alt: '' }).addTo(map);
    }
  }, [map, grid.data]);

  const zoomedOut = grid.view !== null && grid.view.zoom < EXPOSURE_MIN_ZOOM;
  return <ExposureLegend loading={grid.loading} error={grid.error} zoomedOut={zoomedOut} cellM={grid.data?.cellM ?? null} max={grid.data?.max ?? null} />;
}
