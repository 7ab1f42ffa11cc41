/** Masts and clusters for the current view and filters from GET /api/clusters, fetched when the
 *  view settles (moveend) or a filter changes; a newer request aborts the one in flight. */
import { useEffect, useState } from 'react';
import { api, ApiError, isAbort, type MapPoints } from '../api.js';
import { bboxParam, type BBox } from './latlng.js';
import type { SiteFilters } from './view-state.js';

/** A settled view: the box and the whole-number zoom. */
export interface ViewBox {
  bbox: BBox;
  zoom: number;
}

export interface MapPointsState {
  data: MapPoints | null;
  loading: boolean;
  error: ApiError | null;
}

/** Loads the points for `view` with `filters`; keeps the last answer on screen while the next loads. */
export function useMapPoints(view: ViewBox | null, filters: SiteFilters, reloadKey = 0): MapPointsState {
  const [state, setState] = useState<MapPointsState>({ data: null, loading: false, error: null });
  const bbox = view ? bboxParam(view.bbox) : null;
  const zoom = view?.zoom ?? null;
  const { operator, technology, status, shared } = filters;

  useEffect(() => {
    if (bbox === null || zoom === null) return;
    const ac = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    api
      .mapPoints(
        {
          bbox,
          zoom,
          operator: operator ?? undefined,
          technology: technology ?? undefined,
          status: status ?? undefined,
          shared: shared === null ? undefined : shared ? 'true' : 'false',
        },
        ac.signal,
      )
      .then(
        (data) => setState({ data, loading: false, error: null }),
        (e: unknown) => {
          if (isAbort(e)) return;
          setState((s) => ({ ...s, loading: false, error: e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)) }));
        },
      );
    return () => ac.abort();
  }, [bbox, zoom, operator, technology, status, shared, reloadKey]);

  return state;
}
