#include "ingest/test_util.h"

#include <sstream>

#include "support/golden.h"

namespace gongxin::ingest::testing {

std::string Escape(std::string_view value) {
  std::string out;
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '|':
        out += "\\|";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string DumpTable(const Table& table) {
  std::ostringstream out;
  out << "header@" << table.header_line << ":";
  for (size_t c = 0; c < table.num_columns(); ++c) {
    out << (c == 0 ? " " : " | ") << Escape(table.header()[c]);
  }
  out << "\n";
  for (size_t r = 0; r < table.num_rows(); ++r) {
    out << "row@" << table.row_line(r) << ":";
    for (size_t c = 0; c < table.num_columns(); ++c) {
      out << (c == 0 ? " " : " | ") << Escape(table.cell(r, c));
    }
    out << "\n";
  }
  return out.str();
}

std::string Dump(const Result<ReadResult>& result) {
  std::ostringstream out;
  if (!result.ok()) {
    out << "error: " << StatusCodeName(result.status().code()) << "\n";
    out << "en: " << result.status().message() << "\n";
    out << "zh: " << result.status().message_zh() << "\n";
    return out.str();
  }
  out << "encoding: " << EncodingName(result->table.detected) << "\n";
  out << DumpTable(result->table);
  for (const ReadProblem& p : result->problems) {
    out << "problem@" << p.line << " column " << p.column << "\n";
    out << "  en: " << p.message_en << "\n";
    out << "  zh: " << p.message_zh << "\n";
  }
  return out.str();
}

std::string ReadInput(const std::string& name) {
  return gongxin::testing::ReadFileOrFail(gongxin::testing::TestDataPath("golden/readers/" + name));
}

}  // namespace gongxin::ingest::testing
