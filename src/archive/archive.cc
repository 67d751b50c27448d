#include "archive/archive.h"

#include "core/text.h"

namespace gongxin::archive {
namespace {

std::string DivisionOf(std::string_view code, std::string_view code_kind) {
  if (code_kind == "uscc" && code.size() == 18) return std::string(code.substr(2, 6));
  if (code_kind == "id_number" && code.size() == 18) return std::string(code.substr(0, 6));
  return "";
}

std::string KindOf(std::string_view code, std::string_view code_kind, const CodeTables& tables) {
  if (code_kind == "uscc" && code.size() >= 2) {
    if (const auto* prefix = tables.uscc_prefixes.Find(code.substr(0, 2))) {
      return std::string(SubjectKindName(prefix->kind));
    }
    return "other_organisation";
  }
  return "natural_person";
}

}  // namespace

Result<Subject> ArchiveWriter::ResolveSubject(std::string_view code, std::string_view code_kind,
                                              std::string_view name, bool registering, Instant now,
                                              bool* created) {
  *created = false;
  GX_ASSIGN_OR_RETURN(store::Statement * find,
                      store_.Prepare("SELECT id, name, kind, stub, status, division FROM subjects "
                                     "WHERE code = $1"));
  find->Reset();
  find->Bind(1, code);
  GX_ASSIGN_OR_RETURN(bool found, find->Step());
  Subject s;
  s.code = std::string(code);
  s.code_kind = std::string(code_kind);
  if (found) {
    s.id = find->Int(0);
    s.name = find->Text(1);
    s.kind = find->Text(2);
    s.stub = find->Int(3) != 0;
    s.status = find->Text(4);
    s.division = find->Text(5);
    find->Reset();
    return s;
  }
  find->Reset();
  s.name = std::string(name);
  s.kind = KindOf(code, code_kind, tables_);
  // Only organisations are registered by a feed; a person is never a stub.
  s.stub = !registering && code_kind == "uscc";
  s.division = DivisionOf(code, code_kind);
  const std::string& at = IsoOf(now);
  GX_ASSIGN_OR_RETURN(
      store::Statement * insert,
      store_.Prepare("INSERT INTO subjects(code, code_kind, name, name_key, kind, stub, division, "
                     "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)"));
  insert->Reset();
  insert->Bind(1, code);
  insert->Bind(2, code_kind);
  insert->Bind(3, name);
  const std::string key = text::NormalizeName(name);
  insert->Bind(4, key);
  insert->Bind(5, s.kind);
  insert->Bind(6, int64_t{s.stub ? 1 : 0});
  insert->Bind(7, s.division);
  insert->Bind(8, at);
  GX_RETURN_IF_ERROR(insert->Exec().status());
  s.id = store_.LastInsertId();
  *created = true;
  if (!name.empty()) {
    GX_ASSIGN_OR_RETURN(
        store::Statement * add_name,
        store_.Prepare("INSERT INTO subject_names(subject_id, name, name_key, role, "
                       "since) VALUES ($1, $2, $3, $4, $5)"));
    add_name->Reset();
    add_name->Bind(1, s.id);
    add_name->Bind(2, name);
    add_name->Bind(3, key);
    add_name->Bind(4, std::string_view(registering ? "registered" : "seen"));
    add_name->Bind(5, at);
    GX_RETURN_IF_ERROR(add_name->Exec().status());
  }
  return s;
}

Status ArchiveWriter::UpdateRegistration(int64_t subject_id, std::string_view name,
                                         std::string_view kind, std::string_view status,
                                         std::string_view registration_json,
                                         const std::vector<std::string>& former_names,
                                         Instant now) {
  const std::string at = now.ToChinaIso();
  GX_ASSIGN_OR_RETURN(store::Statement * update,
                      store_.Prepare("UPDATE subjects SET name = $2, name_key = $3, kind = $4, "
                                     "status = $5, registration = $6, stub = 0, updated_at = $7 "
                                     "WHERE id = $1"));
  update->Reset();
  update->Bind(1, subject_id);
  update->Bind(2, name);
  update->Bind(3, text::NormalizeName(name));
  update->Bind(4, kind);
  update->Bind(5, status);
  update->Bind(6, registration_json);
  update->Bind(7, at);
  GX_RETURN_IF_ERROR(update->Exec().status());

  // Names: the registered one, and every former one; a name seen before keeps its row.
  GX_ASSIGN_OR_RETURN(
      store::Statement * upsert,
      store_.Prepare("INSERT INTO subject_names(subject_id, name, name_key, role, since) "
                     "VALUES ($1, $2, $3, $4, $5) ON CONFLICT(subject_id, name_key) "
                     "DO UPDATE SET role = excluded.role"));
  auto put = [&](std::string_view n, std::string_view role) -> Status {
    if (n.empty()) return Status::OK();
    upsert->Reset();
    upsert->Bind(1, subject_id);
    upsert->Bind(2, n);
    upsert->Bind(3, text::NormalizeName(n));
    upsert->Bind(4, role);
    upsert->Bind(5, at);
    return upsert->Exec().status();
  };
  for (const auto& former : former_names) GX_RETURN_IF_ERROR(put(former, "former"));
  GX_RETURN_IF_ERROR(put(name, "registered"));
  return Status::OK();
}

Result<std::optional<RecordHead>> ArchiveWriter::FindRecord(std::string_view class_id,
                                                            std::string_view source,
                                                            std::string_view natural_key) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * find,
      store_.Prepare("SELECT id, current_version, content_hash, subject_id FROM "
                     "records WHERE class = $1 AND source = $2 AND natural_key = $3"));
  find->Reset();
  find->Bind(1, class_id);
  find->Bind(2, source);
  find->Bind(3, natural_key);
  GX_ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found) {
    find->Reset();
    return std::optional<RecordHead>();
  }
  RecordHead head;
  head.id = find->Int(0);
  head.current_version = static_cast<int>(find->Int(1));
  head.content_hash = find->Text(2);
  head.subject_id = find->Int(3);
  find->Reset();
  return std::optional<RecordHead>(head);
}

const std::string& ArchiveWriter::IsoOf(Instant at) {
  if (at != iso_instant_) {
    iso_instant_ = at;
    iso_text_ = at.ToChinaIso();
  }
  return iso_text_;
}

namespace {
Status InsertVersionRow(store::Store& store, int64_t record_id, int version,
                        const RecordVersionInput& in, const std::string& received_iso) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * insert,
      store.Prepare("INSERT INTO record_versions(record_id, version, batch_id, line, received_at, "
                    "rule_version, content_hash, fields, originals) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"));
  insert->Reset();
  insert->Bind(1, record_id);
  insert->Bind(2, int64_t{version});
  insert->Bind(3, in.batch_id);
  insert->Bind(4, int64_t{in.line});
  insert->Bind(5, received_iso);
  insert->Bind(6, in.rule_version);
  insert->Bind(7, in.content_hash);
  insert->Bind(8, in.fields_json);
  insert->Bind(9, in.originals_json);
  return insert->Exec().status();
}
}  // namespace

Result<int64_t> ArchiveWriter::InsertRecord(const RecordVersionInput& in) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * insert,
      store_.Prepare("INSERT INTO records(class, source, natural_key, subject_id, current_version, "
                     "content_hash, decision_date) VALUES ($1, $2, $3, $4, 1, $5, $6)"));
  insert->Reset();
  insert->Bind(1, in.class_id);
  insert->Bind(2, in.source);
  insert->Bind(3, in.natural_key);
  insert->Bind(4, in.subject_id);
  insert->Bind(5, in.content_hash);
  if (in.decision_date) {
    insert->Bind(6, in.decision_date->ToIso());
  } else {
    insert->BindNull(6);
  }
  GX_RETURN_IF_ERROR(insert->Exec().status());
  const int64_t id = store_.LastInsertId();
  GX_RETURN_IF_ERROR(InsertVersionRow(store_, id, 1, in, IsoOf(in.received_at)));
  return id;
}

Status ArchiveWriter::AppendVersion(int64_t record_id, int version, const RecordVersionInput& in) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * update,
      store_.Prepare("UPDATE records SET current_version = $2, content_hash = $3, subject_id = $4, "
                     "decision_date = $5 WHERE id = $1"));
  update->Reset();
  update->Bind(1, record_id);
  update->Bind(2, int64_t{version});
  update->Bind(3, in.content_hash);
  update->Bind(4, in.subject_id);
  if (in.decision_date) {
    update->Bind(5, in.decision_date->ToIso());
  } else {
    update->BindNull(5);
  }
  GX_RETURN_IF_ERROR(update->Exec().status());
  return InsertVersionRow(store_, record_id, version, in, IsoOf(in.received_at));
}

Status ArchiveWriter::SetRecordState(int64_t record_id, std::string_view state,
                                     std::string_view reason, std::string_view actor, Instant at) {
  if (state != "active" && state != "repaired" && state != "revoked") {
    return Status::InvalidArgument(
        "record state must be active, repaired or revoked, not '" + std::string(state) + "'",
        "记录状态应为 active、repaired 或 revoked，而不是“" + std::string(state) + "”");
  }
  if (reason.empty() || actor.empty()) {
    return Status::InvalidArgument("a state change needs a reason and an actor",
                                   "状态变更须写明原因和操作人");
  }
  std::optional<store::Transaction> own;
  if (!store_.InTransaction()) {
    own.emplace(store_);
    GX_RETURN_IF_ERROR(own->Begin());
  }
  GX_ASSIGN_OR_RETURN(store::Statement * find,
                      store_.Prepare("SELECT state FROM records WHERE id = $1"));
  find->Reset();
  find->Bind(1, record_id);
  GX_ASSIGN_OR_RETURN(bool found, find->Step());
  const std::string from = found ? find->Text(0) : std::string();
  find->Reset();
  if (!found) {
    return Status::NotFound("no record " + std::to_string(record_id),
                            "记录 " + std::to_string(record_id) + " 不存在");
  }
  if (from == state) {
    return Status::FailedPrecondition(
        "record " + std::to_string(record_id) + " is already " + std::string(state),
        "记录 " + std::to_string(record_id) + " 已处于 " + std::string(state) + " 状态");
  }
  GX_ASSIGN_OR_RETURN(store::Statement * update,
                      store_.Prepare("UPDATE records SET state = $2 WHERE id = $1"));
  update->Reset();
  update->Bind(1, record_id);
  update->Bind(2, state);
  GX_RETURN_IF_ERROR(update->Exec().status());
  GX_ASSIGN_OR_RETURN(
      store::Statement * log,
      store_.Prepare("INSERT INTO record_state_changes(record_id, from_state, to_state, reason, "
                     "actor, at) VALUES ($1, $2, $3, $4, $5, $6)"));
  log->Reset();
  log->Bind(1, record_id);
  log->Bind(2, from);
  log->Bind(3, state);
  log->Bind(4, reason);
  log->Bind(5, actor);
  log->Bind(6, at.ToChinaIso());
  GX_RETURN_IF_ERROR(log->Exec().status());
  if (own) GX_RETURN_IF_ERROR(own->Commit());
  return Status::OK();
}

Result<std::vector<CurrentRecord>> ArchiveReader::CurrentRecords(int64_t subject_id) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * st,
      store_.Prepare("SELECT r.id, r.class, r.source, r.current_version, r.state, "
                     "r.decision_date, v.fields FROM records r JOIN record_versions v ON "
                     "v.record_id = r.id AND v.version = r.current_version WHERE r.subject_id = "
                     "$1 ORDER BY r.class, r.id"));
  st->Reset();
  st->Bind(1, subject_id);
  std::vector<CurrentRecord> out;
  while (true) {
    GX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    CurrentRecord r;
    r.id = st->Int(0);
    r.class_id = st->Text(1);
    r.source = st->Text(2);
    r.version = static_cast<int>(st->Int(3));
    r.state = st->Text(4);
    if (!st->IsNull(5)) {
      auto date = Date::Parse(st->TextView(5));
      if (date.ok()) r.decision_date = *date;
    }
    r.fields_json = st->Text(6);
    out.push_back(std::move(r));
  }
  st->Reset();
  return out;
}

Result<std::optional<int64_t>> ArchiveReader::FindRecordId(std::string_view class_id,
                                                           std::string_view source,
                                                           std::string_view natural_key) {
  GX_ASSIGN_OR_RETURN(store::Statement * st,
                      store_.Prepare("SELECT id FROM records WHERE class = $1 AND source = $2 AND "
                                     "natural_key = $3"));
  st->Reset();
  st->Bind(1, class_id);
  st->Bind(2, source);
  st->Bind(3, natural_key);
  GX_ASSIGN_OR_RETURN(bool row, st->Step());
  std::optional<int64_t> id;
  if (row) id = st->Int(0);
  st->Reset();
  return id;
}

Result<std::vector<StateChange>> ArchiveReader::StateChanges(int64_t record_id) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * st,
      store_.Prepare("SELECT record_id, from_state, to_state, reason, actor, at FROM "
                     "record_state_changes WHERE record_id = $1 ORDER BY id"));
  st->Reset();
  st->Bind(1, record_id);
  std::vector<StateChange> out;
  while (true) {
    GX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    StateChange c;
    c.record_id = st->Int(0);
    c.from_state = st->Text(1);
    c.to_state = st->Text(2);
    c.reason = st->Text(3);
    c.actor = st->Text(4);
    c.at = st->Text(5);
    out.push_back(std::move(c));
  }
  st->Reset();
  return out;
}

Result<std::optional<Subject>> ArchiveReader::FindSubject(std::string_view code) {
  GX_ASSIGN_OR_RETURN(store::Statement * find,
                      store_.Prepare("SELECT id, code, code_kind, name, kind, stub, status, "
                                     "division, registration FROM subjects WHERE code = $1"));
  find->Reset();
  find->Bind(1, code);
  GX_ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found) {
    find->Reset();
    return std::optional<Subject>();
  }
  Subject s;
  s.id = find->Int(0);
  s.code = find->Text(1);
  s.code_kind = find->Text(2);
  s.name = find->Text(3);
  s.kind = find->Text(4);
  s.stub = find->Int(5) != 0;
  s.status = find->Text(6);
  s.division = find->Text(7);
  s.registration_json = find->Text(8);
  find->Reset();
  GX_ASSIGN_OR_RETURN(store::Statement * names,
                      store_.Prepare("SELECT name FROM subject_names WHERE subject_id = $1 AND "
                                     "role = 'former' ORDER BY since, name"));
  names->Reset();
  names->Bind(1, s.id);
  while (true) {
    GX_ASSIGN_OR_RETURN(bool row, names->Step());
    if (!row) break;
    s.former_names.push_back(names->Text(0));
  }
  names->Reset();
  return std::optional<Subject>(std::move(s));
}

Status ArchiveReader::ForEachSubject(const std::function<void(const Subject&)>& fn,
                                     std::optional<Instant> changed_since) {
  // Two ordered scans merged by subject id: subjects, and their former names.
  const std::string since = changed_since ? changed_since->ToChinaIso() : std::string();
  GX_ASSIGN_OR_RETURN(
      store::Statement * subjects,
      store_.Prepare("SELECT id, code, code_kind, name, kind, stub, status, division, "
                     "registration FROM subjects WHERE updated_at >= $1 ORDER BY id"));
  GX_ASSIGN_OR_RETURN(
      store::Statement * names,
      store_.Prepare("SELECT n.subject_id, n.name FROM subject_names n JOIN subjects s ON s.id = "
                     "n.subject_id WHERE n.role = 'former' AND s.updated_at >= $1 "
                     "ORDER BY n.subject_id, n.since, n.name"));
  subjects->Reset();
  subjects->Bind(1, since);
  names->Reset();
  names->Bind(1, since);
  GX_ASSIGN_OR_RETURN(bool name_row, names->Step());
  Status status;
  while (true) {
    auto row = subjects->Step();
    if (!row.ok()) {
      status = row.status();
      break;
    }
    if (!*row) break;
    Subject s;
    s.id = subjects->Int(0);
    s.code = subjects->Text(1);
    s.code_kind = subjects->Text(2);
    s.name = subjects->Text(3);
    s.kind = subjects->Text(4);
    s.stub = subjects->Int(5) != 0;
    s.status = subjects->Text(6);
    s.division = subjects->Text(7);
    s.registration_json = subjects->Text(8);
    while (name_row && names->Int(0) <= s.id) {
      if (names->Int(0) == s.id) s.former_names.push_back(names->Text(1));
      auto next = names->Step();
      if (!next.ok()) {
        status = next.status();
        break;
      }
      name_row = *next;
    }
    if (!status.ok()) break;
    fn(s);
  }
  subjects->Reset();
  names->Reset();
  return status;
}

namespace {
Result<int64_t> CountWhere(store::Store& store, std::string_view sql_all,
                           std::string_view sql_class, std::string_view class_id) {
  GX_ASSIGN_OR_RETURN(store::Statement * st, store.Prepare(class_id.empty() ? sql_all : sql_class));
  st->Reset();
  if (!class_id.empty()) st->Bind(1, class_id);
  GX_ASSIGN_OR_RETURN(bool row, st->Step());
  int64_t n = row ? st->Int(0) : 0;
  st->Reset();
  return n;
}
}  // namespace

Result<int64_t> ArchiveReader::CountSubjects() {
  return CountWhere(store_, "SELECT count(*) FROM subjects", "", "");
}

Result<int64_t> ArchiveReader::CountRecords(std::string_view class_id) {
  return CountWhere(store_, "SELECT count(*) FROM records",
                    "SELECT count(*) FROM records WHERE class = $1", class_id);
}

Result<int64_t> ArchiveReader::CountVersions(std::string_view class_id) {
  return CountWhere(store_, "SELECT count(*) FROM record_versions",
                    "SELECT count(*) FROM record_versions v JOIN records r ON r.id = v.record_id "
                    "WHERE r.class = $1",
                    class_id);
}

Result<std::vector<ArchiveReader::StoredVersion>> ArchiveReader::Versions(
    std::string_view class_id, std::string_view source, std::string_view natural_key) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * st,
      store_.Prepare("SELECT v.record_id, v.version, v.batch_id, v.rule_version, v.content_hash, "
                     "v.fields, v.originals FROM record_versions v JOIN records r ON r.id = "
                     "v.record_id WHERE r.class = $1 AND r.source = $2 AND r.natural_key = $3 "
                     "ORDER BY v.version"));
  st->Reset();
  st->Bind(1, class_id);
  st->Bind(2, source);
  st->Bind(3, natural_key);
  std::vector<StoredVersion> out;
  while (true) {
    GX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    StoredVersion v;
    v.record_id = st->Int(0);
    v.version = static_cast<int>(st->Int(1));
    v.batch_id = st->Int(2);
    v.rule_version = st->Text(3);
    v.content_hash = st->Text(4);
    v.fields_json = st->Text(5);
    v.originals_json = st->Text(6);
    out.push_back(std::move(v));
  }
  st->Reset();
  return out;
}

}  // namespace gongxin::archive
