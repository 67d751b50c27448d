// IngestBytes: read, validate (in parallel, one chunk ahead), store in one
// transaction, answer with feedback.
#include <openssl/sha.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "archive/archive.h"
#include "core/text.h"
#include "core/uscc.h"
#include "ingest/batch_prelude.h"
#include "ingest/field_checks.h"
#include "ingest/ingest.h"
#include "ingest/json_text.h"
#include "ingest/validator.h"

namespace gongxin::ingest {
namespace {

constexpr size_t kChunkRows = 8192;

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

// One chunk of validated rows.
struct Chunk {
  std::vector<ValidRow> rows;       // accepted rows, in file order
  std::vector<bool> row_ok;         // per input row of the chunk
  std::vector<Violation> problems;  // in file order
};

Chunk ValidateChunk(const RowValidator& validator, const Table& table, size_t begin, size_t end) {
  Chunk chunk;
  chunk.row_ok.reserve(end - begin);
  std::vector<std::string_view> cells(table.num_columns());
  for (size_t r = begin; r < end; ++r) {
    for (size_t c = 0; c < cells.size(); ++c) cells[c] = table.cell(r, c);
    ValidRow row;
    const bool ok = validator.Validate(cells, table.row_line(r), &row, &chunk.problems);
    chunk.row_ok.push_back(ok);
    if (ok) chunk.rows.push_back(std::move(row));
  }
  return chunk;
}

std::string FieldsJson(const catalog::InfoClass& c, const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].empty()) continue;
    if (out.size() > 1) out += ',';
    AppendJsonString(&out, c.fields[i].code);
    out += ':';
    AppendJsonString(&out, values[i]);
  }
  out += '}';
  return out;
}

Status InsertBatchRow(store::Store& store, const BatchSummary& s, const IngestOptions& o,
                      std::string_view sha, std::string_view encoding, Instant received,
                      int64_t* id) {
  GX_ASSIGN_OR_RETURN(store::Statement * st,
                      store.Prepare("INSERT INTO batches(class, source, file_name, file_sha256, "
                                    "encoding, received_at, rule_version, deadline_working_days) "
                                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"));
  st->Reset();
  st->Bind(1, o.class_id);
  st->Bind(2, o.source);
  st->Bind(3, o.file_name);
  st->Bind(4, sha);
  st->Bind(5, encoding);
  st->Bind(6, received.ToChinaIso());
  st->Bind(7, s.rule_version);
  st->Bind(8, int64_t{s.deadline_working_days});
  GX_RETURN_IF_ERROR(st->Exec().status());
  *id = store.LastInsertId();
  return Status::OK();
}

Status FinishBatchRow(store::Store& store, const BatchSummary& s) {
  GX_ASSIGN_OR_RETURN(
      store::Statement * st,
      store.Prepare("UPDATE batches SET rows = $2, accepted = $3, rejected = $4, unchanged = $5, "
                    "warnings = $6, new_records = $7, new_versions = $8, stub_subjects = $9, "
                    "timed_rows = $10, timely_rows = $11 WHERE id = $1"));
  st->Reset();
  st->Bind(1, s.batch);
  st->Bind(2, s.rows);
  st->Bind(3, s.accepted);
  st->Bind(4, s.rejected);
  st->Bind(5, s.unchanged);
  st->Bind(6, s.warnings);
  st->Bind(7, s.new_records);
  st->Bind(8, s.new_versions);
  st->Bind(9, s.stub_subjects);
  st->Bind(10, s.timed_rows);
  st->Bind(11, s.timely_rows);
  return st->Exec().status();
}

Status StoreFeedback(store::Store& store, int64_t batch, const std::vector<Violation>& feedback) {
  std::vector<std::vector<store::Value>> rows;
  rows.reserve(std::min<size_t>(feedback.size(), 4096));
  const std::vector<std::string> columns = {"batch_id", "seq",        "line",       "field", "rule",
                                            "severity", "message_zh", "message_en", "value"};
  int64_t seq = 0;
  for (const auto& v : feedback) {
    rows.push_back({batch, ++seq, int64_t{v.line}, v.field, v.rule,
                    std::string(SeverityName(v.severity)), v.message_zh, v.message_en, v.value});
    if (rows.size() == 4096) {
      GX_RETURN_IF_ERROR(store.BulkInsert("batch_feedback", columns, rows));
      rows.clear();
    }
  }
  if (!rows.empty()) GX_RETURN_IF_ERROR(store.BulkInsert("batch_feedback", columns, rows));
  return Status::OK();
}

// Writes the accepted rows of one chunk; appends warnings to `problems`.
class ChunkWriter {
 public:
  ChunkWriter(store::Store& store, const catalog::Catalog& catalog,
              const catalog::InfoClass& info_class, const IngestOptions& options, Instant received,
              BatchSummary* summary)
      : archive_(store, catalog.standard_tables()),
        catalog_(catalog),
        class_(info_class),
        options_(options),
        received_(received),
        summary_(summary) {
    if (const auto* reg = info_class.registration ? &*info_class.registration : nullptr) {
      status_index_ = IndexOf(reg->status_field);
      former_index_ = IndexOf(reg->former_names_field);
    }
  }

  // Keys that occur more than once in the batch: their rows wait for Flush().
  void SetRepeatedKeys(std::unordered_set<std::string> keys) { repeated_ = std::move(keys); }

  Status Write(const ValidRow& row, std::vector<Violation>* problems) {
    if (repeated_.count(row.natural_key)) {
      auto [it, inserted] = pending_.try_emplace(row.natural_key);
      if (inserted) pending_order_.push_back(row.natural_key);
      it->second.push_back(row);
      return Status::OK();
    }
    return WriteNow(row, problems);
  }

  // Writes the rows of repeated keys. A batch states the record as its LAST row for
  // the key says: if that equals the record's current version, every row of the key
  // is unchanged (so re-sending a file that holds a correction changes nothing);
  // otherwise the rows apply in file order, each a version.
  Status Flush(std::vector<Violation>* problems) {
    for (const auto& key : pending_order_) {
      const std::vector<ValidRow>& rows = pending_[key];
      GX_ASSIGN_OR_RETURN(auto head, archive_.FindRecord(class_.id, options_.source, key));
      if (head && head->content_hash == rows.back().content_hash) {
        std::unordered_set<std::string> hashes;
        for (const auto& row : rows) {
          ++summary_->unchanged;
          if (!hashes.insert(row.content_hash).second) DuplicateWarning(row, problems);
          CountTimeliness(row);
        }
        continue;
      }
      for (const auto& row : rows) GX_RETURN_IF_ERROR(WriteNow(row, problems));
    }
    pending_.clear();
    pending_order_.clear();
    return Status::OK();
  }

 private:
  void DuplicateWarning(const ValidRow& row, std::vector<Violation>* problems) {
    AddViolation(problems, row.line, KeyField(), rule::kDuplicateRow, Severity::kWarning,
                 "与本批次前面的行重复（同一" + KeyNameZh() + "、内容相同），未重复入库",
                 "duplicates an earlier row of this batch (same " + KeyField() +
                     ", same content); not stored again",
                 KeyValue(row));
  }

  void CountTimeliness(const ValidRow& row) {
    // Timeliness: working days from the decision to the receipt.
    if (class_.deadline && row.decision_date) {
      ++summary_->timed_rows;
      const int days =
          catalog_.calendar().WorkingDaysBetween(*row.decision_date, received_.ChinaDate());
      if (days <= class_.deadline->working_days) ++summary_->timely_rows;
    }
  }

  std::string KeyNameZh() const {
    std::string out;
    for (const auto& k : class_.natural_key) {
      const auto* f = class_.FindField(k);
      out += (out.empty() ? "" : "、") + (f ? f->names.zh : k);
    }
    return out;
  }

  Status WriteNow(const ValidRow& row, std::vector<Violation>* problems) {
    const bool registering = class_.registration.has_value();
    // The subject.
    int64_t subject_id;
    std::string subject_name, subject_key;
    auto cached = subjects_.find(row.subject_code);
    if (cached != subjects_.end()) {
      subject_id = cached->second.id;
      subject_name = cached->second.name;
      subject_key = cached->second.name_key;
    } else {
      bool created = false;
      GX_ASSIGN_OR_RETURN(
          archive::Subject subject,
          archive_.ResolveSubject(row.subject_code, SubjectCodeKindName(row.subject_code_kind),
                                  row.subject_name, registering, received_, &created));
      if (created && subject.stub) {
        ++summary_->stub_subjects;
        AddViolation(problems, row.line, SubjectField(row), rule::kUnknownSubject,
                     Severity::kWarning,
                     "信用主体 " + row.subject_code + " 尚未登记，已建立待核查的主体档案",
                     "subject " + row.subject_code +
                         " is not registered; a stub subject was created for quality review",
                     row.subject_code);
      }
      subject_id = subject.id;
      subject_name = subject.name;
      subject_key = text::NormalizeName(subject_name);
      subjects_.emplace(row.subject_code, KnownSubject{subject_id, subject_name, subject_key});
    }
    if (!registering && !row.subject_name.empty() && !subject_name.empty() &&
        (row.subject_name != subject_name &&
         text::NormalizeName(row.subject_name) != subject_key)) {
      AddViolation(problems, row.line, class_.subject.name_field, rule::kNameMismatch,
                   Severity::kWarning,
                   "名称“" + row.subject_name + "”与该代码登记的名称“" + subject_name +
                       "”不一致（未合并，请核实）",
                   "name '" + row.subject_name + "' differs from the name registered for " +
                       row.subject_code + ", '" + subject_name + "' (not merged; please check)",
                   row.subject_name);
    }

    // The record.
    archive::RecordVersionInput in;
    in.class_id = class_.id;
    in.source = options_.source;
    in.natural_key = row.natural_key;
    in.subject_id = subject_id;
    in.decision_date = row.decision_date;
    in.batch_id = summary_->batch;
    in.received_at = received_;
    in.rule_version = row.rule_version;
    in.content_hash = row.content_hash;
    in.line = row.line;
    const bool seen_in_batch = !keys_in_batch_.insert(row.natural_key).second;
    GX_ASSIGN_OR_RETURN(auto head,
                        archive_.FindRecord(class_.id, options_.source, row.natural_key));
    bool stored = true;
    if (head && head->content_hash == row.content_hash) {
      ++summary_->unchanged;
      stored = false;
      if (seen_in_batch) DuplicateWarning(row, problems);
    } else {
      in.fields_json = FieldsJson(class_, row.values);
      in.originals_json = FieldsJson(class_, row.originals);
      if (head) {
        GX_RETURN_IF_ERROR(archive_.AppendVersion(head->id, head->current_version + 1, in));
        ++summary_->new_versions;
      } else {
        GX_RETURN_IF_ERROR(archive_.InsertRecord(in).status());
        ++summary_->new_records;
      }
      ++summary_->accepted;
    }
    if (stored && registering) {
      std::vector<std::string> former;
      if (former_index_ >= 0 && !row.values[former_index_].empty()) {
        former = catalog_.SplitValues(class_.fields[former_index_], row.values[former_index_]);
      }
      const std::string status = status_index_ >= 0 ? row.values[status_index_] : "";
      std::string kind = "other_organisation";
      if (row.subject_code_kind == SubjectCodeKind::kUscc) {
        if (const auto* p = catalog_.standard_tables().uscc_prefixes.Find(
                std::string_view(row.subject_code).substr(0, 2))) {
          kind = std::string(SubjectKindName(p->kind));
        }
      } else {
        kind = "natural_person";
      }
      GX_RETURN_IF_ERROR(archive_.UpdateRegistration(subject_id, row.subject_name, kind, status,
                                                     in.fields_json, former, received_));
      subjects_[row.subject_code] =
          KnownSubject{subject_id, row.subject_name, text::NormalizeName(row.subject_name)};
    }
    CountTimeliness(row);
    return Status::OK();
  }

  int IndexOf(const std::string& code) const {
    for (size_t i = 0; i < class_.fields.size(); ++i) {
      if (!code.empty() && class_.fields[i].code == code) return static_cast<int>(i);
    }
    return -1;
  }
  std::string SubjectField(const ValidRow& row) const {
    return row.subject_code_kind == SubjectCodeKind::kUscc ? class_.subject.uscc_field
                                                           : class_.subject.id_number_field;
  }
  std::string KeyField() const {
    std::string out;
    for (const auto& k : class_.natural_key) out += (out.empty() ? "" : "+") + k;
    return out;
  }
  std::string KeyValue(const ValidRow& row) const {
    std::string out;
    for (const auto& k : class_.natural_key) {
      const int i = IndexOf(k);
      if (i >= 0) out += (out.empty() ? "" : " ") + row.values[i];
    }
    return out;
  }

  archive::ArchiveWriter archive_;
  const catalog::Catalog& catalog_;
  const catalog::InfoClass& class_;
  const IngestOptions& options_;
  Instant received_;
  BatchSummary* summary_;
  int status_index_ = -1, former_index_ = -1;
  struct KnownSubject {
    int64_t id;
    std::string name, name_key;
  };
  std::unordered_map<std::string, KnownSubject> subjects_;
  std::unordered_set<std::string> repeated_;
  std::unordered_map<std::string, std::vector<ValidRow>> pending_;
  std::vector<std::string> pending_order_;
  std::unordered_set<std::string> keys_in_batch_;
};

}  // namespace

Result<BatchSummary> IngestBytes(store::Store& store, const catalog::Catalog& catalog,
                                 std::string_view bytes, const IngestOptions& options) {
  if (!options.clock) return Status::Internal("IngestBytes needs a clock");
  const Instant received = options.clock->Now();
  GX_ASSIGN_OR_RETURN(BatchPrelude prelude,
                      PrepareBatch(catalog, bytes, options, received, /*require_source=*/true));
  const catalog::InfoClass* info_class = prelude.info_class;
  const Table& table = prelude.read.table;
  const RowValidator& validator = *prelude.validator;
  BatchSummary summary = std::move(prelude.summary);
  std::vector<Violation> feedback = std::move(prelude.feedback);

  store::Transaction tx(store);
  GX_RETURN_IF_ERROR(tx.Begin());
  GX_RETURN_IF_ERROR(InsertBatchRow(store, summary, options, Sha256Hex(bytes),
                                    EncodingName(table.detected), received, &summary.batch));
  ChunkWriter writer(store, catalog, *info_class, options, received, &summary);
  {
    // Keys that occur more than once (a correction or a duplicate in the same file).
    std::unordered_map<std::string, int> seen;
    std::unordered_set<std::string> repeated;
    std::vector<std::string_view> cells(table.num_columns());
    for (size_t r = 0; r < table.num_rows(); ++r) {
      for (size_t c = 0; c < cells.size(); ++c) cells[c] = table.cell(r, c);
      std::string key = validator.KeyOf(cells);
      if (++seen[key] == 2) repeated.insert(std::move(key));
    }
    writer.SetRepeatedKeys(std::move(repeated));
  }

  // Validate chunk k+1 on a worker thread while chunk k is written.
  const size_t n = table.num_rows();
  auto launch = [&](size_t begin) {
    const size_t end = std::min(n, begin + kChunkRows);
    return std::async(
        options.threads > 1 ? std::launch::async : std::launch::deferred,
        [&validator, &table, begin, end] { return ValidateChunk(validator, table, begin, end); });
  };
  std::future<Chunk> next;
  if (n > 0) next = launch(0);
  for (size_t begin = 0; begin < n; begin += kChunkRows) {
    Chunk chunk = next.get();
    if (begin + kChunkRows < n) next = launch(begin + kChunkRows);
    for (bool ok : chunk.row_ok) summary.rejected += ok ? 0 : 1;
    std::vector<Violation>& problems = chunk.problems;
    for (const auto& row : chunk.rows) GX_RETURN_IF_ERROR(writer.Write(row, &problems));
    for (auto& p : problems) feedback.push_back(std::move(p));
  }

  GX_RETURN_IF_ERROR(writer.Flush(&feedback));
  std::stable_sort(feedback.begin(), feedback.end(),
                   [](const Violation& a, const Violation& b) { return a.line < b.line; });
  for (const auto& v : feedback) {
    if (v.severity == Severity::kWarning) ++summary.warnings;
  }
  GX_RETURN_IF_ERROR(StoreFeedback(store, summary.batch, feedback));
  GX_RETURN_IF_ERROR(FinishBatchRow(store, summary));
  GX_RETURN_IF_ERROR(tx.Commit());
  summary.feedback = std::move(feedback);
  return summary;
}

Result<BatchSummary> IngestFile(store::Store& store, const catalog::Catalog& catalog,
                                const std::string& path, IngestOptions options) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    return Status::IOError("cannot read " + path, "无法读取文件 " + path);
  }
  const auto size = static_cast<size_t>(in.tellg());
  if (size > options.limits.max_file_bytes) {
    return Status::ResourceExhausted(path + " is " + std::to_string(size) + " bytes; at most " +
                                         std::to_string(options.limits.max_file_bytes) +
                                         " are accepted in one batch",
                                     path + " 超过单批次文件大小上限");
  }
  std::string bytes(size, '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (options.file_name.empty()) options.file_name = path;
  return IngestBytes(store, catalog, bytes, options);
}

std::string BatchSummary::ToJson(const std::string& feedback_path) const {
  std::string out = "{\"batch\":" + std::to_string(batch) + ",\"class\":";
  AppendJsonString(&out, class_id);
  out += ",\"rows\":" + std::to_string(rows) + ",\"accepted\":" + std::to_string(accepted) +
         ",\"rejected\":" + std::to_string(rejected) +
         ",\"unchanged\":" + std::to_string(unchanged) +
         ",\"warnings\":" + std::to_string(warnings) +
         ",\"new_records\":" + std::to_string(new_records) +
         ",\"new_versions\":" + std::to_string(new_versions) +
         ",\"stub_subjects\":" + std::to_string(stub_subjects);
  char buf[64];
  std::snprintf(buf, sizeof buf, ",\"compliance\":%.4f,\"timeliness\":%.4f", compliance(),
                timeliness());
  out += buf;
  out += ",\"feedback\":";
  AppendJsonString(&out, feedback_path);
  out += '}';
  return out;
}

}  // namespace gongxin::ingest
