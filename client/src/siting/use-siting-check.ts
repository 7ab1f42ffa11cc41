/** The live siting check: the shared engine (checkSiting on narrowSitingContext, shared/siting*.ts) run in the
 *  browser on every move of the pin against a context fetched once per neighbourhood, then the same input sent to
 *  the server's authoritative check (POST /api/siting/check) once the pin is released and the form is still. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { haversineM } from '../../../shared/geodesy.js';
import { narrowSitingContext } from '../../../shared/siting-context.js';
import { checkSiting, type SitingInput, type SitingResult } from '../../../shared/siting.js';
import { isAbort } from '../api.js';
import { resultDifferences } from './compare-results.js';
import { sitingApi, type SitingContextAnswer } from './siting-api.js';

/** How far the pin may move before a new context is needed: one fetch covers a drag across a neighbourhood. */
export const CONTEXT_MARGIN_M = 500;
/** Contexts are fetched for at least this height, so raising a mast a little needs no new fetch. */
const CONTEXT_MIN_HEIGHT_M = 100;
/** Quiet time before the server is asked: a burst of keystrokes asks once. */
const CONFIRM_AFTER_MS = 300;

/** idle: nothing to check; waiting: the pin is held; checking: asked; confirmed / differs: answered; error: failed. */
export type ServerState = 'idle' | 'waiting' | 'checking' | 'confirmed' | 'differs' | 'error';

export interface SitingCheck {
  /** What to show: the browser's result, or the server's when they differ or the browser has none yet. */
  result: SitingResult | null;
  /** Whose result `result` is: the browser's own check, or the server's (when they differ, or before the browser
   *  has the neighbourhood or the policy in force). */
  source: 'browser' | 'server' | null;
  /** The context the browser checked with (for drawing the objects involved). */
  context: SitingContextAnswer | null;
  contextLoading: boolean;
  contextError: string | null;
  server: ServerState;
  /** When the server differs: 'verdict', 'policy_version' and the rule names that differ. */
  differences: string[];
}

const covers = (c: { lon: number; lat: number; marginM: number; heightM: number }, input: SitingInput) =>
  haversineM(c.lon, c.lat, input.lon, input.lat) <= c.marginM && input.height_m <= c.heightM;

/** Runs the check for `input` (null when there is no pin); `holding` while the pin is being dragged. */
export function useSitingCheck(input: SitingInput | null, holding: boolean): SitingCheck {
  const [context, setContext] = useState<{ seq: number; answer: SitingContextAnswer } | null>(null);
  const [contextLoading, setContextLoading] = useState(false);
  const [contextError, setContextError] = useState<string | null>(null);
  const [server, setServer] = useState<{ key: string; result: SitingResult } | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const inFlight = useRef<{ seq: number; lon: number; lat: number; marginM: number; heightM: number } | null>(null);
  const seq = useRef(0);
  const aborts = useRef(new Set<AbortController>());

  useEffect(() => () => aborts.current.forEach((ac) => ac.abort()), []);

  const key = input ? JSON.stringify(input) : '';
  const held = context?.answer;
  // A planner changed the policy since the context was fetched: the server's answer says so.
  const stale = held !== undefined && server !== null && Number(server.result.policy_version) > Number(held.policyVersion);
  const covered = !!input && !!held && !stale && covers({ ...held.centre, marginM: held.margin_m, heightM: held.height_m }, input);

  // A fetch is never aborted by a move (a drag would abort every one): a late answer still covers where the pin
  // was; only a newer answer replaces the one held.
  useEffect(() => {
    if (!input || covered) return;
    const f = inFlight.current;
    if (f && covers({ ...f, marginM: f.marginM / 2 }, input)) return;
    const want = { seq: ++seq.current, lon: input.lon, lat: input.lat, marginM: CONTEXT_MARGIN_M, heightM: Math.max(CONTEXT_MIN_HEIGHT_M, Math.ceil(input.height_m)) };
    inFlight.current = want;
    setContextLoading(true);
    const ac = new AbortController();
    aborts.current.add(ac);
    sitingApi
      .context(want.lon, want.lat, want.heightM, want.marginM, ac.signal)
      .then(
        (answer) => {
          setContext((c) => (c && c.seq > want.seq ? c : { seq: want.seq, answer }));
          setContextError(null);
        },
        (e: unknown) => {
          if (!isAbort(e)) setContextError(e instanceof Error ? e.message : String(e));
        },
      )
      .finally(() => {
        aborts.current.delete(ac);
        if (inFlight.current === want) {
          inFlight.current = null;
          setContextLoading(false);
        }
      });
    // `key` stands for the input's content; a new context that still does not cover the pin (stale) asks again.
  }, [key, covered, stale, held]);

  const local = useMemo(() => {
    if (!input || !covered || !held) return null;
    try {
      return checkSiting(input, narrowSitingContext(held, input));
    } catch (e) {
      // A bug, not a breach: the server's answer is shown instead.
      console.warn('siting pre-check', e);
      return null;
    }
  }, [key, covered, held]);

  useEffect(() => {
    if (!input || holding) return;
    const ac = new AbortController();
    const timer = window.setTimeout(() => {
      sitingApi.check(input, ac.signal).then(
        (result) => setServer({ key, result }),
        (e: unknown) => {
          if (!isAbort(e)) setServerError(key);
        },
      );
    }, CONFIRM_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      ac.abort();
    };
  }, [key, holding]);

  const answered = server?.key === key && key !== '' ? server.result : null;
  const differences = answered && local ? resultDifferences(local, answered) : [];
  const state: ServerState = !input
    ? 'idle'
    : answered
      ? differences.length > 0
        ? 'differs'
        : 'confirmed'
      : serverError === key
        ? 'error'
        : holding
          ? 'waiting'
          : 'checking';
  const result = differences.length > 0 ? answered : (local ?? answered);
  return {
    result,
    source: result === null ? null : result === local ? 'browser' : 'server',
    context: held ?? null,
    contextLoading,
    contextError,
    server: state,
    differences,
  };
}
