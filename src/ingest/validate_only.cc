// ValidateBytes: the dry run of IngestBytes (a department's check before sending,
// and the benchmark's way to tell validation from storing). The same reader, the
// same RowValidator, the same chunking; chunks are validated on `threads` threads at
// once since no writer waits for them; nothing is stored.
#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include "core/uscc.h"
#include "ingest/batch_prelude.h"
#include "ingest/field_checks.h"
#include "ingest/ingest.h"
#include "ingest/validator.h"

namespace gongxin::ingest {
namespace {

constexpr size_t kChunkRows = 8192;  // as in batch.cc

// What one chunk of rows contributes to the summary; the rows themselves are dropped.
struct ChunkResult {
  int64_t rejected = 0;
  int64_t timed = 0, timely = 0;
  std::vector<Violation> problems;  // in file order
};

void ValidateChunk(const RowValidator& validator, const catalog::Catalog& catalog,
                   const catalog::InfoClass& info_class, const Table& table, Date today,
                   size_t begin, size_t end, ChunkResult* out) {
  std::vector<std::string_view> cells(table.num_columns());
  ValidRow row;
  for (size_t r = begin; r < end; ++r) {
    for (size_t c = 0; c < cells.size(); ++c) cells[c] = table.cell(r, c);
    row = ValidRow{};
    if (!validator.Validate(cells, table.row_line(r), &row, &out->problems)) {
      ++out->rejected;
      continue;
    }
    // Timeliness, as ChunkWriter counts it for accepted rows.
    if (info_class.deadline && row.decision_date) {
      ++out->timed;
      if (catalog.calendar().WorkingDaysBetween(*row.decision_date, today) <=
          info_class.deadline->working_days) {
        ++out->timely;
      }
    }
  }
}

}  // namespace

Result<BatchSummary> ValidateBytes(const catalog::Catalog& catalog, std::string_view bytes,
                                   const IngestOptions& options) {
  if (!options.clock) return Status::Internal("ValidateBytes needs a clock");
  GX_ASSIGN_OR_RETURN(BatchPrelude prelude,
                      PrepareBatch(catalog, bytes, options, options.clock->Now(),
                                   /*require_source=*/false));
  const catalog::InfoClass* info_class = prelude.info_class;
  const Date today = prelude.today;
  const Table& table = prelude.read.table;
  const RowValidator& validator = *prelude.validator;
  BatchSummary summary = std::move(prelude.summary);
  std::vector<Violation> feedback = std::move(prelude.feedback);

  // Chunks are claimed in order by `threads` workers (the caller's thread is one).
  const size_t n = table.num_rows();
  const size_t num_chunks = (n + kChunkRows - 1) / kChunkRows;
  std::vector<ChunkResult> results(num_chunks);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k; (k = next.fetch_add(1)) < num_chunks;) {
      ValidateChunk(validator, catalog, *info_class, table, today, k * kChunkRows,
                    std::min(n, (k + 1) * kChunkRows), &results[k]);
    }
  };
  const size_t threads = std::clamp<size_t>(static_cast<size_t>(std::max(options.threads, 1)), 1,
                                            std::max<size_t>(num_chunks, 1));
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& t : workers) t.join();

  for (ChunkResult& r : results) {
    summary.rejected += r.rejected;
    summary.timed_rows += r.timed;
    summary.timely_rows += r.timely;
    for (auto& p : r.problems) feedback.push_back(std::move(p));
  }
  summary.accepted = summary.rows - summary.rejected;
  std::stable_sort(feedback.begin(), feedback.end(),
                   [](const Violation& a, const Violation& b) { return a.line < b.line; });
  for (const auto& v : feedback) {
    if (v.severity == Severity::kWarning) ++summary.warnings;
  }
  summary.feedback = std::move(feedback);
  return summary;
}

Result<BatchSummary> ValidateFile(const catalog::Catalog& catalog, const std::string& path,
                                  IngestOptions options) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::IOError("cannot read " + path, "无法读取文件 " + path);
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
  return ValidateBytes(catalog, bytes, options);
}

}  // namespace gongxin::ingest
