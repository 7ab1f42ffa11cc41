/** The operators (GET /api/operators), fetched once per page and shared by the siting tools and layers, with their
 *  names in the current language. */
import { useCallback, useEffect, useState } from 'react';
import type { Operator } from '../../../shared/model.js';
import { api } from '../api.js';
import { useI18n } from '../i18n/i18n.js';

let loading: Promise<Operator[]> | null = null;

/** The operators and a function naming one by id (the id itself when unknown). */
export function useOperators(): { operators: Operator[]; operatorName(id: string): string } {
  const { name } = useI18n();
  const [operators, setOperators] = useState<Operator[]>([]);
  useEffect(() => {
    let live = true;
    loading ??= api.operators().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    loading.then(
      (ops) => live && setOperators(ops),
      (e: unknown) => console.warn('operators', e),
    );
    return () => {
      live = false;
    };
  }, []);
  const operatorName = useCallback((id: string) => {
    const o = operators.find((x) => x.id === id);
    return o ? name(o) : id;
  }, [operators, name]);
  return { operators, operatorName };
}
