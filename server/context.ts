/** The server's parts, built once and handed to the routes. */
import type { DB } from './db.js';
import { AuditLog } from './store/audit.js';
import { PlaceStore } from './store/places.js';
import { SiteStore } from './store/sites.js';
import { UserStore } from './store/users.js';
import { Sessions } from './http/session.js';
import { ClusterIndex } from './index/clusters.js';
import { ConcernStore } from './store/concerns.js';
import { ConcernSearch } from './store/concern-search.js';
import { Open311KeyStore } from './store/open311-keys.js';
import { ResponseTemplateStore } from './store/response-templates.js';
import type { Aerodrome } from '../shared/aviation.js';
import { PolicyStore } from './store/policy.js';
import { NearbyStore } from './store/nearby.js';
import { ExposureIndex } from './index/exposure.js';
import { SitingIndex } from './siting/siting-index.js';
import { loadAerodromes } from './siting/aerodromes.js';
import { RequestStore } from './store/requests.js';
import { AttachmentStore } from './store/request-attachments.js';
import { CommentStore } from './store/request-comments.js';
import { PlanningStore } from './store/planning.js';

export interface Config {
  port: number;
  dbPath: string;
  seed: 'demo' | 'none';
  tileUrl: string;
  tileAttribution: string;
  sessionIdleMinutes: number;
  version: string;
  /** Concern filings allowed per address per window (DAKAL_CONCERN_RATE). */
  concernRate: { max: number; windowMs: number };
  /** At start, in the background: compute the exposure rule's sums at every sensitive place and boot the exposure
   *  grid's worker threads with the antennas. */
  warmExposure: boolean;
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
  concerns: ConcernStore;
  concernSearch: ConcernSearch;
  responseTemplates: ResponseTemplateStore;
  open311Keys: Open311KeyStore;
  /** Siting: the versioned policy, light reads around a point, the antennas' exposure index, aerodromes (read once). */
  policy: PolicyStore;
  nearby: NearbyStore;
  exposure: ExposureIndex;
  /** The registry around a point for the siting check, from memory. */
  siting: SitingIndex;
  aerodromes: readonly Aerodrome[];
  /** Operators' site requests, their attachments and residents' comments. */
  requests: RequestStore;
  requestFiles: AttachmentStore;
  requestComments: CommentStore;
  /** Read-only queries of the planning view. */
  planning: PlanningStore;
}

/** Builds the stores over an open, migrated database. */
export function createContext(db: DB, config: Config): Ctx {
  const audit = new AuditLog(db);
  const places = new PlaceStore(db);
  const sites = new SiteStore(db, audit, places.districtOf);
  const clusters = new ClusterIndex(() => sites.index());
  const policy = new PolicyStore(db, audit);
  policy.ensureDefault();
  const nearby = new NearbyStore(db);
  const exposure = new ExposureIndex(nearby);
  sites.onChange(() => exposure.invalidate());
  const siting = new SitingIndex(() => sites.index(), nearby, places);
  sites.onChange((ids) => siting.sitesChanged(ids));
  return {
    config, db, audit, places, sites, users: new UserStore(db), sessions: new Sessions(db, config.sessionIdleMinutes * 60_000), clusters,
    concerns: new ConcernStore(db, audit), concernSearch: new ConcernSearch(db), responseTemplates: new ResponseTemplateStore(db, audit), open311Keys: new Open311KeyStore(db, audit),
    policy, nearby, exposure, siting, aerodromes: loadAerodromes(),
    requests: new RequestStore(db), requestFiles: new AttachmentStore(db), requestComments: new CommentStore(db),
    planning: new PlanningStore(db),
  };
}
