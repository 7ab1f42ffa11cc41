/** The siting rule's grouped exposure sums against the independent vectors and against exposureAt (itself checked
 *  against those vectors), antenna by antenna, with the cutoff applied as the rule applies it (haversine). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { exposureAt, totalFieldVm, type ExposureAntennaInput, type ExposurePoint } from '../../shared/exposure.js';
import { addExposureSums, fieldOf, sumSitesOf } from '../../shared/exposure-sums.js';
import { prng } from '../../bench/measure.js';

const vectors = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/exposure-cases.json', import.meta.url)), 'utf8')) as {
  cases: Array<{ name: string; point: ExposurePoint; antennas: ExposureAntennaInput[]; expected: { total_exposure_ratio: number; e_total_vm: number } }>;
};

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** [total exposure ratio, total field V/m] at a point through fieldOf. */
function sums(point: ExposurePoint, antennas: readonly ExposureAntennaInput[], cutoffM = Infinity): [number, number] {
  const out = new Float64Array(2);
  fieldOf(antennas).addSums(point.lon, point.lat, point.height_m, point.reflection_factor, cutoffM, out);
  return [out[0]!, totalFieldVm(out[1]!)];
}

describe('exposure sums grouped by structure', () => {
  it('every case of the exposure vectors within 0.5% on the total ratio and the total field', () => {
    expect(vectors.cases.length).toBeGreaterThan(5);
    for (const c of vectors.cases) {
      const point = { ...c.point, height_m: c.point.height_m ?? 1.5, reflection_factor: c.point.reflection_factor ?? 1 };
      const [ter, e] = sums(point, c.antennas);
      expect(rel(ter, c.expected.total_exposure_ratio), c.name).toBeLessThan(0.005);
      expect(rel(e, c.expected.e_total_vm), c.name).toBeLessThan(0.005);
    }
  });

  it('equals exposureAt over the antennas within the cutoff (turf distance) to 1e-9, omni, at a mast and far away', () => {
    const rnd = prng(11);
    const antennas: ExposureAntennaInput[] = [];
    for (let s = 0; s < 120; s++) {
      const [lon, lat] = [51 + (rnd() - 0.5) * 0.06, 35.8 + (rnd() - 0.5) * 0.05];
      for (let k = 0, n = 1 + Math.floor(rnd() * 6); k < n; k++) {
        antennas.push({
          lon, lat, height_m: 10 + rnd() * 40, azimuth_deg: rnd() < 0.15 ? null : rnd() * 360, tilt_deg: (rnd() - 0.3) * 16,
          eirp_w: 50 + rnd() * 3000, frequency_mhz: [700, 900, 1800, 2100, 2600, 3500][Math.floor(rnd() * 6)]!, power_reduction: 0.2 + rnd() * 0.8,
        });
      }
    }
    // Structures are grouped: fewer structures than antennas, every antenna kept.
    const packed = sumSitesOf(antennas);
    expect(packed.count).toBe(120);
    expect(packed.antennas.length).toBe(antennas.length * 5);
    const points: ExposurePoint[] = [
      ...Array.from({ length: 60 }, () => ({ lon: 51 + (rnd() - 0.5) * 0.07, lat: 35.8 + (rnd() - 0.5) * 0.06, height_m: 1.5 + rnd() * 20, reflection_factor: 1 + rnd() * 1.56 })),
      { lon: antennas[0]!.lon, lat: antennas[0]!.lat, height_m: 1.5, reflection_factor: 1 },
      { lon: 52, lat: 36, height_m: 1.5, reflection_factor: 1 },
    ];
    let compared = 0;
    for (const p of points) {
      const near = antennas.filter((a) => turf.distance([a.lon, a.lat], [p.lon, p.lat], { units: 'meters' }) <= 2000);
      const [ter, e] = sums(p, antennas, 2000);
      if (near.length === 0) {
        expect([ter, e]).toEqual([0, 0]);
        continue;
      }
      const ref = exposureAt(p, near);
      expect(rel(ter, ref.total_exposure_ratio)).toBeLessThan(1e-9);
      expect(rel(e, ref.e_total_vm)).toBeLessThan(1e-9);
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('adds to what is already summed and sums only the listed structures', () => {
    const a = { lon: 51, lat: 35.8, height_m: 30, azimuth_deg: 90, tilt_deg: 6, eirp_w: 1000, frequency_mhz: 1800 };
    const b = { ...a, lon: 51.002 };
    const s = sumSitesOf([a, b]);
    const point = { lon: 51.001, lat: 35.8005, height_m: 1.5, reflection_factor: 1 };
    const out = new Float64Array([1, 2]);
    addExposureSums(point.lon, point.lat, 1.5, 1, 2000, s, [1], 1, out);
    const onlyB = exposureAt(point, [b]);
    expect(out[0]! - 1).toBeCloseTo(onlyB.total_exposure_ratio, 15);
    expect(rel(totalFieldVm(out[1]! - 2), onlyB.e_total_vm)).toBeLessThan(1e-6);
  });
});
