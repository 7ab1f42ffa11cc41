/** What every planning section reads: the client configuration, the operators and the districts, loaded once,
 *  with lookups by id in the current language. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Operator } from '../../../shared/model.js';
import { api, isAbort, type ClientConfig, type ZoneFeature } from '../api.js';
import { useI18n } from '../i18n/i18n.js';

export interface Basics {
  config: ClientConfig | null;
  operators: Operator[];
  districts: ZoneFeature[];
  operatorName(id: string): string;
  operatorColor(id: string): string;
  districtName(id: number | null): string;
}

/** Loads the basics; names fall back to the id until they arrive. */
export function useBasics(): Basics {
  const { name } = useI18n();
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [operators, setOperators] = useState<Operator[]>([]);
  const [districts, setDistricts] = useState<ZoneFeature[]>([]);
  useEffect(() => {
    const ac = new AbortController();
    const warn = (e: unknown) => !isAbort(e) && console.warn(e);
    api.config(ac.signal).then(setConfig, warn);
    api.operators(ac.signal).then(setOperators, warn);
    api.zones({ kind: 'district' }, ac.signal).then((fc) => setDistricts(fc.features), warn);
    return () => ac.abort();
  }, []);
  const byId = useMemo(() => new Map(operators.map((o) => [o.id, o])), [operators]);
  const operatorName = useCallback((id: string) => {
    const o = byId.get(id);
    return o ? name(o) : id;
  }, [byId, name]);
  const operatorColor = useCallback((id: string) => byId.get(id)?.color ?? '#777777', [byId]);
  const districtName = useCallback((id: number | null) => {
    const d = id === null ? undefined : districts.find((z) => z.properties.id === id);
    return d ? name(d.properties) : '—';
  }, [districts, name]);
  return { config, operators, districts, operatorName, operatorColor, districtName };
}
