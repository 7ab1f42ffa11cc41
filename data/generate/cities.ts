/** Iranian cities for the country-wide benchmark layout: centre, population and a permit prefix.
 *  Centres are approximate city-centre coordinates; populations are rounded 2016 census figures
 *  (Statistical Centre of Iran) in thousands. Only used to place synthetic points. */
import { cumulativeWeights, type Rng } from './prng.js';
import { M_PER_DEG_LAT, round6 } from './shapes.js';

/** A city used as a cluster of synthetic sites. */
export interface City {
  name_en: string;
  /** Three-letter prefix for synthetic permit numbers. */
  code: string;
  lon: number;
  lat: number;
  popK: number;
}

/** Iran's 43 cities used by the 'iran' layout. */
export const IRAN_CITIES: readonly City[] = [
  { name_en: 'Tehran', code: 'THR', lon: 51.389, lat: 35.6892, popK: 8694 },
  { name_en: 'Mashhad', code: 'MHD', lon: 59.6168, lat: 36.2605, popK: 3001 },
  { name_en: 'Isfahan', code: 'ISF', lon: 51.668, lat: 32.6546, popK: 1961 },
  { name_en: 'Karaj', code: 'KRJ', lon: 50.9915, lat: 35.8355, popK: 1592 },
  { name_en: 'Shiraz', code: 'SYZ', lon: 52.5837, lat: 29.5918, popK: 1565 },
  { name_en: 'Tabriz', code: 'TBZ', lon: 46.2919, lat: 38.08, popK: 1558 },
  { name_en: 'Qom', code: 'QOM', lon: 50.8759, lat: 34.6399, popK: 1201 },
  { name_en: 'Ahvaz', code: 'AWZ', lon: 48.6706, lat: 31.3183, popK: 1184 },
  { name_en: 'Kermanshah', code: 'KSH', lon: 47.065, lat: 34.3142, popK: 946 },
  { name_en: 'Urmia', code: 'OMH', lon: 45.0761, lat: 37.5527, popK: 736 },
  { name_en: 'Kerman', code: 'KER', lon: 57.0834, lat: 30.2839, popK: 738 },
  { name_en: 'Rasht', code: 'RAS', lon: 49.5832, lat: 37.2808, popK: 679 },
  { name_en: 'Zahedan', code: 'ZAH', lon: 60.8629, lat: 29.4963, popK: 587 },
  { name_en: 'Hamadan', code: 'HDM', lon: 48.5146, lat: 34.7989, popK: 554 },
  { name_en: 'Yazd', code: 'AZD', lon: 54.3569, lat: 31.8974, popK: 529 },
  { name_en: 'Ardabil', code: 'ADU', lon: 48.2933, lat: 38.2498, popK: 529 },
  { name_en: 'Bandar Abbas', code: 'BND', lon: 56.2666, lat: 27.1832, popK: 526 },
  { name_en: 'Arak', code: 'AJK', lon: 49.7013, lat: 34.0954, popK: 520 },
  { name_en: 'Eslamshahr', code: 'ESH', lon: 51.235, lat: 35.5522, popK: 448 },
  { name_en: 'Zanjan', code: 'JWN', lon: 48.4787, lat: 36.6736, popK: 430 },
  { name_en: 'Sanandaj', code: 'SDG', lon: 46.9862, lat: 35.3219, popK: 412 },
  { name_en: 'Qazvin', code: 'GZW', lon: 50.0041, lat: 36.2688, popK: 402 },
  { name_en: 'Khorramabad', code: 'KHD', lon: 48.3558, lat: 33.4878, popK: 374 },
  { name_en: 'Gorgan', code: 'GBT', lon: 54.4393, lat: 36.8456, popK: 350 },
  { name_en: 'Sari', code: 'SRY', lon: 53.0601, lat: 36.5633, popK: 310 },
  { name_en: 'Kashan', code: 'KKS', lon: 51.41, lat: 33.985, popK: 304 },
  { name_en: 'Dezful', code: 'DEF', lon: 48.4058, lat: 32.3811, popK: 264 },
  { name_en: 'Neyshabur', code: 'NYS', lon: 58.7958, lat: 36.2133, popK: 264 },
  { name_en: 'Babol', code: 'BBL', lon: 52.679, lat: 36.5513, popK: 250 },
  { name_en: 'Sabzevar', code: 'AFZ', lon: 57.6819, lat: 36.2126, popK: 243 },
  { name_en: 'Amol', code: 'AML', lon: 52.3507, lat: 36.4696, popK: 237 },
  { name_en: 'Najafabad', code: 'NJF', lon: 51.3667, lat: 32.6342, popK: 235 },
  { name_en: 'Bojnurd', code: 'BJB', lon: 57.329, lat: 37.4747, popK: 229 },
  { name_en: 'Bushehr', code: 'BUZ', lon: 50.8203, lat: 28.9234, popK: 223 },
  { name_en: 'Birjand', code: 'XBJ', lon: 59.2211, lat: 32.8663, popK: 203 },
  { name_en: 'Khoy', code: 'KHY', lon: 44.9521, lat: 38.5503, popK: 198 },
  { name_en: 'Ilam', code: 'IIL', lon: 46.4227, lat: 33.6374, popK: 195 },
  { name_en: 'Shahrekord', code: 'CQD', lon: 50.8644, lat: 32.3256, popK: 190 },
  { name_en: 'Semnan', code: 'SNX', lon: 53.3971, lat: 35.5729, popK: 185 },
  { name_en: 'Yasuj', code: 'YES', lon: 51.588, lat: 30.6682, popK: 134 },
  { name_en: 'Chabahar', code: 'ZBR', lon: 60.643, lat: 25.2919, popK: 106 },
  { name_en: 'Maragheh', code: 'ACP', lon: 46.2735, lat: 37.3917, popK: 175 },
  { name_en: 'Saveh', code: 'SAV', lon: 50.3566, lat: 35.0213, popK: 220 },
];

const WEIGHTS = cumulativeWeights(IRAN_CITIES.map((c) => c.popK));
// Spread grows with the square root of population (area ∝ people): Tehran ≈ 7 km, small towns 1.5 km.
const SIGMA_M = IRAN_CITIES.map((c) => Math.max(1500, 75 * Math.sqrt(c.popK)));

/** A city drawn with probability proportional to its population, and a point [lon, lat] around it. */
export function sampleIranPoint(rng: Rng): { city: City; lon: number; lat: number } {
  const i = rng.fromCumulative(WEIGHTS);
  const city = IRAN_CITIES[i] ?? IRAN_CITIES[0]!;
  const sigma = SIGMA_M[i] ?? 1500;
  const lat = city.lat + (rng.normal() * sigma) / M_PER_DEG_LAT;
  const lon = city.lon + (rng.normal() * sigma) / (M_PER_DEG_LAT * Math.cos((city.lat * Math.PI) / 180));
  return { city, lon: round6(lon), lat: round6(lat) };
}
