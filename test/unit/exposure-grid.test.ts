/** The exposure grid: the exact indexed grid against all pairs, the grid kernel against the reference model, and the
 *  fast grid (far field interpolated) against the exact grid within its stated tolerance. */
import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import { destination, haversineM } from '../../shared/geodesy.js';
import { exposureAt, exposureRatioAt, packAntennas, type ExposureAntennaInput } from '../../shared/exposure.js';
import {
  EXPOSURE_CUTOFF_M, FAR_FIELD_TOLERANCE, exposureGrid, exposureGridFast, exposureGridLayout, exposureGridNaive, type AntennasNear, type Bbox,
} from '../../shared/exposure-grid.js';
import { FAR_RATIO, farFieldRows, tilePlan, type FarFieldStats } from '../../shared/exposure-far-field.js';
import { chord2Of, gridSites, ratioSum } from '../../shared/exposure-kernel.js';
import { siteBuckets } from '../../shared/exposure-site-buckets.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(7);
const antennas: ExposureAntennaInput[] = Array.from({ length: 1500 }, () => ({
  lon: 50.95 + rand() * 0.08,
  lat: 35.8 + rand() * 0.06,
  height_m: 15 + rand() * 30,
  azimuth_deg: rand() < 0.1 ? null : rand() * 360,
  tilt_deg: rand() * 10,
  eirp_w: 500 + rand() * 5000,
  frequency_mhz: [900, 1800, 2100, 2600, 3500][Math.floor(rand() * 5)]!,
  power_reduction: rand() < 0.2 ? 0.25 : 1,
}));
const packed = packAntennas(antennas);

/** A kdbush index over lon/lat with a radius query in metres (a bbox in degrees, then the exact cutoff in the grid). */
function indexedNear(): AntennasNear {
  const index = new KDBush(antennas.length);
  for (const a of antennas) index.add(a.lon, a.lat);
  index.finish();
  return (lon, lat, radiusM) => {
    const dLat = radiusM / 110_000;
    const dLon = radiusM / (110_000 * Math.cos((lat * Math.PI) / 180));
    return index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
  };
}

describe('exposure grid', () => {
  const bbox: Bbox = [50.97, 35.815, 51.01, 35.845];

  it('the indexed grid equals the naive grid cell for cell', () => {
    let queries = 0;
    const near = indexedNear();
    const fast = exposureGrid(bbox, 100, packed, (lon, lat, r) => (queries++, near(lon, lat, r)));
    const slow = exposureGridNaive(bbox, 100, packed);
    expect(fast.cols).toBe(slow.cols);
    expect(fast.rows).toBe(slow.rows);
    expect(fast.values.length).toBe(fast.cols * fast.rows);
    fast.values.forEach((v, i) => expect(v).toBeCloseTo(slow.values[i]!, 12));
    expect(Math.max(...fast.values)).toBeGreaterThan(0);
    // One query per 5 × 5 block of 100 m cells, not one per cell.
    expect(queries).toBe(Math.ceil(fast.cols / 5) * Math.ceil(fast.rows / 5));
  });

  it('covers the bbox with whole cells of the requested size, row 0 in the north', () => {
    const g = exposureGridNaive(bbox, 100, packed);
    const [w, s, e, n] = g.bbox;
    expect(w).toBe(bbox[0]);
    expect(n).toBe(bbox[3]);
    expect(e).toBeGreaterThanOrEqual(bbox[2]);
    expect(s).toBeLessThanOrEqual(bbox[1]);
    const midLat = (bbox[1] + bbox[3]) / 2;
    expect(haversineM(w, midLat, e, midLat)).toBeCloseTo(g.cols * 100, -1);
    expect(haversineM(w, s, w, n)).toBeCloseTo(g.rows * 100, 3);
  });

  it('a cell value is the exposure at its centre from the antennas within the cutoff', () => {
    const g = exposureGridNaive(bbox, 250, packed);
    const row = 3;
    const col = 5;
    const dLat = (g.bbox[3] - g.bbox[1]) / g.rows;
    const dLon = (g.bbox[2] - g.bbox[0]) / g.cols;
    const lon = g.bbox[0] + (col + 0.5) * dLon;
    const lat = g.bbox[3] - (row + 0.5) * dLat;
    const near = antennas.filter((a) => haversineM(a.lon, a.lat, lon, lat) <= EXPOSURE_CUTOFF_M);
    expect(near.length).toBeLessThan(antennas.length);
    const want = exposureAt({ lon, lat, height_m: 1.5, reflection_factor: 1 }, near).total_exposure_ratio;
    expect(g.values[row * g.cols + col]).toBeCloseTo(want, 12);
  });

  it('antennas beyond the cutoff add nothing', () => {
    const one = packAntennas([{ lon: 51, lat: 35.83, height_m: 30, azimuth_deg: null, tilt_deg: 0, eirp_w: 5000, frequency_mhz: 1800 }]);
    const [farLon, farLat] = destination(51, 35.83, 2500, 90);
    const g = exposureGridNaive([farLon, farLat, farLon + 0.001, farLat + 0.001], 50, one);
    expect(g.values.every((v) => v === 0)).toBe(true);
  });

  it('rejects an empty bbox and a grid beyond MAX_GRID_CELLS', () => {
    expect(() => exposureGridNaive([51, 35, 50, 36], 100, packed)).toThrow(RangeError);
    expect(() => exposureGridNaive([50, 35, 52, 37], 10, packed)).toThrow(RangeError);
  });
});

/** Demo-like sites: clustered around hotspots within about 5 km, three-sector layers of macro sites (one height and
 *  tilt per layer, as data/generate does) and omni small cells. */
function demoLike(seed: number, sites: number): ExposureAntennaInput[] {
  const r = prng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const hotspots = Array.from({ length: 5 }, () => [50.96 + r() * 0.05, 35.81 + r() * 0.04, 150 + r() * 600] as const);
  const out: ExposureAntennaInput[] = [];
  for (let i = 0; i < sites; i++) {
    const [lon0, lat0, sigmaM] = hotspots[i % hotspots.length]!;
    const [lon, lat] = destination(lon0, lat0, Math.abs(gauss()) * sigmaM, r() * 360);
    const mast = 12 + r() * 35;
    if (r() < 0.12) {
      out.push({ lon, lat, height_m: Math.max(1, mast / 3), azimuth_deg: null, tilt_deg: 2 + r() * 4, eirp_w: 5 + r() * 45, frequency_mhz: 1800 });
      continue;
    }
    for (let layer = 0, layers = 1 + Math.floor(r() * 3); layer < layers; layer++) {
      const [f, eirp, pr] = r() < 0.15 ? [3500, 20_000 + r() * 30_000, 0.25] : [[900, 1800, 2100, 2600][Math.floor(r() * 4)]!, 300 + r() * 2200, 1];
      const [h, tilt, rot] = [mast - r() * 4, 2 + r() * 8, r() * 120];
      for (let s = 0; s < 3; s++) out.push({ lon, lat, height_m: h, azimuth_deg: (rot + 120 * s) % 360, tilt_deg: tilt, eirp_w: eirp, frequency_mhz: f, power_reduction: pr });
    }
  }
  return out;
}

/** Largest |a − b| / |b| over the cells (0 where both are 0). */
const maxRelative = (a: readonly number[], b: readonly number[]) => a.reduce((m, v, i) => Math.max(m, v === b[i] ? 0 : Math.abs(v - b[i]!) / Math.abs(b[i]!)), 0);

describe('grid kernel (sites as unit vectors, exp for 10^x)', () => {
  const ants = demoLike(11, 400);
  const p = packAntennas(ants);
  const g = gridSites(p);
  const RAD = Math.PI / 180;
  const at = (lon: number, lat: number, h: number, cutoffM: number) =>
    ratioSum(Math.cos(lat * RAD) * Math.cos(lon * RAD), Math.cos(lat * RAD) * Math.sin(lon * RAD), Math.sin(lat * RAD), h, g.sites, g.count, g.antennas, chord2Of(cutoffM));

  it('groups antennas by position', () => {
    expect(g.count).toBe(new Set(ants.map((a) => `${a.lon},${a.lat}`)).size);
    expect(g.antennas.length / 4).toBe(ants.length);
  });

  it('equals the reference exposureRatioAt (haversine, turf bearing, 10^x) to 1e-9 at 500 points, heights and cutoffs', () => {
    const r = prng(3);
    let compared = 0;
    for (let i = 0; i < 500; i++) {
      const [lon, lat] = [50.95 + r() * 0.08, 35.8 + r() * 0.06];
      const [h, cutoff] = [[1.5, 10, 40][i % 3]!, [500, 2000, Infinity][i % 3]!];
      const want = exposureRatioAt(lon, lat, h, p, null, p.count, 1, cutoff);
      if (want > 0) compared++;
      expect(Math.abs(at(lon, lat, h, cutoff) - want)).toBeLessThanOrEqual(1e-9 * want);
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('equals the reference on a site itself, where the bearing is 0 by turf\'s convention', () => {
    // exposureAt (degrees throughout) rather than the packed exposureRatioAt, whose mixed radian roundings give the
    // bearing of a point to itself as 0 or 180 by chance.
    for (const a of ants.slice(0, 30)) {
      const near = ants.filter((b) => haversineM(a.lon, a.lat, b.lon, b.lat) <= 2000);
      const want = exposureAt({ lon: a.lon, lat: a.lat, height_m: 1.5, reflection_factor: 1 }, near).total_exposure_ratio;
      expect(Math.abs(at(a.lon, a.lat, 1.5, 2000) - want)).toBeLessThanOrEqual(1e-9 * want);
    }
  });

  it('counts a site exactly when the haversine distance is within the cutoff', () => {
    const one = packAntennas([{ lon: 51, lat: 35.83, height_m: 30, azimuth_deg: null, tilt_deg: 0, eirp_w: 5000, frequency_mhz: 1800 }]);
    const s = gridSites(one);
    for (const d of [1999.9, 2000.1]) {
      const [lon, lat] = destination(51, 35.83, d, 37);
      const v = ratioSum(Math.cos(lat * RAD) * Math.cos(lon * RAD), Math.cos(lat * RAD) * Math.sin(lon * RAD), Math.sin(lat * RAD), 1.5, s.sites, 1, s.antennas, chord2Of(2000));
      expect(v > 0).toBe(haversineM(51, 35.83, lon, lat) <= 2000);
    }
  });
});

describe('fast exposure grid (far field interpolated)', () => {
  // 2,000 antennas around five hotspots over about 5 km; the grid reaches past them so some cells see only far sites.
  const ants = demoLike(5, 360);
  const p = packAntennas(ants);
  const bbox: Bbox = [50.95, 35.8, 51.02, 35.855];

  it('has demo-like data: about 2,000 antennas', () => expect(ants.length).toBeGreaterThan(1700));

  it(`equals the exact grid within FAR_FIELD_TOLERANCE (${FAR_FIELD_TOLERANCE * 100}%) at 25 m, interpolating most of the work`, () => {
    const stats: FarFieldStats = { exact: 0, nodes: 0, items: 0 };
    const fast = exposureGridFast(bbox, 25, p, {}, stats);
    const exact = exposureGridFast(bbox, 25, p, { farRatio: 0 });
    expect(fast.values.length).toBe(exact.values.length);
    expect(exact.values.filter((v) => v > 0).length).toBeGreaterThan(0.9 * exact.values.length);
    expect(maxRelative(fast.values, exact.values)).toBeLessThanOrEqual(FAR_FIELD_TOLERANCE);
    // Not a grid that happens to be exact: most antennas are met at nodes or masked, not per cell.
    expect(stats.nodes + stats.items).toBeGreaterThan(stats.exact);
  });

  it('the exact per-cell path equals the exact indexed grid (haversine) to 1e-9 when no site is far', () => {
    const near = indexedNearOf(ants);
    const exact = exposureGrid(bbox, 200, p, near);
    expect(maxRelative(exposureGridFast(bbox, 200, p, { farRatio: 0 }).values, exact.values)).toBeLessThanOrEqual(1e-9);
    // At 200 m a tile of 8 cells is 1.6 km wide: nothing is 3 tile widths away within 2 km, so the default is exact too.
    expect(tilePlan(200, EXPOSURE_CUTOFF_M).levels).toBe(0);
    expect(maxRelative(exposureGridFast(bbox, 200, p).values, exact.values)).toBeLessThanOrEqual(1e-9);
  });

  it('computed in bands of tile rows (as the server workers do) gives the same numbers as in one piece', () => {
    const l = exposureGridLayout(bbox, 25);
    const g = gridSites(p);
    const plan = tilePlan(25, EXPOSURE_CUTOFF_M);
    const opts = { heightM: 1.5, reflectionFactor: 1, cutoffM: EXPOSURE_CUTOFF_M, farRatio: FAR_RATIO, plan };
    const near = siteBuckets(g.sites, EXPOSURE_CUTOFF_M + 2);
    const whole = farFieldRows(l, 25, g, near, opts, 0, l.rows);
    const parts: number[] = [];
    for (let r0 = 0; r0 < l.rows; r0 += plan.topCells * 3) parts.push(...farFieldRows(l, 25, g, near, opts, r0, r0 + plan.topCells * 3));
    expect(parts).toEqual(Array.from(whole));
    expect(() => farFieldRows(l, 25, g, near, opts, 1, 5)).toThrow(RangeError);
  });

  /** Six isolated 50 kW sectors facing a point from 2 km, alternately 0.3 m inside and outside the cutoff of it. */
  const ring = (l: ReturnType<typeof exposureGridLayout>) => {
    const [lon, lat] = [l.west + 100.5 * l.dLon, l.north - 80.5 * l.dLat];
    return [0, 40, 95, 180, 260, 330].map((brg, i) => {
      const [x, y] = destination(lon, lat, 2000 + (i % 2 ? 0.3 : -0.3), brg);
      return { lon: x, lat: y, height_m: 30, azimuth_deg: (brg + 180) % 360, tilt_deg: 0, eirp_w: 50_000, frequency_mhz: 3500 };
    });
  };

  it('keeps the 2 km cutoff exact for far sites whose circle crosses a tile', () => {
    // A wrong tile test would add or drop a whole 50 kW site at some cells.
    const q = packAntennas([...ants, ...ring(exposureGridLayout(bbox, 25))]);
    expect(maxRelative(exposureGridFast(bbox, 25, q).values, exposureGridFast(bbox, 25, q, { farRatio: 0 }).values)).toBeLessThanOrEqual(FAR_FIELD_TOLERANCE);
  });

  it('stays within the tolerance where isolated far sectors make the whole sum (pattern tails and the −25 dB floor)', () => {
    const q = packAntennas(ring(exposureGridLayout(bbox, 25)));
    const fast = exposureGridFast(bbox, 25, q).values;
    const exact = exposureGridFast(bbox, 25, q, { farRatio: 0 }).values;
    expect(exact.filter((v) => v > 0).length).toBeGreaterThan(0.5 * exact.length);
    expect(maxRelative(fast, exact)).toBeLessThanOrEqual(FAR_FIELD_TOLERANCE);
    // Without the floor's kink taken apart (interpolating min(A_H + A_V, 25) as it is) the same cells err by 16%:
    // the far field is really in use here.
    expect(maxRelative(fast, exact)).toBeGreaterThan(1e-6);
  });

  it('stays within the tolerance on rings of isolated sectors from 0.7 to 2 km, turned and tilted, at four places', () => {
    // Alone in a cell, a sector's steep tail is what the cubic follows least well: without the check at each tile's
    // centre these grids erred by up to 0.74%.
    const l = exposureGridLayout(bbox, 25);
    let worst = 0;
    for (const [cx, cy] of [[100.5, 80.5], [40.5, 30.5], [150.5, 120.5], [77.5, 200.5]]) {
      const [lon, lat] = [l.west + cx! * l.dLon, l.north - cy! * l.dLat];
      for (const turn of [0, 17, 45, 70]) {
        for (const [d, tilt] of [[700, 0], [1500, 0], [1800, 6], [2000, 0], [2000, 6], [1200, 6]] as const) {
          const q = packAntennas([0, 40, 95, 180, 260, 330].map((b, i) => {
            const [x, y] = destination(lon, lat, d + (d === 2000 ? (i % 2 ? 0.3 : -0.3) : 0), b + turn);
            return { lon: x, lat: y, height_m: 30, azimuth_deg: (b + turn + 180) % 360, tilt_deg: tilt, eirp_w: 50_000, frequency_mhz: 3500 };
          }));
          worst = Math.max(worst, maxRelative(exposureGridFast(bbox, 25, q).values, exposureGridFast(bbox, 25, q, { farRatio: 0 }).values));
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(FAR_FIELD_TOLERANCE);
    expect(worst).toBeGreaterThan(1e-4);
  });

  it('applies the observer height and the reflection factor as the exact grid does', () => {
    const small: Bbox = [50.975, 35.82, 50.995, 35.835];
    const o = { heightM: 10, reflectionFactor: 2.56 };
    const fast = exposureGridFast(small, 20, p, o);
    expect(maxRelative(fast.values, exposureGridFast(small, 20, p, { ...o, farRatio: 0 }).values)).toBeLessThanOrEqual(FAR_FIELD_TOLERANCE);
    const plain = exposureGridFast(small, 20, p, { heightM: 10 });
    fast.values.forEach((v, i) => expect(v).toBeCloseTo(2.56 * plain.values[i]!, 12));
  });

  it('is zero where no antenna is within the cutoff, and with no antennas at all', () => {
    const none = exposureGridFast([51.2, 35.9, 51.22, 35.92], 25, p);
    expect(none.values.every((v) => v === 0)).toBe(true);
    expect(exposureGridFast(bbox, 50, packAntennas([])).values.every((v) => v === 0)).toBe(true);
  });
});

/** A kdbush radius query over the given antennas (a degree box; the exact cutoff is applied per cell). */
function indexedNearOf(list: readonly ExposureAntennaInput[]): AntennasNear {
  const index = new KDBush(Math.max(1, list.length));
  for (const a of list) index.add(a.lon, a.lat);
  index.finish();
  return (lon, lat, radiusM) => {
    const d = (radiusM * 1.01) / 110_000;
    return index.range(lon - d / Math.cos((lat * Math.PI) / 180), lat - d, lon + d / Math.cos((lat * Math.PI) / 180), lat + d);
  };
}
