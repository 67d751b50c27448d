#include "ingest/xlsx_sheet.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "ingest/reader_common.h"

namespace gongxin::ingest::internal {
namespace {

constexpr int kMaxColumns = 16384;  // XFD, Excel's last column

template <typename T>
bool ParseUnsigned(std::string_view s, T* v) {
  if (s.empty()) return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// "2024-01-05T00:00:00" (with or without a zone or fraction of zeros) -> "2024-01-05".
std::string IsoDateCell(std::string v) {
  const size_t t = v.find('T');
  if (t == std::string::npos) return v;
  const std::string_view clock = std::string_view(v).substr(t + 1);
  if (clock.find_first_not_of("0:.Z") == std::string_view::npos && clock.starts_with("00:00")) {
    v.resize(t);
  }
  return v;
}

}  // namespace

int ColumnOfRef(std::string_view ref) {
  int column = 0;
  size_t i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + (c - 'A' + 1);
  }
  if (i == 0 || i > 3 || column > kMaxColumns) return -1;
  for (size_t k = i; k < ref.size(); ++k) {
    if (ref[k] < '0' || ref[k] > '9') return -1;
  }
  return column - 1;
}

std::string ColumnName(int column) {
  std::string name;
  for (int n = column + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

SheetHandler::SheetHandler(const SheetContext& ctx, const ReaderLimits& limits, ReadResult* out)
    : ctx_(ctx), limits_(limits), out_(out), inline_(limits.max_field_bytes) {}

void SheetHandler::RowIssue(uint32_t column, std::string en, std::string zh) {
  if (row_has_issue_) return;
  row_has_issue_ = true;
  issue_ = ReadProblem{row_number_, column, std::move(en), std::move(zh)};
}

void SheetHandler::Start(std::string_view name, const char** attrs) {
  if (name == "sheetData") {
    in_sheet_data_ = true;
  } else if (in_sheet_data_ && !in_row_ && name == "row") {
    in_row_ = true;
    uint32_t r = 0;
    const char* ra = Attr(attrs, "r");
    row_number_ = ra != nullptr && ParseUnsigned(std::string_view(ra), &r) && r > 0
                      ? r
                      : (row_number_ < UINT32_MAX ? row_number_ + 1 : row_number_);
    values_.clear();
    width_ = 0;
    row_bytes_ = 0;
    last_column_ = -1;
    row_has_issue_ = false;
  } else if (in_row_ && !in_cell_ && name == "c") {
    in_cell_ = true;
    const char* r = Attr(attrs, "r");
    ref_ = r != nullptr ? r : "";
    if (r != nullptr) {
      column_ = ColumnOfRef(ref_);
      if (column_ < 0) {
        ref_.resize(std::min<size_t>(ref_.size(), 32));
        RowIssue(0, fmt::format("the cell reference \"{}\" is not valid", ref_),
                 fmt::format("单元格引用“{}”无效", ref_));
      }
    } else {
      column_ = last_column_ + 1;
      ref_ = ColumnName(column_) + std::to_string(row_number_);
    }
    const char* t = Attr(attrs, "t");
    type_ = t != nullptr ? t : "";
    unsigned s = 0;
    const char* sa = Attr(attrs, "s");
    style_ = sa != nullptr && ParseUnsigned(std::string_view(sa), &s) ? static_cast<int>(s) : 0;
    v_.clear();
    v_overflow_ = false;
    has_inline_ = false;
    inline_.Reset();
  } else if (in_cell_ && name == "v") {
    in_v_ = true;
  } else if (in_cell_ && name == "is") {
    in_is_ = true;
    has_inline_ = true;
  } else if (in_is_) {
    inline_.Start(name);
  }
}

void SheetHandler::End(std::string_view name) {
  if (in_is_) {
    if (name == "is") {
      in_is_ = false;
    } else {
      inline_.End(name);
    }
  } else if (name == "v") {
    in_v_ = false;
  } else if (name == "c" && in_cell_) {
    EndCell();
    in_cell_ = in_v_ = false;
  } else if (name == "row" && in_row_) {
    EndRow();
    in_row_ = in_cell_ = in_v_ = false;
  } else if (name == "sheetData") {
    in_sheet_data_ = false;
  }
}

void SheetHandler::Text(std::string_view text) {
  if (in_is_) {
    inline_.Text(text);
  } else if (in_v_ && !v_overflow_) {
    if (v_.size() + text.size() > limits_.max_field_bytes) {
      v_overflow_ = true;
      v_.clear();
    } else {
      v_.append(text);
    }
  }
}

std::string SheetHandler::CellValue(bool* too_long) {
  *too_long = v_overflow_;
  if (type_ == "s") {
    size_t index = 0;
    if (!ParseUnsigned(std::string_view(v_), &index) || ctx_.shared == nullptr ||
        index >= ctx_.shared->size()) {
      if (v_.empty() && !v_overflow_) return "";
      RowIssue(static_cast<uint32_t>(column_ + 1),
               fmt::format("cell {} refers to shared string {} that does not exist", ref_,
                           v_.substr(0, 32)),
               fmt::format("单元格 {} 引用的共享字符串 {} 不存在", ref_, v_.substr(0, 32)));
      return "";
    }
    *too_long = ctx_.shared->too_long(index);
    return std::string(ctx_.shared->at(index));
  }
  if (has_inline_ || type_ == "inlineStr") {
    bool overflow = false;
    std::string s = std::move(inline_.Finish(&overflow));
    *too_long = overflow;
    return s;
  }
  if (type_ == "b") {
    if (v_ == "1") return "TRUE";
    if (v_ == "0") return "FALSE";
    return v_;
  }
  if (type_ == "str") {
    DecodeExcelEscapes(&v_);
    return v_;
  }
  if (type_ == "d") return IsoDateCell(v_);
  if (type_ == "e") return v_;
  // A number. With a date style it becomes a date.
  if (!v_.empty() && ctx_.style_kinds != nullptr && style_ >= 0 &&
      static_cast<size_t>(style_) < ctx_.style_kinds->size()) {
    const DateKind kind = (*ctx_.style_kinds)[static_cast<size_t>(style_)];
    if (auto date = FormatSerial(v_, kind, ctx_.date1904)) return *date;
  }
  return v_;
}

void SheetHandler::EndCell() {
  if (column_ < 0) return;
  if (column_ <= last_column_) {
    RowIssue(static_cast<uint32_t>(column_ + 1),
             fmt::format("cell {} repeats a column or comes after a later one", ref_),
             fmt::format("单元格 {} 的列重复或顺序颠倒", ref_));
    return;
  }
  last_column_ = column_;
  bool too_long = false;
  std::string value = CellValue(&too_long);
  const auto col1 = static_cast<uint32_t>(column_ + 1);
  if (too_long) {
    RowIssue(col1, fmt::format("cell {} is longer than {} bytes", ref_, limits_.max_field_bytes),
             fmt::format("单元格 {} 的内容长度超过 {} 字节", ref_, limits_.max_field_bytes));
    return;
  }
  if (value.empty()) return;
  if (static_cast<size_t>(column_) >= limits_.max_fields) {
    if (!IsBlank(value)) {
      RowIssue(col1,
               fmt::format("cell {} lies beyond the limit of {} columns", ref_, limits_.max_fields),
               fmt::format("单元格 {} 超出 {} 列的上限", ref_, limits_.max_fields));
    }
    return;
  }
  row_bytes_ += value.size();
  if (row_bytes_ > std::min<size_t>(limits_.max_row_bytes, UINT32_MAX)) {  // Table's bound
    RowIssue(0, fmt::format("the row is longer than {} bytes", limits_.max_row_bytes),
             fmt::format("该行长度超过 {} 字节", limits_.max_row_bytes));
    return;
  }
  if (values_.size() <= static_cast<size_t>(column_)) values_.resize(column_ + 1);
  if (!IsBlank(value)) width_ = std::max(width_, static_cast<size_t>(column_ + 1));
  values_[column_] = std::move(value);
}

void SheetHandler::EndRow() {
  Table& table = out_->table;
  if (table.header_line == 0) {
    if (row_has_issue_) {
      status = Status::InvalidArgument(
          fmt::format("the header row (sheet row {}) cannot be read: {}", row_number_,
                      issue_.message_en),
          fmt::format("表头行（工作表第 {} 行）无法读取：{}", row_number_, issue_.message_zh));
      return;
    }
    std::vector<std::string> names;
    for (size_t c = 0; c < width_; ++c) names.emplace_back(TrimName(values_[c]));
    while (!names.empty() && names.back().empty()) names.pop_back();
    if (names.empty()) return;
    table.SetHeader(std::move(names));
    table.header_line = row_number_;
    return;
  }
  if (width_ == 0 && !row_has_issue_) return;  // no data
  status = CheckRowCount(++rows_, limits_);
  if (!status.ok()) return;
  if (row_has_issue_) {
    status = AddProblem(out_, limits_, issue_.line, issue_.column, std::move(issue_.message_en),
                        std::move(issue_.message_zh));
    return;
  }
  if (width_ > table.num_columns()) {
    const std::string cell = ColumnName(static_cast<int>(width_ - 1)) + std::to_string(row_number_);
    status = AddProblem(out_, limits_, row_number_, static_cast<uint32_t>(width_),
                        fmt::format("cell {} has a value but its column has no header (the header "
                                    "is sheet row {})",
                                    cell, table.header_line),
                        fmt::format("单元格 {} 有值，但该列没有表头（表头在工作表第 {} 行）", cell,
                                    table.header_line));
    return;
  }
  std::vector<std::string_view> cells(values_.begin(),
                                      values_.begin() + static_cast<ptrdiff_t>(width_));
  table.AddRow(cells, row_number_);
}

}  // namespace gongxin::ingest::internal
