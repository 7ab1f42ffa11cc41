-- Registry core: operators, sites (with an R*Tree kept in step by triggers), antennas,
-- sensitive places, zones (districts included), users, sessions, audit events, observed cells.

CREATE TABLE operators (
  id      TEXT PRIMARY KEY,
  name_fa TEXT NOT NULL,
  name_en TEXT NOT NULL,
  mcc     INTEGER,
  mnc     INTEGER,
  kind    TEXT NOT NULL CHECK (kind IN ('mobile', 'tower')),
  color   TEXT NOT NULL
);

CREATE TABLE zones (
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('no_build', 'stealth_required', 'heritage', 'district')),
  name_fa  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  geometry TEXT NOT NULL CHECK (json_valid(geometry)),
  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
  source   TEXT NOT NULL
);

CREATE TABLE sites (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  lon                REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat                REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  structure_type     TEXT NOT NULL CHECK (structure_type IN ('rooftop', 'monopole', 'lattice', 'guyed', 'stealth', 'small_cell')),
  height_m           REAL NOT NULL CHECK (height_m > 0),
  owner_operator_id  TEXT NOT NULL REFERENCES operators(id),
  permit_no          TEXT,
  status             TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'active', 'decommissioned', 'unpermitted')),
  installed_on       TEXT,
  permit_date        TEXT,
  source             TEXT NOT NULL,
  verified           INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
  ground_elevation_m REAL,
  address            TEXT,
  district_id        INTEGER REFERENCES zones(id),
  -- Derived from the antennas in the same transaction: ',mci,irancell,' and ',LTE,NR,'.
  operators          TEXT NOT NULL DEFAULT ',',
  technologies       TEXT NOT NULL DEFAULT ',',
  antenna_count      INTEGER NOT NULL DEFAULT 0,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX sites_status ON sites (status);
CREATE INDEX sites_district ON sites (district_id);

CREATE VIRTUAL TABLE sites_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);
CREATE TRIGGER sites_rtree_insert AFTER INSERT ON sites BEGIN
  INSERT INTO sites_rtree VALUES (new.id, new.lon, new.lon, new.lat, new.lat);
END;
CREATE TRIGGER sites_rtree_update AFTER UPDATE OF lon, lat ON sites BEGIN
  UPDATE sites_rtree SET min_lon = new.lon, max_lon = new.lon, min_lat = new.lat, max_lat = new.lat WHERE id = new.id;
END;
CREATE TRIGGER sites_rtree_delete AFTER DELETE ON sites BEGIN
  DELETE FROM sites_rtree WHERE id = old.id;
END;

CREATE TABLE antennas (
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL REFERENCES sites(id),
  operator_id     TEXT NOT NULL REFERENCES operators(id),
  technology      TEXT NOT NULL CHECK (technology IN ('GSM', 'UMTS', 'LTE', 'NR')),
  frequency_mhz   REAL NOT NULL,
  eirp_w          REAL NOT NULL CHECK (eirp_w >= 0),
  azimuth_deg     REAL,
  tilt_deg        REAL NOT NULL,
  height_m        REAL NOT NULL,
  power_reduction REAL NOT NULL DEFAULT 1 CHECK (power_reduction > 0 AND power_reduction <= 1)
);
CREATE INDEX antennas_site ON antennas (site_id);

CREATE TABLE sensitive_places (
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('kindergarten', 'school', 'hospital', 'clinic', 'elderly_care')),
  name_fa  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  geometry TEXT NOT NULL CHECK (json_valid(geometry)),
  lon REAL NOT NULL, lat REAL NOT NULL,
  source   TEXT NOT NULL
);
CREATE VIRTUAL TABLE places_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'operator')),
  operator_id   TEXT REFERENCES operators(id),
  created_at    TEXT NOT NULL,
  CHECK ((role = 'operator') = (operator_id IS NOT NULL))
);

CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,          -- sha256 of the cookie token, never the token itself
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);

CREATE TABLE audit_events (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor_id  INTEGER,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  before    TEXT,
  after     TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_events (entity, entity_id);

CREATE TABLE observed_cells (
  id             INTEGER PRIMARY KEY,
  radio          TEXT NOT NULL,
  mcc            INTEGER NOT NULL,
  net            INTEGER NOT NULL,
  area           INTEGER NOT NULL,
  cell           INTEGER NOT NULL,
  unit           INTEGER,
  lon            REAL NOT NULL,
  lat            REAL NOT NULL,
  range_m        INTEGER,
  samples        INTEGER,
  changeable     INTEGER,
  created        INTEGER,
  updated        INTEGER,
  average_signal INTEGER,
  imported_at    TEXT NOT NULL,
  UNIQUE (radio, mcc, net, area, cell)
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
