// Catalog self-validation: each folder under tests/golden/catalog/broken/ is the
// minimal valid catalog (tests/golden/catalog/minimal/) with one thing broken; the
// problems reported must be exactly those in broken/<case>.expected (English, a blank
// line, Chinese). Regenerate with GONGXIN_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "catalog/catalog.h"
#include "support/golden.h"

namespace gongxin::catalog {
namespace {

namespace fs = std::filesystem;
using ::gongxin::testing::MatchesGolden;
using ::gongxin::testing::TestDataPath;

std::vector<std::string> BrokenCases() {
  std::vector<std::string> cases;
  for (const auto& entry : fs::directory_iterator(TestDataPath("golden/catalog/broken"))) {
    if (entry.is_directory()) cases.push_back(entry.path().filename().string());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

TEST(BrokenCatalogTest, TheMinimalCatalogIsValid) {
  Result<Catalog> catalog = Catalog::LoadDir(TestDataPath("golden/catalog/minimal"));
  ASSERT_TRUE(catalog.ok()) << catalog.status().message();
  EXPECT_EQ(catalog->ClassIds(), std::vector<std::string>{"penalty"});
  EXPECT_EQ(catalog->calendar().years().size(), 0u);
}

TEST(BrokenCatalogTest, ThereAreEnoughCases) { EXPECT_GE(BrokenCases().size(), 8u); }

TEST(BrokenCatalogTest, EachCaseReportsItsProblemsExactly) {
  for (const std::string& name : BrokenCases()) {
    SCOPED_TRACE(name);
    Result<Catalog> catalog = Catalog::LoadDir(TestDataPath("golden/catalog/broken/" + name));
    ASSERT_FALSE(catalog.ok()) << "the broken catalog '" << name << "' loaded";
    EXPECT_EQ(catalog.status().code(), StatusCode::kCorruption);
    const std::string report =
        catalog.status().message() + "\n\n" + catalog.status().message_zh() + "\n";
    EXPECT_TRUE(MatchesGolden(report, "golden/catalog/broken/" + name + ".expected"));
  }
}

}  // namespace
}  // namespace gongxin::catalog
