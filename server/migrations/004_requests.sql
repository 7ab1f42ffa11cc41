-- Operators' site requests (DOMAIN.md section 2): the request with its frozen rule report and clocks, every
-- transition as an event, attachments as BLOBs (stored in the same transaction as the request's change, so a
-- file is never half there), residents' comments with private contact fields, and the link from a site to the
-- request that approved it.

CREATE TABLE site_requests (
  id                      INTEGER PRIMARY KEY,
  type                    TEXT NOT NULL CHECK (type IN ('new_structure', 'change', 'colocation')),
  status                  TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'incomplete', 'consultation', 'under_review',
                            'approved', 'approved_with_conditions', 'rejected', 'withdrawn', 'lapsed')),
  operator_id             TEXT NOT NULL REFERENCES operators(id),
  created_by              INTEGER NOT NULL REFERENCES users(id),
  -- The structure a change or colocation is about; for a new structure, the site created at approval.
  site_id                 INTEGER REFERENCES sites(id),
  lon                     REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
  lat                     REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  structure_type          TEXT CHECK (structure_type IS NULL OR structure_type IN ('rooftop', 'monopole', 'lattice', 'guyed', 'stealth', 'small_cell')),
  height_m                REAL CHECK (height_m IS NULL OR height_m > 0),
  antennas                TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(antennas)),
  purpose                 TEXT NOT NULL DEFAULT '',
  address                 TEXT,
  sharing_justification   TEXT,
  sharing_options         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sharing_options)),
  missing                 TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(missing)),
  -- The rule report frozen at the last submission, and the latest re-run on demand.
  rule_report             TEXT CHECK (rule_report IS NULL OR json_valid(rule_report)),
  rule_report_at          TEXT,
  recheck_report          TEXT CHECK (recheck_report IS NULL OR json_valid(recheck_report)),
  recheck_at              TEXT,
  first_submitted_at      TEXT,
  submitted_at            TEXT,
  consultation_started_at TEXT,
  consultation_days       INTEGER,
  consultation_ends_at    TEXT,
  consultation_radius_m   REAL,
  decision_due_at         TEXT,
  decision                TEXT CHECK (decision IS NULL OR decision IN ('approve', 'approve_with_conditions', 'reject')),
  reasons                 TEXT,
  conditions              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(conditions)),
  decided_at              TEXT,
  decided_by              TEXT,
  lapses_at               TEXT,
  built_at                TEXT,
  -- What an approval changed on an existing structure (height and the operator's antennas before), to undo at lapse.
  applied                 TEXT CHECK (applied IS NULL OR json_valid(applied)),
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
);
CREATE INDEX site_requests_status ON site_requests (status);
CREATE INDEX site_requests_operator ON site_requests (operator_id, id);

CREATE TABLE site_request_events (
  id          INTEGER PRIMARY KEY,
  request_id  INTEGER NOT NULL REFERENCES site_requests(id),
  at          TEXT NOT NULL,
  actor_id    INTEGER,
  actor       TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX site_request_events_request ON site_request_events (request_id, id);

CREATE TABLE site_request_attachments (
  id           INTEGER PRIMARY KEY,
  request_id   INTEGER NOT NULL REFERENCES site_requests(id),
  kind         TEXT NOT NULL CHECK (kind IN ('drawing', 'photomontage', 'other')),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
  size_bytes   INTEGER NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
  sha256       TEXT NOT NULL,
  bytes        BLOB NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX site_request_attachments_request ON site_request_attachments (request_id, id);

CREATE TABLE site_request_comments (
  id            INTEGER PRIMARY KEY,
  request_id    INTEGER NOT NULL REFERENCES site_requests(id),
  body          TEXT NOT NULL,
  -- Private: seen by planners only, never on the public page.
  name          TEXT,
  email         TEXT,
  hidden_at     TEXT,
  hidden_reason TEXT,
  hidden_by     TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX site_request_comments_request ON site_request_comments (request_id, id);

ALTER TABLE sites ADD COLUMN approving_request_id INTEGER REFERENCES site_requests(id);
