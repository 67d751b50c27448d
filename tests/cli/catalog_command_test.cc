// End-to-end tests of `gongxin catalog`: list, show, check, run as a user would.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run.h"
#include "support/golden.h"

namespace gongxin::testing {
namespace {

// Pinned so that "the rule version in force" does not move with the calendar.
constexpr const char* kOn = "2026-11-23";

TEST(CatalogCommandTest, ListMatchesGolden) {
  auto r = RunGongxin({"catalog", "list", "--on", kOn});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(MatchesGolden(r.out, "golden/cli/catalog_list.txt"));
}

TEST(CatalogCommandTest, ListJsonHasEveryClass) {
  auto r = RunGongxin({"catalog", "list", "--json", "--on", kOn});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 11u);
  EXPECT_EQ(json[2]["id"], "penalty");
  EXPECT_EQ(json[2]["name_zh"], "行政处罚");
  EXPECT_EQ(json[2]["field_count"], 30);
  EXPECT_EQ(json[2]["version"], "2021-art9");
  EXPECT_EQ(json[2]["version_effective_from"], "2021-07-15");
}

TEST(CatalogCommandTest, ShowPenaltyMatchesGolden) {
  auto r = RunGongxin({"catalog", "show", "penalty", "--on", kOn});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(MatchesGolden(r.out, "golden/cli/catalog_show_penalty.txt"));
}

TEST(CatalogCommandTest, ShowMarksTheVersionInForceOnTheDate) {
  auto r = RunGongxin({"catalog", "show", "penalty", "--on", "2020-06-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("*  2019 "), std::string::npos) << r.out;
}

TEST(CatalogCommandTest, ShowJsonCarriesFieldsAndRules) {
  auto r = RunGongxin({"catalog", "show", "license", "--json", "--on", kOn});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["id"], "license");
  EXPECT_EQ(json["deadline"]["working_days"], 7);
  EXPECT_EQ(json["natural_key"], nlohmann::json::array({"XK_WSH"}));
  ASSERT_EQ(json["fields"].size(), 28u);
  EXPECT_EQ(json["fields"][2]["code"], "XK_XDR_SHXYM");
  EXPECT_EQ(json["fields"][2]["required"], "conditional");
  EXPECT_EQ(json["fields"][2]["when"]["field"], "XK_XDR_LB");
  EXPECT_EQ(json["fields"][2]["when"]["op"], "equals");
  EXPECT_EQ(json["publicity"]["natural_persons_public"], false);
  EXPECT_EQ(json["versions"].back()["in_force"], true);
}

TEST(CatalogCommandTest, UnknownClassListsTheKnownOnes) {
  auto r = RunGongxin({"catalog", "show", "penalti"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("unknown class 'penalti' (did you mean 'penalty'?)"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("registration, license, penalty"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("未知的信息类"), std::string::npos) << r.err;
}

TEST(CatalogCommandTest, BadDateIsAUsageError) {
  auto r = RunGongxin({"catalog", "list", "--on", "2026-13-01"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--on 2026-13-01"), std::string::npos) << r.err;
}

TEST(CatalogCommandTest, CheckTheShippedCatalog) {
  auto r = RunGongxin({"catalog", "check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("ok: 11 classes, ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("1 publicity rule set"), std::string::npos) << r.out;
}

TEST(CatalogCommandTest, CheckABrokenCatalogPrintsItsProblems) {
  auto r = RunGongxin({"catalog", "check", TestDataPath("golden/catalog/broken/unknown_key")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("(1 problem)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown_key/classes/penalty.yaml:43: class penalty: field CF_NR_FK: "
                       "unknown key 'requried' (did you mean 'required'?)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("未知的键 'requried'"), std::string::npos) << r.err;
}

TEST(CatalogCommandTest, CheckAMissingFolder) {
  auto r = RunGongxin({"catalog", "check", "/nonexistent/catalog"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
}

TEST(CatalogCommandTest, GlobalCatalogOptionIsUsed) {
  auto r = RunGongxin(
      {"--catalog", TestDataPath("golden/catalog/minimal"), "catalog", "list", "--on", kOn});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("penalty"), std::string::npos);
  EXPECT_EQ(r.out.find("registration"), std::string::npos);
}

}  // namespace
}  // namespace gongxin::testing
