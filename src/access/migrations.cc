// The access tables: API keys (hashes only) and the audit log.
#include "access/access.h"

namespace gongxin::access {

void RegisterMigrations() {
  store::RegisterMigrations({
      {"access", 1, "create api keys and audit log", R"sql(
CREATE TABLE api_keys (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL DEFAULT '',
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE UNIQUE INDEX api_keys_by_hash ON api_keys(hash);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  key_id INTEGER NOT NULL,
  key_name TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL,
  request_id TEXT NOT NULL,
  remote TEXT NOT NULL
);
CREATE INDEX audit_log_by_object ON audit_log(object, id);
CREATE INDEX audit_log_by_at ON audit_log(at)
)sql"},
  });
}

}  // namespace gongxin::access
