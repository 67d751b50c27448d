// ValidateBytes: the dry run of IngestBytes (a department's check before sending,
// and the benchmark's way to tell validation from storing). The same reader, the
// same RowValidator, the same chunking; chunks are validated on `threads` threads at
// once since no writer waits for them; nothing is stored.
#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include "core/uscc.h"
#include "ingest/field_checks.h"
#include "ingest/ingest.h"
#include "ingest/validator.h"

namespace gongxin::ingest {
namespace {

constexpr size_t kChunkRows = 8192;  // as in batch.cc

std::string LowerExtension(const std::string& name) {
  const auto dot = name.find_last_of('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// The reader IngestBytes picks for the file name (batch.cc's ReadByName).
Result<ReadResult> ReadByName(std::string_view bytes, const std::string& name, Encoding encoding,
                              const ReaderLimits& limits) {
  const std::string ext = LowerExtension(name);
  if (ext == "xlsx") return ReadXlsx(bytes, limits);
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") return ReadJsonLines(bytes, limits);
  return ReadCsv(bytes, encoding, limits);
}

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
  const catalog::InfoClass* info_class = catalog.FindClass(options.class_id);
  if (!info_class) {
    std::string known;
    for (const auto& id : catalog.ClassIds()) known += (known.empty() ? "" : ", ") + id;
    return Status::NotFound("unknown class '" + options.class_id + "' (known: " + known + ")",
                            "目录中没有信息类“" + options.class_id + "”（已有：" + known + "）");
  }
  if (!options.source.empty()) {
    auto source_check = uscc::Check(options.source, catalog.standard_tables());
    if (!source_check.valid()) {
      return Status::InvalidArgument(
          "the source must be the department's uscc: " + source_check.reason_en,
          "数据来源单位应为其统一社会信用代码：" + source_check.reason_zh);
    }
  }
  const Date today = options.clock->Now().ChinaDate();

  GX_ASSIGN_OR_RETURN(ReadResult read,
                      ReadByName(bytes, options.file_name, options.encoding, options.limits));
  const Table& table = read.table;

  BatchSummary summary;
  summary.class_id = info_class->id;
  if (const auto* v = info_class->VersionOn(today)) summary.rule_version = v->version;
  if (info_class->deadline) summary.deadline_working_days = info_class->deadline->working_days;

  std::vector<Violation> header_problems;
  GX_ASSIGN_OR_RETURN(RowValidator validator,
                      RowValidator::Create(catalog, *info_class, table.header(), table.header_line,
                                           today, &header_problems));
  std::vector<Violation> feedback = std::move(header_problems);
  for (const auto& p : read.problems) {
    AddViolation(&feedback, p.line, "", rule::kMalformedRow, Severity::kError, p.message_zh,
                 p.message_en, "");
  }
  summary.rows = static_cast<int64_t>(table.num_rows() + read.problems.size());
  summary.rejected = static_cast<int64_t>(read.problems.size());

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
