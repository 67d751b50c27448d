// The ingest capability's door (归集): a department's file, checked row by row
// against the catalog, stored with full provenance and history, and answered with
// row-level feedback.
//
// A batch commits atomically: its accepted rows all land or none do, and a crash
// mid-batch leaves the store as it was before the batch (one store transaction).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/result.h"
#include "ingest/readers.h"
#include "ingest/violation.h"
#include "store/store.h"

namespace gongxin::ingest {

// Registers ingest's tables (and the archive's, which it writes) with the store.
void RegisterMigrations();

struct IngestOptions {
  std::string class_id;
  std::string source;     // the source department's uscc (validated)
  std::string file_name;  // as handed in (for the batch record)
  Encoding encoding = Encoding::kAuto;
  ReaderLimits limits;
  const Clock* clock = nullptr;  // required: the receipt time
  int threads = 2;               // validation threads
};

// The batch summary (also stored with the batch).
struct BatchSummary {
  int64_t batch = 0;
  std::string class_id;
  int64_t rows = 0;       // data rows read, malformed ones included
  int64_t accepted = 0;   // rows stored: new records plus new versions
  int64_t rejected = 0;   // rows with at least one error
  int64_t unchanged = 0;  // rows identical to the record's current version
  int64_t warnings = 0;   // warnings on accepted or unchanged rows
  int64_t new_records = 0;
  int64_t new_versions = 0;   // corrections of records already held
  int64_t stub_subjects = 0;  // subjects created for unknown codes (quality review)
  // Quality figures (数据质量): compliance = (accepted + unchanged) / rows;
  // timeliness = rows handed in within the class's deadline (working days from the
  // decision date to receipt) / rows with a decision date.
  int64_t timed_rows = 0;
  int64_t timely_rows = 0;
  int deadline_working_days = 0;
  std::string rule_version;         // the class's rule version in force on the receipt date
  std::vector<Violation> feedback;  // every problem, in file order

  double compliance() const { return rows ? double(accepted + unchanged) / double(rows) : 1.0; }
  double timeliness() const { return timed_rows ? double(timely_rows) / double(timed_rows) : 1.0; }
  // {"batch":..,"class":..,"rows":..,"accepted":..,"rejected":..,"unchanged":..,...}
  std::string ToJson(const std::string& feedback_path) const;
};

// Ingests one file's bytes as a batch. Fails (and stores nothing) iff the batch
// could not be processed at all: unknown class or source, unreadable file, a reader
// bound exceeded, no column of the class, or a store error (then rolled back).
// Rejected rows do not fail the batch: they are in the summary's feedback.
Result<BatchSummary> IngestBytes(store::Store& store, const catalog::Catalog& catalog,
                                 std::string_view bytes, const IngestOptions& options);
// Reads `path` (bounded by options.limits) and ingests it; file_name defaults to the path.
Result<BatchSummary> IngestFile(store::Store& store, const catalog::Catalog& catalog,
                                const std::string& path, IngestOptions options);

// The dry run of IngestBytes: reads and validates the bytes exactly as IngestBytes
// does (same reader, RowValidator, chunks; chunks on options.threads threads) and
// stores nothing. The source is checked only when given. In the summary, batch is 0,
// `accepted` counts the rows that pass validation, and unchanged, new_records,
// new_versions and stub_subjects stay 0: which rows are new, corrections or re-sends,
// and which subjects are unknown, only the store can tell (so the warnings
// duplicate_row, unknown_subject and name_mismatch never appear). Fails as
// IngestBytes does, store errors aside.
Result<BatchSummary> ValidateBytes(const catalog::Catalog& catalog, std::string_view bytes,
                                   const IngestOptions& options);
// Reads `path` (bounded by options.limits) and validates it; file_name defaults to the path.
Result<BatchSummary> ValidateFile(const catalog::Catalog& catalog, const std::string& path,
                                  IngestOptions options);

// A stored batch, as the department that handed it in reads it back.
struct StoredBatch {
  BatchSummary summary;  // feedback filled iff ReadBatch was asked for it
  std::string source;
  std::string file_name;
  std::string file_sha256;
  std::string encoding;
  Instant received_at;
};
// The batch with this id; nullopt iff none. With `with_feedback`, every feedback row
// too, in file order.
Result<std::optional<StoredBatch>> ReadBatch(store::Store& store, int64_t batch_id,
                                             bool with_feedback);

// The feedback file: header row then one row per problem, columns
// row_line,field,rule,severity,message_zh,message_en,value (RFC 4180, UTF-8 with BOM
// so that spreadsheet programs open it in Chinese).
std::string FeedbackCsv(const std::vector<Violation>& feedback);
// The same as .xlsx (first sheet), for departments that prefer Excel.
Result<std::string> FeedbackXlsx(const std::vector<Violation>& feedback);

}  // namespace gongxin::ingest
