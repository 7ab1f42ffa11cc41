/** A per-key sliding-window rate limit held in memory (one process serves Dakal), e.g. 10 filings per
 *  10 minutes per address. Keys are address hashes, never addresses. */

/** `<count>/<window>` with the window in s, m or h (`10/10m`), as DAKAL_CONCERN_RATE is written. */
export function parseRate(spec: string): { max: number; windowMs: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*(s|m|h)?\s*$/.exec(spec);
  if (!m) throw new Error(`rate must look like 10/10m, not ${spec}`);
  const unit = m[3] === 'h' ? 3_600_000 : m[3] === 'm' ? 60_000 : 1000;
  const max = Number(m[1]);
  const windowMs = Number(m[2]) * unit;
  if (max < 1 || windowMs < 1000) throw new Error(`rate ${spec} must allow at least 1 per second or longer`);
  return { max, windowMs };
}

/** Remembers recent hits per key and says when the next one is allowed. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Records a hit at `now` if allowed; otherwise returns the whole seconds until one is. */
  hit(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterS: number } {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.sweep(since);
    return { ok: true };
  }

  /** Forgets keys with no hit inside the window, so memory stays bounded under many addresses. */
  private sweep(since: number): void {
    for (const [k, ts] of this.hits) if ((ts.at(-1) ?? 0) <= since) this.hits.delete(k);
  }
}
