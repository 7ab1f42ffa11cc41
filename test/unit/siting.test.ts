import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { parseAerodromes } from '../../shared/aviation.js';
import { Policy } from '../../shared/policy.js';
import {
  SitingCheckRequest,
  checkSiting,
  exposureReachM,
  sitingSearchRadiusM,
  type RuleResult,
  type SitingContext,
  type SitingInput,
  type SitingPlace,
  type SitingZone,
} from '../../shared/siting.js';
import type { ExposureAntennaInput } from '../../shared/exposure.js';

const WGS84 = geodesic.Geodesic.WGS84;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const policy = Policy.parse(JSON.parse(readFileSync(here('../../data/policy/karaj.json'), 'utf8')));
const aerodromes = parseAerodromes(
  readFileSync(here('../../data/aviation/airports_tehran_alborz_excerpt.csv'), 'utf8'),
  readFileSync(here('../../data/aviation/runways_tehran_alborz_excerpt.csv'), 'utf8'),
);

interface ExpectedRule {
  status: RuleResult['status'];
  measured?: number | null;
  tolerance?: number;
  limit?: number | null;
  unit?: string;
  related?: (number | string)[];
  surface?: string;
}
type Props = Record<string, unknown> & {
  role: 'proposal' | 'site' | 'sensitive_place' | 'zone' | 'antenna';
  expected?: { verdict?: RuleResult['status']; rules: Record<string, ExpectedRule> };
};
type Fixture = GeoJSON.FeatureCollection<GeoJSON.Point | GeoJSON.Polygon, Props>;

/** A fixture as checkSiting's input and context; a `construct`ed proposal is placed by GeographicLib Direct. */
function load(name: string) {
  const fc = JSON.parse(readFileSync(here(`../fixtures/siting/${name}`), 'utf8')) as Fixture;
  const of = (role: Props['role']) => fc.features.filter((f) => f.properties.role === role);
  const proposal = of('proposal')[0]!;
  const props = proposal.properties as Props & { request: Omit<SitingInput, 'lon' | 'lat'>; construct?: { from: [number, number]; azimuth_deg: number; distance_m: number } };
  let [lon, lat] = (proposal.geometry as GeoJSON.Point).coordinates as [number, number];
  if (props.construct) {
    const { from, azimuth_deg, distance_m } = props.construct;
    const r = WGS84.Direct(from[1], from[0], azimuth_deg, distance_m);
    expect(Math.abs(r.lon2! - lon) + Math.abs(r.lat2! - lat)).toBeLessThan(1e-8);
    [lon, lat] = [r.lon2!, r.lat2!];
  }
  const point = (f: GeoJSON.Feature) => (f.geometry as GeoJSON.Point).coordinates as [number, number];
  const ctx: SitingContext = {
    policy,
    policyVersion: 'fixture',
    sites: of('site').map((f) => {
      const p = f.properties as unknown as SitingContext['sites'][number];
      return { id: p.id, code: p.code, structure_type: p.structure_type, height_m: p.height_m, operators: p.operators, status: p.status, lon: point(f)[0], lat: point(f)[1] };
    }),
    sensitivePlaces: of('sensitive_place').map((f) => ({ ...(f.properties as unknown as SitingPlace), geometry: f.geometry })),
    zones: of('zone').map((f) => ({ ...(f.properties as unknown as SitingZone), geometry: f.geometry as GeoJSON.Polygon })),
    antennas: of('antenna').map((f) => ({ ...(f.properties as unknown as ExposureAntennaInput), lon: point(f)[0], lat: point(f)[1] })),
    aerodromes,
  };
  const input: SitingInput = { ...props.request, lon, lat };
  return { input, ctx, props, fc };
}

const files = readdirSync(here('../fixtures/siting/')).filter((f) => f.endsWith('.geojson')).sort();

describe('siting rule fixtures (test/fixtures/siting)', () => {
  it('covers every rule', () => {
    const rules = new Set(files.flatMap((f) => Object.keys(load(f).props.expected!.rules)));
    expect([...rules].sort()).toEqual(['aviation', 'density', 'exposure_sensitive', 'fall_zone', 'sensitive_buffer', 'share_first', 'zone']);
  });

  for (const file of files) {
    it(file.replace('.geojson', ''), () => {
      const { input, ctx, props } = load(file);
      expect(SitingCheckRequest.safeParse(input).success).toBe(true);
      const result = checkSiting(input, ctx);
      const expected = props.expected!;
      if (expected.verdict) expect(result.verdict).toBe(expected.verdict);
      for (const [name, want] of Object.entries(expected.rules)) {
        const got = result.rules.find((r) => r.rule === name)!;
        expect(got, name).toBeDefined();
        expect(got.status, `${name} status: ${got.message.en}`).toBe(want.status);
        const tol = want.tolerance ?? 1e-6;
        if (want.measured === null) expect(got.measured).toBeNull();
        else if (want.measured !== undefined) expect(Math.abs(got.measured! - want.measured), `${name} measured ${got.measured}`).toBeLessThanOrEqual(tol);
        if (want.limit === null) expect(got.limit).toBeNull();
        else if (want.limit !== undefined) expect(Math.abs(got.limit! - want.limit), `${name} limit ${got.limit}`).toBeLessThanOrEqual(tol);
        if (want.unit) expect(got.unit).toBe(want.unit);
        if (want.related) expect(got.related.map((r) => r.id)).toEqual(want.related);
        if (want.surface) expect(got.related[0]?.surface).toBe(want.surface);
        expect(got.message.fa.length).toBeGreaterThan(10);
        expect(got.message.en.length).toBeGreaterThan(10);
      }
      expect(result.verdict).toBe(['fail', 'warn', 'pass'].find((s) => result.rules.some((r) => r.status === s)) ?? 'pass');
    });
  }
});

describe('fixtures checked against independent computations', () => {
  it('99.9 m north of the school: the ellipsoid fails it, turf’s sphere would have passed it', () => {
    const { input, ctx } = load('sensitive-buffer-99.9m-north.geojson');
    expect(turf.distance([input.lon, input.lat], [50.9705, 35.8308], { units: 'meters' })).toBeGreaterThan(100);
    expect(checkSiting(input, ctx).rules.find((r) => r.rule === 'sensitive_buffer')!.status).toBe('fail');
  });

  it('the buffer message names the school and the distance in Persian digits', () => {
    const { input, ctx } = load('sensitive-buffer-99m.geojson');
    const r = checkSiting(input, ctx).rules.find((x) => x.rule === 'sensitive_buffer')!;
    expect(r.message.fa).toContain('مدرسه «دبستان آزمایشی الف»');
    expect(r.message.fa).toContain('۹۹ متر');
    expect(r.message.fa).toContain('۱۰۰ متر');
    expect(r.message.en).toContain('99 m');
  });

  it('share_first lists the nearest structure with its operators, at its geodesic distance', () => {
    const { input, ctx } = load('share-first.geojson');
    const r = checkSiting(input, ctx).rules.find((x) => x.rule === 'share_first')!;
    const s = ctx.sites.find((x) => x.id === 101)!;
    expect(r.measured).toBeCloseTo(WGS84.Inverse(input.lat, input.lon, s.lat, s.lon).s12!, 6);
    expect(r.related[0]).toMatchObject({ type: 'site', id: 101, code: 'KRJ-0101', operators: ['mtn'] });
    expect(r.message.fa).toContain('KRJ-0101');
    expect(r.message.fa).toContain('۱۵۰ متری');
  });

  it('share_first counts and lists exactly the structures within the radius on the ellipsoid, nearest first', () => {
    const { input, ctx } = load('share-first.geojson');
    // 60 structures from 100 m to 420 m in every direction, a dozen within a metre of the 400 m radius.
    const sites = Array.from({ length: 60 }, (_, i) => {
      const d = i < 12 ? 399.4 + i * 0.1 : 100 + ((i * 37) % 320);
      const at = WGS84.Direct(input.lat, input.lon, (i * 97) % 360, d);
      return { id: 1000 + i, code: `S-${i}`, lon: at.lon2!, lat: at.lat2!, structure_type: 'monopole' as const, height_m: 30, operators: ['mtn'], status: 'active' as const };
    });
    const r = checkSiting(input, { ...ctx, sites }).rules.find((x) => x.rule === 'share_first')!;
    const reference = sites
      .map((s) => ({ id: s.id, d: WGS84.Inverse(input.lat, input.lon, s.lat, s.lon).s12! }))
      .filter((x) => x.d <= 400)
      .sort((a, b) => a.d - b.d);
    expect(r.message.en).toContain(`${reference.length} existing structures within 400 m`);
    expect(r.related.map((x) => x.id)).toEqual(reference.slice(0, 20).map((x) => x.id));
    r.related.forEach((x, i) => expect(x.distance_m).toBeCloseTo(reference[i]!.d, 4));
  });

  it('density counts the active structures inside the cell, plus the new one', () => {
    for (const name of ['density-warn.geojson', 'density-at-limit.geojson']) {
      const { input, ctx, props } = load(name);
      const [w, s, e, n] = props.cell_bbox as number[];
      const inside = ctx.sites.filter((x) => x.status !== 'decommissioned' && x.lon >= w! && x.lon < e! && x.lat >= s! && x.lat < n!);
      const r = checkSiting(input, ctx).rules.find((x) => x.rule === 'density')!;
      expect(r.measured).toBe(inside.length + 1);
      expect(checkSiting(input, { ...ctx, densityCount: 3 }).rules.find((x) => x.rule === 'density')!.measured).toBe(4);
    }
  });

  /** DOMAIN.md section 5 written out again with turf, for the exposure fixtures. */
  function independentExposure(at: [number, number], ants: ExposureAntennaInput[]) {
    let ter = 0;
    let s2 = 0;
    for (const a of ants) {
      const dh = turf.distance([a.lon, a.lat], at, { units: 'meters' });
      const phi = a.azimuth_deg === null ? 0 : ((((turf.bearing([a.lon, a.lat], at) - a.azimuth_deg) % 360) + 540) % 360) - 180;
      const theta = (Math.atan2(a.height_m - 1.5, dh) * 180) / Math.PI - a.tilt_deg;
      const aH = a.azimuth_deg === null ? 0 : -Math.min(12 * (phi / 70) ** 2, 25);
      const aV = -Math.min(12 * (theta / 10) ** 2, 20);
      const gain = -Math.min(-(aH + aV), 25);
      const r = Math.max(Math.hypot(dh, a.height_m - 1.5), 1);
      const s = ((a.power_reduction ?? 1) * a.eirp_w * 10 ** (gain / 10)) / (4 * Math.PI * r * r);
      const f = a.frequency_mhz;
      ter += s / (f < 400 ? 2 : f < 2000 ? f / 200 : 10);
      s2 += s;
    }
    return { ter, e: Math.sqrt(376.73 * s2) };
  }

  it.each([
    ['exposure-sensitive-fail.geojson', 'ter'],
    ['exposure-sensitive-advisory.geojson', 'e'],
  ] as const)('%s: the measured value equals the model at the school’s nearest boundary point', (name, which) => {
    const { input, ctx, props } = load(name);
    const proposed = (input.antennas ?? []).map((a) => ({ ...a, lon: input.lon, lat: input.lat }) as ExposureAntennaInput);
    const want = independentExposure(props.nearest_boundary_point as [number, number], [...ctx.antennas, ...proposed]);
    const r = checkSiting(input, ctx).rules.find((x) => x.rule === 'exposure_sensitive')!;
    expect(Math.abs(r.measured! / want[which] - 1)).toBeLessThan(0.005);
    if (which === 'ter') expect(want.ter).toBeGreaterThan(1);
    else expect(want.ter).toBeLessThan(1);
    expect(r.related[0]).toMatchObject({ type: 'sensitive_place', id: 1 });
    expect(r.message.en).toContain('prediction');
  });

  it('the existing antenna counts: without it the exposure ratio is lower', () => {
    const { input, ctx } = load('exposure-sensitive-fail.geojson');
    const withIt = checkSiting(input, ctx).rules.find((x) => x.rule === 'exposure_sensitive')!.measured!;
    const without = checkSiting(input, { ...ctx, antennas: [] }).rules.find((x) => x.rule === 'exposure_sensitive')!.measured!;
    expect(withIt).toBeGreaterThan(without);
  });

  it('the aviation message says when the ground elevation was assumed', () => {
    const { input, ctx } = load('aviation-inner-horizontal-50m.geojson');
    const r = checkSiting(input, ctx).rules.find((x) => x.rule === 'aviation')!;
    expect(r.message.en).toContain('aerodrome elevation');
    expect(r.message.fa).toContain('فرض شد');
    const known = checkSiting({ ...input, ground_elevation_m: 1200 }, ctx).rules.find((x) => x.rule === 'aviation')!;
    expect(known.status).toBe('pass');
    expect(known.measured).toBe(1250);
    expect(known.message.en).not.toContain('assumed');
  });
});

describe('checkSiting', () => {
  const { input, ctx } = load('share-first.geojson');

  it('returns every enabled rule in order with the policy version, and the worst status as verdict', () => {
    const r = checkSiting(input, ctx);
    expect(r.policy_version).toBe('fixture');
    expect(r.rules.map((x) => x.rule)).toEqual(['share_first', 'sensitive_buffer', 'fall_zone', 'density', 'exposure_sensitive', 'aviation', 'zone']);
    expect(r.verdict).toBe('warn');
  });

  it('leaves out disabled rules', () => {
    const off = structuredClone(policy);
    off.rules.share_first.enabled = false;
    const r = checkSiting(input, { ...ctx, policy: off });
    expect(r.rules.map((x) => x.rule)).not.toContain('share_first');
    expect(r.verdict).toBe('pass');
  });

  it('a change request does not compete with its own structure', () => {
    const r = checkSiting({ ...input, site_id: 101 }, ctx).rules.find((x) => x.rule === 'share_first')!;
    expect(r.related.map((x) => x.id)).toEqual([102, 106]);
  });

  it('without an operator every standing structure counts', () => {
    const r = checkSiting({ ...input, operator_id: undefined }, ctx).rules.find((x) => x.rule === 'share_first')!;
    expect(r.related.map((x) => x.id)).toEqual([104, 101, 102, 106]);
  });

  it('validates requests', () => {
    expect(SitingCheckRequest.safeParse({ lon: 51, lat: 35.8, height_m: 30, structure_type: 'monopole' }).success).toBe(true);
    expect(SitingCheckRequest.safeParse({ lon: 51, lat: 35.8, height_m: 0, structure_type: 'monopole' }).success).toBe(false);
    expect(SitingCheckRequest.safeParse({ lon: 51, lat: 35.8, height_m: 30, structure_type: 'tower' }).success).toBe(false);
    expect(SitingCheckRequest.safeParse({ lon: 200, lat: 35.8, height_m: 30, structure_type: 'monopole' }).success).toBe(false);
    const ant = { frequency_mhz: 1800, eirp_w: 1000, azimuth_deg: 0, tilt_deg: 4, height_m: 20 };
    const parsed = SitingCheckRequest.parse({ lon: 51, lat: 35.8, height_m: 30, structure_type: 'monopole', antennas: [ant] });
    expect(parsed.antennas![0]!.power_reduction).toBe(1);
    expect(SitingCheckRequest.safeParse({ lon: 51, lat: 35.8, height_m: 30, structure_type: 'monopole', antennas: [{ ...ant, eirp_w: NaN }] }).success).toBe(false);
  });
});

describe('search radii', () => {
  it('covers the farthest rule: the density cell’s diagonal (1 km cells), else the exposure place radius', () => {
    const r = sitingSearchRadiusM(policy, { lat: 35.83, height_m: 30 });
    // A 1 km² cell at Karaj: ≈ 0.94 km × 1.07 km on the ground, diagonal ≈ 1.42 km.
    expect(r).toBeGreaterThan(1400);
    expect(r).toBeLessThan(1450);
    const noDensity = structuredClone(policy);
    noDensity.rules.density.enabled = false;
    expect(sitingSearchRadiusM(noDensity, { lat: 35.83, height_m: 30 })).toBe(500);
    expect(sitingSearchRadiusM(noDensity, { lat: 35.83, height_m: 600 })).toBe(600);
    noDensity.rules.exposure_sensitive.enabled = false;
    expect(sitingSearchRadiusM(noDensity, { lat: 35.83, height_m: 30 })).toBe(400);
  });

  it('antennas are gathered for the places checked plus the cutoff around each, up to the farthest vertex of an area', () => {
    const [lon, lat] = [51, 35.8];
    const at = (azimuth: number, m: number): [number, number] => {
      const r = WGS84.Direct(lat, lon, azimuth, m);
      return [r.lon2!, r.lat2!];
    };
    const school = { id: 1, kind: 'school' as const, name_fa: 'م', name_en: 's', geometry: { type: 'Point' as const, coordinates: at(10, 400) } };
    // A hospital whose nearest corner is 450 m away and whose far corner 700 m: its centroid is checked too.
    const ring = [at(90, 450), at(80, 700), at(100, 700), at(90, 450)];
    const hospital = { id: 2, kind: 'hospital' as const, name_fa: 'ب', name_en: 'h', geometry: { type: 'Polygon' as const, coordinates: [ring] } };
    expect(exposureReachM(policy, [school], lon, lat)).toBeCloseTo(turf.distance([lon, lat], at(10, 400), { units: 'meters' }) + 2000, 3);
    expect(exposureReachM(policy, [school, hospital], lon, lat)).toBeCloseTo(turf.distance([lon, lat], at(80, 700), { units: 'meters' }) + 2000, 3);
    expect(exposureReachM(policy, [], lon, lat)).toBe(0);
    const off = structuredClone(policy);
    off.rules.exposure_sensitive.enabled = false;
    expect(exposureReachM(off, [school], lon, lat)).toBe(0);
  });
});
