// The access capability's door: API keys bound to a role, and the audit log of reads
// of non-public data (ARCHITECTURE.md decision 6).
//
// A key is shown once, when it is created; only its SHA-256 is stored, so a stolen
// database does not hand out keys. Requests carry it as `Authorization: Bearer KEY`.
// Every capability that shows non-public information to a viewer writes an audit
// entry (who, role, what, when); the auditor and the credit office read them.
//
// Roles and keys live here rather than in http/ so that the command line (`gongxin
// key create`) and other capabilities can use them without depending on the server
// (docs/decisions/0003-access-library.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/code_tables.h"
#include "core/result.h"
#include "core/role.h"
#include "store/store.h"

namespace gongxin::access {

// Registers the access tables (api_keys, audit_log) with the store. Idempotent.
void RegisterMigrations();

struct ApiKey {
  int64_t id = 0;
  std::string name;  // who holds it, e.g. "广州市市场监督管理局 数据接口"
  Role role = Role::kPublic;
  std::string source;   // the department's uscc, iff role == kSource
  std::string subject;  // the subject's code, iff role == kEnterprise
  std::string prefix;   // the key's first 8 characters, to tell keys apart in listings
  Instant created_at;
  std::optional<Instant> revoked_at;

  Viewer ToViewer() const;
};

struct NewKey {
  ApiKey key;
  std::string secret;  // "gx_" + 40 hex characters; shown once, never stored
};

// Creates a key. Fails with InvalidArgument (English and Chinese) iff role is public
// (anonymous needs no key); role is source without a valid uscc in `source`; role is
// enterprise without a valid uscc or ID number in `subject`; or source / subject is
// given for a role that has none.
Result<NewKey> CreateKey(store::Store& store, const CodeTables& tables, Role role,
                         std::string_view source, std::string_view subject, std::string_view name,
                         const Clock& clock);

// The key whose secret this is; nullopt iff no such key exists or it was revoked.
Result<std::optional<ApiKey>> Authenticate(store::Store& store, std::string_view secret);

// Every key, newest first (secrets are never available).
Result<std::vector<ApiKey>> ListKeys(store::Store& store);
// Revokes key `id`; NotFound iff there is no such key. Revoking twice is a no-op.
Status RevokeKey(store::Store& store, int64_t id, const Clock& clock);

// One read of non-public data.
struct AuditEntry {
  int64_t id = 0;  // assigned on write
  Instant at;
  int64_t key_id = 0;  // 0 for anonymous
  std::string key_name;
  Role role = Role::kPublic;
  std::string action;      // e.g. "archive.read", "batch.feedback"
  std::string object;      // what was read, e.g. a subject code or "batch 12"
  std::string detail;      // which non-public items, e.g. "record 12 penalty expired; ..."
  std::string request_id;  // the HTTP request, to join with the access log
  std::string remote;      // client address
};

// Appends an entry (its id and `at` as given; id is ignored).
Status WriteAudit(store::Store& store, const AuditEntry& entry);

struct AuditQuery {
  std::optional<Instant> since;  // at >= since
  std::optional<Instant> until;  // at < until
  std::string object;            // exact, "" for any
  std::optional<Role> role;
  int64_t before_id = 0;  // paging: entries with id < before_id (0: from the newest)
  int limit = 100;        // 1..1000
};
// Entries matching `query`, newest first.
Result<std::vector<AuditEntry>> ReadAudit(store::Store& store, const AuditQuery& query);

}  // namespace gongxin::access
