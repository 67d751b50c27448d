#include <cassert>

#include "ingest/readers.h"

namespace gongxin::ingest {

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kAuto:
      return "auto";
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kGb18030:
      return "gb18030";
  }
  return "unknown";
}

std::string_view Table::cell(size_t row, size_t column) const {
  assert(row < rows_.size());
  const RowRef& r = rows_[row];
  if (column >= r.width) return {};
  const uint32_t begin = column == 0 ? 0 : ends_[r.cell_begin + column - 1];
  const uint32_t end = ends_[r.cell_begin + column];
  return std::string_view(data_).substr(r.data_begin + begin, end - begin);
}

std::vector<std::string> Table::Row(size_t row) const {
  std::vector<std::string> out;
  out.reserve(header_.size());
  for (size_t c = 0; c < header_.size(); ++c) out.emplace_back(cell(row, c));
  return out;
}

void Table::AddRow(std::span<const std::string_view> cells, uint32_t line) {
  assert(cells.size() <= header_.size());
  RowRef r{data_.size(), ends_.size(), static_cast<uint32_t>(cells.size()), line};
  uint32_t end = 0;
  for (std::string_view c : cells) {
    data_.append(c);
    end += static_cast<uint32_t>(c.size());
    ends_.push_back(end);
  }
  rows_.push_back(r);
}

void Table::Reserve(size_t rows, size_t data_bytes) {
  rows_.reserve(rows);
  data_.reserve(data_bytes);
}

}  // namespace gongxin::ingest
