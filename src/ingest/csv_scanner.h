// Splits CSV bytes into records of raw (still encoded) fields. Internal to
// src/ingest; ReadCsv decodes and checks what it yields.
//
// Works on bytes: the structural characters (comma, quote, CR, LF) are ASCII and
// never occur inside a multibyte character of UTF-8 or GB18030, so one scanner
// serves both encodings. Work is linear in the input, memory bounded by the row
// and field limits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers.h"

namespace gongxin::ingest::internal {

enum class RecordError {
  kNone,
  kUnterminatedQuote,  // a quoted field reached the end of the file (or line, see below)
  kRowTooLong,         // more than max_row_bytes
  kTooManyFields,      // more than max_fields
  kFieldTooLong,       // a field over max_field_bytes
};

struct RawRecord {
  // Fields with quotes removed and doubled quotes undone; only the first
  // `count` entries are this record's (the vectors are reused).
  std::vector<std::string> fields;
  std::vector<uint32_t> field_lines;  // physical line each field starts on
  size_t count = 0;
  uint32_t first_line = 0;
  uint32_t last_line = 0;  // line the record ends on
  RecordError error = RecordError::kNone;
  uint32_t error_column = 0;  // 1-based field of the error, 0 for the row
  uint32_t quote_line = 0;    // kUnterminatedQuote: line the quote opened on
  bool quote_at_eof = false;  // kUnterminatedQuote: still open at the end of the data
  size_t begin = 0;           // offsets of the record in the data
  size_t end = 0;

  std::string_view field(size_t i) const { return fields[i]; }
  // No error and every field empty or blank: a row with no data.
  bool blank() const;
};

class CsvScanner {
 public:
  // `data` must outlive the scanner. Line ends are LF or CRLF, or CR alone if
  // `cr_line_ends` (files without any LF).
  CsvScanner(std::string_view data, bool cr_line_ends, const ReaderLimits& limits);

  // Reads the next record into *rec; false at the end of the data.
  //
  // Recovery: a record with a bound error is skipped to its end (quotes still
  // honoured). A quote still open at the end of the data is reported as
  // kUnterminatedQuote for the record (lines first_line..quote_line) and
  // scanning resumes at the line after the one the quote opened on. After the
  // second such quote a quoted field may no longer span lines (a line end
  // inside quotes ends the record with kUnterminatedQuote), which keeps the
  // work linear: the data is scanned at most three times.
  bool Next(RawRecord* rec);

  // Reads the lines of `rec` (a record that spans lines) again, this time with
  // quotes that cannot span lines: for a record whose field count shows that a
  // stray quote swallowed the lines after it. Each record is rescanned at most
  // once, since rescanned records are one line each.
  void RescanLineByLine(const RawRecord& rec);

 private:
  size_t LineEndLength(size_t p) const;
  std::string* NewField(RawRecord* rec);

  std::string_view d_;
  bool cr_;
  const ReaderLimits& limits_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  bool quotes_on_one_line_ = false;
  int eof_quotes_ = 0;         // quotes found open at the end of the data
  size_t one_line_until_ = 0;  // before this offset quotes cannot span lines
};

}  // namespace gongxin::ingest::internal
