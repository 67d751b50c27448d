// Ingest's tables: batches with their quality figures, and their feedback rows.
#include "archive/archive.h"
#include "ingest/ingest.h"

namespace gongxin::ingest {

void RegisterMigrations() {
  archive::RegisterMigrations();
  store::RegisterMigrations({
      {"ingest", 1, "create batches and feedback", R"sql(
CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  class TEXT NOT NULL,
  source TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  encoding TEXT NOT NULL,
  received_at TEXT NOT NULL,
  rule_version TEXT NOT NULL,
  rows INTEGER NOT NULL DEFAULT 0,
  accepted INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  new_records INTEGER NOT NULL DEFAULT 0,
  new_versions INTEGER NOT NULL DEFAULT 0,
  stub_subjects INTEGER NOT NULL DEFAULT 0,
  timed_rows INTEGER NOT NULL DEFAULT 0,
  timely_rows INTEGER NOT NULL DEFAULT 0,
  deadline_working_days INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX batches_by_source ON batches(source, class, received_at);
CREATE TABLE batch_feedback (
  batch_id INTEGER NOT NULL REFERENCES batches(id),
  seq INTEGER NOT NULL,
  line INTEGER NOT NULL,
  field TEXT NOT NULL,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  message_zh TEXT NOT NULL,
  message_en TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (batch_id, seq)
)
)sql"},
  });
}

}  // namespace gongxin::ingest
