// ReadXlsx: workbooks written with libxlsxwriter (as departments' tools write
// them) and hand-made packages for the corners, compared with golden dumps.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <string>

#include "ingest/fuzz/zip_build.h"
#include "ingest/readers.h"
#include "ingest/test_util.h"
#include "support/golden.h"

namespace gongxin::ingest {
namespace {

using gongxin::testing::MakeTempDir;
using gongxin::testing::MatchesGolden;
using gongxin::testing::ReadFileOrFail;
using testing::BuildZip;
using testing::Dump;
using testing::DumpTable;
using testing::MinimalXlsxParts;

// A workbook like a department's export: strings, numbers, dates, a time, a
// boolean, a formula, a blank row, a value outside the header, a second sheet.
std::string WriteDepartmentWorkbook(bool constant_memory) {
  const std::string path = MakeTempDir("gongxin-xlsx") + "/records.xlsx";
  lxw_workbook_options options = {};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "处罚信息");
  lxw_worksheet* other = workbook_add_worksheet(wb, "说明");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* date_zh = workbook_add_format(wb);
  format_set_num_format(date_zh, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* datetime = workbook_add_format(wb);
  format_set_num_format(datetime, "yyyy/m/d h:mm");
  lxw_format* time = workbook_add_format(wb);
  format_set_num_format(time, "h:mm:ss");
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");

  const char* header[] = {"统一社会信用代码", " 名称 ", "金额", "处罚日期",
                          "录入时间",         "时刻",   "有效", "合计"};
  for (int c = 0; c < 8; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);

  worksheet_write_string(ws, 1, 0, "91440300MA5F000001", nullptr);
  worksheet_write_string(ws, 1, 1, "深圳市某某科技有限公司", nullptr);
  worksheet_write_number(ws, 1, 2, 0.2, money);
  lxw_datetime d1 = {2024, 1, 5, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 3, &d1, date);
  lxw_datetime dt = {2024, 1, 5, 8, 30, 0};
  worksheet_write_datetime(ws, 1, 4, &dt, datetime);
  lxw_datetime t = {0, 0, 0, 13, 45, 30};
  worksheet_write_datetime(ws, 1, 5, &t, time);
  worksheet_write_boolean(ws, 1, 6, 1, nullptr);
  worksheet_write_formula_num(ws, 1, 7, "=C2*2", nullptr, 0.4);
  // Row 3 left empty.
  worksheet_write_string(ws, 3, 0, "91440101MA59000002", nullptr);
  worksheet_write_string(ws, 3, 1, "广州市\"某某\"贸易有限公司\n（分公司）", nullptr);
  worksheet_write_number(ws, 3, 2, 1234567, nullptr);
  lxw_datetime d2 = {1999, 12, 31, 0, 0, 0};
  worksheet_write_datetime(ws, 3, 3, &d2, date_zh);
  worksheet_write_boolean(ws, 3, 6, 0, nullptr);
  worksheet_write_string(ws, 4, 0, "92440300L00000003", nullptr);
  worksheet_write_number(ws, 4, 2, 1e-7, nullptr);
  worksheet_write_number(ws, 4, 3, 3.5, nullptr);  // not a date: no date style
  worksheet_write_string(ws, 5, 0, "91440300MA5F000004", nullptr);
  worksheet_write_string(ws, 5, 9, "表头之外的值", nullptr);
  worksheet_write_string(other, 0, 0, "不读取", nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return ReadFileOrFail(path);
}

TEST(XlsxGolden, DepartmentWorkbook) {
  const std::string bytes = WriteDepartmentWorkbook(false);
  EXPECT_TRUE(MatchesGolden(Dump(ReadXlsx(bytes, {})), "golden/readers/xlsx_department.golden"));
}

TEST(Xlsx, InlineStringsReadLikeSharedStrings) {
  // constant_memory makes libxlsxwriter write inline strings instead of shared ones.
  auto shared = ReadXlsx(WriteDepartmentWorkbook(false), {});
  auto inlined = ReadXlsx(WriteDepartmentWorkbook(true), {});
  ASSERT_TRUE(shared.ok() && inlined.ok());
  EXPECT_EQ(DumpTable(inlined->table), DumpTable(shared->table));
}

TEST(Xlsx, ReadFileByExtension) {
  const std::string dir = MakeTempDir("gongxin-xlsx-file");
  const std::string path = dir + "/批次.XLSX";
  {
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    worksheet_write_string(ws, 0, 0, "名称", nullptr);
    worksheet_write_string(ws, 1, 0, "甲", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  auto r = ReadFile(path, Encoding::kAuto, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->table.cell(0, 0), "甲");
  EXPECT_EQ(r->table.row_line(0), 2u);
}

// Corners no writer library produces on purpose: 1904 dates, rich text with
// phonetic runs, escapes, cells without references, bad shared string
// indexes, ISO date cells, error cells, a hidden first sheet.
TEST(XlsxGolden, HandMadeCorners) {
  const std::string shared =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<si><t>名称</t></si>"
      "<si><t xml:space=\"preserve\"> 日期 </t></si>"
      "<si><r><rPr><b/></rPr><t>富</t></r><r><t>文本</t></r><rPh sb=\"0\" "
      "eb=\"1\"><t>ふ</t></rPh></si>"
      "<si><t>回车_x000D_换行_x000A_字面_x005F_x0041_</t></si>"
      "<si><t>编号</t></si>"
      "</sst>";
  const std::string styles =
      "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"[$-804]yyyy/m/d;@\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"0.00E+00\"/></numFmts>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
      "<xf numFmtId=\"14\"/></cellXfs></styleSheet>";
  const std::string workbook =
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<workbookPr date1904=\"1\"/><sheets>"
      "<sheet name=\"字典\" sheetId=\"2\" state=\"hidden\" r:id=\"rId9\"/>"
      "<sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  const std::string sheet =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c t=\"s\"><v>0</v></c>"
      "<c r=\"C2\" t=\"s\"><v>1</v></c><c r=\"D2\" t=\"inlineStr\"><is><t>备注</t></is></c></row>"
      "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"B3\" t=\"s\"><v>2</v></c>"
      "<c r=\"C3\" s=\"1\"><v>0</v></c><c r=\"D3\" t=\"s\"><v>3</v></c></row>"
      "<row r=\"4\"><c r=\"A4\"><v>2</v></c><c r=\"B4\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"C4\" t=\"d\"><v>2024-02-29T00:00:00</v></c><c r=\"D4\" s=\"2\"><v>12345</v></c></row>"
      "<row r=\"5\"><c r=\"A5\"><v>3</v></c><c r=\"B5\" t=\"s\"><v>99</v></c></row>"
      "<row r=\"6\"><c r=\"A6\"><v>4</v></c><c r=\"A6\"><v>5</v></c></row>"
      "<row r=\"7\"><c r=\"A7\"><v>6</v></c><c r=\"C7\" s=\"3\"><v>45000.5</v></c>"
      "<c r=\"D7\" t=\"str\"><f>A7&amp;\"x\"</f><v>6x</v></c></row>"
      "<row r=\"9\"><c r=\"A9\"><v>7</v></c><c r=\"ZZZZ9\"><v>1</v></c></row>"
      "<row r=\"10\"><c r=\"A10\" s=\"7\"><v>8</v></c><c r=\"B10\" t=\"b\"><v>1</v></c></row>"
      "</sheetData></worksheet>";
  testing::ZipParts parts = MinimalXlsxParts(sheet, shared, styles, workbook);
  // The hidden first sheet: a relationship to a part that is never read.
  for (auto& [name, content] : parts) {
    if (name == "xl/_rels/workbook.xml.rels") {
      content.insert(content.find("</Relationships>"),
                     "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/"
                     "officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/"
                     "hidden.xml\"/>");
    }
  }
  parts.emplace_back("xl/worksheets/hidden.xml",
                     "<worksheet><sheetData><row><c t=\"inlineStr\">"
                     "<is><t>隐藏</t></is></c></row></sheetData>"
                     "</worksheet>");
  EXPECT_TRUE(
      MatchesGolden(Dump(ReadXlsx(BuildZip(parts), {})), "golden/readers/xlsx_corners.golden"));
}

const char* kSheet =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>甲</t></is></c></row>"
    "</sheetData></worksheet>";

TEST(Xlsx, TruncatedFileIsACorruptionError) {
  const std::string bytes = WriteDepartmentWorkbook(false);
  for (size_t keep : {bytes.size() / 2, bytes.size() - 30, size_t{100}, size_t{4}}) {
    auto r = ReadXlsx(bytes.substr(0, keep), {});
    ASSERT_FALSE(r.ok()) << keep;
    EXPECT_TRUE(r.status().code() == StatusCode::kCorruption ||
                r.status().code() == StatusCode::kInvalidArgument)
        << r.status().ToString();
    EXPECT_FALSE(r.status().message_zh().empty());
  }
}

TEST(Xlsx, GarbageIsNotAWorkbook) {
  auto r = ReadXlsx("名称,代码\n甲,1\n", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("not a zip archive"), std::string::npos);
  auto xls =
      ReadXlsx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(500, '\0'), {});
  ASSERT_FALSE(xls.ok());
  EXPECT_NE(xls.status().message().find("legacy .xls"), std::string::npos);
  auto pk = ReadXlsx("PK\x03\x04garbage", {});
  ASSERT_FALSE(pk.ok());
  EXPECT_EQ(pk.status().code(), StatusCode::kCorruption);
}

TEST(Xlsx, CorruptedEntryIsACorruptionError) {
  std::string bytes = BuildZip(MinimalXlsxParts(kSheet), /*store=*/true);
  const size_t at = bytes.find("<is><t>");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 1] = 'X';  // the stored data no longer matches its CRC
  auto r = ReadXlsx(bytes, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << r.status().ToString();
}

TEST(Xlsx, MalformedSheetXmlNamesThePlace) {
  auto r = ReadXlsx(BuildZip(MinimalXlsxParts("<worksheet><sheetData>\n<row><c></row>")), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(r.status().message().find("XML line 2"), std::string::npos) << r.status().message();
}

TEST(Xlsx, DocumentTypeDeclarationsAreRefused) {
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
      "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>"
      "</sheetData></worksheet>";
  auto r = ReadXlsx(BuildZip(MinimalXlsxParts(laughs)), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  EXPECT_NE(r.status().message().find("document type"), std::string::npos);
}

TEST(Xlsx, ZipBombIsStoppedByTheUncompressedBound) {
  std::string sheet =
      "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>名称</t></is></c>"
      "</row>";
  sheet += std::string(size_t{8} << 20, ' ');  // 8 MiB of white space deflates to ~8 KiB
  sheet += "</sheetData></worksheet>";
  const std::string bytes = BuildZip(MinimalXlsxParts(sheet));
  ASSERT_LT(bytes.size(), size_t{64} << 10);
  ReaderLimits limits;
  limits.max_uncompressed_bytes = size_t{1} << 20;
  auto r = ReadXlsx(bytes, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("unpacks to more than"), std::string::npos);
  EXPECT_TRUE(ReadXlsx(bytes, {}).ok());
}

TEST(Xlsx, ChartFirstSheetIsExplained) {
  testing::ZipParts parts = MinimalXlsxParts(kSheet);
  for (auto& [name, content] : parts) {
    if (name == "xl/_rels/workbook.xml.rels") {
      const size_t at = content.find("/worksheet\"");
      content.replace(at, 11, "/chartsheet\"");
    }
  }
  auto r = ReadXlsx(BuildZip(parts), {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a worksheet"), std::string::npos);
}

TEST(Xlsx, EmptySheetHasNoHeader) {
  auto r = ReadXlsx(BuildZip(MinimalXlsxParts("<worksheet><sheetData/></worksheet>")), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gongxin::ingest
