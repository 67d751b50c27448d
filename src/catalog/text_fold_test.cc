#include "catalog/text_fold.h"

#include <gtest/gtest.h>

namespace gongxin::catalog {
namespace {

TEST(FoldForMatchTest, FoldsWidthSpacesAndCase) {
  EXPECT_EQ(FoldForMatch("  cf_wsh "), "CF_WSH");
  EXPECT_EQ(FoldForMatch("ＣＦ＿ＷＳＨ"), "CF_WSH");
  EXPECT_EQ(FoldForMatch("\xEF\xBB\xBF行政相对人名称"), "行政相对人名称");
  EXPECT_EQ(FoldForMatch("代码_1（统一社会信用代码）"), "代码_1(统一社会信用代码)");
  EXPECT_EQ(FoldForMatch("行政\u3000相对人 名称"), "行政相对人名称");
}

TEST(TrimSpaceTest, TrimsAsciiAndIdeographicSpace) {
  EXPECT_EQ(TrimSpace("\u3000 罚款 \t"), "罚款");
  EXPECT_EQ(TrimSpace("   "), "");
  EXPECT_EQ(TrimSpace("a b"), "a b");
}

}  // namespace
}  // namespace gongxin::catalog
