import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import {
  cellBbox,
  cellGroundSizeM,
  cellIdOf,
  cellIndexOf,
  countByCell,
  densityGrid,
  expandToCells,
  projectEqualArea,
  unprojectEqualArea,
} from '../../shared/density.js';

const WGS84 = geodesic.Geodesic.WGS84;

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

/** Ellipsoidal area of a lon/lat rectangle by GeographicLib, its parallel edges densified (they are not geodesics). */
function rectangleAreaM2([w, s, e, n]: [number, number, number, number]): number {
  const poly = WGS84.Polygon(false);
  const steps = 200;
  for (let i = 0; i <= steps; i++) poly.AddPoint(s, w + ((e - w) * i) / steps);
  for (let i = 0; i <= steps; i++) poly.AddPoint(n, e - ((e - w) * i) / steps);
  return Math.abs(poly.Compute(false, true).area!);
}

describe('equal-area grid (EPSG:6933)', () => {
  it('matches the EASE-Grid 2.0 global extent in x: ±17,367,530.45 m at ±180°', () => {
    expect(projectEqualArea(180, 0)[0]).toBeCloseTo(17_367_530.45, 1);
  });

  it('round-trips lon/lat through the projection', () => {
    const rand = prng(11);
    for (let i = 0; i < 200; i++) {
      const lon = rand() * 360 - 180;
      const lat = rand() * 170 - 85;
      const [x, y] = projectEqualArea(lon, lat);
      const [lon2, lat2] = unprojectEqualArea(x, y);
      expect(lon2).toBeCloseTo(lon, 9);
      expect(lat2).toBeCloseTo(lat, 9);
    }
  });

  it.each([0.25, 1, 2])('a %s km cell at Karaj covers exactly its area of the WGS84 ellipsoid (GeographicLib)', (cellKm) => {
    const id = cellIdOf(50.99, 35.83, cellKm);
    const area = rectangleAreaM2(cellBbox(id, cellKm));
    expect(Math.abs(area / (cellKm * cellKm * 1e6) - 1)).toBeLessThan(1e-6);
  });

  it('a cell far north is exactly 1 km² too, though its shape differs', () => {
    const area = rectangleAreaM2(cellBbox(cellIdOf(10, 65, 1), 1));
    expect(Math.abs(area / 1e6 - 1)).toBeLessThan(1e-6);
  });

  it('a point lies in the bbox of its cell, and the cell index is the floor of x / cell size', () => {
    const rand = prng(12);
    for (let i = 0; i < 500; i++) {
      const lon = 50.8 + rand() * 0.4;
      const lat = 35.7 + rand() * 0.3;
      const id = cellIdOf(lon, lat, 0.5);
      const [w, s, e, n] = cellBbox(id, 0.5);
      expect(lon >= w && lon < e && lat >= s && lat < n).toBe(true);
      const [x, y] = projectEqualArea(lon, lat);
      expect(cellIndexOf(id)).toEqual({ ix: Math.floor(x / 500), iy: Math.floor(y / 500) });
    }
  });

  it('ground size of a cell: width along the parallel by GeographicLib, width × height = area', () => {
    const [w, s, e] = cellBbox(cellIdOf(50.99, 35.83, 1), 1);
    const { widthM, heightM } = cellGroundSizeM(s, 1);
    expect(widthM).toBeCloseTo(WGS84.Inverse(s, w, s, e).s12!, 2);
    expect(widthM * heightM).toBeCloseTo(1e6, 3);
    // Standard parallel 30°: at Karaj a 1 km cell is about 0.94 km wide and 1.07 km tall.
    expect(heightM / widthM).toBeGreaterThan(1.1);
    expect(heightM / widthM).toBeLessThan(1.2);
  });

  it('rejects cells below 20 m', () => {
    expect(() => cellIdOf(50, 35, 0.01)).toThrow(RangeError);
  });
});

describe('counting structures per cell', () => {
  const rand = prng(13);
  const points = Array.from({ length: 20_000 }, () => ({
    lon: 50.85 + rand() * 0.3,
    lat: 35.75 + rand() * 0.2,
    operators: rand() < 0.5 ? ['mci'] : rand() < 0.5 ? ['mtn', 'rightel'] : [],
  }));

  it('the typed-array pass counts the same as grouping by cellIdOf', () => {
    const lon = Float64Array.from(points, (p) => p.lon);
    const lat = Float64Array.from(points, (p) => p.lat);
    const fast = countByCell(lon, lat, 1);
    const slow = new Map<number, number>();
    for (const p of points) {
      const id = cellIdOf(p.lon, p.lat, 1);
      slow.set(id, (slow.get(id) ?? 0) + 1);
    }
    expect(fast).toEqual(slow);
    expect([...fast.values()].reduce((a, b) => a + b, 0)).toBe(points.length);
  });

  it('densityGrid gives counts and per-km² for the cells touching the bbox, per operator on request', () => {
    const bbox: [number, number, number, number] = [50.9, 35.8, 51.0, 35.85];
    const cellKm = 2;
    const all = densityGrid(points, bbox, cellKm);
    const mtn = densityGrid(points, bbox, cellKm, 'mtn');
    expect(all.features.length).toBeGreaterThan(0);
    for (const f of all.features) {
      const [w, s, e, n] = cellBbox(f.properties.cell_id, cellKm);
      const inside = points.filter((p) => p.lon >= w && p.lon < e && p.lat >= s && p.lat < n);
      expect(f.properties.count).toBe(inside.length);
      expect(f.properties.per_km2).toBe(inside.length / 4);
      expect(f.geometry.coordinates[0]).toEqual([[w, s], [e, s], [e, n], [w, n], [w, s]]);
      const m = mtn.features.find((g) => g.properties.cell_id === f.properties.cell_id);
      expect(m?.properties.count ?? 0).toBe(inside.filter((p) => p.operators.includes('mtn')).length);
    }
    // Every cell touching the bbox is there (the points cover it densely), none beyond.
    const [ew, es, ee, en] = expandToCells(bbox, cellKm);
    expect(all.features.every((f) => {
      const [w, s, e, n] = cellBbox(f.properties.cell_id, cellKm);
      return w >= ew - 1e-9 && s >= es - 1e-9 && e <= ee + 1e-9 && n <= en + 1e-9;
    })).toBe(true);
    const cols = Math.round((ee - ew) / (cellBbox(all.features[0]!.properties.cell_id, cellKm)[2] - cellBbox(all.features[0]!.properties.cell_id, cellKm)[0]));
    expect(all.features.length).toBe(cols * new Set(all.features.map((f) => cellIndexOf(f.properties.cell_id).iy)).size);
  });
});
