// Every bound of ReaderLimits, for each reader: a bound on a row is a problem
// for that row, a bound on the whole file is a Status error.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "ingest/fuzz/zip_build.h"
#include "ingest/readers.h"
#include "support/golden.h"

namespace gongxin::ingest {
namespace {

using testing::BuildZip;
using testing::MinimalXlsxParts;

ReaderLimits Small() {
  ReaderLimits limits;
  limits.max_file_bytes = 4096;
  limits.max_row_bytes = 64;
  limits.max_fields = 4;
  limits.max_rows = 5;
  limits.max_field_bytes = 16;
  limits.max_problems = 3;
  return limits;
}

// A sheet whose rows are given as inline-string cells.
std::string Xlsx(const std::vector<std::vector<std::string>>& rows) {
  std::string xml = "<worksheet><sheetData>";
  for (size_t r = 0; r < rows.size(); ++r) {
    xml += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (const std::string& v : rows[r]) xml += "<c t=\"inlineStr\"><is><t>" + v + "</t></is></c>";
    xml += "</row>";
  }
  xml += "</sheetData></worksheet>";
  return BuildZip(MinimalXlsxParts(xml));
}

void ExpectOneProblem(const Result<ReadResult>& r, uint32_t line, const std::string& words) {
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].line, line);
  EXPECT_NE(r->problems[0].message_en.find(words), std::string::npos) << r->problems[0].message_en;
  EXPECT_FALSE(r->problems[0].message_zh.empty());
  EXPECT_EQ(r->table.num_rows(), 1u);  // the good row after it is kept
}

TEST(Bounds, OverLongRow) {
  const std::string long_row = "a," + std::string(15, 'x') + "," + std::string(15, 'y') + "," +
                               std::string(15, 'z') + "," + std::string(15, 'w') + "\n";
  ExpectOneProblem(ReadCsv("h1,h2,h3,h4,h5\n" + long_row + "1,2,3,4,5\n", Encoding::kAuto,
                           [] {
                             ReaderLimits l = Small();
                             l.max_fields = 8;
                             return l;
                           }()),
                   2, "longer than 64 bytes");
  ExpectOneProblem(
      ReadJsonLines("{\"a\":\"" + std::string(70, 'x') + "\"}\n{\"a\":\"1\"}\n", Small()), 1,
      "longer than 64 bytes");
  ReaderLimits wide = Small();
  wide.max_fields = 8;
  ExpectOneProblem(ReadXlsx(Xlsx({{"h1", "h2", "h3", "h4", "h5"},
                                  {std::string(16, 'x'), std::string(16, 'y'), std::string(16, 'z'),
                                   std::string(16, 'w'), "v"},
                                  {"1", "2", "3", "4", "5"}}),
                            wide),
                   2, "longer than 64 bytes");
}

TEST(Bounds, OverLongQuotedRowSpanningLines) {
  // The over-long row is skipped to its real end; the next row keeps its line.
  const std::string row = "1,\"" + std::string(40, 'x') + "\n" + std::string(40, 'y') + "\"\n";
  ReaderLimits limits = Small();
  limits.max_field_bytes = 1000;
  ExpectOneProblem(ReadCsv("a,b\n" + row + "2,z\n", Encoding::kAuto, limits), 2,
                   "longer than 64 bytes");
  auto r = ReadCsv("a,b\n" + row + "2,z\n", Encoding::kAuto, limits);
  EXPECT_EQ(r->table.row_line(0), 4u);
}

TEST(Bounds, TooManyFields) {
  ExpectOneProblem(ReadCsv("a,b\n1,2,3,4,5,6\n7,8\n", Encoding::kAuto, Small()), 2,
                   "more than 4 fields");
  ExpectOneProblem(ReadJsonLines("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}\n{\"a\":1}\n", Small()),
                   1, "more than 4 keys");
  ExpectOneProblem(ReadXlsx(Xlsx({{"a"}, {"1", "2", "3", "4", "5"}, {"2"}}), Small()), 2,
                   "beyond the limit of 4 columns");
  // A header with too many fields is an error.
  auto header = ReadCsv("a,b,c,d,e\n1,2,3,4,5\n", Encoding::kAuto, Small());
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find("header row (line 1)"), std::string::npos);
}

TEST(Bounds, TooManyDistinctJsonKeys) {
  auto r = ReadJsonLines("{\"a\":1,\"b\":2}\n{\"c\":1,\"d\":2}\n{\"e\":1}\n{\"a\":3}\n", Small());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].line, 3u);
  EXPECT_EQ(r->table.num_columns(), 4u);
  EXPECT_EQ(r->table.num_rows(), 3u);
}

TEST(Bounds, OverLongField) {
  ExpectOneProblem(ReadCsv("a,b\n1," + std::string(17, 'x') + "\n2,y\n", Encoding::kAuto, Small()),
                   2, "field 2 is longer than 16 bytes");
  ExpectOneProblem(
      ReadJsonLines("{\"a\":\"" + std::string(17, 'x') + "\"}\n{\"a\":\"1\"}\n", Small()), 1,
      "longer than 16 bytes");
  ExpectOneProblem(ReadXlsx(Xlsx({{"a"}, {std::string(17, 'x')}, {"1"}}), Small()), 2,
                   "longer than 16 bytes");
}

TEST(Bounds, TooManyRows) {
  std::string csv = "a\n", jsonl, sheet;
  std::vector<std::vector<std::string>> rows = {{"a"}};
  for (int i = 0; i < 6; ++i) {
    csv += std::to_string(i) + "\n";
    jsonl += "{\"a\":" + std::to_string(i) + "}\n";
    rows.push_back({std::to_string(i)});
  }
  for (const auto& r : {ReadCsv(csv, Encoding::kAuto, Small()), ReadJsonLines(jsonl, Small()),
                        ReadXlsx(Xlsx(rows), Small())}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
    EXPECT_NE(r.status().message().find("more than 5 data rows"), std::string::npos);
    EXPECT_FALSE(r.status().message_zh().empty());
  }
  // Exactly at the bound is fine.
  rows.pop_back();
  EXPECT_TRUE(ReadXlsx(Xlsx(rows), Small()).ok());
}

TEST(Bounds, FileTooBig) {
  const std::string big(4097, 'a');
  for (const auto& r : {ReadCsv(big, Encoding::kAuto, Small()), ReadJsonLines(big, Small()),
                        ReadXlsx(big, Small())}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
    EXPECT_NE(r.status().message().find("more than the limit of 4096 bytes"), std::string::npos);
  }
  const std::string path = gongxin::testing::MakeTempDir("gongxin-bounds") + "/big.csv";
  std::ofstream(path) << "a\n" << std::string(5000, 'x') << "\n";
  auto r = ReadFile(path, Encoding::kAuto, Small());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find(path), std::string::npos);
}

TEST(Bounds, TooManyProblems) {
  auto r = ReadCsv("a,b\n1\n2\n3\n4\n", Encoding::kAuto, Small());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("more than 3 malformed rows"), std::string::npos);
  EXPECT_NE(r.status().message().find("stopped at line 5"), std::string::npos);
  EXPECT_NE(r.status().message().find("the first, on line 2"), std::string::npos);
}

TEST(ReadFile, PicksTheReaderByExtension) {
  const std::string dir = gongxin::testing::MakeTempDir("gongxin-readfile");
  std::ofstream(dir + "/a.CSV") << "名称\n甲\n";
  std::ofstream(dir + "/b.txt") << "名称\n乙\n";
  std::ofstream(dir + "/c.jsonl") << "{\"名称\":\"丙\"}\n";
  std::ofstream(dir + "/d.json") << "{\"名称\":\"丁\"}\n";
  std::ofstream(dir + "/e.ndjson") << "{\"名称\":\"戊\"}\n";
  const char* names[] = {"a.CSV", "b.txt", "c.jsonl", "d.json", "e.ndjson"};
  const char* values[] = {"甲", "乙", "丙", "丁", "戊"};
  for (int i = 0; i < 5; ++i) {
    auto r = ReadFile(dir + "/" + names[i], Encoding::kAuto, {});
    ASSERT_TRUE(r.ok()) << names[i] << ": " << r.status().ToString();
    EXPECT_EQ(r->table.cell(0, 0), values[i]) << names[i];
  }
}

TEST(ReadFile, ExplainsWhatItCannotRead) {
  const std::string dir = gongxin::testing::MakeTempDir("gongxin-readfile");
  std::ofstream(dir + "/old.xls") << "x";
  std::ofstream(dir + "/notes.docx") << "x";
  auto xls = ReadFile(dir + "/old.xls", Encoding::kAuto, {});
  ASSERT_FALSE(xls.ok());
  EXPECT_NE(xls.status().message().find("legacy .xls"), std::string::npos);
  EXPECT_NE(xls.status().message_zh().find(".xlsx"), std::string::npos);
  auto docx = ReadFile(dir + "/notes.docx", Encoding::kAuto, {});
  ASSERT_FALSE(docx.ok());
  EXPECT_EQ(docx.status().code(), StatusCode::kInvalidArgument);
  auto missing = ReadFile(dir + "/missing.csv", Encoding::kAuto, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIOError);
  auto directory = ReadFile(dir, Encoding::kAuto, {});
  ASSERT_FALSE(directory.ok());
}

TEST(ReadFile, ErrorsNameTheFile) {
  const std::string dir = gongxin::testing::MakeTempDir("gongxin-readfile");
  std::ofstream(dir + "/empty.csv") << "";
  auto r = ReadFile(dir + "/empty.csv", Encoding::kAuto, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind(dir + "/empty.csv: ", 0), 0u);
  EXPECT_EQ(r.status().message_zh().rfind(dir + "/empty.csv：", 0), 0u);
}

}  // namespace
}  // namespace gongxin::ingest
