// The archive's tables: subjects, their names, records, every record version, and the
// log of record state changes (repaired, revoked).
#include "archive/archive.h"

namespace gongxin::archive {

void RegisterMigrations() {
  store::RegisterMigrations({
      {"archive", 1, "create subjects, names, records and versions", R"sql(
CREATE TABLE subjects (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  code_kind TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  stub INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT '',
  division TEXT NOT NULL DEFAULT '',
  registration TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX subjects_by_code ON subjects(code);
CREATE INDEX subjects_by_name_key ON subjects(name_key);
CREATE TABLE subject_names (
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  role TEXT NOT NULL,
  since TEXT NOT NULL,
  PRIMARY KEY (subject_id, name_key)
);
CREATE INDEX subject_names_by_key ON subject_names(name_key);
CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  class TEXT NOT NULL,
  source TEXT NOT NULL,
  natural_key TEXT NOT NULL,
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  current_version INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'active',
  decision_date TEXT
);
CREATE UNIQUE INDEX records_by_identity ON records(class, source, natural_key);
CREATE INDEX records_by_subject ON records(subject_id, class);
CREATE TABLE record_versions (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records(id),
  version INTEGER NOT NULL,
  batch_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  rule_version TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  fields TEXT NOT NULL,
  originals TEXT NOT NULL
);
CREATE UNIQUE INDEX record_versions_by_record ON record_versions(record_id, version)
)sql"},
      {"archive", 2, "create record_state_changes", R"sql(
CREATE TABLE record_state_changes (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records(id),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX record_state_changes_by_record ON record_state_changes(record_id, id)
)sql"},
  });
}

}  // namespace gongxin::archive
