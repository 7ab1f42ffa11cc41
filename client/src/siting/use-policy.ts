/** The siting policy in force (GET /api/policy), fetched once per page for the layers' legends; the policy page
 *  loads its own copy (it must see a planner's new version at once). */
import { useEffect, useState } from 'react';
import { sitingApi, type PolicyVersion } from './siting-api.js';

let loading: Promise<PolicyVersion> | null = null;

/** The policy version in force, or null until it has loaded. */
export function usePolicy(): PolicyVersion | null {
  const [policy, setPolicy] = useState<PolicyVersion | null>(null);
  useEffect(() => {
    let live = true;
    loading ??= sitingApi.policy().catch((e: unknown) => {
      loading = null;
      throw e;
    });
    loading.then(
      (p) => live && setPolicy(p),
      (e: unknown) => console.warn('policy', e),
    );
    return () => {
      live = false;
    };
  }, []);
  return policy;
}
