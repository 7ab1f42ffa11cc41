/** Loads a value for the current inputs, dropping the answer to a superseded request. */
import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../api.js';

export interface Loaded<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload(): void;
}

/** Calls `load` whenever `key` changes (and on reload); keeps the last answer while the next one loads. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    setError(null);
    load(ac.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setError(e instanceof Error ? e : new Error(String(e)));
        setLoading(false);
      },
    );
    return () => ac.abort();
    // `load` is recreated on every render; `key` says when its inputs changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}
