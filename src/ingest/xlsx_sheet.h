// Streams a worksheet part (<sheetData>) into a Table: cell values as text,
// dates formatted, rows checked against the header and the bounds. Internal to
// src/ingest.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers.h"
#include "ingest/xlsx_dates.h"
#include "ingest/xlsx_parts.h"
#include "ingest/xlsx_xml.h"

namespace gongxin::ingest::internal {

struct SheetContext {
  const SharedStrings* shared = nullptr;
  const std::vector<DateKind>* style_kinds = nullptr;  // by cell style index
  bool date1904 = false;
};

// Column index (0-based) of a cell reference such as "AB12", or -1.
int ColumnOfRef(std::string_view ref);
// "A", "Z", "AA"... for a 0-based column.
std::string ColumnName(int column);

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SheetContext& ctx, const ReaderLimits& limits, ReadResult* out);
  void Start(std::string_view name, const char** attrs) override;
  void End(std::string_view name) override;
  void Text(std::string_view text) override;

 private:
  void EndCell();
  void EndRow();
  void RowIssue(uint32_t column, std::string en, std::string zh);
  std::string CellValue(bool* too_long);

  SheetContext ctx_;
  const ReaderLimits& limits_;
  ReadResult* out_;

  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_v_ = false;
  bool in_is_ = false;

  // The row being read.
  uint32_t row_number_ = 0;
  std::vector<std::string> values_;  // by column, up to max_fields
  size_t width_ = 0;                 // 1 + last column with a value that is not blank
  size_t row_bytes_ = 0;
  int last_column_ = -1;
  bool row_has_issue_ = false;
  ReadProblem issue_;

  // The cell being read.
  int column_ = 0;
  std::string ref_;
  std::string type_;
  int style_ = 0;
  std::string v_;
  bool v_overflow_ = false;
  bool has_inline_ = false;
  RichText inline_;

  size_t rows_ = 0;
};

}  // namespace gongxin::ingest::internal
