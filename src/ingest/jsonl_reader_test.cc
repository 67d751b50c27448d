// ReadJsonLines against golden fixtures in tests/golden/readers/.
#include <gtest/gtest.h>

#include "ingest/readers.h"
#include "ingest/test_util.h"
#include "support/golden.h"

namespace gongxin::ingest {
namespace {

using gongxin::testing::MatchesGolden;
using testing::Dump;
using testing::ReadInput;

::testing::AssertionResult JsonlMatchesGolden(const std::string& file, const std::string& stem) {
  return MatchesGolden(Dump(ReadJsonLines(ReadInput(file), ReaderLimits{})),
                       "golden/readers/" + stem + ".golden");
}

TEST(JsonlGolden, Basic) { EXPECT_TRUE(JsonlMatchesGolden("jsonl_basic.jsonl", "jsonl_basic")); }
TEST(JsonlGolden, BadLines) {
  EXPECT_TRUE(JsonlMatchesGolden("jsonl_bad_lines.jsonl", "jsonl_bad_lines"));
}
TEST(JsonlGolden, ArrayIsRefused) {
  EXPECT_TRUE(JsonlMatchesGolden("jsonl_array.json", "jsonl_array"));
}

TEST(Jsonl, NumbersKeepTheirSourceText) {
  auto r = ReadJsonLines(
      "{\"a\":0.200000,\"b\":1E400,\"c\":-0,\"d\":12345678901234567890123,\"e\":1.10e-5}\n", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->table.Row(0), (std::vector<std::string>{"0.200000", "1E400", "-0",
                                                       "12345678901234567890123", "1.10e-5"}));
}

TEST(Jsonl, NulCharactersAreAProblem) {
  // Found by the fuzzer: "\u0000" decodes to a NUL byte, which no value may hold.
  auto r = ReadJsonLines("{\"a\":\"x\\u0000y\"}\n{\"a\\u0000\":\"1\"}\n{\"a\":\"ok\"}\n", {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->problems.size(), 2u);
  EXPECT_NE(r->problems[0].message_en.find("NUL"), std::string::npos);
  EXPECT_EQ(r->problems[1].line, 2u);
  ASSERT_EQ(r->table.num_rows(), 1u);
  EXPECT_EQ(r->table.cell(0, 0), "ok");
}

TEST(Jsonl, BomIsSkipped) {
  auto r = ReadJsonLines(ReadInput("jsonl_bom.jsonl"), {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->table.num_columns(), 1u);
  EXPECT_EQ(r->table.header()[0], "a");
  EXPECT_EQ(r->table.cell(0, 0), "1");
}

TEST(Jsonl, LaterKeysWidenTheHeaderAndEarlierRowsReadEmpty) {
  auto r = ReadJsonLines("{\"a\":\"1\"}\n{\"b\":\"2\",\"a\":\"3\"}\n", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->table.header(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r->table.Row(0), (std::vector<std::string>{"1", ""}));
  EXPECT_EQ(r->table.Row(1), (std::vector<std::string>{"3", "2"}));
  EXPECT_EQ(r->table.header_line, 1u);
}

TEST(Jsonl, EmptyInputHasNoHeader) {
  auto r = ReadJsonLines("\n\n  \n", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(Jsonl, AllLinesBadStillReturnsTheProblems) {
  auto r = ReadJsonLines("1\n\"x\"\n", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->table.num_rows(), 0u);
  ASSERT_EQ(r->problems.size(), 2u);
  EXPECT_EQ(r->problems[1].line, 2u);
}

}  // namespace
}  // namespace gongxin::ingest
