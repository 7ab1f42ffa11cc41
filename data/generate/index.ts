/** The demo data set of the registry: operators, synthetic Karaj districts, zones, sensitive places
 *  and sites, all from one seed. Only the operators' names and codes are real (data/README.md). */
import type { Operator, SensitivePlace, Zone } from '../../shared/model.js';
import { generateDistricts, generateZones } from './karaj.js';
import { generateOperators } from './operators.js';
import { DEMO_PLACE_COUNT, generatePlaces } from './places.js';
import { generateSites, type GeneratedSite } from './sites.js';

export { KARAJ_BBOX, KARAJ_CENTRE, KARAJ_URBAN, generateDistricts, generateZones, isInKarajUrban } from './karaj.js';
export { MOBILE_OPERATOR_IDS, OPERATORS, generateOperators } from './operators.js';
export { DEMO_PLACE_COUNT, generatePlaces, type GeneratePlacesOptions } from './places.js';
export { generateSites, type GenerateSitesOptions, type GeneratedSite } from './sites.js';
export { IRAN_CITIES } from './cities.js';
export { createRng, mulberry32 } from './prng.js';

/** Seed of the shipped demo data (the project's start date). */
export const DEMO_SEED = 20261126;
/** Number of sites in the shipped demo data. */
export const DEMO_SITE_COUNT = 2500;

/** Everything the demo database holds, as plain values. */
export interface DemoData {
  operators: Operator[];
  /** Planning districts, ids 1–12, kind 'district'. */
  districts: Zone[];
  /** Rule zones (no-build, stealth-required, heritage), ids 13–17. */
  zones: Zone[];
  sensitivePlaces: SensitivePlace[];
  sites: GeneratedSite[];
}

/** The Karaj demo data: same seed, same data (default seed 20261126, 2,500 sites, 300 places). */
export function generateDemo(opts: { seed?: number; sites?: number } = {}): DemoData {
  const seed = opts.seed ?? DEMO_SEED;
  return {
    operators: generateOperators(),
    districts: generateDistricts(seed),
    zones: generateZones(),
    sensitivePlaces: generatePlaces({ seed, count: DEMO_PLACE_COUNT, layout: 'karaj' }),
    sites: [...generateSites({ seed, count: opts.sites ?? DEMO_SITE_COUNT, layout: 'karaj' })],
  };
}
