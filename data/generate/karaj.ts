/** The synthetic urban area of Karaj: a hand-drawn outline, a sampler of points inside it dense
 *  where people (and so masts) cluster, and synthetic districts and rule zones laid over it. Not
 *  the real city limit, which is not open data (data/README.md): the outline stays inside the OSM
 *  Karaj County polygon, clear of Fardis and Chaharbagh counties, and its south-western lobe
 *  (Mohammadshahr-like) lies 3–6 km from the OIIP runway so the aviation rule has cases. */
import { centroid, distance, featureCollection, intersect, point, voronoi } from '@turf/turf';
import type { Zone } from '../../shared/model.js';
import { createRng, cumulativeWeights, deriveSeed, type Rng } from './prng.js';
import { M_PER_DEG_LAT, circlePolygon, flattenRing, pointInRing, rectanglePolygon, round6 } from './shapes.js';

/** Karaj city centre, approximate, [lon, lat]. */
export const KARAJ_CENTRE: readonly [number, number] = [50.9915, 35.8355];

/** Outline vertices, counter-clockwise, closed (RFC 7946 right-hand rule). */
const OUTLINE: number[][] = [
  [50.88, 35.756],
  [50.912, 35.754],
  [50.922, 35.768],
  [50.938, 35.782],
  [50.958, 35.795],
  [50.985, 35.798],
  [51.005, 35.787],
  [51.03, 35.775],
  [51.058, 35.776],
  [51.078, 35.79],
  [51.084, 35.812],
  [51.08, 35.836],
  [51.07, 35.856],
  [51.05, 35.872],
  [51.022, 35.88],
  [50.99, 35.882],
  [50.958, 35.878],
  [50.93, 35.87],
  [50.906, 35.858],
  [50.898, 35.842],
  [50.896, 35.826],
  [50.886, 35.81],
  [50.878, 35.792],
  [50.872, 35.774],
  [50.88, 35.756],
];

/** The synthetic Karaj urban area as a GeoJSON Feature. */
export const KARAJ_URBAN: GeoJSON.Feature<GeoJSON.Polygon, { name_fa: string; name_en: string; source: 'synthetic' }> = {
  type: 'Feature',
  properties: {
    name_fa: 'محدوده شهری کرج (ساختگی)',
    name_en: 'Karaj urban area (synthetic outline)',
    source: 'synthetic',
  },
  geometry: { type: 'Polygon', coordinates: [OUTLINE] },
};

const FLAT = flattenRing(OUTLINE);
const BBOX = OUTLINE.reduce(
  (b, [lon = 0, lat = 0]) => [Math.min(b[0]!, lon), Math.min(b[1]!, lat), Math.max(b[2]!, lon), Math.max(b[3]!, lat)],
  [Infinity, Infinity, -Infinity, -Infinity],
) as [number, number, number, number];

/** [west, south, east, north] of the synthetic urban outline. */
export const KARAJ_BBOX: readonly [number, number, number, number] = BBOX;

/** True when [lon, lat] lies inside the synthetic urban outline (fast, no allocation). */
export function isInKarajUrban(lon: number, lat: number): boolean {
  if (lon < BBOX[0] || lat < BBOX[1] || lon > BBOX[2] || lat > BBOX[3]) return false;
  return pointInRing(lon, lat, FLAT);
}

/** A population centre: Gaussian of sigmaM metres around [lon, lat], drawn with relative weight. */
interface Cluster {
  lon: number;
  lat: number;
  sigmaM: number;
  weight: number;
}

// Invented weights: dense old centre, four sub-centres in the spirit of Gohardasht, Mehrshahr,
// Azimiyeh and Golshahr, a small south-western one near the airport; 6% spread evenly.
const CLUSTERS: readonly Cluster[] = [
  { lon: KARAJ_CENTRE[0], lat: KARAJ_CENTRE[1], sigmaM: 2400, weight: 0.42 },
  { lon: 50.952, lat: 35.848, sigmaM: 1500, weight: 0.14 },
  { lon: 50.925, lat: 35.815, sigmaM: 1500, weight: 0.12 },
  { lon: 51.01, lat: 35.862, sigmaM: 1300, weight: 0.1 },
  { lon: 51.045, lat: 35.815, sigmaM: 1500, weight: 0.09 },
  { lon: 50.895, lat: 35.768, sigmaM: 1000, weight: 0.07 },
];
const UNIFORM_WEIGHT = 0.06;
const CLUSTER_WEIGHTS = cumulativeWeights([...CLUSTERS.map((c) => c.weight), UNIFORM_WEIGHT]);

/** A point [lon, lat] inside the urban outline, dense in the centre and thin at the edges; rounded
 *  to 6 decimals, and the rounded point is the one tested for containment. */
export function sampleKarajPoint(rng: Rng): [number, number] {
  for (;;) {
    const k = rng.fromCumulative(CLUSTER_WEIGHTS);
    const c = CLUSTERS[k];
    let lon: number;
    let lat: number;
    if (c) {
      lat = c.lat + (rng.normal() * c.sigmaM) / M_PER_DEG_LAT;
      lon = c.lon + (rng.normal() * c.sigmaM) / (M_PER_DEG_LAT * Math.cos((c.lat * Math.PI) / 180));
    } else {
      lon = rng.uniform(BBOX[0], BBOX[2]);
      lat = rng.uniform(BBOX[1], BBOX[3]);
    }
    lon = round6(lon);
    lat = round6(lat);
    if (isInKarajUrban(lon, lat)) return [lon, lat];
  }
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** An integer written with Persian digits. */
export function persianDigits(n: number): string {
  return String(n).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)] ?? d);
}

/** Twelve synthetic planning districts tiling the urban outline: a Voronoi diagram of seeded points,
 *  evened out by three Lloyd steps and clipped to the outline; District 1 is the most central.
 *  Ids 1–12. Real districts can replace them by a GeoJSON import. */
export function generateDistricts(seed: number): Zone[] {
  const rng = createRng(deriveSeed(seed, 0xd157));
  const bbox: [number, number, number, number] = [BBOX[0] - 0.01, BBOX[1] - 0.01, BBOX[2] + 0.01, BBOX[3] + 0.01];
  let seeds: [number, number][] = [];
  while (seeds.length < 12) seeds.push(sampleKarajPoint(rng));
  let cells: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>[] = [];
  for (let step = 0; step <= 3; step++) {
    const diagram = voronoi(featureCollection(seeds.map((p) => point(p))), { bbox });
    cells = diagram.features.map((cell, i) => {
      const clipped = intersect(featureCollection([cell, KARAJ_URBAN]));
      if (!clipped) throw new Error(`district seed ${i} has an empty cell`);
      return clipped;
    });
    if (step < 3) seeds = cells.map((c) => centroid(c).geometry.coordinates as [number, number]);
  }
  const ranked = cells
    .map((cell) => ({ cell, d: distance(centroid(cell), point([...KARAJ_CENTRE])) }))
    .sort((a, b) => a.d - b.d);
  return ranked.map(({ cell }, i) => ({
    id: i + 1,
    kind: 'district',
    name_fa: `منطقه ${persianDigits(i + 1)}`,
    name_en: `District ${i + 1}`,
    geometry: cell.geometry,
    source: 'synthetic',
  }));
}

/** Five small hand-placed synthetic rule zones inside the outline (ids 13–17): a heritage precinct,
 *  a no-build circle around its monument, a no-build park, and two stealth-required areas. */
export function generateZones(): Zone[] {
  const [hLon, hLat] = [50.9875, 35.83];
  const zones: Omit<Zone, 'id'>[] = [
    {
      kind: 'heritage',
      name_fa: 'بافت تاریخی کاروانسرا (ساختگی)',
      name_en: 'Caravanserai historic precinct (synthetic)',
      geometry: rectanglePolygon(hLon, hLat, 420, 300, 15),
      source: 'synthetic',
    },
    {
      kind: 'no_build',
      name_fa: 'حریم بنای تاریخی کاروانسرا (ساختگی)',
      name_en: 'Caravanserai monument buffer (synthetic)',
      geometry: circlePolygon(hLon, hLat, 150),
      source: 'synthetic',
    },
    {
      kind: 'no_build',
      name_fa: 'پارک شهر (ساختگی)',
      name_en: 'City park (synthetic)',
      geometry: rectanglePolygon(50.965, 35.842, 700, 350, -20),
      source: 'synthetic',
    },
    {
      kind: 'stealth_required',
      name_fa: 'محور بلوار مرکزی (ساختگی)',
      name_en: 'Central boulevard corridor (synthetic)',
      geometry: rectanglePolygon(51.002, 35.85, 900, 150, 70),
      source: 'synthetic',
    },
    {
      kind: 'stealth_required',
      name_fa: 'شهرک مسکونی نمونه (ساختگی)',
      name_en: 'Model residential quarter (synthetic)',
      geometry: rectanglePolygon(50.93, 35.82, 500, 450, 0),
      source: 'synthetic',
    },
  ];
  return zones.map((z, i) => ({ id: 13 + i, ...z }));
}
