/** An overlay's data for the settled view's box, refetched on each new box; a newer request aborts
 *  the one in flight and failures keep the last data (an overlay is never worth an error screen). */
import { useEffect, useState } from 'react';
import { isAbort } from '../api.js';

/** Loads `load(bbox)` whenever `bbox` changes; `load` must be a stable function. */
export function useViewData<T>(load: (bbox: string, signal: AbortSignal) => Promise<T>, bbox: string | null): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    if (bbox === null) return;
    const ac = new AbortController();
    load(bbox, ac.signal).then(setData, (e: unknown) => {
      if (!isAbort(e)) console.warn('overlay', e);
    });
    return () => ac.abort();
  }, [load, bbox]);
  return data;
}
