// The pieces of the xlsx reader: date formats, serial numbers, cell
// references, relationship targets, Excel's escapes.
#include <gtest/gtest.h>

#include "ingest/xlsx_dates.h"
#include "ingest/xlsx_parts.h"
#include "ingest/xlsx_sheet.h"

namespace gongxin::ingest::internal {
namespace {

TEST(XlsxDates, BuiltinFormats) {
  EXPECT_EQ(BuiltinFormatKind(0), DateKind::kNone);
  EXPECT_EQ(BuiltinFormatKind(2), DateKind::kNone);
  EXPECT_EQ(BuiltinFormatKind(14), DateKind::kDate);
  EXPECT_EQ(BuiltinFormatKind(22), DateKind::kDateTime);
  EXPECT_EQ(BuiltinFormatKind(20), DateKind::kTime);
  EXPECT_EQ(BuiltinFormatKind(31), DateKind::kDate);  // yyyy"年"m"月"d"日" in zh-CN
  EXPECT_EQ(BuiltinFormatKind(32), DateKind::kTime);  // h"时"mm"分"
  EXPECT_EQ(BuiltinFormatKind(49), DateKind::kNone);  // @
}

TEST(XlsxDates, CustomFormats) {
  EXPECT_EQ(CustomFormatKind("yyyy-mm-dd"), DateKind::kDate);
  EXPECT_EQ(CustomFormatKind("yyyy\"年\"m\"月\"d\"日\""), DateKind::kDate);
  EXPECT_EQ(CustomFormatKind("[$-804]yyyy/m/d;@"), DateKind::kDate);
  EXPECT_EQ(CustomFormatKind("YYYY/M/D H:MM"), DateKind::kDateTime);
  EXPECT_EQ(CustomFormatKind("h:mm:ss"), DateKind::kTime);
  EXPECT_EQ(CustomFormatKind("[h]:mm"), DateKind::kTime);
  EXPECT_EQ(CustomFormatKind("mm:ss"), DateKind::kTime);
  EXPECT_EQ(CustomFormatKind("h:mm AM/PM"), DateKind::kTime);
  EXPECT_EQ(CustomFormatKind("mmm"), DateKind::kDate);
  EXPECT_EQ(CustomFormatKind("0.00E+00"), DateKind::kNone);
  EXPECT_EQ(CustomFormatKind("General"), DateKind::kNone);
  EXPECT_EQ(CustomFormatKind("#,##0.00\"元\";[Red]-#,##0.00"), DateKind::kNone);
  EXPECT_EQ(CustomFormatKind("\"day\" 0"), DateKind::kNone);
  EXPECT_EQ(CustomFormatKind("0_);\\(0\\)"), DateKind::kNone);
  EXPECT_EQ(CustomFormatKind("[Red][<=100]0;[Blue]0"), DateKind::kNone);
  EXPECT_EQ(CustomFormatKind("\""), DateKind::kNone);
  EXPECT_EQ(CustomFormatKind("["), DateKind::kNone);
}

TEST(XlsxDates, SerialNumbers) {
  EXPECT_EQ(FormatSerial("45296", DateKind::kDate, false), "2024-01-05");
  EXPECT_EQ(FormatSerial("1", DateKind::kDate, false), "1900-01-01");
  EXPECT_EQ(FormatSerial("59", DateKind::kDate, false), "1900-02-28");
  EXPECT_EQ(FormatSerial("60", DateKind::kDate, false), std::nullopt);  // Excel's 1900-02-29
  EXPECT_EQ(FormatSerial("61", DateKind::kDate, false), "1900-03-01");
  EXPECT_EQ(FormatSerial("0", DateKind::kDate, true), "1904-01-01");
  EXPECT_EQ(FormatSerial("45296.354166666664", DateKind::kDateTime, false), "2024-01-05 08:30:00");
  EXPECT_EQ(FormatSerial("45296.99999999", DateKind::kDateTime, false), "2024-01-06 00:00:00");
  EXPECT_EQ(FormatSerial("0.5", DateKind::kTime, false), "12:00:00");
  EXPECT_EQ(FormatSerial("1.5", DateKind::kTime, false), std::nullopt);
  EXPECT_EQ(FormatSerial("2958465", DateKind::kDate, false), "9999-12-31");
  EXPECT_EQ(FormatSerial("2958466", DateKind::kDate, false), std::nullopt);
  EXPECT_EQ(FormatSerial("-1", DateKind::kDate, false), std::nullopt);
  EXPECT_EQ(FormatSerial("abc", DateKind::kDate, false), std::nullopt);
  EXPECT_EQ(FormatSerial("1e400", DateKind::kDate, false), std::nullopt);
  EXPECT_EQ(FormatSerial("nan", DateKind::kDate, false), std::nullopt);
  EXPECT_EQ(FormatSerial("45296", DateKind::kNone, false), std::nullopt);
}

TEST(XlsxSheet, CellReferences) {
  EXPECT_EQ(ColumnOfRef("A1"), 0);
  EXPECT_EQ(ColumnOfRef("Z9"), 25);
  EXPECT_EQ(ColumnOfRef("AA10"), 26);
  EXPECT_EQ(ColumnOfRef("XFD1048576"), 16383);
  EXPECT_EQ(ColumnOfRef("XFE1"), -1);
  EXPECT_EQ(ColumnOfRef("1"), -1);
  EXPECT_EQ(ColumnOfRef("A1B"), -1);
  EXPECT_EQ(ColumnOfRef(""), -1);
  EXPECT_EQ(ColumnName(0), "A");
  EXPECT_EQ(ColumnName(26), "AA");
  EXPECT_EQ(ColumnName(16383), "XFD");
}

TEST(XlsxParts, Targets) {
  EXPECT_EQ(RelsPartOf("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
  EXPECT_EQ(RelsPartOf(""), "_rels/.rels");
  EXPECT_EQ(ResolveTarget("xl/workbook.xml", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(ResolveTarget("xl/workbook.xml", "/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
  EXPECT_EQ(ResolveTarget("xl/workbook.xml", "../x/../y.xml"), "y.xml");
  EXPECT_EQ(ResolveTarget("", "xl/workbook.xml"), "xl/workbook.xml");
  EXPECT_EQ(ResolveTarget("a.xml", "../../../etc"), "etc");
  EXPECT_TRUE(RelTypeIs("http://x/relationships/worksheet", "worksheet"));
  EXPECT_FALSE(RelTypeIs("http://x/relationships/chartworksheet", "worksheet"));
  EXPECT_FALSE(RelTypeIs("worksheet", "worksheet"));
}

TEST(XlsxParts, ExcelEscapes) {
  auto decode = [](std::string s) {
    DecodeExcelEscapes(&s);
    return s;
  };
  EXPECT_EQ(decode("a_x000D_b"), "a\rb");
  EXPECT_EQ(decode("_x005F_x000D_"), "_x000D_");
  EXPECT_EQ(decode("_xD83D__xDE00_"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(decode("_xD83D_"), "_xD83D_");
  EXPECT_EQ(decode("_x0000_"), "_x0000_");
  EXPECT_EQ(decode("_x12G4_"), "_x12G4_");
  EXPECT_EQ(decode("_x00"), "_x00");
}

}  // namespace
}  // namespace gongxin::ingest::internal
