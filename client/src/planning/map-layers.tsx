/** Imperative Leaflet layers for the planning map (the react-leaflet habit: create the layer once per data, never a
 *  component per feature): polygons with a fill, circle markers and lines; tooltips as text, never as HTML. */
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import L from 'leaflet';
import { labelPoint, toLatLng, toLatLngs } from '../map/latlng.js';

/** A tooltip holding plain text (Leaflet would read a string as HTML). */
function textTooltip(text: string): HTMLElement {
  const el = document.createElement('span');
  el.textContent = text;
  return el;
}

/** Adds `make()`'s layer while mounted and whenever its inputs change. */
function useLayer(make: () => L.Layer | null, deps: readonly unknown[]): void {
  const map = useMap();
  useEffect(() => {
    const layer = make();
    layer?.addTo(map);
    return () => {
      layer?.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, ...deps]);
}

export interface AreaFeature {
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  fill: string;
  label: string;
  outline?: string;
}

/** Filled polygons (district choropleth, density cells, hotspot cells). */
export function AreasLayer({ areas, opacity = 0.7, weight = 1 }: { areas: readonly AreaFeature[]; opacity?: number; weight?: number }) {
  useLayer(() => {
    const group = L.featureGroup();
    for (const a of areas) {
      const rings = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
      const poly = L.polygon(rings.map((r) => r.map((ring) => toLatLngs(ring))), {
        color: a.outline ?? '#5b6670', weight, fillColor: a.fill, fillOpacity: opacity, opacity: 0.9,
      });
      poly.bindTooltip(textTooltip(a.label), { sticky: true });
      group.addLayer(poly);
    }
    return group;
  }, [areas, opacity, weight]);
  return null;
}

export interface MarkerPoint {
  id: string | number;
  position: readonly number[];
  color: string;
  label: string;
  /** A ring (white centre) instead of a filled dot. */
  ring?: boolean;
  radius?: number;
}

/** Circle markers; `onPick` is told the id of a clicked marker. */
export function MarkersLayer({ points, onPick }: { points: readonly MarkerPoint[]; onPick?: (id: string | number) => void }) {
  useLayer(() => {
    const group = L.featureGroup();
    for (const p of points) {
      const m = L.circleMarker(toLatLng(p.position), {
        radius: p.radius ?? 5, color: p.ring ? p.color : '#1b1f23', weight: p.ring ? 2.5 : 1,
        fillColor: p.ring ? '#ffffff' : p.color, fillOpacity: 0.95,
      });
      m.bindTooltip(textTooltip(p.label));
      if (onPick) m.on('click', () => onPick(p.id));
      group.addLayer(m);
    }
    return group;
  }, [points, onPick]);
  return null;
}

export interface Segment {
  from: readonly number[];
  to: readonly number[];
  color: string;
}

/** Straight lines (a removed structure to the one its antennas move to). */
export function LinesLayer({ lines, weight = 2 }: { lines: readonly Segment[]; weight?: number }) {
  useLayer(() => {
    const group = L.featureGroup();
    for (const l of lines) group.addLayer(L.polyline([toLatLng(l.from), toLatLng(l.to)], { color: l.color, weight, opacity: 0.9, interactive: false }));
    return group;
  }, [lines, weight]);
  return null;
}

/** Pans and zooms to a point when `focus` changes. */
export function FocusOn({ focus, zoom = 16 }: { focus: readonly number[] | null; zoom?: number }) {
  const map = useMap();
  useEffect(() => {
    if (focus) map.setView(toLatLng(focus), Math.max(map.getZoom(), zoom), { animate: false });
  }, [map, focus, zoom]);
  return null;
}

/** District outlines with their names, under everything else: where a map has no tiles they are the orientation. */
export function DistrictOutlines({ districts, name }: { districts: ReadonlyArray<{ geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; properties: { name_fa: string; name_en: string } }>; name(r: { name_fa: string; name_en: string }): string }) {
  useLayer(() => {
    const group = L.featureGroup();
    for (const d of districts) {
      group.addLayer(L.geoJSON(d.geometry, { interactive: false, style: () => ({ color: '#37424a', weight: 1.2, fill: false, opacity: 0.8 }) }));
      const el = document.createElement('span');
      el.textContent = name(d.properties);
      group.addLayer(L.marker(labelPoint(d.geometry), { interactive: false, keyboard: false, icon: L.divIcon({ className: 'district-label', html: el, iconSize: undefined }) }));
    }
    return group;
  }, [districts, name]);
  return null;
}
