/** Sign-in throttling: at most 5 failed sign-ins per account and 20 per client address in 15 minutes, then 429
 *  with Retry-After (OWASP Authentication Cheat Sheet, "Login Throttling"; NIST SP 800-63B 5.2.2 asks for rate
 *  limiting of failed attempts).
 *
 *  Held in memory: one process serves Dakal, and a restart forgetting the failures only shortens a lockout.
 *  The address is the TCP peer (`req.ip` with Express's default `trust proxy` off); behind a reverse proxy
 *  every client shares the proxy's address, so the per-address limit then acts as a global one. */

export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

/** The defaults above. */
export const LOGIN_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** Usernames are compared as typed by people: case and Unicode compatibility forms folded, so `Planner` and
 *  `ｐｌａｎｎｅｒ` count against the same account. */
const accountKey = (username: string) => `a:${username.normalize('NFKC').trim().toLowerCase()}`;
const addressKey = (address: string) => `i:${address}`;

/** Remembers failed sign-ins per account and per address. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: ThrottleLimits = LOGIN_LIMITS) {}

  /** Whole seconds to wait before this account may try again from this address; 0 when it may try now. */
  wait(username: string, address: string, now = Date.now()): number {
    const a = this.recent(accountKey(username), now);
    const i = this.recent(addressKey(address), now);
    const waits = [
      a.length >= this.limits.perAccount ? a[a.length - this.limits.perAccount]! : null,
      i.length >= this.limits.perAddress ? i[i.length - this.limits.perAddress]! : null,
    ].filter((t): t is number => t !== null);
    if (!waits.length) return 0;
    return Math.max(1, Math.ceil((Math.max(...waits) + this.limits.windowMs - now) / 1000));
  }

  /** Records one failed sign-in. */
  fail(username: string, address: string, now = Date.now()): void {
    for (const key of [accountKey(username), addressKey(address)]) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 10_000) this.sweep(now);
  }

  /** A good password clears the account's failures; the address keeps its own, so one known password does not
   *  reopen guessing at other accounts from the same place. */
  succeed(username: string): void {
    this.failures.delete(accountKey(username));
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  /** Forgets keys with no failure inside the window, so memory stays bounded under many names and addresses. */
  private sweep(now: number): void {
    const since = now - this.limits.windowMs;
    for (const [k, ts] of this.failures) if ((ts.at(-1) ?? 0) <= since) this.failures.delete(k);
  }
}
