// What every reader result must satisfy whatever the input: the invariants the
// fuzzers and the fuzz smoke test check. Header-only, shared by both.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/text.h"
#include "ingest/readers.h"

namespace gongxin::ingest::testing {

enum class Lines { kPhysical, kSheetRows };

// Returns "" if `result` is within `limits` and well-formed, else what is wrong.
inline std::string CheckResult(const Result<ReadResult>& result, const ReaderLimits& limits,
                               Lines lines, size_t input_lines) {
  if (!result.ok()) {
    if (result.status().message().empty()) return "error without a message";
    if (result.status().message_zh().empty()) return "error without a Chinese message";
    return "";
  }
  const Table& t = result->table;
  if (t.num_rows() > limits.max_rows) return "more rows than max_rows";
  if (t.num_columns() > limits.max_fields) return "more columns than max_fields";
  if (result->problems.size() > limits.max_problems) return "more problems than max_problems";
  if (t.num_rows() > 0 && t.header_line == 0) return "rows without a header line";
  for (const std::string& name : t.header()) {
    if (!text::IsValidUtf8(name)) return "header name is not UTF-8";
    if (name.size() > limits.max_field_bytes) return "header name over max_field_bytes";
  }
  uint32_t previous = t.header_line;
  for (size_t r = 0; r < t.num_rows(); ++r) {
    const uint32_t line = t.row_line(r);
    if (line == 0) return "row line 0";
    if (lines == Lines::kPhysical) {
      // The first row may share the header's line (JSON lines); then strictly up.
      if (r == 0 ? line < previous : line <= previous) return "row lines not increasing";
      if (line > input_lines) return "row line beyond the input";
    }
    previous = line;
    size_t row_bytes = 0;
    for (size_t c = 0; c < t.num_columns(); ++c) {
      const std::string_view v = t.cell(r, c);
      if (v.size() > limits.max_field_bytes) return "cell over max_field_bytes";
      if (!text::IsValidUtf8(v)) return "cell is not UTF-8";
      if (v.find('\0') != std::string_view::npos) return "cell holds NUL";
      row_bytes += v.size();
    }
    if (row_bytes > limits.max_row_bytes) return "row over max_row_bytes";
  }
  for (const ReadProblem& p : result->problems) {
    if (p.line == 0) return "problem on line 0";
    if (lines == Lines::kPhysical && p.line > input_lines) return "problem beyond the input";
    if (p.message_en.empty() || p.message_zh.empty()) return "problem without both messages";
  }
  return "";
}

// Physical lines of the input as the readers count them (LF, or CR alone).
inline size_t CountLines(std::string_view data) {
  size_t lf = 0, cr = 0;
  for (char c : data) {
    lf += c == '\n';
    cr += c == '\r';
  }
  return (lf > 0 ? lf : cr) + 1;
}

// Small bounds, so that fuzzing reaches them.
inline ReaderLimits SmallLimits() {
  ReaderLimits limits;
  limits.max_file_bytes = 1 << 16;
  limits.max_row_bytes = 256;
  limits.max_fields = 16;
  limits.max_rows = 64;
  limits.max_field_bytes = 48;
  limits.max_problems = 32;
  limits.max_uncompressed_bytes = 1 << 20;
  return limits;
}

// Aborts (for libFuzzer) with what went wrong.
inline void CheckOrDie(const Result<ReadResult>& result, const ReaderLimits& limits, Lines lines,
                       size_t input_lines) {
  const std::string why = CheckResult(result, limits, lines, input_lines);
  if (!why.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", why.c_str());
    std::abort();
  }
}

}  // namespace gongxin::ingest::testing
