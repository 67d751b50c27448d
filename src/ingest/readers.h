// File readers of the ingest capability (归集): CSV, JSON lines and .xlsx.
//
// This is the one door to the readers. Each reader turns the bytes a department
// handed in into a Table of UTF-8 strings plus a list of problems, one per
// malformed row, each naming its line. Nothing is interpreted here: values are
// kept as text (numbers as their source text), schema checks belong to the
// validator.
//
// Contract shared by every reader:
//   * Bounded: file size, row length, field count, field length, row count and
//     problem count are limited by ReaderLimits; xlsx also bounds the
//     uncompressed size of what it reads.
//   * A bound on the whole file (size, number of rows, number of problems), an
//     unreadable header or an undecidable encoding is a Status error.
//   * A malformed row (wrong field count, unterminated quote, invalid byte
//     sequence, over-long row or field) becomes a ReadProblem with its line and
//     is left out of the table; reading goes on with the next row. Nothing is
//     dropped without a problem saying so, except rows that carry no data at
//     all (empty lines, lines of only separators or whitespace).
//   * Never crashes, whatever the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gongxin::ingest {

struct ReaderLimits {
  size_t max_file_bytes = size_t{512} << 20;        // the input itself; capped at 4 GiB
  size_t max_row_bytes = size_t{1} << 20;           // one row (xlsx: the sum of its values)
  size_t max_fields = 512;                          // fields per row, columns per table
  size_t max_rows = 10'000'000;                     // data rows, malformed ones included
  size_t max_field_bytes = size_t{64} << 10;        // one value (also a header name)
  size_t max_problems = 10'000;                     // more malformed rows than this: error
  size_t max_uncompressed_bytes = size_t{2} << 30;  // xlsx: XML read out of the zip
};

enum class Encoding { kAuto, kUtf8, kGb18030 };

// "auto", "utf-8", "gb18030".
std::string_view EncodingName(Encoding encoding);

// Rows of UTF-8 strings under a header, stored compactly (one buffer for all
// values, 4 bytes of index per value) so that a file at the size bounds fits in
// memory. Every row has num_columns() values; a row stored narrower (JSON lines
// seen before a later key appeared, xlsx rows with trailing blanks) reads as ""
// in the missing columns.
class Table {
 public:
  const std::vector<std::string>& header() const { return header_; }
  size_t num_columns() const { return header_.size(); }
  size_t num_rows() const { return rows_.size(); }

  // Precondition: row < num_rows(). Columns past the row's stored width are "".
  std::string_view cell(size_t row, size_t column) const;
  // A copy of one row, num_columns() values.
  std::vector<std::string> Row(size_t row) const;
  // First physical line (CSV, JSON lines) or sheet row number (xlsx) of a row.
  uint32_t row_line(size_t row) const { return rows_[row].line; }

  // Line (or sheet row) of the header; 0 while there is none.
  uint32_t header_line = 0;
  // The encoding the bytes were decoded from (kUtf8 for JSON lines and xlsx).
  Encoding detected = Encoding::kUtf8;

  // Building, for the readers.
  void SetHeader(std::vector<std::string> header) { header_ = std::move(header); }
  void AddColumn(std::string name) { header_.push_back(std::move(name)); }
  // Precondition: cells.size() <= num_columns(); the row's text is < 4 GiB.
  void AddRow(std::span<const std::string_view> cells, uint32_t line);
  void Reserve(size_t rows, size_t data_bytes);

 private:
  struct RowRef {
    uint64_t data_begin;  // offset of the row's first value in data_
    uint64_t cell_begin;  // index of the row's first value end in ends_
    uint32_t width;       // values stored for this row
    uint32_t line;
  };
  std::vector<std::string> header_;
  std::vector<RowRef> rows_;
  std::vector<uint32_t> ends_;  // end of each value, relative to its row's data_begin
  std::string data_;
};

struct ReadProblem {
  uint32_t line = 0;    // first physical line of the row (xlsx: sheet row number)
  uint32_t column = 0;  // 1-based field the problem is in; 0 for the whole row
  std::string message_en;
  std::string message_zh;
};

struct ReadResult {
  Table table;
  std::vector<ReadProblem> problems;  // in file order
};

// CSV (RFC 4180 plus tolerance): comma separated; CRLF, LF or (when the file has
// no LF at all) CR line ends; quoted fields may hold commas, doubled quotes and
// line breaks; a quote inside an unquoted field is kept literally; characters
// after a closing quote are kept too. The first row with data is the header; its
// names are trimmed and trailing empty names dropped. A data row must have as
// many fields as the header, except for extra trailing empty fields.
//
// Recovery from a stray quote: a row that spans lines and has the wrong number
// of fields is read again line by line with quotes confined to their line, and
// a quote still open at the end of the file costs only the lines up to the one
// it opened on; either way the broken line is reported and the rest is read.
//
// Encoding: kAuto takes a UTF-8 BOM as UTF-8 (a BOM wins over a given encoding
// too), then valid UTF-8 as UTF-8, then text that decodes as GB18030 and looks
// like it (uchardet agrees, or it reads as Chinese) as GB18030, then mostly-valid
// UTF-8 as UTF-8 with the damaged rows reported; otherwise an error names the
// line of the first byte that is not UTF-8. UTF-16 is refused with a clear error.
// GB18030 text is converted to UTF-8 first (core's text::Gb18030ToUtf8); the
// row and field bounds then apply to the converted text.
Result<ReadResult> ReadCsv(std::string_view bytes, Encoding encoding, const ReaderLimits& limits);

// JSON lines: one object per line, UTF-8 (a BOM is skipped). The header is the
// union of keys in first-seen order. Values: strings as they are, numbers as
// their source text ("0.200000" stays so; never through a double), true/false
// as "true"/"false", null as "". A nested object or array, a duplicate key, a
// line that is not an object or not valid JSON is a problem for that line. A
// file that is one JSON array ("[...]") is refused as a whole with a clear error.
// Keys are trimmed like CSV header names; an object without a non-empty value
// carries no data and is skipped like an empty line. Lines are split on LF only.
Result<ReadResult> ReadJsonLines(std::string_view bytes, const ReaderLimits& limits);

// .xlsx (Office Open XML, transitional or strict): the first sheet of the
// workbook that is not hidden (hidden sheets before it, often code lists for
// drop-downs, are passed over). Shared and inline strings as text; numbers as the text stored in
// the file; booleans "TRUE"/"FALSE"; error cells as their text ("#N/A"); formula cells as their
// cached value; a number with a date format becomes YYYY-MM-DD (with " HH:MM:SS" when the format
// shows a time of day; time-only formats give HH:MM:SS), honouring the 1904 date system. The first
// row with data is the header; lines are sheet row numbers. A value in a column without a header is
// a problem for its row. A damaged archive or malformed XML is a Status error.
Result<ReadResult> ReadXlsx(std::string_view bytes, const ReaderLimits& limits);

// Reads `path` (refusing files over max_file_bytes) and picks the reader by
// extension, case-insensitively: .csv/.txt → CSV, .jsonl/.ndjson/.json → JSON
// lines, .xlsx → xlsx. `encoding` applies to CSV only. Legacy .xls and unknown
// extensions are an InvalidArgument error that says what to do.
Result<ReadResult> ReadFile(const std::string& path, Encoding encoding, const ReaderLimits& limits);

}  // namespace gongxin::ingest
