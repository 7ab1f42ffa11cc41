/** Data for the map's settled view: loaded when a layer appears and after every pan or zoom (moveend), the request
 *  of a view the map has left aborted, the last data kept while the next loads (no flicker). */
import { useEffect, useState } from 'react';
import type L from 'leaflet';
import { isAbort } from '../api.js';
import { boundsToBBox, bboxParam } from '../map/latlng.js';

export interface MapView {
  /** The view's `bbox` parameter. */
  bbox: string;
  zoom: number;
}

export interface ViewLoad<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
  view: MapView | null;
}

const viewOf = (map: L.Map): MapView => ({ bbox: bboxParam(boundsToBBox(map.getBounds())), zoom: map.getZoom() });

/** Loads `load(view)` for each settled view and whenever `key` changes; `load` returning null means "nothing here". */
export function useViewLoad<T>(map: L.Map, load: (view: MapView, signal: AbortSignal) => Promise<T> | null, key: string): ViewLoad<T> {
  const [view, setView] = useState<MapView>(() => viewOf(map));
  const [state, setState] = useState<Omit<ViewLoad<T>, 'view'>>({ data: null, loading: false, error: null });

  useEffect(() => {
    const onMove = () => setView(viewOf(map));
    map.on('moveend', onMove);
    return () => {
      map.off('moveend', onMove);
    };
  }, [map]);

  useEffect(() => {
    const ac = new AbortController();
    const pending = load(view, ac.signal);
    if (!pending) {
      setState({ data: null, loading: false, error: null });
      return;
    }
    setState((s) => ({ ...s, loading: true, error: null }));
    pending.then(
      (data) => setState({ data, loading: false, error: null }),
      (e: unknown) => {
        if (!isAbort(e)) setState((s) => ({ ...s, loading: false, error: e instanceof Error ? e.message : String(e) }));
      },
    );
    return () => ac.abort();
    // `key` stands for what `load` reads besides the view.
  }, [view, key]);

  return { ...state, view };
}
