// End-to-end tests of the gongxin command line, run as a user would run it.
#include <gtest/gtest.h>

#include <sstream>

#include "run.h"
#include "support/golden.h"

namespace gongxin::testing {
namespace {

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

TEST(CliTest, VersionAndHelp) {
  auto v = RunGongxin({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out.rfind("gongxin ", 0), 0u) << v.out;

  auto h = RunGongxin({"--help"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("code"), std::string::npos);
  EXPECT_NE(h.out.find("catalog"), std::string::npos);

  for (auto cmd : {"code", "catalog"}) {
    auto sub = RunGongxin({cmd, "--help"});
    EXPECT_EQ(sub.exit_code, 0) << cmd;
    EXPECT_NE(sub.out.find("Usage"), std::string::npos) << cmd << ": " << sub.out;
  }
}

TEST(CliTest, NoCommandIsAnErrorWithUsage) {
  auto r = RunGongxin({});
  EXPECT_NE(r.exit_code, 0);
  auto u = RunGongxin({"frobnicate"});
  EXPECT_NE(u.exit_code, 0);
}

// The issue's own acceptance example.
TEST(CliTest, CodeCheckOneValidOneInvalid) {
  auto r = RunGongxin({"code", "check", "914403001922038216", "914403001922038217"});
  EXPECT_EQ(r.exit_code, 1);
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0], "914403001922038216\tvalid\tuscc");
  EXPECT_EQ(lines[1].rfind("914403001922038217\tinvalid\t", 0), 0u) << lines[1];
  EXPECT_NE(lines[1].find("check character"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("6"), std::string::npos) << lines[1];
}

TEST(CliTest, CodeCheckExitsZeroIffAllValid) {
  auto ok = RunGongxin({"code", "check", "914403001922038216", "11010519491231002X"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  auto lines = Lines(ok.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "11010519491231002X\tvalid\tid_number");
  auto none = RunGongxin({"code", "check"});
  EXPECT_NE(none.exit_code, 0);
}

TEST(CliTest, CodeCheckGolden) {
  std::vector<std::string> args = {"code", "check"};
  for (const auto& line : ReadLinesOrFail(TestDataPath("golden/cli/code_check.in"))) {
    if (!line.empty() && line[0] != '#') args.push_back(line);
  }
  auto r = RunGongxin(args);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(MatchesGolden(r.out, "golden/cli/code_check.expected"));
}

TEST(CliTest, CodeCheckJson) {
  auto r = RunGongxin({"code", "check", "--json", "91110000MA001ABCX5"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\"valid\":false"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"error\":\"check_character\""), std::string::npos) << r.out;
}

TEST(CliTest, GeneratedCodesCheckValid) {
  auto gen = RunGongxin(
      {"code", "gen", "--prefix", "92", "--division", "440106", "--count", "5", "--seed", "3"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::vector<std::string> args = {"code", "check"};
  for (auto& c : Lines(gen.out)) args.push_back(c);
  ASSERT_EQ(args.size(), 7u);
  auto check = RunGongxin(args);
  EXPECT_EQ(check.exit_code, 0) << check.out;

  auto ids = RunGongxin({"code", "gen", "--id", "--division", "440106", "--birth", "1990-05-17",
                         "--count", "4", "--seed", "3"});
  ASSERT_EQ(ids.exit_code, 0) << ids.err;
  std::vector<std::string> id_args = {"code", "check"};
  for (auto& c : Lines(ids.out)) {
    EXPECT_EQ(c.substr(6, 8), "19900517") << c;
    id_args.push_back(c);
  }
  auto id_check = RunGongxin(id_args);
  EXPECT_EQ(id_check.exit_code, 0) << id_check.out;
}

TEST(CliTest, CatalogListAndShow) {
  auto list = RunGongxin({"catalog", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  for (auto id : {"registration", "license", "penalty", "inspection", "coercion", "levy",
                  "requisition", "judgment_defaulter", "tax_a_grade", "commitment", "honour"}) {
    EXPECT_NE(list.out.find(id), std::string::npos) << id;
  }
  EXPECT_NE(list.out.find("行政处罚"), std::string::npos);

  auto show = RunGongxin({"catalog", "show", "penalty"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  for (auto code : {"CF_WSH", "CF_XDR_MC", "CF_NR_FK", "CF_CFLB", "CF_JDRQ"}) {
    EXPECT_NE(show.out.find(code), std::string::npos) << code;
  }
  EXPECT_NE(show.out.find("罚款金额"), std::string::npos);

  auto unknown = RunGongxin({"catalog", "show", "no_such_class"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE((unknown.out + unknown.err).find("penalty"), std::string::npos)
      << "the error should list the known classes";
}

TEST(CliTest, CatalogFlagPointsAtAnotherFolder) {
  std::string empty = MakeTempDir("gongxin-empty-catalog");
  auto r = RunGongxin({"--catalog", empty, "catalog", "list"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
}  // namespace gongxin::testing
