// ReadFile: a bounded read of a file, then the reader its extension names.
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "ingest/reader_common.h"
#include "ingest/readers.h"

namespace gongxin::ingest {
namespace {

enum class Kind { kCsv, kJsonLines, kXlsx, kXls, kUnknown };

Kind KindOf(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".csv" || ext == ".txt") return Kind::kCsv;
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return Kind::kJsonLines;
  if (ext == ".xlsx") return Kind::kXlsx;
  if (ext == ".xls" || ext == ".et") return Kind::kXls;
  return Kind::kUnknown;
}

Status IoError(int err) {
  return Status::IOError(fmt::format("cannot read the file: {}", std::strerror(err)),
                         fmt::format("无法读取文件：{}", std::strerror(err)));
}

// The whole file, refusing more than max_file_bytes even if it grows meanwhile.
Result<std::string> ReadBounded(const std::string& path, const ReaderLimits& limits) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return IoError(EISDIR);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return IoError(errno);
  std::string data;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec) {
    Status st = internal::CheckFileSize(static_cast<size_t>(size), limits);
    if (!st.ok()) {
      std::fclose(f);
      return st;
    }
    data.reserve(static_cast<size_t>(size));
  }
  char buf[1 << 16];
  while (true) {
    const size_t n = std::fread(buf, 1, sizeof(buf), f);
    data.append(buf, n);
    Status st = internal::CheckFileSize(data.size(), limits);
    if (!st.ok()) {
      std::fclose(f);
      return st;
    }
    if (n < sizeof(buf)) break;
  }
  const bool failed = std::ferror(f) != 0;
  const int err = errno;
  std::fclose(f);
  if (failed) return IoError(err);
  return data;
}

}  // namespace

namespace {

Result<ReadResult> ReadFileUnnamed(const std::string& path, Encoding encoding,
                                   const ReaderLimits& limits) {
  const Kind kind = KindOf(path);
  if (kind == Kind::kXls) {
    return Status::InvalidArgument(
        "the legacy .xls format is not accepted; save the workbook as .xlsx or CSV UTF-8",
        "不接受旧版 .xls 格式；请另存为 .xlsx 或 CSV UTF-8 文件");
  }
  if (kind == Kind::kUnknown) {
    return Status::InvalidArgument(
        "unknown file type; hand in .csv, .txt, .jsonl, .json or .xlsx",
        "无法识别的文件类型；请提交 .csv、.txt、.jsonl、.json 或 .xlsx 文件");
  }
  GX_ASSIGN_OR_RETURN(std::string data, ReadBounded(path, limits));
  if (kind == Kind::kCsv) return ReadCsv(data, encoding, limits);
  if (kind == Kind::kJsonLines) return ReadJsonLines(data, limits);
  return ReadXlsx(data, limits);
}

}  // namespace

Result<ReadResult> ReadFile(const std::string& path, Encoding encoding,
                            const ReaderLimits& limits) {
  Result<ReadResult> result = ReadFileUnnamed(path, encoding, limits);
  if (result.ok()) return result;
  const Status& s = result.status();
  return Status(s.code(), fmt::format("{}: {}", path, s.message()),
                s.message_zh().empty() ? "" : fmt::format("{}：{}", path, s.message_zh()));
}

}  // namespace gongxin::ingest
