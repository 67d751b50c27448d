// ReadCsv against golden fixtures in tests/golden/readers/ and a few direct checks.
#include <gtest/gtest.h>

#include "core/text.h"
#include "ingest/readers.h"
#include "ingest/test_util.h"
#include "support/golden.h"

namespace gongxin::ingest {
namespace {

using gongxin::testing::MatchesGolden;
using testing::Dump;
using testing::DumpTable;
using testing::ReadInput;

// Reads tests/golden/readers/<stem>.csv and compares the dump with <stem>.golden.
::testing::AssertionResult CsvMatchesGolden(const std::string& stem,
                                            Encoding encoding = Encoding::kAuto) {
  const std::string bytes = ReadInput(stem + ".csv");
  return MatchesGolden(Dump(ReadCsv(bytes, encoding, ReaderLimits{})),
                       "golden/readers/" + stem + ".golden");
}

TEST(CsvGolden, Utf8) { EXPECT_TRUE(CsvMatchesGolden("csv_utf8")); }
TEST(CsvGolden, Utf8Bom) { EXPECT_TRUE(CsvMatchesGolden("csv_utf8_bom")); }
TEST(CsvGolden, Gbk) { EXPECT_TRUE(CsvMatchesGolden("csv_gbk")); }
TEST(CsvGolden, Crlf) { EXPECT_TRUE(CsvMatchesGolden("csv_crlf")); }
TEST(CsvGolden, QuotedCommasQuotesNewlines) { EXPECT_TRUE(CsvMatchesGolden("csv_quoted")); }
TEST(CsvGolden, UnterminatedQuoteAtEnd) { EXPECT_TRUE(CsvMatchesGolden("csv_unterminated_end")); }
TEST(CsvGolden, UnterminatedQuoteRecovers) {
  EXPECT_TRUE(CsvMatchesGolden("csv_unterminated_mid"));
}
TEST(CsvGolden, RaggedRows) { EXPECT_TRUE(CsvMatchesGolden("csv_ragged")); }
TEST(CsvGolden, InvalidByteInTheMiddle) { EXPECT_TRUE(CsvMatchesGolden("csv_invalid_byte")); }
TEST(CsvGolden, UndetectableEncodingNamesTheLine) {
  EXPECT_TRUE(CsvMatchesGolden("csv_invalid_ascii"));
}
TEST(CsvGolden, BlankLinesSkippedButCounted) { EXPECT_TRUE(CsvMatchesGolden("csv_blank_lines")); }
TEST(CsvGolden, LiteralQuotes) { EXPECT_TRUE(CsvMatchesGolden("csv_literal_quotes")); }
TEST(CsvGolden, CarriageReturnOnly) { EXPECT_TRUE(CsvMatchesGolden("csv_cr_only")); }
TEST(CsvGolden, NulByte) { EXPECT_TRUE(CsvMatchesGolden("csv_nul")); }
TEST(CsvGolden, Utf16Refused) { EXPECT_TRUE(CsvMatchesGolden("csv_utf16")); }
TEST(CsvGolden, NoData) { EXPECT_TRUE(CsvMatchesGolden("csv_empty")); }

TEST(Csv, EveryTwinGivesTheSameTable) {
  auto utf8 = ReadCsv(ReadInput("csv_utf8.csv"), Encoding::kAuto, {});
  ASSERT_TRUE(utf8.ok()) << utf8.status().ToString();
  EXPECT_EQ(utf8->table.detected, Encoding::kUtf8);
  EXPECT_TRUE(utf8->problems.empty());
  const std::string want = DumpTable(utf8->table);
  for (const char* twin : {"csv_utf8_bom.csv", "csv_gbk.csv", "csv_crlf.csv"}) {
    auto r = ReadCsv(ReadInput(twin), Encoding::kAuto, {});
    ASSERT_TRUE(r.ok()) << twin << ": " << r.status().ToString();
    EXPECT_EQ(DumpTable(r->table), want) << twin;
    EXPECT_TRUE(r->problems.empty()) << twin;
  }
  auto gbk = ReadCsv(ReadInput("csv_gbk.csv"), Encoding::kAuto, {});
  EXPECT_EQ(gbk->table.detected, Encoding::kGb18030);
  // Named explicitly, the GBK file reads the same.
  auto named = ReadCsv(ReadInput("csv_gbk.csv"), Encoding::kGb18030, {});
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(DumpTable(named->table), want);
}

TEST(Csv, ShortGbkTextIsDetected) {
  // Too short for uchardet to be sure; it reads as Chinese.
  auto gbk = text::Utf8ToGb18030("名称\n张三\n");
  ASSERT_TRUE(gbk.ok());
  auto r = ReadCsv(*gbk, Encoding::kAuto, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->table.detected, Encoding::kGb18030);
  EXPECT_EQ(r->table.header()[0], "名称");
  EXPECT_EQ(r->table.cell(0, 0), "张三");
}

TEST(Csv, NamedGb18030WithABadByteReportsThatRowOnly) {
  auto head = text::Utf8ToGb18030("名称,代码\n甲公司,1\n乙");
  auto tail = text::Utf8ToGb18030("公司,2\n丙公司,3\n");
  ASSERT_TRUE(head.ok() && tail.ok());
  const std::string bytes = *head + "\xFF" + *tail;
  auto r = ReadCsv(bytes, Encoding::kGb18030, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->table.detected, Encoding::kGb18030);
  ASSERT_EQ(r->table.num_rows(), 2u);
  EXPECT_EQ(r->table.cell(0, 0), "甲公司");
  EXPECT_EQ(r->table.cell(1, 0), "丙公司");
  EXPECT_EQ(r->table.row_line(1), 4u);
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].line, 3u);
  EXPECT_EQ(r->problems[0].column, 1u);
  EXPECT_NE(r->problems[0].message_en.find("GB18030"), std::string::npos);
}

TEST(Csv, NamedUtf8OnGbkBytesReportsRowsNotCrash) {
  auto r = ReadCsv(ReadInput("csv_gbk.csv"), Encoding::kUtf8, {});
  ASSERT_FALSE(r.ok());  // the header itself is not UTF-8
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("line 1"), std::string::npos);
}

TEST(Csv, Utf8BomWinsOverANamedEncoding) {
  auto r = ReadCsv(ReadInput("csv_utf8_bom.csv"), Encoding::kGb18030, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->table.detected, Encoding::kUtf8);
  EXPECT_EQ(r->table.header()[1], "行政相对人名称");
}

TEST(Csv, LastLineWithoutLineEnd) {
  auto r = ReadCsv("a,b\n1,2", Encoding::kAuto, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->table.num_rows(), 1u);
  EXPECT_EQ(r->table.cell(0, 1), "2");
  auto trailing_comma = ReadCsv("a,b\n1,", Encoding::kAuto, {});
  ASSERT_TRUE(trailing_comma.ok());
  EXPECT_EQ(trailing_comma->table.cell(0, 1), "");
}

TEST(Csv, HeaderErrorsAreStatusErrors) {
  auto r = ReadCsv("\"a,b\n1,2\n", Encoding::kAuto, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("header row (line 1)"), std::string::npos);
  EXPECT_FALSE(r.status().message_zh().empty());
}

TEST(Csv, RowColumnsBeyondTheStoredWidthReadEmpty) {
  auto r = ReadCsv("a,b,c\n1,2,3\n", Encoding::kAuto, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->table.Row(0), (std::vector<std::string>{"1", "2", "3"}));
}

}  // namespace
}  // namespace gongxin::ingest
