/** The aerodromes whose obstacle limitation surfaces the aviation rule checks, read once at start from the
 *  OurAirports excerpts in data/aviation (public domain; see data/aviation/README.md). */
import { readFileSync } from 'node:fs';
import { parseAerodromes, type Aerodrome } from '../../shared/aviation.js';

const DIR = new URL('../../data/aviation/', import.meta.url);

/** Parses data/aviation/airports_*.csv and runways_*.csv; throws at start when the files are missing (a deploy bug). */
export function loadAerodromes(): Aerodrome[] {
  return parseAerodromes(
    readFileSync(new URL('airports_tehran_alborz_excerpt.csv', DIR), 'utf8'),
    readFileSync(new URL('runways_tehran_alborz_excerpt.csv', DIR), 'utf8'),
  );
}
