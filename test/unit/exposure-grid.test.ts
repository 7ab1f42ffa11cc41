import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import { destination, haversineM } from '../../shared/geodesy.js';
import { exposureAt, packAntennas, type ExposureAntennaInput } from '../../shared/exposure.js';
import { EXPOSURE_CUTOFF_M, exposureGrid, exposureGridNaive, type AntennasNear, type Bbox } from '../../shared/exposure-grid.js';

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
