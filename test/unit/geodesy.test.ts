import * as turf from '@turf/turf';
import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import {
  bearingDeg,
  destination,
  distanceToPlaceM,
  ellipsoidalDistanceM,
  geodesicInverse,
  haversineM,
  nearestBoundaryPoint,
  nearestPointOnSegment,
  pointInPolygon,
  wrap180,
} from '../../shared/geodesy.js';

const WGS84 = geodesic.Geodesic.WGS84;
const KARAJ: [number, number] = [50.99, 35.83];

/** mulberry32: a seeded PRNG so that failures reproduce. */
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

function direct(lon: number, lat: number, azimuthDeg: number, distanceM: number): [number, number] {
  const r = WGS84.Direct(lat, lon, azimuthDeg, distanceM);
  return [r.lon2!, r.lat2!];
}

describe('ellipsoidal distance (Vincenty) against GeographicLib (Karney)', () => {
  it('agrees within 1 mm on 2000 random pairs within 30 km of Karaj', () => {
    const rand = prng(1);
    let worst = 0;
    for (let i = 0; i < 2000; i++) {
      const lon1 = KARAJ[0] + (rand() - 0.5) * 0.6;
      const lat1 = KARAJ[1] + (rand() - 0.5) * 0.5;
      const [lon2, lat2] = direct(lon1, lat1, rand() * 360 - 180, rand() ** 3 * 30_000);
      const want = WGS84.Inverse(lat1, lon1, lat2, lon2).s12!;
      worst = Math.max(worst, Math.abs(ellipsoidalDistanceM(lon1, lat1, lon2, lat2) - want));
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('agrees within 1 mm on 500 long lines (up to 15,000 km) from anywhere', () => {
    const rand = prng(2);
    let worst = 0;
    for (let i = 0; i < 500; i++) {
      const lon1 = rand() * 360 - 180;
      const lat1 = rand() * 160 - 80;
      const [lon2, lat2] = direct(lon1, lat1, rand() * 360 - 180, 100_000 + rand() * 14_900_000);
      const want = WGS84.Inverse(lat1, lon1, lat2, lon2);
      const got = geodesicInverse(lon1, lat1, lon2, lat2);
      worst = Math.max(worst, Math.abs(got.distanceM - want.s12!));
      expect(Math.abs(wrap180(got.azimuth1Deg - want.azi1!))).toBeLessThan(1e-6);
      expect(Math.abs(wrap180(got.azimuth2Deg - want.azi2!))).toBeLessThan(1e-6);
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('is zero for the same point and symmetric', () => {
    expect(ellipsoidalDistanceM(50.9, 35.8, 50.9, 35.8)).toBe(0);
    const ab = ellipsoidalDistanceM(50.9, 35.8, 51.3, 35.7);
    expect(ellipsoidalDistanceM(51.3, 35.7, 50.9, 35.8)).toBeCloseTo(ab, 6);
  });

  it('the sphere is 0.22% long north–south and 0.23% short east–west at Karaj (DOMAIN.md section 9)', () => {
    const [, latN] = direct(KARAJ[0], KARAJ[1], 0, 10_000);
    const [lonE, latE] = direct(KARAJ[0], KARAJ[1], 90, 10_000);
    const northSouth = haversineM(KARAJ[0], KARAJ[1], KARAJ[0], latN) / 10_000 - 1;
    const eastWest = haversineM(KARAJ[0], KARAJ[1], lonE, latE) / 10_000 - 1;
    expect(northSouth).toBeGreaterThan(0.002);
    expect(northSouth).toBeLessThan(0.0023);
    expect(eastWest).toBeLessThan(-0.002);
    expect(eastWest).toBeGreaterThan(-0.0024);
  });
});

describe('spherical functions match turf', () => {
  it('haversine, bearing and destination agree with turf.distance, turf.bearing, turf.destination', () => {
    const rand = prng(3);
    for (let i = 0; i < 200; i++) {
      const a: [number, number] = [KARAJ[0] + rand() - 0.5, KARAJ[1] + rand() - 0.5];
      const b: [number, number] = [KARAJ[0] + rand() - 0.5, KARAJ[1] + rand() - 0.5];
      expect(haversineM(a[0], a[1], b[0], b[1])).toBeCloseTo(turf.distance(a, b, { units: 'meters' }), 6);
      expect(bearingDeg(a[0], a[1], b[0], b[1])).toBeCloseTo(turf.bearing(a, b), 9);
      const d = rand() * 20_000;
      const brg = rand() * 360 - 180;
      const want = turf.destination(a, d, brg, { units: 'meters' }).geometry.coordinates;
      const got = destination(a[0], a[1], d, brg);
      expect(got[0]).toBeCloseTo(want[0]!, 9);
      expect(got[1]).toBeCloseTo(want[1]!, 9);
    }
  });

  it('wrap180 maps angles into [−180, 180)', () => {
    expect(wrap180(190)).toBe(-170);
    expect(wrap180(-190)).toBe(170);
    expect(wrap180(180)).toBe(-180);
    expect(wrap180(720 + 45)).toBe(45);
  });
});

// A school yard of about 100 m × 80 m with a courtyard hole, around 35.83 N 50.99 E.
const yard: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [
    [[50.99, 35.83], [50.9911, 35.83], [50.9911, 35.8307], [50.99, 35.8307], [50.99, 35.83]],
    [[50.9904, 35.8302], [50.9906, 35.8302], [50.9906, 35.8304], [50.9904, 35.8304], [50.9904, 35.8302]],
  ],
};

describe('point in polygon and distance to a boundary', () => {
  it('tells inside, outside and inside a hole, as turf.booleanPointInPolygon', () => {
    const rand = prng(4);
    for (let i = 0; i < 500; i++) {
      const p: [number, number] = [50.9895 + rand() * 0.0022, 35.8295 + rand() * 0.0017];
      expect(pointInPolygon(p[0], p[1], yard)).toBe(turf.booleanPointInPolygon(p, yard));
    }
    expect(pointInPolygon(50.9905, 35.8303, yard)).toBe(false);
    // In a MultiPolygon a point inside any member counts, even if it sits in another member's hole.
    const triangle = [[[50.99, 35.83], [50.991, 35.83], [50.991, 35.831], [50.99, 35.83]]];
    expect(pointInPolygon(50.9905, 35.8303, { type: 'MultiPolygon', coordinates: [yard.coordinates, triangle] })).toBe(true);
  });

  it('measures the geodesic distance to a corner and to an edge, and 0 inside', () => {
    // 99 m north-east of the north-east corner: the corner is the nearest boundary point.
    const [lon, lat] = direct(50.9911, 35.8307, 45, 99);
    expect(distanceToPlaceM(lon, lat, yard)).toBeCloseTo(99, 4);
    const nearest = nearestBoundaryPoint(lon, lat, yard);
    expect(nearest.lon).toBeCloseTo(50.9911, 9);
    expect(nearest.lat).toBeCloseTo(35.8307, 9);
    // 60 m due south of the southern edge's midpoint; the edge runs along a parallel.
    const [lonS, latS] = direct(50.99055, 35.83, 180, 60);
    expect(distanceToPlaceM(lonS, latS, yard)).toBeCloseTo(60, 3);
    expect(nearestPointOnSegment(lonS, latS, [50.99, 35.83], [50.9911, 35.83]).distanceM).toBeCloseTo(60, 3);
    // Inside the courtyard hole the nearest boundary is the hole's west or east edge, 0.0001° of longitude ≈ 9.04 m away.
    expect(nearestBoundaryPoint(50.9905, 35.8303, yard).distanceM).toBeCloseTo(WGS84.Inverse(35.8303, 50.9905, 35.8303, 50.9904).s12!, 3);
    expect(distanceToPlaceM(50.9903, 35.8301, yard)).toBe(0);
  });

  it('matches a brute-force geodesic minimum over densified edges', () => {
    const rand = prng(5);
    const ring = yard.coordinates[0]!;
    for (let i = 0; i < 50; i++) {
      const [lon, lat] = direct(50.99055, 35.83035, rand() * 360, 70 + rand() * 2000);
      let best = Infinity;
      for (let k = 1; k < ring.length; k++) {
        const [a, b] = [ring[k - 1]!, ring[k]!];
        for (let t = 0; t <= 2000; t++) {
          const x = a[0]! + ((b[0]! - a[0]!) * t) / 2000;
          const y = a[1]! + ((b[1]! - a[1]!) * t) / 2000;
          best = Math.min(best, WGS84.Inverse(lat, lon, y, x).s12!);
        }
      }
      expect(Math.abs(distanceToPlaceM(lon, lat, yard) - best)).toBeLessThan(0.01);
    }
  });
});
