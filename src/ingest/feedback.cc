// Feedback files: what a source department gets back for a batch.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/ingest.h"

namespace gongxin::ingest {
namespace {

void AppendCsvField(std::string* out, std::string_view v) {
  const bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!v.empty() && (v.front() == ' ' || v.back() == ' '));
  if (!quote) {
    out->append(v);
    return;
  }
  out->push_back('"');
  for (char c : v) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

const char* const kColumns[] = {"row_line",   "field",      "rule", "severity",
                                "message_zh", "message_en", "value"};

}  // namespace

std::string FeedbackCsv(const std::vector<Violation>& feedback) {
  std::string out = "\xEF\xBB\xBF";
  for (int i = 0; i < 7; ++i) {
    if (i) out += ',';
    out += kColumns[i];
  }
  out += "\r\n";
  for (const auto& v : feedback) {
    out += std::to_string(v.line);
    out += ',';
    AppendCsvField(&out, v.field);
    out += ',';
    AppendCsvField(&out, v.rule);
    out += ',';
    out += SeverityName(v.severity);
    out += ',';
    AppendCsvField(&out, v.message_zh);
    out += ',';
    AppendCsvField(&out, v.message_en);
    out += ',';
    AppendCsvField(&out, v.value);
    out += "\r\n";
  }
  return out;
}

Result<std::string> FeedbackXlsx(const std::vector<Violation>& feedback) {
  // libxlsxwriter writes to a file; use a private temporary one.
  char path[] = "/tmp/gongxin-feedback-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Status::IOError("cannot create a temporary file for the xlsx feedback");
  close(fd);
  const std::string file = std::string(path);
  lxw_workbook* wb = workbook_new(file.c_str());
  if (!wb) return Status::IOError("cannot start the xlsx feedback workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "反馈 feedback");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const char* const zh_headers[] = {"行号", "信息项", "规则", "级别", "说明", "Message", "原值"};
  for (int c = 0; c < 7; ++c) worksheet_write_string(ws, 0, c, zh_headers[c], bold);
  lxw_row_t r = 1;
  for (const auto& v : feedback) {
    worksheet_write_number(ws, r, 0, v.line, nullptr);
    worksheet_write_string(ws, r, 1, v.field.c_str(), nullptr);
    worksheet_write_string(ws, r, 2, v.rule.c_str(), nullptr);
    worksheet_write_string(ws, r, 3, std::string(SeverityName(v.severity)).c_str(), nullptr);
    worksheet_write_string(ws, r, 4, v.message_zh.c_str(), nullptr);
    worksheet_write_string(ws, r, 5, v.message_en.c_str(), nullptr);
    worksheet_write_string(ws, r, 6, v.value.c_str(), nullptr);
    ++r;
  }
  if (workbook_close(wb) != LXW_NO_ERROR) {
    std::remove(file.c_str());
    return Status::IOError("cannot write the xlsx feedback");
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::remove(file.c_str());
  return ss.str();
}

}  // namespace gongxin::ingest
