/** Sharing options around the pin while the form is edited (GET /api/sharing-options), asked again a
 *  moment after the pin stops moving. */
import { useEffect, useState } from 'react';
import { isAbort } from '../api.js';
import { requestsApi, type SharingAnswer } from './requests-api.js';

const SETTLE_MS = 300;

/** The options at `pin` ([lon, lat]) for a new structure; null while unknown. */
export function useSharing(pin: readonly [number, number] | null, enabled: boolean): { answer: SharingAnswer | null; loading: boolean } {
  const [answer, setAnswer] = useState<SharingAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const lon = pin?.[0];
  const lat = pin?.[1];
  useEffect(() => {
    if (!enabled || lon === undefined || lat === undefined) {
      setAnswer(null);
      return;
    }
    const ac = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      requestsApi.sharing(lon, lat, ac.signal).then(
        (a) => {
          setAnswer(a);
          setLoading(false);
        },
        (e: unknown) => {
          if (isAbort(e)) return;
          console.warn('sharing options', e);
          setLoading(false);
        },
      );
    }, SETTLE_MS);
    return () => {
      window.clearTimeout(timer);
      ac.abort();
    };
  }, [lon, lat, enabled]);
  return { answer, loading };
}
