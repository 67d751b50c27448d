// The archive capability's door: subjects (信用主体) and their records, every
// version of every record kept (ARCHITECTURE.md decision 2: records are never
// overwritten).
//
// This issue gives the write side that ingest uses and the plain read side;
// publicity, masking by role and the HTTP routes come with the serve issue.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_tables.h"
#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace gongxin::archive {

// Registers the archive's tables with the store's migrations. Idempotent.
void RegisterMigrations();

struct Subject {
  int64_t id = 0;
  std::string code;       // uscc, ID number, or another certificate's number
  std::string code_kind;  // "uscc" | "id_number" | "other_certificate"
  std::string name;       // registered name (or the first name seen, for a stub)
  std::string kind;       // SubjectKindName, e.g. "enterprise", "natural_person"
  bool stub = false;      // created from a record for an unknown subject: awaits quality review
  std::string status;     // registration status as registered (存续, 注销...), "" if unknown
  std::string division;   // 6-digit division from the code, "" if none
  std::string registration_json;  // registration facts as a JSON object ("{}" if none)
  std::vector<std::string> former_names;
};

// A record's identity and current state.
struct RecordHead {
  int64_t id = 0;
  int current_version = 0;
  std::string content_hash;  // of the current version
  int64_t subject_id = 0;
};

// One version of a record, as ingest hands it in.
struct RecordVersionInput {
  std::string class_id;
  std::string source;       // the source department's uscc
  std::string natural_key;  // comparison form of the document's identity
  int64_t subject_id = 0;
  std::optional<Date> decision_date;
  int64_t batch_id = 0;
  Instant received_at;
  std::string rule_version;
  std::string content_hash;
  std::string fields_json;     // {"CF_WSH": "...", ...}: stored values
  std::string originals_json;  // {"CF_NR_FK": "0.2", ...}: values as written, where they differ
  uint32_t line = 0;           // line in the batch file
};

// Writes subjects and records. All calls must run inside one store transaction
// (the batch's); nothing here commits.
class ArchiveWriter {
 public:
  explicit ArchiveWriter(store::Store& store, const CodeTables& tables)
      : store_(store), tables_(tables) {}

  // The subject with this code, creating it iff none exists. A subject created here
  // for a uscc is a stub (flagged for quality review) unless `registering` is true
  // (the record is the subject's own registration); natural persons are never
  // registered by a feed, so they are never stubs. *created tells which happened.
  Result<Subject> ResolveSubject(std::string_view code, std::string_view code_kind,
                                 std::string_view name, bool registering, Instant now,
                                 bool* created);

  // Applies registration facts to a subject: name (the old one becomes a former
  // name), kind, status, registration JSON; clears the stub flag.
  Status UpdateRegistration(int64_t subject_id, std::string_view name, std::string_view kind,
                            std::string_view status, std::string_view registration_json,
                            const std::vector<std::string>& former_names, Instant now);

  // The record with this identity, if any.
  Result<std::optional<RecordHead>> FindRecord(std::string_view class_id, std::string_view source,
                                               std::string_view natural_key);

  // Stores a new record with version 1; returns its id.
  Result<int64_t> InsertRecord(const RecordVersionInput& input);
  // Stores version `version` of an existing record and makes it current.
  Status AppendVersion(int64_t record_id, int version, const RecordVersionInput& input);

  // Changes a record's state ("active" | "repaired" | "revoked") and logs the change in
  // record_state_changes(record_id, from_state, to_state, reason, actor, at). The
  // record's versions are untouched (decision 2: a repair or revocation is a state
  // change with a reason, never an overwrite). Fails with InvalidArgument for another
  // state or an empty reason or actor, NotFound for an unknown record, and
  // FailedPrecondition if the record is already in that state. Runs in the caller's
  // transaction if one is open, else in its own.
  Status SetRecordState(int64_t record_id, std::string_view state, std::string_view reason,
                        std::string_view actor, Instant at);

 private:
  // The ISO text of `at`, formatted once per distinct instant (a batch has one).
  const std::string& IsoOf(Instant at);

  store::Store& store_;
  const CodeTables& tables_;
  Instant iso_instant_{-1};
  std::string iso_text_;
};

// A record with its current version, as the views read it.
struct CurrentRecord {
  int64_t id = 0;
  std::string class_id;
  std::string source;  // the source department's uscc
  int version = 0;     // the current version
  std::string state;   // "active" | "repaired" | "revoked"
  std::optional<Date> decision_date;
  std::string fields_json;  // the current version's stored values
};

// One logged change of a record's state.
struct StateChange {
  int64_t record_id = 0;
  std::string from_state, to_state, reason, actor;
  std::string at;  // ISO instant, China time
};

// Reading, for the CLI, tests and the views (archive/view.h).
class ArchiveReader {
 public:
  explicit ArchiveReader(store::Store& store) : store_(store) {}
  Result<std::optional<Subject>> FindSubject(std::string_view code);
  // Calls `fn` for every subject (former names filled, registration JSON included), in
  // id order; with `changed_since`, only subjects created or updated at or after it.
  // For building the search index. Returns the first store error.
  Status ForEachSubject(const std::function<void(const Subject&)>& fn,
                        std::optional<Instant> changed_since = std::nullopt);
  // Every record of the subject with its current version, ordered by (class, id);
  // one indexed read (records_by_subject, record_versions_by_record).
  Result<std::vector<CurrentRecord>> CurrentRecords(int64_t subject_id);
  // The id of the record (class, source, natural_key), if any. natural_key is the
  // comparison form ingest stores (text::NormalizeName of the key fields).
  Result<std::optional<int64_t>> FindRecordId(std::string_view class_id, std::string_view source,
                                              std::string_view natural_key);
  // The state changes of a record, oldest first.
  Result<std::vector<StateChange>> StateChanges(int64_t record_id);
  // Counts for tests and statistics.
  Result<int64_t> CountSubjects();
  Result<int64_t> CountRecords(std::string_view class_id = "");
  Result<int64_t> CountVersions(std::string_view class_id = "");

  struct StoredVersion {
    int64_t record_id = 0;
    int version = 0;
    int64_t batch_id = 0;
    std::string rule_version, content_hash, fields_json, originals_json;
  };
  // Every version of the record (class, source, natural_key), oldest first.
  Result<std::vector<StoredVersion>> Versions(std::string_view class_id, std::string_view source,
                                              std::string_view natural_key);

 private:
  store::Store& store_;
};

}  // namespace gongxin::archive
