// ReadCsv: encoding, header, field counts and decoding on top of CsvScanner.
#include <cstring>

#include <fmt/format.h>

#include "core/text.h"
#include "ingest/csv_scanner.h"
#include "ingest/encoding.h"
#include "ingest/reader_common.h"
#include "ingest/readers.h"

namespace gongxin::ingest {
namespace {

using internal::RawRecord;
using internal::RecordError;

// Why a field could not be decoded: the 1-based field, the physical line and
// value of the first bad byte (UTF-8), or core's explanation (GB18030).
struct DecodeFailure {
  uint32_t column = 0;
  uint32_t line = 0;
  unsigned char byte = 0;
  bool nul = false;
  std::string gb_en, gb_zh;
};

// Checks a record's fields as UTF-8, or converts them from GB18030 in place
// (only when the file as a whole did not convert).
class FieldDecoder {
 public:
  FieldDecoder(bool from_gb18030, char eol) : from_gb18030_(from_gb18030), eol_(eol) {}

  bool DecodeRecord(RawRecord* rec, DecodeFailure* failure) {
    for (size_t i = 0; i < rec->count; ++i) {
      std::string& f = rec->fields[i];
      size_t bad = internal::kNpos;
      if (const void* nul = std::memchr(f.data(), '\0', f.size())) {
        bad = static_cast<size_t>(static_cast<const char*>(nul) - f.data());
        failure->nul = true;
      } else if (!from_gb18030_ || internal::IsAscii(f)) {
        bad = text::FirstInvalidUtf8Offset(f);
      } else {
        Result<std::string> utf8 = text::Gb18030ToUtf8(f);
        if (!utf8.ok()) {
          failure->column = static_cast<uint32_t>(i + 1);
          failure->line = rec->field_lines[i];
          failure->gb_en = utf8.status().message();
          failure->gb_zh = utf8.status().message_zh();
          return false;
        }
        f = std::move(utf8).value();
      }
      if (bad != internal::kNpos) {
        failure->column = static_cast<uint32_t>(i + 1);
        failure->byte = static_cast<unsigned char>(f[bad]);
        failure->line = rec->field_lines[i] + internal::LineAt(f, bad, eol_) - 1;
        return false;
      }
    }
    return true;
  }

 private:
  bool from_gb18030_;
  char eol_;
};

std::string AtLine(uint32_t line, uint32_t first_line) {
  return line == first_line ? "" : fmt::format(" on line {}", line);
}
std::string AtLineZh(uint32_t line, uint32_t first_line) {
  return line == first_line ? "" : fmt::format("（第 {} 行）", line);
}

Status RecordProblem(const RawRecord& rec, const ReaderLimits& limits, ReadResult* out) {
  const uint32_t line = rec.first_line;
  const uint32_t col = rec.error_column;
  switch (rec.error) {
    case RecordError::kUnterminatedQuote: {
      const uint32_t q = rec.quote_line;
      const std::string skipped_en = q == line
                                         ? fmt::format("line {} was skipped", line)
                                         : fmt::format("lines {} to {} were skipped", line, q);
      const std::string skipped_zh = q == line ? fmt::format("已跳过第 {} 行", line)
                                               : fmt::format("已跳过第 {} 至 {} 行", line, q);
      return internal::AddProblem(
          out, limits, line, col,
          fmt::format("unterminated quote: the quote that opens field {} on line {} does not "
                      "close {}; {}",
                      col, q, rec.quote_at_eof ? "before the end of the file" : "on that line",
                      skipped_en),
          fmt::format("引号未闭合：第 {} 行第 {} 个字段开头的引号{}没有结束；{}", q, col,
                      rec.quote_at_eof ? "直到文件末尾都" : "在该行内", skipped_zh));
    }
    case RecordError::kRowTooLong:
      return internal::AddProblem(
          out, limits, line, 0,
          fmt::format("the row is longer than {} bytes", limits.max_row_bytes),
          fmt::format("该行长度超过 {} 字节", limits.max_row_bytes));
    case RecordError::kTooManyFields:
      return internal::AddProblem(out, limits, line, 0,
                                  fmt::format("the row has more than {} fields", limits.max_fields),
                                  fmt::format("该行字段数超过 {} 个", limits.max_fields));
    case RecordError::kFieldTooLong:
      return internal::AddProblem(
          out, limits, line, col,
          fmt::format("field {} is longer than {} bytes", col, limits.max_field_bytes),
          fmt::format("第 {} 个字段长度超过 {} 字节", col, limits.max_field_bytes));
    case RecordError::kNone:
      break;
  }
  return Status::OK();
}

Status DecodeProblem(const RawRecord& rec, const DecodeFailure& f, const ReaderLimits& limits,
                     ReadResult* out) {
  if (f.nul) {
    return internal::AddProblem(
        out, limits, rec.first_line, f.column,
        fmt::format("field {} contains a NUL byte{}", f.column, AtLine(f.line, rec.first_line)),
        fmt::format("第 {} 个字段含有 NUL 字节{}", f.column, AtLineZh(f.line, rec.first_line)));
  }
  if (!f.gb_en.empty()) {
    return internal::AddProblem(
        out, limits, rec.first_line, f.column,
        fmt::format("field {} is not valid GB18030 text ({})", f.column, f.gb_en),
        fmt::format("第 {} 个字段不是有效的 GB18030 文本（{}）", f.column, f.gb_zh));
  }
  return internal::AddProblem(
      out, limits, rec.first_line, f.column,
      fmt::format("field {} has byte {}{}, which is not valid UTF-8 text", f.column,
                  internal::ByteName(f.byte), AtLine(f.line, rec.first_line)),
      fmt::format("第 {} 个字段含有无效的 UTF-8 字节 {}{}", f.column, internal::ByteName(f.byte),
                  AtLineZh(f.line, rec.first_line)));
}

Status HeaderError(const RawRecord& rec, const ReaderLimits& limits) {
  ReadResult scratch;
  Status st = RecordProblem(rec, limits, &scratch);
  if (scratch.problems.empty()) return st;
  const ReadProblem& p = scratch.problems.front();
  return Status::InvalidArgument(
      fmt::format("the header row (line {}) cannot be read: {}", rec.first_line, p.message_en),
      fmt::format("表头行（第 {} 行）无法读取：{}", rec.first_line, p.message_zh));
}

// The header from a decoded record: names trimmed, trailing empty names dropped.
std::vector<std::string> HeaderNames(const RawRecord& rec) {
  std::vector<std::string> names;
  for (size_t i = 0; i < rec.count; ++i) {
    names.emplace_back(internal::TrimName(rec.fields[i]));
  }
  while (!names.empty() && names.back().empty()) names.pop_back();
  return names;
}

// GB18030 converted field by field grows: hold the result to the bounds again.
void RecheckBounds(RawRecord* rec, const ReaderLimits& limits) {
  size_t total = 0;
  for (size_t i = 0; i < rec->count; ++i) {
    total += rec->fields[i].size();
    if (rec->fields[i].size() > limits.max_field_bytes) {
      rec->error = RecordError::kFieldTooLong;
      rec->error_column = static_cast<uint32_t>(i + 1);
      return;
    }
  }
  if (total > limits.max_row_bytes) {
    rec->error = RecordError::kRowTooLong;
    rec->error_column = 0;
  }
}

}  // namespace

Result<ReadResult> ReadCsv(std::string_view bytes, Encoding encoding, const ReaderLimits& limits) {
  GX_RETURN_IF_ERROR(internal::CheckFileSize(bytes.size(), limits));
  const bool cr_only = std::memchr(bytes.data(), '\n', bytes.size()) == nullptr &&
                       std::memchr(bytes.data(), '\r', bytes.size()) != nullptr;
  const char eol = cr_only ? '\r' : '\n';
  GX_ASSIGN_OR_RETURN(internal::Detected detected, internal::DetectEncoding(bytes, encoding, eol));

  ReadResult out;
  out.table.detected = detected.encoding;
  out.table.Reserve(0, bytes.size());
  // GB18030 that converted as a whole is scanned as UTF-8; line ends are kept.
  const bool converted = detected.utf8.has_value();
  const std::string_view text =
      converted ? std::string_view(*detected.utf8) : bytes.substr(detected.bom_length);
  internal::CsvScanner scanner(text, cr_only, limits);
  const bool field_by_field = detected.encoding == Encoding::kGb18030 && !converted;
  FieldDecoder decoder(field_by_field, eol);
  RawRecord rec;
  std::vector<std::string_view> cells;
  size_t rows = 0;
  while (scanner.Next(&rec)) {
    if (rec.blank()) continue;
    if (out.table.header_line == 0) {
      if (rec.error != RecordError::kNone) return HeaderError(rec, limits);
      DecodeFailure failure;
      if (!decoder.DecodeRecord(&rec, &failure)) {
        ReadResult scratch;
        (void)DecodeProblem(rec, failure, limits, &scratch);
        return Status::InvalidArgument(
            fmt::format("the header row (line {}) cannot be read: {}", rec.first_line,
                        scratch.problems.front().message_en),
            fmt::format("表头行（第 {} 行）无法读取：{}", rec.first_line,
                        scratch.problems.front().message_zh));
      }
      if (field_by_field) RecheckBounds(&rec, limits);
      if (rec.error != RecordError::kNone) return HeaderError(rec, limits);
      std::vector<std::string> names = HeaderNames(rec);
      if (names.empty()) continue;  // only ideographic spaces: no data
      out.table.SetHeader(std::move(names));
      out.table.header_line = rec.first_line;
      continue;
    }
    GX_RETURN_IF_ERROR(internal::CheckRowCount(++rows, limits));
    if (rec.error != RecordError::kNone) {
      GX_RETURN_IF_ERROR(RecordProblem(rec, limits, &out));
      continue;
    }
    const size_t width = out.table.num_columns();
    size_t count = rec.count;
    while (count > width && rec.fields[count - 1].empty()) --count;  // trailing empty extras
    if (count != width && rec.last_line > rec.first_line) {
      // Probably a stray quote that swallowed the lines after it: read them again
      // one by one, so that only the broken line is lost.
      scanner.RescanLineByLine(rec);
      --rows;
      continue;
    }
    if (count != width) {
      GX_RETURN_IF_ERROR(
          internal::AddProblem(&out, limits, rec.first_line, 0,
                               fmt::format("the row has {} fields but the header (line {}) has {}",
                                           rec.count, out.table.header_line, width),
                               fmt::format("该行有 {} 个字段，但表头（第 {} 行）有 {} 个",
                                           rec.count, out.table.header_line, width)));
      continue;
    }
    DecodeFailure failure;
    if (!decoder.DecodeRecord(&rec, &failure)) {
      GX_RETURN_IF_ERROR(DecodeProblem(rec, failure, limits, &out));
      continue;
    }
    if (field_by_field) {
      RecheckBounds(&rec, limits);
      if (rec.error != RecordError::kNone) {
        GX_RETURN_IF_ERROR(RecordProblem(rec, limits, &out));
        continue;
      }
    }
    cells.assign(rec.fields.begin(), rec.fields.begin() + static_cast<ptrdiff_t>(count));
    out.table.AddRow(cells, rec.first_line);
  }
  if (out.table.header_line == 0) return internal::NoHeaderError();
  return out;
}

}  // namespace gongxin::ingest
