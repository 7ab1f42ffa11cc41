/** The live pre-check: the shared siting engine (shared/siting.ts) run in the browser on every change
 *  against a context fetched once for a neighbourhood (GET /api/siting/context with a margin), then the
 *  same input confirmed by the server's authoritative check (POST /api/siting/check) once typing settles. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { haversineM } from '../../../shared/geodesy.js';
import { narrowSitingContext } from '../../../shared/siting-context.js';
import { checkSiting, type SitingCheckRequest, type SitingResult } from '../../../shared/siting.js';
import { isAbort } from '../api.js';
import { requestsApi, type RuleReport, type SitingContextAnswer } from './requests-api.js';

/** How far the pin may move before a new context is fetched: one fetch covers a drag across a neighbourhood. */
export const CONTEXT_MARGIN_M = 500;
/** Quiet time before the server confirms: a burst of keystrokes asks once. */
const CONFIRM_AFTER_MS = 500;

export type ServerState = 'idle' | 'checking' | 'confirmed' | 'differs' | 'error';

export interface Precheck {
  /** The browser's result for the current input, or null while there is no input or context. */
  result: SitingResult | RuleReport | null;
  contextLoading: boolean;
  contextError: string | null;
  server: ServerState;
  /** The server's report when it differs from the browser's (then it is the one shown). */
  serverReport: RuleReport | null;
}

/** Whether the browser and the server agree on the verdict and every rule's status. */
function agrees(a: SitingResult, b: RuleReport): boolean {
  return a.verdict === b.verdict && a.rules.length === b.rules.length && a.rules.every((r, i) => r.rule === b.rules[i]?.rule && r.status === b.rules[i]?.status);
}

/** Runs the pre-check for `input` (null when the form lacks a location, height or structure type). */
export function usePrecheck(input: SitingCheckRequest | null): Precheck {
  const [context, setContext] = useState<SitingContextAnswer | null>(null);
  const [contextLoading, setContextLoading] = useState(false);
  const [contextError, setContextError] = useState<string | null>(null);
  const [server, setServer] = useState<ServerState>('idle');
  const [serverReport, setServerReport] = useState<RuleReport | null>(null);
  const fetching = useRef<{ lon: number; lat: number } | null>(null);

  const lon = input?.lon;
  const lat = input?.lat;
  const covered = context !== null && lon !== undefined && lat !== undefined && haversineM(context.centre.lon, context.centre.lat, lon, lat) <= context.margin_m;

  // A new context only when the pin leaves the one held and none is on its way for this place. A fetch is
  // never aborted (a drag would abort every one); a late answer is kept, as it covers where the pin was.
  useEffect(() => {
    if (lon === undefined || lat === undefined || covered) return;
    const f = fetching.current;
    if (f && haversineM(f.lon, f.lat, lon, lat) <= CONTEXT_MARGIN_M / 2) return;
    const mine = { lon, lat };
    fetching.current = mine;
    setContextLoading(true);
    setContextError(null);
    requestsApi.sitingContext(lon, lat, CONTEXT_MARGIN_M).then(
      (c) => {
        if (fetching.current === mine) fetching.current = null;
        setContext(c);
        setContextLoading(false);
      },
      (e: unknown) => {
        if (fetching.current === mine) fetching.current = null;
        setContextLoading(false);
        setContextError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [lon, lat, covered, context]);

  const key = input ? JSON.stringify(input) : '';
  const local = useMemo(() => {
    if (!input || !covered || !context) return null;
    try {
      return checkSiting(input, narrowSitingContext(context, input));
    } catch (e) {
      console.warn('pre-check', e);
      return null;
    }
    // `key` stands for the input's content: a new object with the same fields needs no new check.
  }, [key, covered, context]);

  useEffect(() => {
    setServerReport(null);
    if (!input) {
      setServer('idle');
      return;
    }
    setServer('checking');
    const ac = new AbortController();
    const timer = window.setTimeout(() => {
      requestsApi.sitingCheck(input, ac.signal).then(
        (report) => {
          setServerReport(report);
          setServer('confirmed');
        },
        (e: unknown) => {
          if (!isAbort(e)) setServer('error');
        },
      );
    }, CONFIRM_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      ac.abort();
    };
  }, [key]);

  const differs = server === 'confirmed' && serverReport !== null && local !== null && !agrees(local, serverReport);
  return {
    result: differs ? serverReport : (local ?? serverReport),
    contextLoading,
    contextError,
    server: differs ? 'differs' : server,
    serverReport: differs ? serverReport : null,
  };
}
