/** Loading one concern (public or planner view) and the operators' names, for the concern pages. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Operator } from '../../../shared/model.js';
import { api, ApiError, isAbort } from '../api.js';
import { useI18n } from '../i18n/i18n.js';

/** A loaded value, its failure, and a way to replace it after an action. */
export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  set(value: T): void;
  reload(): void;
}

/** Loads `load(signal)` when `key` changes. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const ac = new AbortController();
    setError(null);
    load(ac.signal).then(setData, (e: unknown) => {
      if (isAbort(e)) return;
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    });
    return () => ac.abort();
    // `load` is recreated each render; `key` says when the thing to load changed.
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, set: setData, reload };
}

/** Operator names by id in the current language (the id itself until they load). */
export function useOperatorName(): (id: string) => string {
  const { name } = useI18n();
  const [operators, setOperators] = useState<Operator[]>([]);
  useEffect(() => {
    const ac = new AbortController();
    api.operators(ac.signal).then(setOperators, (e: unknown) => !isAbort(e) && console.warn('operators', e));
    return () => ac.abort();
  }, []);
  const byId = useMemo(() => new Map(operators.map((o) => [o.id, o])), [operators]);
  return useCallback((id: string) => {
    const o = byId.get(id);
    return o ? name(o) : id;
  }, [byId, name]);
}
