// The small parts of an .xlsx package: relationships, the workbook's sheet
// list, the date formats of the cell styles, and the shared strings. Internal
// to src/ingest.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ingest/xlsx_dates.h"
#include "ingest/xlsx_xml.h"

namespace gongxin::ingest::internal {

struct Relationship {
  std::string id;
  std::string type;    // a URI; compare its last segment ("/worksheet")
  std::string target;  // resolved to a part name, e.g. "xl/worksheets/sheet1.xml"
};

// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"; "" -> "_rels/.rels".
std::string RelsPartOf(std::string_view part);

// Resolves a relationship target against the part that holds it ("/x" is
// absolute; "." and ".." segments are followed, never above the root).
std::string ResolveTarget(std::string_view source_part, std::string_view target);

// True if a relationship type URI ends with "/" + `kind`.
bool RelTypeIs(std::string_view type, std::string_view kind);

// Parses the .rels part of `source_part`; external targets are left out.
Result<std::vector<Relationship>> ParseRelationships(std::string_view xml,
                                                     std::string_view source_part);

struct SheetEntry {
  std::string name;
  std::string rel_id;
  bool hidden = false;
};
struct WorkbookInfo {
  bool date1904 = false;
  std::vector<SheetEntry> sheets;  // in tab order
};
Result<WorkbookInfo> ParseWorkbook(std::string_view xml, const std::string& part);

// For each cell style (index of <cellXfs>), whether its number format shows a
// date or time.
Result<std::vector<DateKind>> ParseStyleDateKinds(std::string_view xml, const std::string& part);

// The text of rich or plain string items (<si>, <is>): every <t> outside
// phonetic runs (<rPh>), with a byte bound. Excel's _xHHHH_ escapes are undone
// by Finish().
class RichText {
 public:
  explicit RichText(size_t max_bytes) : max_bytes_(max_bytes) {}
  void Reset() {
    text_.clear();
    overflow_ = false;
    in_t_ = false;
    phonetic_depth_ = 0;
  }
  void Start(std::string_view name);
  void End(std::string_view name);
  void Text(std::string_view text);
  // The collected text, escapes undone; *overflow if it was over the bound.
  std::string& Finish(bool* overflow);

 private:
  size_t max_bytes_;
  std::string text_;
  bool overflow_ = false;
  bool in_t_ = false;
  int phonetic_depth_ = 0;
};

// Undoes the _xHHHH_ escapes Excel writes for control characters (and for a
// literal "_x" sequence, as _x005F_).
void DecodeExcelEscapes(std::string* text);

// Shared strings, stored compactly. A string over the field bound is kept as
// an empty marker that reads as too long.
class SharedStrings {
 public:
  size_t size() const { return ends_.size(); }
  std::string_view at(size_t i) const {
    const uint64_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(data_).substr(begin, ends_[i] - begin);
  }
  bool too_long(size_t i) const { return too_long_[i]; }
  void Add(std::string_view s, bool too_long) {
    data_.append(s);
    ends_.push_back(data_.size());
    too_long_.push_back(too_long);
  }

 private:
  std::string data_;
  std::vector<uint64_t> ends_;
  std::vector<bool> too_long_;
};

// XML handler that fills SharedStrings from sharedStrings.xml.
class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(SharedStrings* out, size_t max_field_bytes)
      : out_(out), text_(max_field_bytes) {}
  void Start(std::string_view name, const char** attrs) override;
  void End(std::string_view name) override;
  void Text(std::string_view text) override;

 private:
  SharedStrings* out_;
  RichText text_;
  bool in_si_ = false;
};

}  // namespace gongxin::ingest::internal
