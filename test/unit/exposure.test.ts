import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ExposureRequest,
  antennaContribution,
  complianceDistanceM,
  exposureAt,
  exposureRatioAt,
  icnirpLimitWm2,
  packAntennas,
  patternGainDb,
  type ExposureResult,
} from '../../shared/exposure.js';

interface VectorCase {
  name: string;
  point: unknown;
  antennas: unknown[];
  expected: ExposureResult;
}
const vectors = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/exposure-cases.json', import.meta.url)), 'utf8')) as {
  cases: VectorCase[];
};

/** |actual − expected| ≤ tol · |expected| (exact match required when expected is 0). */
function expectRel(actual: number, expected: number, tol: number, what: string) {
  const err = Math.abs(actual - expected);
  expect(err, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.abs(expected));
}

describe('exposure vectors (DOMAIN.md section 5, independent Python implementation)', () => {
  it('has cases to check', () => expect(vectors.cases.length).toBeGreaterThanOrEqual(6));

  for (const c of vectors.cases) {
    it(c.name, () => {
      const req = ExposureRequest.parse({ point: c.point, antennas: c.antennas });
      const got = exposureAt(req.point, req.antennas);
      expectRel(got.total_exposure_ratio, c.expected.total_exposure_ratio, 0.005, 'total_exposure_ratio');
      expectRel(got.e_total_vm, c.expected.e_total_vm, 0.005, 'e_total_vm');
      expect(got.contributions).toHaveLength(c.expected.contributions.length);
      c.expected.contributions.forEach((e, i) => {
        const g = got.contributions[i]!;
        expectRel(g.distance_m, e.distance_m, 0.003, `distance_m[${i}]`);
        expectRel(g.gain_db, e.gain_db, 0.005, `gain_db[${i}]`);
        expectRel(g.s_wm2, e.s_wm2, 0.005, `s_wm2[${i}]`);
        expectRel(g.s_limit_wm2, e.s_limit_wm2, 0.005, `s_limit_wm2[${i}]`);
        expectRel(g.ratio, e.ratio, 0.005, `ratio[${i}]`);
      });
      c.expected.compliance_distance_m.forEach((e, i) => expectRel(got.compliance_distance_m[i]!, e, 0.005, `compliance_distance_m[${i}]`));
    });
  }

  it('the packed hot path gives the same total exposure ratio as exposureAt for every case', () => {
    for (const c of vectors.cases) {
      const req = ExposureRequest.parse({ point: c.point, antennas: c.antennas });
      const ants = packAntennas(req.antennas);
      const ter = exposureRatioAt(req.point.lon, req.point.lat, req.point.height_m, ants, null, ants.count, req.point.reflection_factor);
      expectRel(ter, c.expected.total_exposure_ratio, 0.005, c.name);
      const subset = exposureRatioAt(req.point.lon, req.point.lat, req.point.height_m, ants, [0], 1);
      expectRel(subset, c.expected.contributions[0]!.ratio, 0.005, `${c.name} antenna 0 alone`);
    }
  });
});

describe('exposure model pieces', () => {
  it('ICNIRP 2020 limits: 2 W/m² to 400 MHz, f/200 to 2 GHz, 10 W/m² above', () => {
    expect(icnirpLimitWm2(100)).toBe(2);
    expect(icnirpLimitWm2(900)).toBe(4.5);
    expect(icnirpLimitWm2(1800)).toBe(9);
    expect(icnirpLimitWm2(2000)).toBe(10);
    expect(icnirpLimitWm2(3500)).toBe(10);
    expect(() => icnirpLimitWm2(10)).toThrow(RangeError);
  });

  it('3GPP pattern: −3 dB at 35° off axis, −25 dB floor, omni has no horizontal loss', () => {
    expect(patternGainDb(35, 0)).toBeCloseTo(-3, 10);
    expect(patternGainDb(0, 5)).toBeCloseTo(-3, 10);
    expect(patternGainDb(180, 0)).toBe(-25);
    expect(patternGainDb(180, 90)).toBe(-25);
    expect(patternGainDb(null, 0)).toBe(0);
  });

  it('compliance distances quoted in DOMAIN.md: 1000 W at 1800 MHz ≈ 2.97 m; 50 kW at 3.5 GHz ≈ 20 m, ≈ 10 m with F_PR 0.25', () => {
    const base = { lat: 35.8, lon: 50.9, height_m: 30, azimuth_deg: 0, tilt_deg: 0 };
    expect(complianceDistanceM({ ...base, eirp_w: 1000, frequency_mhz: 1800 })).toBeCloseTo(2.97, 2);
    expect(complianceDistanceM({ ...base, eirp_w: 50_000, frequency_mhz: 3500 })).toBeCloseTo(19.95, 1);
    expect(complianceDistanceM({ ...base, eirp_w: 50_000, frequency_mhz: 3500, power_reduction: 0.25 })).toBeCloseTo(9.97, 1);
    // r_c is where the main-beam density equals the limit: S(r_c) = P / (4π r_c²) = S_lim
    const rc = complianceDistanceM({ ...base, eirp_w: 1000, frequency_mhz: 1800 }, 2.56);
    expect((2.56 * 1000) / (4 * Math.PI * rc * rc)).toBeCloseTo(9, 10);
  });

  it('power reduction and reflection factor scale the density linearly', () => {
    const ant = { lat: 35.84, lon: 50.9391, height_m: 30, azimuth_deg: 0, tilt_deg: 10, eirp_w: 1000, frequency_mhz: 1800 };
    const point = { lat: 35.8418, lon: 50.9391, height_m: 1.5, reflection_factor: 1 };
    const s = antennaContribution(ant, point).s_wm2;
    expect(antennaContribution({ ...ant, power_reduction: 0.25 }, point).s_wm2).toBeCloseTo(s * 0.25, 15);
    expect(antennaContribution(ant, { ...point, reflection_factor: 2.56 }).s_wm2).toBeCloseTo(s * 2.56, 15);
  });

  it('a point at the antenna is held at r = 1 m, not a division by zero', () => {
    const ant = { lat: 35.84, lon: 50.9391, height_m: 1.5, azimuth_deg: null, tilt_deg: 0, eirp_w: 100, frequency_mhz: 900 };
    const c = antennaContribution(ant, { lat: 35.84, lon: 50.9391, height_m: 1.5, reflection_factor: 1 });
    expect(c.s_wm2).toBeCloseTo(100 / (4 * Math.PI), 12);
  });
});

describe('ExposureRequest schema', () => {
  const antenna = { lat: 35.84, lon: 50.94, height_m: 30, azimuth_deg: null, tilt_deg: 4, eirp_w: 1000, frequency_mhz: 1800 };
  it('fills the defaults of DOMAIN.md section 5', () => {
    const r = ExposureRequest.parse({ point: { lat: 35.84, lon: 50.94 }, antennas: [antenna] });
    expect(r.point.height_m).toBe(1.5);
    expect(r.point.reflection_factor).toBe(1);
    expect(r.antennas[0]!.power_reduction).toBe(1);
  });
  it.each([
    ['latitude out of range', { point: { lat: 95, lon: 50 }, antennas: [antenna] }],
    ['non-finite EIRP', { point: { lat: 35, lon: 50 }, antennas: [{ ...antenna, eirp_w: Infinity }] }],
    ['no antennas', { point: { lat: 35, lon: 50 }, antennas: [] }],
    ['5001 antennas', { point: { lat: 35, lon: 50 }, antennas: Array.from({ length: 5001 }, () => antenna) }],
    ['frequency below 30 MHz', { point: { lat: 35, lon: 50 }, antennas: [{ ...antenna, frequency_mhz: 10 }] }],
    ['missing azimuth', { point: { lat: 35, lon: 50 }, antennas: [{ ...antenna, azimuth_deg: undefined }] }],
    ['unknown field', { point: { lat: 35, lon: 50, extra: 1 }, antennas: [antenna] }],
  ])('rejects %s', (_, body) => {
    expect(ExposureRequest.safeParse(body).success).toBe(false);
  });
  it('accepts 5000 antennas', () => {
    expect(ExposureRequest.safeParse({ point: { lat: 35, lon: 50 }, antennas: Array.from({ length: 5000 }, () => antenna) }).success).toBe(true);
  });
});
