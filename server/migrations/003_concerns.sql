-- Residents' concerns (DOMAIN.md sections 2 and 8): the public record, the resident's contact kept in a
-- table of its own that no public query reads, photos (location metadata already stripped), status
-- history, supporters ("me too", keyed by a hash of the address), response templates, Open311 API keys.

CREATE TABLE open311_keys (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  key_hash   TEXT NOT NULL UNIQUE,        -- sha256 of the key, never the key itself
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE concerns (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,    -- tracking code: 10 digits, Damm check digit last
  lon            REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat            REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  site_id        INTEGER REFERENCES sites(id),
  category       TEXT NOT NULL CHECK (category IN ('health', 'measurement', 'visual', 'noise', 'structural', 'unpermitted', 'other')),
  description    TEXT NOT NULL CHECK (length(description) <= 4000),
  status         TEXT NOT NULL CHECK (status IN ('received', 'acknowledged', 'investigating', 'action_scheduled', 'resolved', 'not_upheld', 'duplicate', 'referred')),
  channel        TEXT NOT NULL CHECK (channel IN ('web', 'open311')),
  open311_key_id INTEGER REFERENCES open311_keys(id),
  address        TEXT,                    -- Open311 address_string, as given
  district_id    INTEGER REFERENCES zones(id),
  near_sensitive INTEGER NOT NULL CHECK (near_sensitive IN (0, 1)),
  duplicate_of   INTEGER REFERENCES concerns(id),
  hidden_reason  TEXT,
  hidden_at      TEXT,
  evidence       TEXT NOT NULL CHECK (json_valid(evidence)),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK ((status = 'duplicate') = (duplicate_of IS NOT NULL))
);
CREATE INDEX concerns_created ON concerns (created_at);
CREATE INDEX concerns_status ON concerns (status);

-- A concern's point never moves, so the box is written once.
CREATE VIRTUAL TABLE concerns_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);
CREATE TRIGGER concerns_rtree_insert AFTER INSERT ON concerns BEGIN
  INSERT INTO concerns_rtree VALUES (new.id, new.lon, new.lon, new.lat, new.lat);
END;

CREATE TABLE concern_contacts (
  concern_id INTEGER PRIMARY KEY REFERENCES concerns(id),
  name       TEXT,
  email      TEXT,
  phone      TEXT,
  device_id  TEXT,                        -- Open311 device_id / account_id / media_url: private too
  account_id TEXT,
  media_url  TEXT
);

CREATE TABLE concern_photos (
  concern_id   INTEGER PRIMARY KEY REFERENCES concerns(id),
  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes        BLOB NOT NULL CHECK (length(bytes) <= 5242880)
);

CREATE TABLE concern_events (
  id          INTEGER PRIMARY KEY,
  concern_id  INTEGER NOT NULL REFERENCES concerns(id),
  from_status TEXT,
  to_status   TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  actor_id    INTEGER REFERENCES users(id),
  at          TEXT NOT NULL
);
CREATE INDEX concern_events_concern ON concern_events (concern_id, id);

CREATE TABLE concern_supporters (
  concern_id INTEGER NOT NULL REFERENCES concerns(id),
  ip_hash    TEXT NOT NULL,               -- HMAC-SHA256 of the address with a server secret
  filer      INTEGER NOT NULL DEFAULT 0 CHECK (filer IN (0, 1)),
  at         TEXT NOT NULL,
  PRIMARY KEY (concern_id, ip_hash)
) WITHOUT ROWID;

CREATE TABLE response_templates (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  status     TEXT CHECK (status IS NULL OR status IN ('received', 'acknowledged', 'investigating', 'action_scheduled', 'resolved', 'not_upheld', 'duplicate', 'referred')),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
);
