#include "ingest/reader_common.h"

#include <cstdint>

#include <fmt/format.h>

namespace gongxin::ingest::internal {

Status CheckFileSize(size_t size, const ReaderLimits& limits) {
  const size_t bound = std::min<size_t>(limits.max_file_bytes, UINT32_MAX - 1);
  if (size <= bound) return Status::OK();
  return Status::ResourceExhausted(
      fmt::format("the file has {} bytes, more than the limit of {} bytes", size, bound),
      fmt::format("文件大小为 {} 字节，超过上限 {} 字节", size, bound));
}

Status CheckRowCount(size_t rows, const ReaderLimits& limits) {
  if (rows <= limits.max_rows) return Status::OK();
  return Status::ResourceExhausted(
      fmt::format("the file has more than {} data rows; split it into smaller batches",
                  limits.max_rows),
      fmt::format("文件数据行超过 {} 行，请拆分为较小的批次", limits.max_rows));
}

Status AddProblem(ReadResult* result, const ReaderLimits& limits, uint32_t line, uint32_t column,
                  std::string en, std::string zh) {
  if (result->problems.size() >= limits.max_problems) {
    const ReadProblem& first =
        result->problems.empty() ? ReadProblem{line, column, en, zh} : result->problems.front();
    return Status::ResourceExhausted(
        fmt::format("more than {} malformed rows, reading stopped at line {}; the first, on "
                    "line {}: {}",
                    limits.max_problems, line, first.line, first.message_en),
        fmt::format("格式错误的行超过 {} 行，已在第 {} 行停止读取；第一处在第 {} 行：{}",
                    limits.max_problems, line, first.line, first.message_zh));
  }
  result->problems.push_back(ReadProblem{line, column, std::move(en), std::move(zh)});
  return Status::OK();
}

Status NoHeaderError() {
  return Status::InvalidArgument("the file holds no data: no header row was found",
                                 "文件没有数据：未找到表头行");
}

std::string_view TrimName(std::string_view name) {
  while (true) {
    const size_t before = name.size();
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t' || name.front() == '\r' ||
                             name.front() == '\n')) {
      name.remove_prefix(1);
    }
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t' || name.back() == '\r' ||
                             name.back() == '\n')) {
      name.remove_suffix(1);
    }
    if (name.starts_with("\xE3\x80\x80") || name.starts_with("\xEF\xBB\xBF")) name.remove_prefix(3);
    if (name.ends_with("\xE3\x80\x80")) name.remove_suffix(3);
    if (name.size() == before) return name;
  }
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

std::string ByteName(unsigned char byte) { return fmt::format("0x{:02X}", byte); }

}  // namespace gongxin::ingest::internal
