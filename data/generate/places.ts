/** Synthetic sensitive places (DOMAIN.md section 2): schools, kindergartens, hospitals, clinics and
 *  elderly care, placed where people live, with Persian and English names. Karaj's real ones are
 *  not open data here (data/README.md), so every name says it is synthetic. */
import type { SensitiveKind, SensitivePlace } from '../../shared/model.js';
import { sampleIranPoint } from './cities.js';
import { isInKarajUrban, persianDigits, sampleKarajPoint } from './karaj.js';
import { createRng, deriveSeed, type Rng } from './prng.js';
import { rectanglePolygon } from './shapes.js';

/** Number of sensitive places in the Karaj demo. */
export const DEMO_PLACE_COUNT = 300;

/** Options of generatePlaces. */
export interface GeneratePlacesOptions {
  seed: number;
  count: number;
  layout: 'karaj' | 'iran';
  /** Id of the first place (default 1). */
  startId?: number;
}

type Name = readonly [fa: string, en: string];

const KINDS: readonly SensitiveKind[] = ['school', 'kindergarten', 'hospital', 'clinic', 'elderly_care'];
const KIND_WEIGHTS: readonly number[] = [40, 25, 8, 20, 7];
/** Chance of a footprint polygon instead of a point, and its side lengths in metres. */
const FOOTPRINT: Record<SensitiveKind, { p: number; minM: number; maxM: number }> = {
  school: { p: 0.8, minM: 60, maxM: 150 },
  kindergarten: { p: 0.3, minM: 25, maxM: 50 },
  hospital: { p: 0.85, minM: 80, maxM: 150 },
  clinic: { p: 0.1, minM: 20, maxM: 40 },
  elderly_care: { p: 0.3, minM: 25, maxM: 50 },
};

const SCHOOL_TYPES: readonly Name[] = [
  ['دبستان', 'Primary School'],
  ['دبیرستان دوره اول', 'Lower Secondary School'],
  ['دبیرستان', 'High School'],
  ['هنرستان فنی', 'Technical School'],
];
const SCHOOL_TYPE_WEIGHTS: readonly number[] = [50, 25, 20, 5];
const NAMESAKES: readonly Name[] = [
  ['شهید مطهری', 'Shahid Motahari'], ['شهید بهشتی', 'Shahid Beheshti'], ['شهید رجایی', 'Shahid Rajaei'],
  ['شهید باهنر', 'Shahid Bahonar'], ['شهید چمران', 'Shahid Chamran'], ['شهید فهمیده', 'Shahid Fahmideh'],
  ['شهید همت', 'Shahid Hemmat'], ['شهید باکری', 'Shahid Bakeri'], ['فردوسی', 'Ferdowsi'], ['سعدی', 'Saadi'],
  ['حافظ', 'Hafez'], ['خیام', 'Khayyam'], ['ابن‌سینا', 'Ibn Sina'], ['رازی', 'Razi'],
  ['پروین اعتصامی', 'Parvin Etesami'], ['نیما', 'Nima'], ['فارابی', 'Farabi'], ['مولوی', 'Molavi'],
  ['عطار', 'Attar'], ['خواجه نصیر', 'Khajeh Nasir'], ['شهریار', 'Shahriar'], ['دهخدا', 'Dehkhoda'],
  ['امیرکبیر', 'Amir Kabir'], ['علامه طباطبایی', 'Allameh Tabatabai'],
];
const KINDERGARTEN_NAMES: readonly Name[] = [
  ['گل‌ها', 'Golha'], ['شکوفه', 'Shokufeh'], ['رنگین‌کمان', 'Rangin-Kaman'], ['ستاره', 'Setareh'],
  ['پروانه', 'Parvaneh'], ['غنچه', 'Ghoncheh'], ['بهار', 'Bahar'], ['نیلوفر', 'Niloufar'],
  ['قاصدک', 'Ghasedak'], ['آفتاب', 'Aftab'], ['باران', 'Baran'], ['کودکان شاد', 'Happy Children'],
];
const CARE_NAMES: readonly Name[] = [
  ['مهر', 'Mehr'], ['امید', 'Omid'], ['البرز', 'Alborz'], ['کوثر', 'Kowsar'], ['آرامش', 'Aramesh'],
  ['نیکان', 'Nikan'], ['سینا', 'Sina'], ['بهبود', 'Behbood'], ['شفا', 'Shafa'], ['امام رضا', 'Imam Reza'],
];
const CLINIC_TYPES: readonly Name[] = [
  ['درمانگاه شبانه‌روزی', '24-hour Clinic'],
  ['مرکز بهداشت', 'Health Centre'],
  ['کلینیک تخصصی', 'Specialist Clinic'],
];

/** A Persian and an English name for a place of this kind, before de-duplication. */
function drawName(rng: Rng, kind: SensitiveKind): Name {
  switch (kind) {
    case 'school': {
      const [typeFa, typeEn] = SCHOOL_TYPES[rng.weighted(SCHOOL_TYPE_WEIGHTS)] ?? SCHOOL_TYPES[0]!;
      const [fa, en] = rng.pick(NAMESAKES);
      return [`${typeFa} ${fa}`, `${en} ${typeEn}`];
    }
    case 'kindergarten': {
      const [fa, en] = rng.pick(KINDERGARTEN_NAMES);
      return [`مهدکودک ${fa}`, `${en} Kindergarten`];
    }
    case 'hospital': {
      const [fa, en] = rng.chance(0.5) ? rng.pick(CARE_NAMES) : rng.pick(NAMESAKES);
      return [`بیمارستان ${fa}`, `${en} Hospital`];
    }
    case 'clinic': {
      const [typeFa, typeEn] = rng.pick(CLINIC_TYPES);
      const [fa, en] = rng.chance(0.5) ? rng.pick(CARE_NAMES) : rng.pick(NAMESAKES);
      return [`${typeFa} ${fa}`, `${en} ${typeEn}`];
    }
    case 'elderly_care': {
      const [fa, en] = rng.pick(CARE_NAMES);
      return [`سرای سالمندان ${fa}`, `${en} Elderly Care Home`];
    }
  }
}

/** True when every vertex of the polygon lies inside the Karaj outline. */
function polygonInKaraj(polygon: GeoJSON.Polygon): boolean {
  return (polygon.coordinates[0] ?? []).every(([lon = NaN, lat = NaN]) => isInKarajUrban(lon, lat));
}

/** `count` synthetic sensitive places, deterministically from `seed`; names repeat only with a number. */
export function generatePlaces(opts: GeneratePlacesOptions): SensitivePlace[] {
  const rng = createRng(deriveSeed(opts.seed, opts.layout === 'karaj' ? 0x91ace : 0x91acf));
  const start = opts.startId ?? 1;
  const seen = new Map<string, number>();
  const places: SensitivePlace[] = [];
  while (places.length < opts.count) {
    const kind = KINDS[rng.weighted(KIND_WEIGHTS)] ?? 'school';
    const [lon, lat] = opts.layout === 'karaj' ? sampleKarajPoint(rng) : pointOf(sampleIranPoint(rng));
    const footprint = FOOTPRINT[kind];
    let geometry: GeoJSON.Point | GeoJSON.Polygon = { type: 'Point', coordinates: [lon, lat] };
    if (rng.chance(footprint.p)) {
      const w = Math.round(rng.uniform(footprint.minM, footprint.maxM));
      const h = Math.round(rng.uniform(footprint.minM, footprint.maxM));
      const polygon = rectanglePolygon(lon, lat, w, h, rng.int(0, 89));
      // A footprint sticking out of the outline falls back to its centre point.
      if (opts.layout === 'iran' || polygonInKaraj(polygon)) geometry = polygon;
    }
    const [fa, en] = drawName(rng, kind);
    const n = (seen.get(en) ?? 0) + 1;
    seen.set(en, n);
    places.push({
      id: start + places.length,
      kind,
      name_fa: n === 1 ? fa : `${fa} ${persianDigits(n)}`,
      name_en: n === 1 ? `${en} (synthetic)` : `${en} ${n} (synthetic)`,
      geometry,
      source: 'synthetic',
    });
  }
  return places;
}

function pointOf(p: { lon: number; lat: number }): [number, number] {
  return [p.lon, p.lat];
}
