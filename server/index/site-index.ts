/** Every site in memory for the hot paths (nearby, bbox listing, clusters, density, counts): flat typed arrays per
 *  slot, a static kdbush tree over them and an overflow list of the slots written since the tree was built.
 *  SQLite stays the source of truth: the index is loaded from it and re-reads each site a committed write names. */
import KDBush from 'kdbush';
import { projectEqualArea } from '../../shared/density.js';
import { haversineM } from '../../shared/geodesy.js';
import { SITE_STATUSES, STRUCTURE_TYPES, TECHNOLOGIES } from '../../shared/model.js';
import type { Statement } from 'better-sqlite3';
import { RowStore } from './row-store.js';
import { Columns, Dictionary, KdRange } from './slots.js';

/** Told about every slot change, so derived indexes (clusters) can follow incrementally. */
export interface SlotListener {
  /** The slot is about to change or vanish (its arrays still hold the old values). */
  before(slot: number): void;
  /** The slot holds new values. */
  after(slot: number): void;
  /** Everything was re-read: rebuild from scratch. */
  reset(): void;
}

/** Slot flags: alive (the site exists) and stale (its tree position is outdated; the overflow list holds it). */
export const ALIVE = 1;
const STALE = 2;
/** Above this many overflow slots (or 1/64 of all) the tree is rebuilt, off the request path. */
const OVERFLOW_MIN = 1024;

const STATUS_CODE = new Map<string, number>(SITE_STATUSES.map((s, i) => [s, i]));
const STRUCTURE_CODE = new Map<string, number>(STRUCTURE_TYPES.map((s, i) => [s, i]));
const TECH_BIT = new Map<string, number>(TECHNOLOGIES.map((t, i) => [t, 1 << i]));

/** A site row as the store selects it, raw (values in column order). */
export type RawRow = unknown[];
/** Columns the index reads from every row, by name. */
const NEEDED = ['id', 'code', 'lon', 'lat', 'status', 'structure_type', 'height_m', 'operators', 'technologies', 'owner_operator_id', 'district_id'] as const;

/** Sites as struct-of-arrays, indexed by slot; `slotOf(id)` maps a site id to its slot. */
export class SiteIndex {
  readonly cols = new Columns();
  /** Operator ids seen so far; bit i of `cols.ops` is operators.names[i]. */
  readonly operators = new Dictionary(32);
  private slotById = new Int32Array(1024).fill(-1);
  private tree: KDBush = new KDBush(0).finish();
  private overflow = new Int32Array(256);
  private overflowLen = 0;
  private readonly kd = new KdRange();
  private readonly listeners: SlotListener[] = [];
  private readonly masks = new Map<string, number>();
  private readonly techMasks = new Map<string, number>();
  private rebuildTimer: NodeJS.Timeout | null = null;
  /** Slot order is id order while every new id is larger than the last (SQLite rowids are). */
  ordered = true;

  /** Full rows, column by column (a million row objects would cost 1 GB of heap and 30 s of start-up). */
  private readonly store: RowStore;
  private readonly at: Record<(typeof NEEDED)[number], number>;

  /** `all` yields the full row of every site in id order, `one` of one site by id, both raw and with the same
   *  columns (the store's statements: SQL stays in the store). */
  constructor(
    private readonly all: Statement<[], RawRow>,
    private readonly one: Statement<[number], RawRow>,
  ) {
    const names = all.columns().map((c) => c.name);
    this.store = new RowStore(names);
    this.at = Object.fromEntries(NEEDED.map((n) => [n, names.indexOf(n)])) as SiteIndex['at'];
    for (const n of NEEDED) if (this.at[n] < 0) throw new Error(`site index: the row statement has no ${n}`);
    this.reload();
  }

  /** The full row of a slot, as the store's row statement gives it. */
  row(slot: number): Record<string, unknown> {
    return this.store.row(slot);
  }

  /** Number of slots in use (dead ones included). */
  get size(): number {
    return this.cols.size;
  }

  /** Adds a listener for slot changes. */
  listen(l: SlotListener): void {
    this.listeners.push(l);
  }

  private stale = false;

  /** Marks every slot as possibly outdated (a write that could not name its sites): the next `fresh()` re-reads all. */
  invalidate(): void {
    this.stale = true;
  }

  /** This index, re-read first when a write could not name its sites. */
  fresh(): this {
    if (this.stale) this.reload();
    return this;
  }

  /** Re-reads every site and rebuilds the tree (start-up, or after a write that could not name its sites). */
  reload(): void {
    this.stale = false;
    this.cols.clear();
    this.store.clear();
    this.slotById.fill(-1);
    this.ordered = true;
    // One iterate() over the table (pages of all() measured 30% slower); about 5 µs a row is SQLite's and the binding's.
    for (const r of this.all.iterate()) this.append(r);
    this.rebuild();
    for (const l of this.listeners) l.reset();
  }

  /** The slot of a site id, or -1. */
  slotOf(id: number): number {
    return id < this.slotById.length ? this.slotById[id]! : -1;
  }

  private append(r: RawRow): number {
    const c = this.cols;
    const slot = c.push();
    const id = r[this.at.id] as number;
    if (slot > 0 && id <= c.id[slot - 1]!) this.ordered = false;
    if (id >= this.slotById.length) {
      let n = this.slotById.length;
      while (n <= id) n *= 2;
      const grown = new Int32Array(n).fill(-1);
      grown.set(this.slotById);
      this.slotById = grown;
    }
    this.slotById[id] = slot;
    c.id[slot] = id;
    this.write(slot, r);
    return slot;
  }

  private write(slot: number, r: RawRow): void {
    const c = this.cols;
    const at = this.at;
    const lon = r[at.lon] as number;
    const lat = r[at.lat] as number;
    this.store.set(slot, r);
    c.lon[slot] = lon;
    c.lat[slot] = lat;
    const [x, y] = projectEqualArea(lon, lat);
    c.ex[slot] = x;
    c.ey[slot] = y;
    c.code[slot] = r[at.code] as string;
    c.status[slot] = STATUS_CODE.get(r[at.status] as string) ?? 0;
    c.structure[slot] = STRUCTURE_CODE.get(r[at.structure_type] as string) ?? 0;
    c.height[slot] = r[at.height_m] as number;
    c.ops[slot] = this.operatorMask(r[at.operators] as string);
    c.tech[slot] = this.techMask(r[at.technologies] as string);
    c.owner[slot] = this.operators.code(r[at.owner_operator_id] as string);
    c.district[slot] = (r[at.district_id] as number | null) ?? 0;
    c.flags[slot] = ALIVE;
  }

  /** Bit mask of a stored `,a,b,` operator list (memoised: a registry has few distinct lists). */
  private operatorMask(list: string): number {
    let m = this.masks.get(list);
    if (m === undefined) {
      m = 0;
      for (const op of list.split(',')) if (op) m |= 1 << this.operators.code(op);
      this.masks.set(list, m >>> 0);
    }
    return m;
  }

  private techMask(list: string): number {
    let m = this.techMasks.get(list);
    if (m === undefined) {
      m = 0;
      for (const t of list.split(',')) m |= TECH_BIT.get(t) ?? 0;
      this.techMasks.set(list, m);
    }
    return m;
  }

  /** Re-reads the named sites after a committed write and tells the listeners. */
  update(ids: readonly number[]): void {
    const c = this.cols;
    for (const id of ids) {
      const r = this.one.get(id);
      let slot = this.slotOf(id);
      if (slot >= 0 && c.flags[slot]! & ALIVE) for (const l of this.listeners) l.before(slot);
      if (!r) {
        if (slot >= 0) c.flags[slot] = 0;
        continue;
      }
      if (slot < 0) {
        slot = this.append(r);
        this.toOverflow(slot);
      } else {
        const moved = c.lon[slot] !== r[this.at.lon] || c.lat[slot] !== r[this.at.lat] || !(c.flags[slot]! & ALIVE);
        const stale = c.flags[slot]! & STALE;
        this.write(slot, r);
        if (stale) c.flags[slot] = ALIVE | STALE;
        else if (moved) this.toOverflow(slot);
      }
      for (const l of this.listeners) l.after(slot);
    }
    if (this.overflowLen > Math.max(OVERFLOW_MIN, this.size / 64)) {
      // A bulk write far past the threshold rebuilds at once; a trickle of edits waits for an idle moment.
      if (this.overflowLen > this.size / 8) this.rebuild();
      else if (!this.rebuildTimer) this.rebuildTimer = setTimeout(() => this.rebuild(), 50).unref();
    }
  }

  private toOverflow(slot: number): void {
    this.cols.flags[slot] = ALIVE | STALE;
    if (this.overflowLen === this.overflow.length) {
      const grown = new Int32Array(this.overflow.length * 2);
      grown.set(this.overflow);
      this.overflow = grown;
    }
    this.overflow[this.overflowLen++] = slot;
  }

  /** Builds the kdbush tree over every slot's current position and empties the overflow list. */
  rebuild(): void {
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = null;
    const c = this.cols;
    const tree = new KDBush(c.size, 64);
    for (let i = 0; i < c.size; i++) {
      tree.add(c.lon[i]!, c.lat[i]!);
      c.flags[i]! &= ALIVE;
    }
    this.tree = tree.finish();
    this.overflowLen = 0;
  }

  /** Slots of live sites in the box (tree plus overflow) into a reused buffer: read `hits[0..count)` before the next query. */
  range(west: number, south: number, east: number, north: number): { hits: Int32Array; count: number } {
    const kd = this.kd;
    kd.reset();
    kd.visit(this.tree, this.cols.flags, west, south, east, north);
    const { lon, lat, flags } = this.cols;
    for (let k = 0; k < this.overflowLen; k++) {
      const s = this.overflow[k]!;
      const x = lon[s]!;
      const y = lat[s]!;
      if (flags[s]! & ALIVE && x >= west && x <= east && y >= south && y <= north) kd.push(s);
    }
    return { hits: kd.hits, count: kd.count };
  }

  private nearKeys = new Float64Array(1024);
  /** Slots of the nearest sites, nearest first (valid until the next call). */
  nearSlots = new Int32Array(0);
  /** Their haversine distances in metres. */
  nearDist = new Float64Array(0);

  /** Live sites within radiusM (haversine) of a point, nearest first, at most `limit`; returns their number and
   *  fills nearSlots/nearDist. The box query is padded by 1%, then every candidate's exact distance decides. */
  near(lon: number, lat: number, radiusM: number, limit: number): number {
    if (!(radiusM <= 100_000)) throw new RangeError(`near: radius ${radiusM} m above 100 km`);
    const dLat = (radiusM * 1.01) / 111_194.9;
    const dLon = Math.min(180, dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6));
    const { hits, count } = this.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
    const { lon: xs, lat: ys } = this.cols;
    if (this.nearKeys.length < count) this.nearKeys = new Float64Array(Math.max(count, this.nearKeys.length * 2));
    const keys = this.nearKeys;
    // One sortable double per hit: distance in millimetres in the high bits, the slot in the low 26 bits
    // (50 km = 5·10⁷ mm < 2²⁶), so a native typed-array sort orders them without a comparator.
    let n = 0;
    for (let k = 0; k < count; k++) {
      const s = hits[k]!;
      const d = haversineM(lon, lat, xs[s]!, ys[s]!);
      if (d <= radiusM) keys[n++] = Math.floor(d * 1000) * 67108864 + s;
    }
    const sorted = keys.subarray(0, n).sort();
    const m = Math.min(n, limit);
    if (this.nearSlots.length < m) {
      this.nearSlots = new Int32Array(Math.max(m, 128));
      this.nearDist = new Float64Array(Math.max(m, 128));
    }
    for (let k = 0; k < m; k++) {
      const s = sorted[k]! % 67108864;
      const d = haversineM(lon, lat, xs[s]!, ys[s]!);
      // Insertion step: ties within a millimetre come out in exact order.
      let j = k;
      while (j > 0 && this.nearDist[j - 1]! > d) {
        this.nearDist[j] = this.nearDist[j - 1]!;
        this.nearSlots[j] = this.nearSlots[j - 1]!;
        j--;
      }
      this.nearDist[j] = d;
      this.nearSlots[j] = s;
    }
    return m;
  }
}
