/** A small map around a proposed site: its pin (moved by a click or a drag when the form is editable),
 *  a radius drawn around it (share-first or consultation), nearby structures, and any overlay passed in. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Circle, CircleMarker, MapContainer, TileLayer, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import L from 'leaflet';
import { pinIcon } from '../map/pin-icon.js';
import { api, type ClientConfig } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { BoundariesLayer } from '../map/BoundariesLayer.js';
import { toLatLng, toLonLat } from '../map/latlng.js';
import { DEFAULT_VIEW, MAX_ZOOM } from '../map/view-state.js';
import '../map/leaflet-setup.js';

let configOnce: Promise<ClientConfig | null> | null = null;
/** The tile configuration, asked once per page load. */
function loadConfig(): Promise<ClientConfig | null> {
  configOnce ??= api.config().catch(() => null);
  return configOnce;
}

/** A nearby structure drawn for context. */
export interface NearbyMark {
  id: number;
  lon: number;
  lat: number;
  label: string;
}

interface Props {
  /** The pin as [lon, lat], or null before one is placed. */
  position: readonly [number, number] | null;
  /** Set when the pin may be moved; called with the new [lon, lat]. */
  onMove?(lon: number, lat: number): void;
  radiusM?: number | null;
  nearby?: readonly NearbyMark[];
  label: string;
  zoom?: number;
  className?: string;
  children?: ReactNode;
}


/** The pin: created once, moved in place; a click on the map moves it too when editable. */
function Pin({ position, onMove, title }: { position: readonly [number, number] | null; onMove?: (lon: number, lat: number) => void; title: string }) {
  const map = useMap();
  const marker = useRef<L.Marker | null>(null);
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;
  const editable = onMove !== undefined;

  useMapEvents({
    click: (e) => {
      if (!onMoveRef.current) return;
      const [lon, lat] = toLonLat(e.latlng);
      onMoveRef.current(lon, lat);
    },
  });

  useEffect(() => {
    if (!position) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const at = toLatLng(position);
    if (!marker.current) {
      const m = L.marker(at, { draggable: editable, autoPan: true, keyboard: false, title, alt: title, icon: pinIcon('request', 'mast'), zIndexOffset: 1000 });
      m.on('dragend', () => {
        const [lon, lat] = toLonLat(m.getLatLng());
        onMoveRef.current?.(lon, lat);
      });
      m.addTo(map);
      marker.current = m;
      if (!map.getBounds().pad(-0.1).contains(at)) map.setView(at, map.getZoom());
    } else {
      if (!marker.current.getLatLng().equals(at)) {
        marker.current.setLatLng(at);
        if (!map.getBounds().contains(at)) map.panTo(at);
      }
      if (editable) marker.current.dragging?.enable();
      else marker.current.dragging?.disable();
    }
  }, [map, position, editable, title]);

  // Nulled too, so a remount (React's StrictMode runs effects twice) draws the pin again.
  useEffect(
    () => () => {
      marker.current?.remove();
      marker.current = null;
    },
    [],
  );
  return null;
}

/** Names the map region for assistive technology. */
function RegionLabel({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const el = map.getContainer();
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}

/** The map. */
export function PinMap({ position, onMove, radiusM, nearby = [], label, zoom = 16, className = '', children }: Props) {
  const { t } = useI18n();
  const [config, setConfig] = useState<ClientConfig | null>(null);
  useEffect(() => {
    let live = true;
    void loadConfig().then((c) => live && setConfig(c));
    return () => {
      live = false;
    };
  }, []);
  const centre = position ?? [DEFAULT_VIEW.lon, DEFAULT_VIEW.lat];

  return (
    <MapContainer className={`pin-map ${className}`} center={toLatLng(centre)} zoom={position ? zoom : 12} maxZoom={MAX_ZOOM} scrollWheelZoom={false}>
      <RegionLabel label={label} />
      {config?.tile_url ? <TileLayer url={config.tile_url} attribution={config.tile_attribution} maxZoom={MAX_ZOOM} /> : <BoundariesLayer />}
      {children}
      {position && radiusM ? <Circle center={toLatLng(position)} radius={radiusM} pathOptions={{ className: 'request-radius', interactive: false }} /> : null}
      {nearby.map((s) => (
        <CircleMarker key={s.id} center={toLatLng([s.lon, s.lat])} radius={7} pathOptions={{ className: 'request-nearby' }}>
          <Tooltip>{s.label}</Tooltip>
        </CircleMarker>
      ))}
      <Pin position={position} onMove={onMove} title={t('requests.map.pin')} />
    </MapContainer>
  );
}
