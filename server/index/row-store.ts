/** Full site rows kept column by column beside the index, so that nearby answers and listing pages are built without
 *  decoding SQLite rows (5–10 µs a row under load, 100 rows per nearby answer). Columns are typed by what they hold:
 *  numbers in a Float64Array (null as NaN: SQLite stores no NaN), repeated strings as codes into a string table, other
 *  strings as they are. The column names come from the store's statement, so a column added there appears here. */

type Column =
  | { kind: 'num'; data: Float64Array }
  | { kind: 'dict'; data: Uint32Array; table: Array<string | null>; codes: Map<string | null, number> }
  | { kind: 'any'; data: unknown[] };

/** A dictionary column turns plain once it holds this many distinct strings (codes and permit numbers never repeat). */
const DICT_MAX = 65_536;

/** Rows of the given columns, by slot. */
export class RowStore {
  private cols: Column[];
  private cap = 0;

  constructor(readonly names: readonly string[]) {
    this.cols = names.map(() => ({ kind: 'num', data: new Float64Array(0) }));
  }

  /** Forgets every row. */
  clear(): void {
    this.build = null;
    this.cap = 0;
    this.cols = this.names.map(() => ({ kind: 'num', data: new Float64Array(0) }));
  }

  private grow(cap: number): void {
    this.build = null;
    for (const c of this.cols) {
      if (c.kind === 'num') {
        const d = new Float64Array(cap);
        d.set(c.data);
        c.data = d;
      } else if (c.kind === 'dict') {
        const d = new Uint32Array(cap);
        d.set(c.data);
        c.data = d;
      } else c.data.length = cap;
    }
    this.cap = cap;
  }

  /** Stores a raw row (values in `names` order) at a slot. */
  set(slot: number, raw: readonly unknown[]): void {
    if (slot >= this.cap) this.grow(Math.max(1024, this.cap * 2, slot + 1));
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      let c = this.cols[i]!;
      if (c.kind === 'num') {
        if (typeof v === 'number' || v === null) {
          c.data[slot] = v === null ? NaN : v;
          continue;
        }
        c = this.cols[i] = typeof v === 'string' ? this.toDict(c.data, slot) : this.toAny(c, slot);
      }
      if (c.kind === 'dict') {
        if (typeof v === 'string' || v === null) {
          let code = c.codes.get(v);
          if (code === undefined) {
            code = c.table.length;
            c.table.push(v);
            c.codes.set(v, code);
          }
          c.data[slot] = code;
          if (c.table.length > DICT_MAX) this.cols[i] = this.toAny(c, slot + 1);
          continue;
        }
        c = this.cols[i] = this.toAny(c, slot);
      }
      (c as { data: unknown[] }).data[slot] = v;
    }
  }

  /** A number column holding nulls (NaN) so far becomes a dictionary column. */
  private toDict(nums: Float64Array, upTo: number): Column {
    this.build = null;
    const c: Column = { kind: 'dict', data: new Uint32Array(this.cap), table: [null], codes: new Map([[null, 0]]) };
    for (let s = 0; s < upTo; s++) if (nums[s] === nums[s]) return this.toAny({ kind: 'num', data: nums }, upTo);
    return c;
  }

  private toAny(c: Column, upTo: number): Column {
    this.build = null;
    const data: unknown[] = new Array(this.cap);
    for (let s = 0; s < upTo; s++) data[s] = this.value(c, s);
    return { kind: 'any', data };
  }

  private value(c: Column, s: number): unknown {
    if (c.kind === 'num') {
      const v = c.data[s]!;
      return v === v ? v : null;
    }
    if (c.kind === 'dict') return c.table[c.data[s]!];
    return c.data[s] ?? null;
  }

  private build: ((slot: number) => Record<string, unknown>) | null = null;

  /** The row at a slot as an object keyed by column name. */
  row(slot: number): Record<string, unknown> {
    this.build ??= this.builder();
    return this.build(slot);
  }

  /** One object literal with the columns' names in order (a single hidden class, no keyed stores: assigning the
   *  keys in a loop cost about 5 µs a row); each value read by a getter made for its column's current kind. */
  private builder(): (slot: number) => Record<string, unknown> {
    const getters = this.cols.map((c): ((s: number) => unknown) => {
      if (c.kind === 'num') {
        const d = c.data;
        return (s) => (d[s] === d[s] ? d[s] : null);
      }
      if (c.kind === 'dict') {
        const { data, table } = c;
        return (s) => table[data[s]!];
      }
      const d = c.data;
      return (s) => d[s] ?? null;
    });
    const body = `return function (s) { return { ${this.names.map((n, i) => `${JSON.stringify(n)}: g[${i}](s)`).join(', ')} }; };`;
    return new Function('g', body)(getters) as (slot: number) => Record<string, unknown>;
  }
}
