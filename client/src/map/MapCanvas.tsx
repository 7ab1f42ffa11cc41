/** The Leaflet map: offline base, optional raster tiles, overlays and the masts' canvas layer.
 *  It reports each settled view (moveend) and knows nothing of the panels around it. */
import { useEffect, useState } from 'react';
import { MapContainer, TileLayer, ZoomControl, useMap, useMapEvents } from 'react-leaflet';
import type L from 'leaflet';
import type { ClientConfig, MapPoint } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { ConcernsLayer } from '../concerns/ConcernsLayer.js';
import { ProposalsLayer } from '../requests/ProposalsLayer.js';
import { SitingMap } from '../siting/SitingMap.js';
import { AirportLayer } from './AirportLayer.js';
import { BoundariesLayer } from './BoundariesLayer.js';
import { PlacesLayer } from './PlacesLayer.js';
import { SitesOverlay } from './SitesOverlay.js';
import { ZonesLayer } from './ZonesLayer.js';
import { toLatLng } from './latlng.js';
import { MAX_ZOOM, MIN_ZOOM, type OverlayId } from './view-state.js';
import './leaflet-setup.js';

interface Props {
  initial: { lon: number; lat: number; zoom: number };
  config: ClientConfig | null;
  overlays: readonly OverlayId[];
  /** The settled view's `bbox` parameter, for the overlays that load by view. */
  bbox: string | null;
  points: readonly MapPoint[];
  colorOf(operatorId: string): string | undefined;
  selectedId: number | null;
  onMap(map: L.Map | null): void;
  onView(map: L.Map): void;
  onSite(id: number): void;
}

/** Calls `onView` once the map is ready and after every pan or zoom. */
function ViewWatcher({ onView }: { onView(map: L.Map): void }) {
  const map = useMapEvents({ moveend: () => onView(map) });
  useEffect(() => onView(map), [map, onView]);
  return null;
}

/** Tells Leaflet when its box changes size (a panel opening beside it), keeping the centre. */
function FollowContainerSize() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize({ pan: true, animate: false }));
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

/** Names the map region in the current language (Leaflet's container is focusable for arrow-key panning). */
function MapLabel() {
  const map = useMap();
  const { t } = useI18n();
  useEffect(() => {
    const el = map.getContainer();
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', t('map.label'));
  }, [map, t]);
  return null;
}

const ignoreSite = () => undefined;

/** The map with its layers; the page owns the state. */
export function MapCanvas({ initial, config, overlays, bbox, points, colorOf, selectedId, onMap, onView, onSite }: Props) {
  const { t, lang } = useI18n();
  const on = (o: OverlayId) => overlays.includes(o);
  // While the siting check tool takes the map's clicks, a mast clicked is a place for the pin, not a panel to open.
  const [checking, setChecking] = useState(false);

  return (
    <MapContainer
      ref={onMap}
      className="map"
      center={toLatLng([initial.lon, initial.lat])}
      zoom={initial.zoom}
      minZoom={MIN_ZOOM}
      maxZoom={MAX_ZOOM}
      preferCanvas
      zoomControl={false}
      worldCopyJump={false}
    >
      <MapLabel />
      <FollowContainerSize />
      <ViewWatcher onView={onView} />
      {/* Re-created per language so its titles and labels follow it; on the side away from the panels. */}
      <ZoomControl key={lang} position={lang === 'fa' ? 'topleft' : 'topright'} zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
      {config?.tile_url ? <TileLayer url={config.tile_url} attribution={config.tile_attribution} maxZoom={MAX_ZOOM} /> : null}
      {on('boundaries') && <BoundariesLayer />}
      {on('zones') && <ZonesLayer bbox={bbox} />}
      {on('airport') && <AirportLayer />}
      {on('places') && <PlacesLayer bbox={bbox} />}
      {on('concerns') && <ConcernsLayer bbox={bbox} />}
      {on('proposals') && <ProposalsLayer bbox={bbox} />}
      <SitingMap exposure={on('exposure')} density={on('density')} onChecking={setChecking} />
      <SitesOverlay points={points} colorOf={colorOf} selectedId={selectedId} onSite={checking ? ignoreSite : onSite} />
    </MapContainer>
  );
}
