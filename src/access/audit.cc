// The audit log: who read which non-public information, and when.
#include "access/access.h"

namespace gongxin::access {

Status WriteAudit(store::Store& store, const AuditEntry& e) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * insert,
      store.Prepare("INSERT INTO audit_log(at, key_id, key_name, role, action, object, detail, "
                    "request_id, remote) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"));
  insert->Reset();
  insert->Bind(1, e.at.ToChinaIso());
  insert->Bind(2, e.key_id);
  insert->Bind(3, e.key_name);
  insert->Bind(4, RoleName(e.role));
  insert->Bind(5, e.action);
  insert->Bind(6, e.object);
  insert->Bind(7, e.detail);
  insert->Bind(8, e.request_id);
  insert->Bind(9, e.remote);
  return insert->Exec().status();
}

Result<std::vector<AuditEntry>> ReadAudit(store::Store& store, const AuditQuery& q) {
  // One statement for every filter: an absent filter binds a value that always holds.
  GX_ASSIGN_OR_RETURN(
      store::Statement * st,
      store.Prepare("SELECT id, at, key_id, key_name, role, action, object, detail, request_id, "
                    "remote FROM audit_log WHERE at >= $1 AND at < $2 AND ($3 = '' OR object = "
                    "$3) AND ($4 = '' OR role = $4) AND id < $5 ORDER BY id DESC LIMIT $6"));
  st->Reset();
  st->Bind(1, q.since ? q.since->ToChinaIso() : std::string());
  st->Bind(2, q.until ? q.until->ToChinaIso() : std::string("9999"));
  st->Bind(3, q.object);
  st->Bind(4, q.role ? std::string(RoleName(*q.role)) : std::string());
  st->Bind(5, q.before_id > 0 ? q.before_id : INT64_MAX);
  st->Bind(6, int64_t{std::clamp(q.limit, 1, 1000)});
  std::vector<AuditEntry> out;
  while (true) {
    GX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    AuditEntry e;
    e.id = st->Int(0);
    auto at = Instant::Parse(st->TextView(1));
    if (!at.ok()) {
      st->Reset();
      return at.status();
    }
    e.at = *at;
    e.key_id = st->Int(2);
    e.key_name = st->Text(3);
    e.role = ParseRole(st->TextView(4)).value_or(Role::kPublic);
    e.action = st->Text(5);
    e.object = st->Text(6);
    e.detail = st->Text(7);
    e.request_id = st->Text(8);
    e.remote = st->Text(9);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace gongxin::access
