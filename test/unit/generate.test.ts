/** The synthetic demo and benchmark data: deterministic, plausible, valid, inside Karaj. */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { AntennaInput, SiteInput, isShared } from '../../shared/model.js';
import { KARAJ_URBAN, generateDemo, generatePlaces, generateSites } from '../../data/generate/index.js';

const demo = generateDemo();
const { sites } = demo;
const share = (pred: (s: (typeof sites)[number]) => boolean) => sites.filter(pred).length / sites.length;
const operatorsOf = (s: (typeof sites)[number]) => s.antennas.map((a) => a.operator_id);

describe('generateDemo', () => {
  it('gives identical data for the same seed and different data for another', () => {
    expect(generateDemo()).toEqual(demo);
    const other = generateDemo({ seed: 7, sites: 50 });
    expect(other.sites).toHaveLength(50);
    expect(other.sites.map((s) => s.lon)).not.toEqual(sites.slice(0, 50).map((s) => s.lon));
  });

  it('has the three mobile operators with their MCC/MNC and a tower company, each its own colour', () => {
    const codes = demo.operators.map((o) => [o.id, o.kind, o.mcc, o.mnc]);
    expect(codes).toEqual([
      ['mci', 'mobile', 432, 11],
      ['irancell', 'mobile', 432, 35],
      ['rightel', 'mobile', 432, 20],
      ['towerco', 'tower', null, null],
    ]);
    expect(new Set(demo.operators.map((o) => o.color)).size).toBe(4);
  });
});

describe('Karaj sites', () => {
  it('has 2,500 sites with unique codes KRJ-000001 …', () => {
    expect(sites).toHaveLength(2500);
    expect(sites[0]?.code).toBe('KRJ-000001');
    expect(sites[2499]?.code).toBe('KRJ-002500');
    expect(new Set(sites.map((s) => s.code)).size).toBe(2500);
  });

  it('puts every site inside the synthetic urban outline', () => {
    const outside = sites.filter((s) => !turf.booleanPointInPolygon([s.lon, s.lat], KARAJ_URBAN));
    expect(outside).toEqual([]);
  });

  it('validates every site and antenna against the shared schemas, unchanged', () => {
    const bad: string[] = [];
    const antennaSchema = AntennaInput.strict();
    for (const { antennas, ...site } of sites) {
      const parsed = SiteInput.safeParse(site);
      if (!parsed.success || !isDeepStrictEqual(parsed.data, site) || antennas.length === 0) bad.push(site.code);
      for (const a of antennas) {
        const pa = antennaSchema.safeParse(a);
        if (!pa.success || !isDeepStrictEqual(pa.data, a)) bad.push(`${site.code} antenna`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('shares about a quarter of the sites and leaves about 5% unpermitted', () => {
    expect(share((s) => isShared(operatorsOf(s)))).toBeGreaterThanOrEqual(0.2);
    expect(share((s) => isShared(operatorsOf(s)))).toBeLessThanOrEqual(0.3);
    expect(share((s) => s.status === 'unpermitted')).toBeGreaterThanOrEqual(0.03);
    expect(share((s) => s.status === 'unpermitted')).toBeLessThanOrEqual(0.07);
    expect(sites.filter((s) => s.status === 'unpermitted').every((s) => s.permit_no === null)).toBe(true);
    expect(share((s) => s.status === 'active')).toBeGreaterThan(0.85);
    expect(share((s) => s.status === 'approved')).toBeGreaterThan(0.01);
    expect(share((s) => s.verified)).toBeGreaterThan(0.55);
    expect(share((s) => s.verified)).toBeLessThan(0.65);
  });

  it('writes unique permit numbers like KRJ/1403/01234 and dates between 2010 and 2025', () => {
    const permits = sites.flatMap((s) => (s.permit_no ? [s.permit_no] : []));
    expect(permits.every((p) => /^KRJ\/1[34]\d\d\/\d{5}$/.test(p))).toBe(true);
    expect(new Set(permits).size).toBe(permits.length);
    const installed = sites.flatMap((s) => (s.installed_on ? [s.installed_on] : []));
    expect(installed.every((d) => d >= '2010-01-01' && d <= '2025-12-31')).toBe(true);
    expect(sites.every((s) => s.source === 'synthetic')).toBe(true);
  });

  it('mixes structure types with plausible heights, rooftops the most common', () => {
    expect(share((s) => s.structure_type === 'rooftop')).toBeGreaterThan(0.5);
    expect(share((s) => s.structure_type === 'rooftop')).toBeLessThan(0.6);
    for (const s of sites) {
      const [min, max] = s.structure_type === 'small_cell' ? [8, 12] : [15, 50];
      expect(s.height_m).toBeGreaterThanOrEqual(min);
      expect(s.height_m).toBeLessThanOrEqual(max);
      for (const a of s.antennas) expect(a.height_m).toBeLessThan(s.height_m);
    }
    const smallCells = sites.filter((s) => s.structure_type === 'small_cell');
    expect(smallCells.flatMap((s) => s.antennas).every((a) => a.azimuth_deg === null && a.eirp_w <= 50)).toBe(true);
  });

  it('lets the tower company own structures that carry only mobile operators antennas', () => {
    const towerco = sites.filter((s) => s.owner_operator_id === 'towerco');
    expect(towerco.length).toBeGreaterThan(50);
    expect(towerco.every((s) => s.structure_type !== 'rooftop')).toBe(true);
    expect(sites.flatMap((s) => s.antennas).some((a) => a.operator_id === 'towerco')).toBe(false);
  });

  it('gives macro sectors 200–2500 W and NR 3500 massive MIMO 20–50 kW with power reduction 0.25', () => {
    const antennas = sites.flatMap((s) => (s.structure_type === 'small_cell' ? [] : s.antennas));
    const nr = antennas.filter((a) => a.technology === 'NR');
    expect(nr.length).toBeGreaterThan(0);
    expect(nr.every((a) => a.frequency_mhz === 3500 && a.eirp_w >= 20000 && a.eirp_w <= 50000 && a.power_reduction === 0.25)).toBe(true);
    const other = antennas.filter((a) => a.technology !== 'NR');
    expect(other.every((a) => a.eirp_w >= 200 && a.eirp_w <= 2500 && a.power_reduction === 1)).toBe(true);
    expect(antennas.every((a) => a.tilt_deg >= 2 && a.tilt_deg <= 10 && a.azimuth_deg !== null)).toBe(true);
    expect(new Set(antennas.map((a) => `${a.technology} ${a.frequency_mhz}`))).toEqual(
      new Set(['GSM 900', 'UMTS 2100', 'LTE 800', 'LTE 1800', 'LTE 2600', 'NR 3500']),
    );
  });

  it('places some sites within 6 km of the OIIP runway, so the aviation rule has cases', () => {
    // OIIP runway 12/30 thresholds (OurAirports, DOMAIN.md section 6).
    const runway = turf.lineString([[50.810902, 35.786098], [50.842899, 35.7658]]);
    const near = sites.filter((s) => turf.pointToLineDistance([s.lon, s.lat], runway, { units: 'meters' }) < 6000);
    expect(near.length).toBeGreaterThan(20);
  });

  it('starts codes at startId', () => {
    const [first] = generateSites({ seed: 1, count: 1, layout: 'karaj', startId: 42 });
    expect(first?.code).toBe('KRJ-000042');
  });
});

describe('districts and zones', () => {
  const urbanM2 = turf.area(KARAJ_URBAN);

  it('keeps the synthetic urban outline inside the OSM Karaj County polygon', () => {
    const counties = JSON.parse(readFileSync(new URL('../../data/boundaries/alborz-counties.geojson', import.meta.url), 'utf8')) as GeoJSON.FeatureCollection;
    const karaj = counties.features.find((f) => String(f.properties?.name_en).includes('Karaj'));
    expect(karaj).toBeDefined();
    expect(turf.booleanWithin(KARAJ_URBAN, karaj!)).toBe(true);
  });

  it('tiles the urban area with 12 named districts and no overlap', () => {
    const { districts } = demo;
    expect(districts.map((d) => d.name_en)).toEqual(Array.from({ length: 12 }, (_, i) => `District ${i + 1}`));
    expect(districts[0]?.name_fa).toBe('منطقه ۱');
    expect(districts[11]?.name_fa).toBe('منطقه ۱۲');
    expect(districts.every((d) => d.kind === 'district' && d.source === 'synthetic')).toBe(true);
    const sum = districts.reduce((a, d) => a + turf.area(d.geometry), 0);
    expect(Math.abs(sum - urbanM2) / urbanM2).toBeLessThan(0.01);
    const union = turf.union(turf.featureCollection(districts.map((d) => turf.feature(d.geometry))));
    expect(Math.abs(turf.area(union!) - urbanM2) / urbanM2).toBeLessThan(0.01);
  });

  it('has small synthetic rule zones inside the city, with ids apart from the districts', () => {
    const kinds = demo.zones.map((z) => z.kind).sort();
    expect(kinds).toEqual(['heritage', 'no_build', 'no_build', 'stealth_required', 'stealth_required']);
    const ids = [...demo.districts, ...demo.zones].map((z) => z.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const z of demo.zones) {
      expect(z.source).toBe('synthetic');
      expect(turf.area(z.geometry)).toBeLessThan(500_000);
      expect(turf.booleanWithin(turf.feature(z.geometry), KARAJ_URBAN)).toBe(true);
    }
  });
});

describe('sensitive places', () => {
  const places = demo.sensitivePlaces;
  const kindShare = (k: string) => places.filter((p) => p.kind === k).length / places.length;

  it('has about 300 places in plausible proportions, all inside the city', () => {
    expect(places).toHaveLength(300);
    expect(kindShare('school')).toBeGreaterThan(0.32);
    expect(kindShare('school')).toBeLessThan(0.48);
    expect(kindShare('kindergarten')).toBeGreaterThan(0.18);
    expect(kindShare('hospital')).toBeGreaterThan(0.03);
    expect(kindShare('elderly_care')).toBeGreaterThan(0.03);
    for (const p of places) {
      const pts = p.geometry.type === 'Point' ? [p.geometry.coordinates] : (p.geometry.coordinates[0] ?? []);
      expect(pts.every((c) => turf.booleanPointInPolygon(c, KARAJ_URBAN))).toBe(true);
    }
  });

  it('draws most schools and hospitals as 60–150 m footprints and labels every name synthetic', () => {
    const big = places.filter((p) => p.kind === 'school' || p.kind === 'hospital');
    const polys = big.filter((p) => p.geometry.type === 'Polygon');
    expect(polys.length / big.length).toBeGreaterThan(0.6);
    for (const p of polys) {
      const side = Math.sqrt(turf.area(p.geometry));
      expect(side).toBeGreaterThan(55);
      expect(side).toBeLessThan(155);
    }
    expect(places.every((p) => p.name_en.endsWith('(synthetic)') && p.name_fa.length > 0 && p.source === 'synthetic')).toBe(true);
    expect(new Set(places.map((p) => p.name_en)).size).toBe(places.length);
  });

  it('generates 10,000 country-wide places for the benchmark, deterministically', () => {
    const a = generatePlaces({ seed: 3, count: 10_000, layout: 'iran' });
    expect(a).toHaveLength(10_000);
    expect(generatePlaces({ seed: 3, count: 10_000, layout: 'iran' })).toEqual(a);
  });
});

describe('country-wide benchmark layout', () => {
  it('streams 1,000,000 sites without building an array', { timeout: 120_000 }, () => {
    const t0 = performance.now();
    let count = 0;
    let antennas = 0;
    let last = '';
    for (const site of generateSites({ seed: 20261126, count: 1_000_000, layout: 'iran' })) {
      count++;
      antennas += site.antennas.length;
      last = site.code;
    }
    console.log(`generateSites iran 1,000,000 sites, ${antennas} antennas: ${Math.round(performance.now() - t0)} ms`);
    expect(count).toBe(1_000_000);
    expect(last).toBe('IR-1000000');
  });

  it('spreads sites over Iran with city permit prefixes', () => {
    const some = [...generateSites({ seed: 5, count: 5000, layout: 'iran' })];
    expect(some.every((s) => s.lon > 43 && s.lon < 64 && s.lat > 24 && s.lat < 40)).toBe(true);
    const prefixes = new Set(some.flatMap((s) => (s.permit_no ? [s.permit_no.slice(0, 3)] : [])));
    expect(prefixes.size).toBeGreaterThan(30);
    expect(prefixes.has('THR')).toBe(true);
  });
});
