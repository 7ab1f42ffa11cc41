/** Configuration from the environment, with the documented defaults. */
import { readFileSync } from 'node:fs';
import type { Config } from './context.js';
import { parseRate } from './http/rate-limit.js';

const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** Reads PORT, DAKAL_DB, DAKAL_SEED, DAKAL_TILE_URL, DAKAL_TILE_ATTRIBUTION, DAKAL_SESSION_IDLE_MIN, DAKAL_CONCERN_RATE and
 *  DAKAL_WARM_EXPOSURE. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const seed = env.DAKAL_SEED ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') throw new Error(`DAKAL_SEED must be demo or none, not ${seed}`);
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return {
    port: Number(env.PORT ?? 8080),
    dbPath: env.DAKAL_DB ?? 'data/dakal.db',
    seed,
    tileUrl: env.DAKAL_TILE_URL ?? DEFAULT_TILES,
    tileAttribution: env.DAKAL_TILE_ATTRIBUTION ?? '© OpenStreetMap contributors',
    sessionIdleMinutes: Number(env.DAKAL_SESSION_IDLE_MIN ?? 480),
    version: pkg.version,
    concernRate: parseRate(env.DAKAL_CONCERN_RATE ?? '10/10m'),
    warmExposure: env.DAKAL_WARM_EXPOSURE !== '0',
  };
}
