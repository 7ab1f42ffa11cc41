/** "Exposure here": a click on the map asks GET /api/exposure for the predicted exposure at that point; a click on
 *  a sensitive place (a school's grounds, a clinic's dot) names it. The largest contributors are drawn as lines
 *  from the point to their masts. Mounted while the exposure layer or the mode is on. */
import { useCallback, useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import { pointInPolygon } from '../../../shared/geodesy.js';
import { api, isAbort, type PlaceFeature } from '../api.js';
import { toLatLng, toLonLat } from '../map/latlng.js';
import { ExposureAnswer, type ExposureQuery } from './ExposureAnswer.js';
import { useSitingFormat } from './format.js';
import { keepClearOf } from './keep-clear.js';
import { isolate, RelatedLayer } from './related-layer.js';
import { sitingApi, type ExposureHereResponse } from './siting-api.js';
import { useViewLoad, type MapView } from './use-view-load.js';

/** Contributions listed; the totals always sum every antenna within 2 km. */
const LISTED = 5;
/** A tap this close to a point-like place is on it (a finger is about 40 px wide). */
const PLACE_HIT_PX = 16;
/** Sensitive places are loaded for hit tests from this zoom (a neighbourhood's worth). */
const PLACES_MIN_ZOOM = 13;
const LINE_COLOR = '#6a1b9a';

const loadPlaces = (view: MapView, signal: AbortSignal) => (view.zoom < PLACES_MIN_ZOOM ? null : api.sensitivePlaces(view.bbox, signal));

/** The sensitive place under a click, if any: inside an area, or within a finger of a point. */
function placeAt(map: L.Map, at: L.LatLng, places: readonly PlaceFeature[]): PlaceFeature | null {
  const [lon, lat] = toLonLat(at);
  const p = map.latLngToContainerPoint(at);
  for (const f of places) {
    const g = f.geometry;
    if (g.type === 'Point' ? map.latLngToContainerPoint(toLatLng(g.coordinates)).distanceTo(p) <= PLACE_HIT_PX : pointInPolygon(lon, lat, g)) return f;
  }
  return null;
}

export interface ExposureHere {
  query: ExposureQuery;
  answer: ExposureHereResponse | null;
  error: string | null;
}

interface Props {
  map: L.Map;
  operatorName(id: string): string;
  /** Answer for the map's centre at once (the mode was turned on by its button: a keyboard user can pan with the
   *  arrow keys and click nowhere). */
  startAtCentre: boolean;
}

const centreQuery = (map: L.Map): ExposureHere => {
  const [lon, lat] = toLonLat(map.getCenter());
  return { query: { lon, lat, place: null }, answer: null, error: null };
};

/** The click handling, the drawing and the answer panel. */
export function ExposureTool({ map, operatorName, startAtCentre }: Props) {
  const f = useSitingFormat();
  const places = useViewLoad(map, useCallback(loadPlaces, []), '');
  const placesRef = useRef<PlaceFeature[]>([]);
  placesRef.current = places.data?.features ?? [];
  const [here, setHere] = useState<ExposureHere | null>(() => (startAtCentre ? centreQuery(map) : null));
  const lines = useRef<RelatedLayer | null>(null);
  const panel = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const l = new RelatedLayer(map);
    lines.current = l;
    const onClick = (e: L.LeafletMouseEvent) => {
      const place = placeAt(map, e.latlng, placesRef.current);
      const [lon, lat] = toLonLat(e.latlng);
      setHere({ query: { lon, lat, place: place ? { ...place.properties, geometry: place.geometry } : null }, answer: null, error: null });
    };
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
      l.remove();
      lines.current = null;
    };
  }, [map]);

  const query = here?.query;
  useEffect(() => {
    if (!query) return;
    const ac = new AbortController();
    sitingApi.exposureHere(query.lon, query.lat, LISTED, ac.signal).then(
      (answer) => setHere((h) => (h?.query === query ? { ...h, answer } : h)),
      (e: unknown) => !isAbort(e) && setHere((h) => (h?.query === query ? { ...h, error: e instanceof Error ? e.message : String(e) } : h)),
    );
    return () => ac.abort();
  }, [query]);

  // Lines to the masts of the largest contributions (their positions from GET /api/sites/:id).
  const answer = here?.answer;
  useEffect(() => {
    const l = lines.current;
    if (!l || !query) {
      l?.draw([0, 0], []);
      return;
    }
    const at: [number, number] = [query.lon, query.lat];
    const outline = query.place && query.place.geometry.type !== 'Point' ? [{ key: 'place', to: at, outline: query.place.geometry, color: LINE_COLOR, dashed: false, label: '' }] : [];
    l.draw(at, outline, LINE_COLOR);
    if (!answer || answer.total_exposure_ratio <= 0) return;
    const ac = new AbortController();
    const siteIds = [...new Set(answer.contributions.map((c) => c.site_id))];
    Promise.all(siteIds.map((id) => api.site(id, ac.signal))).then(
      (sites) => {
        const share = new Map<number, number>();
        for (const c of answer.contributions) share.set(c.site_id, (share.get(c.site_id) ?? 0) + c.ratio / answer.total_exposure_ratio);
        l.draw(
          at,
          [
          ...outline,
          ...sites.map((s) => ({
            key: `s${s.properties.id}`, to: s.geometry.coordinates, outline: null, color: LINE_COLOR, dashed: false,
            label: `${isolate(s.properties.code)} · ${f.percent(share.get(s.properties.id) ?? 0)}`,
          })),
          ],
          LINE_COLOR,
        );
      },
      (e: unknown) => !isAbort(e) && console.warn('contributing sites', e),
    );
    return () => ac.abort();
  }, [query, answer, f]);

  // On a phone the answer is a sheet over the map's lower part: the point asked about is kept above it.
  const loaded = answer !== undefined && answer !== null;
  useEffect(() => {
    if (!query || !panel.current) return;
    const frame = requestAnimationFrame(() => panel.current && keepClearOf(map, toLatLng([query.lon, query.lat]), panel.current));
    return () => cancelAnimationFrame(frame);
  }, [map, query, loaded]);

  if (!here) return null;
  const close = () => {
    setHere(null);
    map.getContainer().focus();
  };
  return <ExposureAnswer panelRef={panel} here={here} operatorName={operatorName} onClose={close} onCentre={() => setHere(centreQuery(map))} />;
}
