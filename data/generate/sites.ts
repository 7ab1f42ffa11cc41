/** Synthetic mast sites with their antennas, streamed one at a time so that a benchmark can draw a
 *  million without holding them. Proportions (structure types, sharing, status) are invented to
 *  look like a city registry (DOMAIN.md sections 1–2: about 5% of Tehran's masts unpermitted). */
import type { AntennaInput, SiteInput, SiteStatus, StructureType } from '../../shared/model.js';
import { generateAntennas } from './antennas.js';
import { sampleIranPoint } from './cities.js';
import { sampleKarajPoint } from './karaj.js';
import { MOBILE_OPERATOR_IDS } from './operators.js';
import { createRng, cumulativeWeights, deriveSeed, type Rng } from './prng.js';

/** A generated site: the site fields plus the antennas hanging on it. */
export type GeneratedSite = SiteInput & { antennas: AntennaInput[] };

/** Options of generateSites. */
export interface GenerateSitesOptions {
  seed: number;
  count: number;
  /** 'karaj': inside the synthetic urban outline; 'iran': around 43 cities, weighted by population. */
  layout: 'karaj' | 'iran';
  /** Number of the first site's code (default 1). */
  startId?: number;
}

const STRUCTURES: readonly StructureType[] = ['rooftop', 'monopole', 'lattice', 'guyed', 'stealth', 'small_cell'];
const STRUCTURE_WEIGHTS = cumulativeWeights([55, 14, 9, 3, 7, 12]);
/** Total height above ground in metres, [min, max], per structure type. */
const HEIGHT_RANGE_M: Record<StructureType, readonly [number, number]> = {
  rooftop: [15, 45],
  monopole: [20, 40],
  lattice: [25, 50],
  guyed: [30, 50],
  stealth: [15, 30],
  small_cell: [8, 12],
};
/** Rough market shares of MCI, Irancell, RighTel (invented weights, same order as MOBILE_OPERATOR_IDS). */
const MARKET_WEIGHTS: readonly number[] = [45, 42, 13];
/** Share of ground macro structures (not rooftops, not small cells) owned by the tower company. */
const TOWERCO_SHARE = 0.2;
/** Chance a site carries two or more operators: tower-company structures are built to be shared. */
const SHARED_IF_TOWERCO = 0.6;
const SHARED_OTHERWISE = 0.24;
const THREE_IF_SHARED = 0.2;
const UNPERMITTED = 0.05;
const APPROVED = 0.04;
const VERIFIED = 0.6;

const DAY_MS = 86_400_000;
const FIRST_INSTALL_DAY = Date.UTC(2010, 0, 1) / DAY_MS;
const LAST_INSTALL_DAY = Date.UTC(2025, 10, 20) / DAY_MS;
const FIRST_APPROVAL_DAY = Date.UTC(2024, 5, 1) / DAY_MS;

// ISO dates and Solar Hijri years per day, computed once: Date#toISOString would otherwise take
// half the generation time of a million sites.
const FIRST_TABLE_DAY = FIRST_INSTALL_DAY - 400;
const ISO_DAYS: string[] = [];
const JALALI_YEARS: number[] = [];
for (let day = FIRST_TABLE_DAY; day <= LAST_INSTALL_DAY; day++) {
  const d = new Date(day * DAY_MS);
  const m = d.getUTCMonth();
  // The Solar Hijri year turns at Nowruz, about 21 March (one day off in some years).
  const beforeNowruz = m < 2 || (m === 2 && d.getUTCDate() < 21);
  ISO_DAYS.push(d.toISOString().slice(0, 10));
  JALALI_YEARS.push(d.getUTCFullYear() - (beforeNowruz ? 622 : 621));
}

function isoDay(day: number): string {
  return ISO_DAYS[day - FIRST_TABLE_DAY] ?? new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function jalaliYear(day: number): number {
  return JALALI_YEARS[day - FIRST_TABLE_DAY] ?? 0;
}

/** Distinct mobile operators drawn by market share. */
function drawOperators(rng: Rng, n: number): string[] {
  const weights = [...MARKET_WEIGHTS];
  const ids: string[] = [];
  while (ids.length < n) {
    const i = rng.weighted(weights);
    const id = MOBILE_OPERATOR_IDS[i];
    if (!id) break;
    ids.push(id);
    weights[i] = 0;
  }
  return ids;
}

/** Yields `count` synthetic sites with antennas, deterministically from `seed`, one at a time. */
export function* generateSites(opts: GenerateSitesOptions): Generator<GeneratedSite, void, undefined> {
  const rng = createRng(deriveSeed(opts.seed, opts.layout === 'karaj' ? 0x5173 : 0x1245));
  const start = opts.startId ?? 1;
  const codePrefix = opts.layout === 'karaj' ? 'KRJ-' : 'IR-';
  const codeDigits = opts.layout === 'karaj' ? 6 : 7;
  // Permit serials count up per (city, year), so permit numbers never repeat within one run.
  const serials = new Map<string, number>();

  for (let n = 0; n < opts.count; n++) {
    let lon: number;
    let lat: number;
    let permitPrefix = 'KRJ';
    if (opts.layout === 'karaj') {
      [lon, lat] = sampleKarajPoint(rng);
    } else {
      const p = sampleIranPoint(rng);
      lon = p.lon;
      lat = p.lat;
      permitPrefix = p.city.code;
    }

    const structure = STRUCTURES[rng.fromCumulative(STRUCTURE_WEIGHTS)] ?? 'rooftop';
    const [hMin, hMax] = HEIGHT_RANGE_M[structure];
    const heightM = Math.round(rng.uniform(hMin, hMax) * 2) / 2;
    const groundMacro = structure !== 'rooftop' && structure !== 'small_cell';
    const towerco = groundMacro && rng.chance(TOWERCO_SHARE);
    let operatorCount = 1;
    if (structure !== 'small_cell' && rng.chance(towerco ? SHARED_IF_TOWERCO : SHARED_OTHERWISE)) {
      operatorCount = rng.chance(THREE_IF_SHARED) ? 3 : 2;
    }
    const operatorIds = drawOperators(rng, operatorCount);

    const s = rng.next();
    const status: SiteStatus = s < UNPERMITTED ? 'unpermitted' : s < UNPERMITTED + APPROVED ? 'approved' : 'active';
    let installedOn: string | null = null;
    let permitDate: string | null = null;
    let permitNo: string | null = null;
    if (status === 'unpermitted') {
      if (rng.chance(0.6)) installedOn = isoDay(rng.int(FIRST_INSTALL_DAY, LAST_INSTALL_DAY));
    } else {
      let permitDay: number;
      if (status === 'active') {
        const installDay = rng.int(FIRST_INSTALL_DAY, LAST_INSTALL_DAY);
        installedOn = isoDay(installDay);
        permitDay = installDay - rng.int(20, 300);
      } else {
        permitDay = rng.int(FIRST_APPROVAL_DAY, LAST_INSTALL_DAY);
      }
      permitDate = isoDay(permitDay);
      const key = `${permitPrefix}/${jalaliYear(permitDay)}`;
      const serial = (serials.get(key) ?? 0) + rng.int(1, 3);
      serials.set(key, serial);
      permitNo = `${key}/${String(serial).padStart(5, '0')}`;
    }

    yield {
      code: codePrefix + String(start + n).padStart(codeDigits, '0'),
      lon,
      lat,
      structure_type: structure,
      height_m: heightM,
      owner_operator_id: towerco ? 'towerco' : (operatorIds[0] ?? 'mci'),
      permit_no: permitNo,
      status,
      installed_on: installedOn,
      permit_date: permitDate,
      source: 'synthetic',
      verified: rng.chance(VERIFIED),
      ground_elevation_m: null,
      address: null,
      antennas: generateAntennas(rng, structure, heightM, operatorIds),
    };
  }
}
