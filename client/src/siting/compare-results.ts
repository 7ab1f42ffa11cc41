/** Whether the browser's pre-check and the server's authoritative check of the same input agree. They run the same
 *  checkSiting (shared/siting.ts) on the same objects, so any difference is worth showing, never hiding. */
import type { SitingResult } from '../../../shared/siting.js';

/** Relative tolerance for measured values: the server counts density in SQL, the browser from the structures. */
const TOLERANCE = 1e-6;

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

/** What differs: 'verdict', 'policy_version' and the names of rules whose status, measured value, limit or
 *  related objects differ (or that only one side answered). Empty when they agree. */
export function resultDifferences(browser: SitingResult, server: SitingResult): string[] {
  const out: string[] = [];
  if (browser.verdict !== server.verdict) out.push('verdict');
  if (browser.policy_version !== server.policy_version) out.push('policy_version');
  const names = new Set([...browser.rules, ...server.rules].map((r) => r.rule));
  for (const name of names) {
    const b = browser.rules.find((r) => r.rule === name);
    const s = server.rules.find((r) => r.rule === name);
    const same =
      b !== undefined &&
      s !== undefined &&
      b.status === s.status &&
      close(b.measured, s.measured) &&
      close(b.limit, s.limit) &&
      b.related.map((x) => x.id).join() === s.related.map((x) => x.id).join();
    if (!same) out.push(name);
  }
  return out;
}
