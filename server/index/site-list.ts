/** The registry listing's filters (status, operator, technology, shared, district, bbox) answered from the in-memory
 *  site index: matching ids in id order after a cursor, and their total, without touching SQLite. */
import type { SiteListQuery } from '../../shared/api/registry.js';
import { SITE_STATUSES, TECHNOLOGIES } from '../../shared/model.js';
import { ALIVE, type SiteIndex } from './site-index.js';

let page = new Int32Array(4096);

/** Ids of the first `limit` matching sites with id > cursor, ascending, and how many match in all (cursor aside). */
export function listFromIndex(index: SiteIndex, q: Omit<SiteListQuery, 'q'>): { ids: number[]; total: number } {
  const c = index.cols;
  const { id, flags, status, ops, owner, tech, district } = c;
  const st = q.status === undefined ? -1 : SITE_STATUSES.indexOf(q.status);
  const op = q.operator === undefined ? -1 : index.operators.find(q.operator);
  if (q.operator !== undefined && op < 0) return { ids: [], total: 0 };
  const opBit = op < 0 ? 0 : (1 << op) >>> 0;
  const techBit = q.technology === undefined ? 0 : 1 << TECHNOLOGIES.indexOf(q.technology);
  const shared = q.shared;
  const dist = q.district ?? -1;
  const cursor = q.cursor ?? 0;
  const match = (s: number): boolean => {
    if (!(flags[s]! & ALIVE)) return false;
    if (st >= 0 && status[s] !== st) return false;
    if (opBit !== 0 && !(ops[s]! & opBit) && owner[s] !== op) return false;
    if (techBit !== 0 && !(tech[s]! & techBit)) return false;
    if (dist >= 0 && district[s] !== dist) return false;
    if (shared !== undefined) {
      const m = ops[s]!;
      if ((m !== 0 && (m & (m - 1)) !== 0) !== shared) return false;
    }
    return true;
  };
  let total = 0;
  let n = 0;
  const keep = (s: number) => {
    if (n === page.length) {
      const grown = new Int32Array(page.length * 2);
      grown.set(page);
      page = grown;
    }
    page[n++] = id[s]!;
  };
  if (!q.bbox && index.ordered) {
    // Slots are in id order: the page is the first `limit` matches past the cursor; the rest is only counted.
    for (let s = 0; s < index.size; s++) {
      if (!match(s)) continue;
      total++;
      if (n < q.limit && id[s]! > cursor) keep(s);
    }
    return { ids: Array.from(page.subarray(0, n)), total };
  }
  const [w, so, e, no] = q.bbox ?? [-180, -90, 180, 90];
  const { hits, count } = index.range(w, so, e, no);
  // The page is the `limit` smallest ids past the cursor: every 4 × limit kept ids, sort and cut back to `limit`,
  // then skip ids above the largest kept (a zoom-14 city view holds 10⁵ sites; sorting them all cost 80 ms).
  let above = Infinity;
  for (let k = 0; k < count; k++) {
    const s = hits[k]!;
    if (!match(s)) continue;
    total++;
    const i = id[s]!;
    if (i <= cursor || i > above) continue;
    keep(s);
    if (n >= 4 * q.limit + 64) {
      page.subarray(0, n).sort();
      n = q.limit;
      above = page[n - 1]!;
    }
  }
  return { ids: Array.from(page.subarray(0, n).sort().subarray(0, Math.min(n, q.limit))), total };
}
