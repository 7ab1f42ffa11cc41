/** The operators' names in the current language, loaded once per page load (GET /api/operators). */
import { useCallback, useEffect, useState } from 'react';
import type { Operator } from '../../../shared/model.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/i18n.js';

let once: Promise<Operator[]> | null = null;

/** A function naming an operator by id (the id itself until the list is in). */
export function useOperatorName(): (id: string) => string {
  const { name } = useI18n();
  const [operators, setOperators] = useState<Operator[]>([]);
  useEffect(() => {
    let live = true;
    once ??= api.operators().catch(() => {
      once = null;
      return [];
    });
    void once.then((ops) => live && setOperators(ops));
    return () => {
      live = false;
    };
  }, []);
  return useCallback((id: string) => {
    const o = operators.find((x) => x.id === id);
    return o ? name(o) : id;
  }, [operators, name]);
}
