/** Every antenna of the registry in the exposure sums' layout (shared/exposure-sums.ts), one entry per standing
 *  structure laid out in Morton order, so the siting check's exposure_sensitive rule sums the antennas within 2 km of
 *  a place found through the site index's tree instead of reading tens of thousands of antenna rows per check. Built
 *  on first use (one pass over the antennas table), then kept current: a write re-reads only the structures it names,
 *  appending their antennas (the space they leave is reclaimed by a rebuild once it outgrows the live part). Sums at a point
 *  are memoised (the exposure rule asks the same reference points of a place at every check near it) until a write
 *  touches a structure within the cutoff of that point: only those are forgotten. */
import { SITE_STATUSES } from '../../shared/model.js';
import { chord2Of } from '../../shared/exposure-kernel.js';
import { SUM_ANTENNA_STRIDE, SUM_COUNT, SUM_SITE_STRIDE, addExposureSums, morton, writeSumAntenna, writeSumSite, type ExposureField, type SumAntenna } from '../../shared/exposure-sums.js';
import { ALIVE, type SiteIndex } from './site-index.js';
import { radiusBBox, type ExposureRow, type NearbyStore } from '../store/nearby.js';

const DECOMMISSIONED = SITE_STATUSES.indexOf('decommissioned');
/** Writes naming more sites than this are followed by a rebuild (as the site index re-reads everything). */
const MANY = 10_000;
const MEMO_MAX = 100_000;
const RAD = Math.PI / 180;

/** Sums at a point, with the point's unit vector and the cutoff's squared chord, to forget them when a structure
 *  within the cutoff changes. */
interface Memo {
  ter: number;
  sum: number;
  x: number;
  y: number;
  z: number;
  cut2: number;
}

const unit = (lon: number, lat: number): [number, number, number] => {
  const c = Math.cos(lat * RAD);
  return [c * Math.cos(lon * RAD), c * Math.sin(lon * RAD), Math.sin(lat * RAD)];
};

/** Existing antennas' exposure at any point, over the whole registry (the server's `existingExposure`). */
export class RegistryExposureField implements ExposureField {
  sites: Float64Array<ArrayBuffer> = new Float64Array(0);
  antennas: Float64Array<ArrayBuffer> = new Float64Array(0);
  /** Position of each site-index slot in `sites` (−1: no standing antennas). */
  private posOf: Int32Array<ArrayBuffer> = new Int32Array(0);
  private positions = 0;
  private used = 0;
  private live = 0;
  private built = false;
  private readonly pending = new Set<number>();
  private readonly memo = new Map<string, Memo>();
  private readonly scratch: SumAntenna = { height_m: 0, tilt_deg: 0, azimuth_deg: null, eirp_w: 0, frequency_mhz: 900, power_reduction: 1 };

  constructor(
    private readonly siteIndex: () => SiteIndex,
    private readonly nearby: NearbyStore,
  ) {}

  /** Follows a committed write of these sites (none named: any may have changed): forgets the sums at points
   *  within the cutoff of where each stood and stands. */
  changed(ids: readonly number[]): void {
    if (!this.built || ids.length === 0 || ids.length > MANY) {
      this.built = false;
      this.memo.clear();
      return;
    }
    const idx = this.siteIndex();
    const moved: number[] = [];
    for (const id of ids) {
      this.pending.add(id);
      const slot = idx.slotOf(id);
      if (slot < 0) continue;
      const pos = slot < this.posOf.length ? this.posOf[slot]! : -1;
      if (pos >= 0) moved.push(...this.sites.subarray(pos * SUM_SITE_STRIDE, pos * SUM_SITE_STRIDE + 3));
      moved.push(...unit(idx.cols.lon[slot]!, idx.cols.lat[slot]!));
    }
    for (const [key, m] of this.memo) {
      for (let k = 0; k < moved.length; k += 3) {
        const [dx, dy, dz] = [m.x - moved[k]!, m.y - moved[k + 1]!, m.z - moved[k + 2]!];
        if (dx * dx + dy * dy + dz * dz <= m.cut2) {
          this.memo.delete(key);
          break;
        }
      }
    }
  }

  addSums(lon: number, lat: number, heightM: number, reflectionFactor: number, cutoffM: number, out: Float64Array): void {
    const key = `${lon},${lat},${heightM},${reflectionFactor},${cutoffM}`;
    let m = this.memo.get(key);
    if (!m) {
      const { hits, count } = this.candidates(lon, lat, cutoffM);
      const [ter, sum] = this.sum(lon, lat, heightM, reflectionFactor, cutoffM, hits, count);
      const [x, y, z] = unit(lon, lat);
      // A metre of slack on the sums' own cutoff test, so no structure that counted is missed.
      m = { ter, sum, x, y, z, cut2: chord2Of(cutoffM + 1) };
      if (this.memo.size >= MEMO_MAX) this.memo.clear();
      this.memo.set(key, m);
    }
    out[0]! += m.ter;
    out[1]! += m.sum;
  }

  /** Builds the field now if it is not (the server's start-up; the bench, to time the build apart). */
  prepare(): void {
    this.current();
  }

  /** The field with these structures' antennas left out (a consolidation plan's removed structures): the remembered
   *  sums less the terms of those structures within the cutoff (equal to a fresh sum without them but for the last
   *  bits of rounding). */
  without(siteIds: ReadonlySet<number>): ExposureField {
    if (siteIds.size === 0) return this;
    const idx = this.current();
    const positions = Int32Array.from([...siteIds].map((id) => idx.slotOf(id)).filter((slot) => slot >= 0 && slot < this.posOf.length).map((slot) => this.posOf[slot]!).filter((pos) => pos >= 0));
    const full = new Float64Array(2);
    const removed = new Float64Array(2);
    return {
      addSums: (lon, lat, heightM, reflectionFactor, cutoffM, out) => {
        full.fill(0);
        removed.fill(0);
        this.addSums(lon, lat, heightM, reflectionFactor, cutoffM, full);
        addExposureSums(lon, lat, heightM, reflectionFactor, cutoffM, this, positions, positions.length, removed);
        // Rounding may leave a hair below zero where the removed structures were all there was.
        out[0]! += Math.max(0, full[0]! - removed[0]!);
        out[1]! += Math.max(0, full[1]! - removed[1]!);
      },
    };
  }

  /** Positions of the structures within the cutoff's box, ascending (the summation order, so sums repeat exactly,
   *  and near each other in memory); a buffer reused by the next call. */
  private candidates(lon: number, lat: number, cutoffM: number): { hits: Int32Array; count: number } {
    const idx = this.current();
    const { hits, count } = idx.range(...radiusBBox(lon, lat, cutoffM));
    let n = 0;
    for (let k = 0; k < count; k++) {
      const pos = hits[k]! < this.posOf.length ? this.posOf[hits[k]!]! : -1;
      if (pos >= 0) hits[n++] = pos;
    }
    hits.subarray(0, n).sort();
    return { hits, count: n };
  }

  private sum(lon: number, lat: number, heightM: number, reflectionFactor: number, cutoffM: number, positions: Int32Array, n: number): [number, number] {
    const acc = new Float64Array(2);
    addExposureSums(lon, lat, heightM, reflectionFactor, cutoffM, this, positions, n, acc);
    return [acc[0]!, acc[1]!];
  }

  /** The site index, with this field built and the pending sites applied. */
  private current(): SiteIndex {
    const idx = this.siteIndex();
    if (!this.built || this.used > 2 * this.live + 100_000) this.build(idx);
    if (this.pending.size > 0) {
      for (const id of this.pending) this.refresh(idx, id);
      this.pending.clear();
    }
    return idx;
  }

  /** Reads every antenna once and lays the standing structures out in Morton order of their position, so the
   *  structures around a point lie close together in memory (in slot order they are scattered over tens of MB). */
  private build(idx: SiteIndex): void {
    const { cols } = idx;
    const first = new Int32Array(idx.size).fill(-1);
    const count = new Int32Array(idx.size);
    let rowOrder = new Float64Array(1024 * SUM_ANTENNA_STRIDE);
    let n = 0;
    const a = this.scratch;
    let group: ExposureRow[] = [];
    const flush = () => {
      const slot = group.length ? idx.slotOf(group[0]![0]) : -1;
      if (slot >= 0 && cols.flags[slot]! & ALIVE && cols.status[slot] !== DECOMMISSIONED) {
        if ((n + group.length) * SUM_ANTENNA_STRIDE > rowOrder.length) rowOrder = grow(rowOrder, (n + group.length) * SUM_ANTENNA_STRIDE);
        [first[slot], count[slot]] = [n, group.length];
        for (const r of byLayer(group)) {
          [, a.height_m, a.tilt_deg, a.azimuth_deg, a.eirp_w, a.frequency_mhz, a.power_reduction] = r;
          writeSumAntenna(rowOrder, n++, a);
        }
      }
      group = [];
    };
    for (const row of this.nearby.exposureRows()) {
      if (group.length && row[0] !== group[0]![0]) flush();
      group.push(row);
    }
    flush();
    // Morton keys of 15 bits a coordinate (≈ 1 km cells), the slot in the low 22 bits: one sortable double each.
    const keys: number[] = [];
    for (let slot = 0; slot < idx.size; slot++) if (count[slot]! > 0) keys.push(morton(cols.lon[slot]!, cols.lat[slot]!) * 4194304 + slot);
    const order = Float64Array.from(keys).sort();
    this.posOf = new Int32Array(idx.size).fill(-1);
    this.sites = new Float64Array(Math.max(order.length, 1) * SUM_SITE_STRIDE);
    this.antennas = new Float64Array(Math.max(n, 1) * SUM_ANTENNA_STRIDE);
    this.used = 0;
    for (let pos = 0; pos < order.length; pos++) {
      const slot = order[pos]! % 4194304;
      this.posOf[slot] = pos;
      const k = count[slot]!;
      this.antennas.set(rowOrder.subarray(first[slot]! * SUM_ANTENNA_STRIDE, (first[slot]! + k) * SUM_ANTENNA_STRIDE), this.used * SUM_ANTENNA_STRIDE);
      writeSumSite(this.sites, pos, cols.lon[slot]!, cols.lat[slot]!, this.used, k);
      this.used += k;
    }
    this.positions = order.length;
    this.live = n;
    this.pending.clear();
    this.built = true;
  }

  /** Re-reads one site: its old position counts no more, its antennas (if it stands) go to a new one at the end. */
  private refresh(idx: SiteIndex, id: number): void {
    const slot = idx.slotOf(id);
    if (slot < 0) return;
    const old = slot < this.posOf.length ? this.posOf[slot]! : -1;
    if (old >= 0) {
      this.live -= this.sites[old * SUM_SITE_STRIDE + SUM_COUNT]!;
      this.sites[old * SUM_SITE_STRIDE + SUM_COUNT] = 0;
    }
    const { cols } = idx;
    const rows = this.nearby.exposureRowsOf(id);
    if (!(cols.flags[slot]! & ALIVE) || cols.status[slot] === DECOMMISSIONED || rows.length === 0) return;
    const pos = this.positions++;
    if (slot >= this.posOf.length) this.posOf = growInt(this.posOf, idx.size, -1);
    if ((pos + 1) * SUM_SITE_STRIDE > this.sites.length) this.sites = grow(this.sites, (pos + 1) * SUM_SITE_STRIDE);
    if ((this.used + rows.length) * SUM_ANTENNA_STRIDE > this.antennas.length) this.antennas = grow(this.antennas, (this.used + rows.length) * SUM_ANTENNA_STRIDE);
    this.posOf[slot] = pos;
    const a = this.scratch;
    for (const r of byLayer(rows)) {
      [, a.height_m, a.tilt_deg, a.azimuth_deg, a.eirp_w, a.frequency_mhz, a.power_reduction] = r;
      writeSumAntenna(this.antennas, this.used++, a);
    }
    writeSumSite(this.sites, pos, cols.lon[slot]!, cols.lat[slot]!, this.used - rows.length, rows.length);
    this.live += rows.length;
  }
}

/** A structure's antennas by height and tilt, then id (rows come by id), as addExposureSums expects. */
const byLayer = (rows: readonly ExposureRow[]) => [...rows].sort((x, y) => x[1] - y[1] || x[2] - y[2]);

/** An Int32Array copy at least `need` long, doubling, new entries `fill`. */
function growInt(a: Int32Array, need: number, fill: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(need, a.length * 2)).fill(fill);
  b.set(a);
  return b;
}

/** A copy at least `need` long, doubling. */
function grow(a: Float64Array, need: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
