/** Building blocks of the in-memory site index: growable struct-of-arrays columns, a small string dictionary and an
 *  allocation-free kdbush box search into a reused buffer. */
import type KDBush from 'kdbush';

/** Per-slot columns, grown by doubling. */
export class Columns {
  size = 0;
  private cap = 0;
  id = new Int32Array(0);
  lon = new Float64Array(0);
  lat = new Float64Array(0);
  /** EPSG:6933 equal-area metres (shared/density.ts projectEqualArea), projected once for density grids. */
  ex = new Float64Array(0);
  ey = new Float64Array(0);
  height = new Float64Array(0);
  /** Bit i: the site carries an antenna of operator i (SiteIndex.operators). */
  ops = new Uint32Array(0);
  /** Bit i: technology TECHNOLOGIES[i]. */
  tech = new Uint8Array(0);
  /** Index into SITE_STATUSES / STRUCTURE_TYPES / the operator dictionary. */
  status = new Uint8Array(0);
  structure = new Uint8Array(0);
  owner = new Uint8Array(0);
  /** District zone id, 0 for none. */
  district = new Int32Array(0);
  /** ALIVE | STALE bits (site-index.ts). */
  flags = new Uint8Array(0);
  code: string[] = [];

  /** Drops every slot. */
  clear(): void {
    this.size = 0;
    this.code = [];
  }

  /** A new slot at the end; returns it. */
  push(): number {
    if (this.size === this.cap) this.grow(Math.max(1024, this.cap * 2));
    return this.size++;
  }

  private grow(cap: number): void {
    const g = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(cap);
      b.set(a.subarray(0, this.size));
      return b;
    };
    this.id = g(this.id, Int32Array);
    this.lon = g(this.lon, Float64Array);
    this.lat = g(this.lat, Float64Array);
    this.ex = g(this.ex, Float64Array);
    this.ey = g(this.ey, Float64Array);
    this.height = g(this.height, Float64Array);
    this.ops = g(this.ops, Uint32Array);
    this.tech = g(this.tech, Uint8Array);
    this.status = g(this.status, Uint8Array);
    this.structure = g(this.structure, Uint8Array);
    this.owner = g(this.owner, Uint8Array);
    this.district = g(this.district, Int32Array);
    this.flags = g(this.flags, Uint8Array);
    this.cap = cap;
  }
}

/** Strings to small integer codes, in order of first sight. */
export class Dictionary {
  readonly names: string[] = [];
  private readonly codes = new Map<string, number>();
  constructor(private readonly max: number) {}

  /** The code of a name, assigned on first sight. */
  code(name: string): number {
    let c = this.codes.get(name);
    if (c === undefined) {
      c = this.names.length;
      if (c >= this.max) throw new Error(`site index: more than ${this.max} distinct operators`);
      this.names.push(name);
      this.codes.set(name, c);
    }
    return c;
  }

  /** The code of a name, or -1 when never seen. */
  find(name: string): number {
    return this.codes.get(name) ?? -1;
  }
}

const STACK = new Uint32Array(96);

/** kdbush's box search (kdbush 4.1.0 `range`) writing matching slots into a reused Int32Array instead of a new array. */
export class KdRange {
  hits = new Int32Array(4096);
  count = 0;

  /** Empties the buffer. */
  reset(): void {
    this.count = 0;
  }

  /** Appends one slot. */
  push(slot: number): void {
    if (this.count === this.hits.length) {
      const grown = new Int32Array(this.hits.length * 2);
      grown.set(this.hits);
      this.hits = grown;
    }
    this.hits[this.count++] = slot;
  }

  /** Appends the tree's items in the box whose flags are exactly `want` (alive and not stale). */
  visit(tree: KDBush, flags: Uint8Array, minX: number, minY: number, maxX: number, maxY: number, want = 1): void {
    const { ids, coords, nodeSize } = tree as unknown as { ids: Uint32Array | Uint16Array; coords: Float64Array; nodeSize: number };
    if (ids.length === 0) return;
    STACK[0] = 0;
    STACK[1] = ids.length - 1;
    STACK[2] = 0;
    let sp = 3;
    while (sp > 0) {
      const axis = STACK[--sp]!;
      const right = STACK[--sp]!;
      const left = STACK[--sp]!;
      if (right - left <= nodeSize) {
        for (let i = left; i <= right; i++) {
          const x = coords[2 * i]!;
          const y = coords[2 * i + 1]!;
          if (x >= minX && x <= maxX && y >= minY && y <= maxY && flags[ids[i]!] === want) this.push(ids[i]!);
        }
        continue;
      }
      const m = (left + right) >> 1;
      const x = coords[2 * m]!;
      const y = coords[2 * m + 1]!;
      if (x >= minX && x <= maxX && y >= minY && y <= maxY && flags[ids[m]!] === want) this.push(ids[m]!);
      if (axis === 0 ? minX <= x : minY <= y) {
        STACK[sp++] = left;
        STACK[sp++] = m - 1;
        STACK[sp++] = 1 - axis;
      }
      if (axis === 0 ? maxX >= x : maxY >= y) {
        STACK[sp++] = m + 1;
        STACK[sp++] = right;
        STACK[sp++] = 1 - axis;
      }
    }
  }
}
