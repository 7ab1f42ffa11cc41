-- The siting policy as data (DOMAIN.md section 4): every planner edit is a new row, never an update, so each
-- siting check can name the version it used. Version 1 is data/policy/karaj.json, inserted by the policy store
-- when the table is empty (migrations are SQL only and cannot read the file).

CREATE TABLE policy_versions (
  version    INTEGER PRIMARY KEY,
  policy     TEXT NOT NULL CHECK (json_valid(policy)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  note       TEXT
);
