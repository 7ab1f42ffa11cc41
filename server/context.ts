/** The server's parts, built once and handed to the routes. */
import type { DB } from './db.js';
import { AuditLog } from './store/audit.js';
import { PlaceStore } from './store/places.js';
import { SiteStore } from './store/sites.js';
import { UserStore } from './store/users.js';
import { Sessions } from './http/session.js';
import { ClusterIndex } from './index/clusters.js';

export interface Config {
  port: number;
  dbPath: string;
  seed: 'demo' | 'none';
  tileUrl: string;
  tileAttribution: string;
  sessionIdleMinutes: number;
  version: string;
}

export interface Ctx {
  config: Config;
  db: DB;
  audit: AuditLog;
  places: PlaceStore;
  sites: SiteStore;
  users: UserStore;
  sessions: Sessions;
  clusters: ClusterIndex;
}

/** Builds the stores over an open, migrated database. */
export function createContext(db: DB, config: Config): Ctx {
  const audit = new AuditLog(db);
  const places = new PlaceStore(db);
  const sites = new SiteStore(db, audit, places.districtOf);
  const clusters = new ClusterIndex(db);
  sites.onChange((ids) => clusters.update(ids));
  return { config, db, audit, places, sites, users: new UserStore(db), sessions: new Sessions(db, config.sessionIdleMinutes * 60_000), clusters };
}
