/** Every antenna of the registry in the exposure sums' layout (shared/exposure-sums.ts), one structure per slot of
 *  the in-memory site index, so the siting check's exposure_sensitive rule sums the antennas within 2 km of a place
 *  through the site index's tree instead of reading tens of thousands of antenna rows per check. Built on first use
 *  (one pass over the antennas table), then kept current: a write re-reads only the structures it names, appending
 *  their antennas (the space they leave is reclaimed by a rebuild once it outgrows the live part). Sums at a point
 *  are memoised until the next write: a place's centre or a point place is asked again by every check near it. */
import { SITE_STATUSES } from '../../shared/model.js';
import { SUM_ANTENNA_STRIDE, SUM_COUNT, SUM_SITE_STRIDE, addExposureSums, writeSumAntenna, writeSumSite, type ExposureField, type SumAntenna } from '../../shared/exposure-sums.js';
import { ALIVE, type SiteIndex } from './site-index.js';
import type { ExposureRow, NearbyStore } from '../store/nearby.js';

const DECOMMISSIONED = SITE_STATUSES.indexOf('decommissioned');
/** Writes naming more sites than this are followed by a rebuild (as the site index re-reads everything). */
const MANY = 10_000;
const MEMO_MAX = 100_000;
const M_PER_DEG = 111_194.9;

export class RegistryExposureField implements ExposureField {
  sites: Float64Array<ArrayBuffer> = new Float64Array(0);
  antennas: Float64Array<ArrayBuffer> = new Float64Array(0);
  private used = 0;
  private live = 0;
  private built = false;
  private readonly pending = new Set<number>();
  private readonly memo = new Map<string, [number, number]>();
  private readonly scratch: SumAntenna = { height_m: 0, tilt_deg: 0, azimuth_deg: null, eirp_w: 0, frequency_mhz: 900, power_reduction: 1 };

  constructor(
    private readonly siteIndex: () => SiteIndex,
    private readonly nearby: NearbyStore,
  ) {}

  /** Follows a committed write of these sites (none named: any may have changed). */
  changed(ids: readonly number[]): void {
    this.memo.clear();
    if (!this.built) return;
    if (ids.length === 0 || ids.length > MANY) this.built = false;
    else for (const id of ids) this.pending.add(id);
  }

  addSums(lon: number, lat: number, heightM: number, reflectionFactor: number, cutoffM: number, out: Float64Array): void {
    const key = `${lon},${lat},${heightM},${reflectionFactor},${cutoffM}`;
    let sums = this.memo.get(key);
    if (!sums) {
      const { hits, count } = this.candidates(lon, lat, cutoffM);
      sums = this.sum(lon, lat, heightM, reflectionFactor, cutoffM, hits, count);
      if (this.memo.size >= MEMO_MAX) this.memo.clear();
      this.memo.set(key, sums);
    }
    out[0]! += sums[0];
    out[1]! += sums[1];
  }

  /** The field with these structures' antennas left out (a consolidation plan's removed structures); where none of
   *  them is within the cutoff, exactly this field's sums. */
  without(siteIds: ReadonlySet<number>): ExposureField {
    if (siteIds.size === 0) return this;
    return {
      addSums: (lon, lat, heightM, reflectionFactor, cutoffM, out) => {
        const idx = this.current();
        const { hits, count } = this.candidates(lon, lat, cutoffM);
        let kept = 0;
        for (let k = 0; k < count; k++) if (!siteIds.has(idx.cols.id[hits[k]!]!)) hits[kept++] = hits[k]!;
        if (kept === count) return this.addSums(lon, lat, heightM, reflectionFactor, cutoffM, out);
        const [ter, sum] = this.sum(lon, lat, heightM, reflectionFactor, cutoffM, hits, kept);
        out[0]! += ter;
        out[1]! += sum;
      },
    };
  }

  /** Slots of the structures within the cutoff's box, in slot order (the summation order, so sums repeat exactly);
   *  a buffer reused by the next call. */
  private candidates(lon: number, lat: number, cutoffM: number): { hits: Int32Array; count: number } {
    const idx = this.current();
    const dLat = (cutoffM * 1.01) / M_PER_DEG;
    const dLon = Math.min(180, dLat / Math.max(Math.cos((lat * Math.PI) / 180), 1e-6));
    const { hits, count } = idx.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
    hits.subarray(0, count).sort();
    return { hits, count };
  }

  private sum(lon: number, lat: number, heightM: number, reflectionFactor: number, cutoffM: number, slots: Int32Array, n: number): [number, number] {
    const acc = new Float64Array(2);
    addExposureSums(lon, lat, heightM, reflectionFactor, cutoffM, this, slots, n, acc);
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

  private build(idx: SiteIndex): void {
    this.sites = new Float64Array(Math.max(idx.size, 1) * SUM_SITE_STRIDE);
    this.used = 0;
    this.live = 0;
    this.pending.clear();
    let rows: ExposureRow[] = [];
    let site = -1;
    for (const row of this.nearby.exposureRows()) {
      if (row[0] !== site) {
        if (rows.length) this.place(idx, site, rows);
        rows = [];
        site = row[0];
      }
      rows.push(row);
    }
    if (rows.length) this.place(idx, site, rows);
    this.built = true;
  }

  private refresh(idx: SiteIndex, id: number): void {
    const slot = idx.slotOf(id);
    if (slot < 0) return;
    const live = this.countAt(slot);
    this.live -= live;
    this.setCount(slot, 0);
    this.place(idx, id, this.nearby.exposureRowsOf(id));
  }

  /** Appends a site's antennas and points its slot at them (none for a dead or decommissioned structure). */
  private place(idx: SiteIndex, id: number, rows: readonly ExposureRow[]): void {
    const slot = idx.slotOf(id);
    if (slot < 0 || !(idx.cols.flags[slot]! & ALIVE) || idx.cols.status[slot] === DECOMMISSIONED) return;
    if ((slot + 1) * SUM_SITE_STRIDE > this.sites.length) this.sites = grow(this.sites, (slot + 1) * SUM_SITE_STRIDE);
    if ((this.used + rows.length) * SUM_ANTENNA_STRIDE > this.antennas.length) this.antennas = grow(this.antennas, (this.used + rows.length) * SUM_ANTENNA_STRIDE);
    const a = this.scratch;
    for (const r of rows) {
      [, a.height_m, a.tilt_deg, a.azimuth_deg, a.eirp_w, a.frequency_mhz, a.power_reduction] = r;
      writeSumAntenna(this.antennas, this.used++, a);
    }
    writeSumSite(this.sites, slot, idx.cols.lon[slot]!, idx.cols.lat[slot]!, this.used - rows.length, rows.length);
    this.live += rows.length;
  }

  private countAt(slot: number): number {
    return (slot + 1) * SUM_SITE_STRIDE <= this.sites.length ? this.sites[slot * SUM_SITE_STRIDE + SUM_COUNT]! : 0;
  }

  private setCount(slot: number, n: number): void {
    if ((slot + 1) * SUM_SITE_STRIDE <= this.sites.length) this.sites[slot * SUM_SITE_STRIDE + SUM_COUNT] = n;
  }
}

/** A copy at least `need` long, doubling. */
function grow(a: Float64Array, need: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
