/** Seeded pseudo-random numbers for the generators: the same seed gives the same data on every
 *  machine. mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, passes
 *  gjrand's tests at the sizes used here, and is a handful of integer ops per draw. */

/** The raw mulberry32 stream: a function returning uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes two integers into a well-spread 32-bit seed, so that sub-streams (seed, purpose) differ. */
export function deriveSeed(seed: number, salt: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt >>> 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seeded random source with the draws the generators need. Not for cryptography. */
export class Rng {
  private readonly raw: () => number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.raw = mulberry32(seed);
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.raw();
  }

  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.raw();
  }

  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor((max - min + 1) * this.raw());
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.raw() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.raw() * items.length)];
    if (item === undefined) throw new Error('pick from an empty array');
    return item;
  }

  /** An index drawn with probability proportional to weights[i] (weights need not sum to 1). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.raw() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** An index drawn from a table made by cumulativeWeights (binary search, no summing per draw). */
  fromCumulative(cumulative: Float64Array): number {
    const r = this.raw() * (cumulative[cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (r < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Standard normal deviate (Marsaglia polar method; the second deviate is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.raw() - 1;
      v = 2 * this.raw() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }
}

/** Running sums of weights, for Rng#fromCumulative in hot loops. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  return cumulative;
}

/** A new seeded random source. */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}
