/** React glue for the site canvas layer: creates it once per map, patches it when the points,
 *  colours, selection or language change, and marks the first time masts are drawn. */
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { MapPoint } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { SiteCanvasLayer } from './site-canvas-layer.js';

/** Name of the Performance API mark set when the first masts are on the map. */
export const FIRST_MASTS_MARK = 'dakal:first-masts';

interface Props {
  points: readonly MapPoint[];
  colorOf(operatorId: string): string | undefined;
  selectedId: number | null;
  onSite(id: number): void;
}

/** Keeps the site canvas layer in step with the props. */
export function SitesOverlay({ points, colorOf, selectedId, onSite }: Props) {
  const map = useMap();
  const { num } = useI18n();
  const layerRef = useRef<SiteCanvasLayer | null>(null);
  const onSiteRef = useRef(onSite);
  onSiteRef.current = onSite;

  useEffect(() => {
    const layer = new SiteCanvasLayer(map, {
      onSite: (id) => onSiteRef.current(id),
      // A cluster opens at the zoom where it splits (supercluster's expansion zoom).
      onCluster: (latLng, zoom) => map.flyTo(latLng, Math.max(zoom, map.getZoom() + 1)),
    });
    layerRef.current = layer;
    return () => {
      layer.remove();
      layerRef.current = null;
    };
  }, [map]);

  useEffect(() => {
    layerRef.current?.update(points, colorOf, selectedId, (n) => num(n));
    if (points.length > 0 && performance.getEntriesByName(FIRST_MASTS_MARK).length === 0) performance.mark(FIRST_MASTS_MARK);
  }, [points, colorOf, selectedId, num]);

  return null;
}
