#include "ingest/batch_prelude.h"

#include <cctype>

#include "core/uscc.h"
#include "ingest/field_checks.h"

namespace gongxin::ingest {
namespace {

std::string LowerExtension(const std::string& name) {
  const auto dot = name.find_last_of('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// The reader for the file name's extension: .xlsx, .jsonl/.ndjson/.json, else CSV.
Result<ReadResult> ReadByName(std::string_view bytes, const std::string& name, Encoding encoding,
                              const ReaderLimits& limits) {
  const std::string ext = LowerExtension(name);
  if (ext == "xlsx") return ReadXlsx(bytes, limits);
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") return ReadJsonLines(bytes, limits);
  return ReadCsv(bytes, encoding, limits);
}

}  // namespace

Result<BatchPrelude> PrepareBatch(const catalog::Catalog& catalog, std::string_view bytes,
                                  const IngestOptions& options, Instant received,
                                  bool require_source) {
  BatchPrelude p;
  p.info_class = catalog.FindClass(options.class_id);
  if (!p.info_class) {
    std::string known;
    for (const auto& id : catalog.ClassIds()) known += (known.empty() ? "" : ", ") + id;
    return Status::NotFound("unknown class '" + options.class_id + "' (known: " + known + ")",
                            "目录中没有信息类“" + options.class_id + "”（已有：" + known + "）");
  }
  if (require_source || !options.source.empty()) {
    auto source_check = uscc::Check(options.source, catalog.standard_tables());
    if (!source_check.valid()) {
      return Status::InvalidArgument(
          "the source must be the department's uscc: " + source_check.reason_en,
          "数据来源单位应为其统一社会信用代码：" + source_check.reason_zh);
    }
  }
  p.today = received.ChinaDate();
  GX_ASSIGN_OR_RETURN(p.read,
                      ReadByName(bytes, options.file_name, options.encoding, options.limits));
  const Table& table = p.read.table;
  p.summary.class_id = p.info_class->id;
  if (const auto* v = p.info_class->VersionOn(p.today)) p.summary.rule_version = v->version;
  if (p.info_class->deadline) {
    p.summary.deadline_working_days = p.info_class->deadline->working_days;
  }
  GX_ASSIGN_OR_RETURN(RowValidator validator,
                      RowValidator::Create(catalog, *p.info_class, table.header(),
                                           table.header_line, p.today, &p.feedback));
  p.validator.emplace(std::move(validator));
  // Rows the reader could not parse are rejected rows too.
  for (const auto& problem : p.read.problems) {
    AddViolation(&p.feedback, problem.line, "", rule::kMalformedRow, Severity::kError,
                 problem.message_zh, problem.message_en, "");
  }
  p.summary.rows = static_cast<int64_t>(table.num_rows() + p.read.problems.size());
  p.summary.rejected = static_cast<int64_t>(p.read.problems.size());
  return p;
}

}  // namespace gongxin::ingest
