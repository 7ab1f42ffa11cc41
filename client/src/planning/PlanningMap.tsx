/** The planning view's map: the city's districts framed, the optional raster tiles, and whatever layers the section
 *  puts inside (drawn on one canvas: thousands of cells or lines stay cheap). */
import { useEffect, type ReactNode } from 'react';
import { MapContainer, TileLayer, ZoomControl, useMap } from 'react-leaflet';
import L from 'leaflet';
import type { ClientConfig, ZoneFeature } from '../api.js';
import { useI18n } from '../i18n/i18n.js';
import { geometryBounds } from '../map/latlng.js';
import { DistrictOutlines } from './map-layers.js';
import '../map/leaflet-setup.js';

/** Fits the map to the districts once they are known, and names the map region. */
function Frame({ districts, label }: { districts: readonly ZoneFeature[]; label: string }) {
  const map = useMap();
  useEffect(() => {
    if (districts.length === 0) return;
    const bounds = L.latLngBounds([]);
    for (const d of districts) bounds.extend(geometryBounds(d.geometry));
    // The box may have been laid out after the map was made: measure it again, and once more when it settles.
    const fit = () => {
      map.invalidateSize({ animate: false });
      map.fitBounds(bounds, { padding: [12, 12], animate: false });
    };
    fit();
    const observer = new ResizeObserver(() => {
      fit();
      observer.disconnect();
    });
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map, districts]);
  useEffect(() => {
    map.getContainer().setAttribute('role', 'region');
    map.getContainer().setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}

interface Props {
  config: ClientConfig | null;
  districts: readonly ZoneFeature[];
  label: string;
  children?: ReactNode;
  className?: string;
  /** Draw the district outlines and names (off when a layer draws the districts itself). */
  outlines?: boolean;
}

/** A map of the city with the given layers. */
export function PlanningMap({ config, districts, label, children, className, outlines = true }: Props) {
  const { t, lang, name } = useI18n();
  return (
    <MapContainer className={`planning-map ${className ?? ''}`} center={[35.8355, 50.9915]} zoom={12} minZoom={9} maxZoom={18} zoomSnap={0.5} preferCanvas zoomControl={false}>
      <Frame districts={districts} label={label} />
      <ZoomControl key={lang} position={lang === 'fa' ? 'topleft' : 'topright'} zoomInTitle={t('map.zoomIn')} zoomOutTitle={t('map.zoomOut')} />
      {config?.tile_url ? <TileLayer url={config.tile_url} attribution={config.tile_attribution} maxZoom={18} /> : null}
      {outlines ? <DistrictOutlines districts={districts} name={name} /> : null}
      {children}
    </MapContainer>
  );
}
