// ReadXlsx: finds the first sheet through the package relationships, loads the
// shared strings and date styles, then streams the sheet.
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "ingest/reader_common.h"
#include "ingest/readers.h"
#include "ingest/xlsx_parts.h"
#include "ingest/xlsx_sheet.h"
#include "ingest/xlsx_zip.h"

namespace gongxin::ingest {
namespace {

using internal::Relationship;
using internal::ZipPackage;

constexpr size_t kMaxSmallPart = size_t{64} << 20;  // rels, workbook, styles

// What is left of the decompression budget, charged part by part.
class Budget {
 public:
  explicit Budget(size_t total) : left_(total) {}
  size_t left() const { return left_; }
  void Charge(size_t n) { left_ -= std::min(n, left_); }

 private:
  size_t left_;
};

Result<std::string> ReadSmallPart(const ZipPackage& pkg, const std::string& name, Budget* budget) {
  GX_ASSIGN_OR_RETURN(std::string xml, pkg.Read(name, std::min(kMaxSmallPart, budget->left())));
  budget->Charge(xml.size());
  return xml;
}

const Relationship* FindRel(const std::vector<Relationship>& rels, std::string_view kind) {
  for (const Relationship& r : rels) {
    if (internal::RelTypeIs(r.type, kind)) return &r;
  }
  return nullptr;
}

Status NotAWorkbook(const std::string& why) {
  return Status::Corruption(fmt::format("the .xlsx file has no readable worksheet ({})", why),
                            fmt::format(".xlsx 文件中没有可读取的工作表（{}）", why));
}

// The workbook part named by the package relationships.
Result<std::string> WorkbookPart(const ZipPackage& pkg, Budget* budget) {
  if (pkg.Has("_rels/.rels")) {
    GX_ASSIGN_OR_RETURN(std::string xml, ReadSmallPart(pkg, "_rels/.rels", budget));
    GX_ASSIGN_OR_RETURN(std::vector<Relationship> rels, internal::ParseRelationships(xml, ""));
    if (const Relationship* r = FindRel(rels, "officeDocument")) return r->target;
  }
  return std::string("xl/workbook.xml");
}

}  // namespace

Result<ReadResult> ReadXlsx(std::string_view bytes, const ReaderLimits& limits) {
  GX_RETURN_IF_ERROR(internal::CheckFileSize(bytes.size(), limits));
  GX_ASSIGN_OR_RETURN(std::unique_ptr<ZipPackage> pkg, ZipPackage::Open(bytes));
  Budget budget(limits.max_uncompressed_bytes);

  GX_ASSIGN_OR_RETURN(const std::string workbook_part, WorkbookPart(*pkg, &budget));
  if (!pkg->Has(workbook_part)) return NotAWorkbook("no workbook part " + workbook_part);
  GX_ASSIGN_OR_RETURN(std::string workbook_xml, ReadSmallPart(*pkg, workbook_part, &budget));
  GX_ASSIGN_OR_RETURN(internal::WorkbookInfo workbook,
                      internal::ParseWorkbook(workbook_xml, workbook_part));
  std::vector<Relationship> rels;
  const std::string rels_part = internal::RelsPartOf(workbook_part);
  if (pkg->Has(rels_part)) {
    GX_ASSIGN_OR_RETURN(std::string xml, ReadSmallPart(*pkg, rels_part, &budget));
    GX_ASSIGN_OR_RETURN(rels, internal::ParseRelationships(xml, workbook_part));
  }

  // The first sheet a user sees: the first one not hidden, else the first.
  if (workbook.sheets.empty()) return NotAWorkbook("the workbook lists no sheets");
  auto sheet = std::find_if(workbook.sheets.begin(), workbook.sheets.end(),
                            [](const internal::SheetEntry& s) { return !s.hidden; });
  if (sheet == workbook.sheets.end()) sheet = workbook.sheets.begin();
  const auto rel = std::find_if(rels.begin(), rels.end(),
                                [&](const Relationship& r) { return r.id == sheet->rel_id; });
  if (rel == rels.end()) return NotAWorkbook("sheet \"" + sheet->name + "\" has no part");
  if (!internal::RelTypeIs(rel->type, "worksheet")) {
    return Status::InvalidArgument(
        fmt::format("the first sheet \"{}\" is not a worksheet (it is a chart or dialog sheet)",
                    sheet->name),
        fmt::format("第一个工作表“{}”不是普通工作表（是图表或对话框工作表）", sheet->name));
  }
  const std::string sheet_part = rel->target;
  if (!pkg->Has(sheet_part)) return NotAWorkbook("no sheet part " + sheet_part);

  std::vector<internal::DateKind> style_kinds;
  const Relationship* styles = FindRel(rels, "styles");
  if (styles != nullptr && pkg->Has(styles->target)) {
    GX_ASSIGN_OR_RETURN(std::string xml, ReadSmallPart(*pkg, styles->target, &budget));
    GX_ASSIGN_OR_RETURN(style_kinds, internal::ParseStyleDateKinds(xml, styles->target));
  }

  internal::SharedStrings shared;
  const Relationship* strings = FindRel(rels, "sharedStrings");
  if (strings != nullptr && pkg->Has(strings->target)) {
    // Shared strings are held in memory: bound them by the file bound too.
    const size_t bound = std::min(budget.left(), limits.max_file_bytes);
    internal::SharedStringsHandler handler(&shared, limits.max_field_bytes);
    internal::XmlStream stream(&handler, strings->target);
    size_t used = 0;
    GX_RETURN_IF_ERROR(pkg->Stream(strings->target, bound, [&](std::string_view chunk) {
      used += chunk.size();
      return stream.Feed(chunk, false);
    }));
    GX_RETURN_IF_ERROR(stream.Feed({}, true));
    budget.Charge(used);
  }

  ReadResult out;
  internal::SheetContext ctx{&shared, &style_kinds, workbook.date1904};
  internal::SheetHandler handler(ctx, limits, &out);
  internal::XmlStream stream(&handler, sheet_part);
  GX_RETURN_IF_ERROR(pkg->Stream(sheet_part, budget.left(), [&](std::string_view chunk) {
    return stream.Feed(chunk, false);
  }));
  GX_RETURN_IF_ERROR(stream.Feed({}, true));
  if (out.table.header_line == 0 && out.problems.empty()) return internal::NoHeaderError();
  return out;
}

}  // namespace gongxin::ingest
