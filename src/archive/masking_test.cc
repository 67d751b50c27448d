#include "archive/masking.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace gongxin::archive {
namespace {

using catalog::MaskKind;

TEST(MaskingTest, IdNumbers) {
  EXPECT_EQ(MaskValue(MaskKind::kIdNumber, "440524188001010014"), "440524********0014");
  EXPECT_EQ(MaskValue(MaskKind::kIdNumber, "44052418800101001X"), "440524********001X");
  EXPECT_EQ(MaskValue(MaskKind::kIdNumber, "440524800101001"), "440524********1");
  EXPECT_EQ(MaskValue(MaskKind::kIdNumber, "E12345678"), "E1*****78");
  EXPECT_EQ(MaskValue(MaskKind::kIdNumber, "H1234567890"), "H12******90");
  EXPECT_EQ(MaskValue(MaskKind::kIdNumber, "1234"), "1**4");
  EXPECT_EQ(MaskValue(MaskKind::kIdNumber, "123"), "***");
  EXPECT_EQ(MaskValue(MaskKind::kIdNumber, ""), "");
}

TEST(MaskingTest, NeverRevealsMoreThanHalfOutsideTheNationalFormat) {
  for (int n = 1; n <= 40; ++n) {
    if (n == 18) continue;  // the national 6 + 4 format
    const std::string value(n, 'A');
    const std::string masked = MaskValue(MaskKind::kIdNumber, value);
    ASSERT_EQ(masked.size(), value.size()) << n;
    size_t shown = 0;
    for (char c : masked) shown += c == 'A';
    EXPECT_LE(shown * 2, static_cast<size_t>(n)) << n << " " << masked;
  }
}

TEST(MaskingTest, Phones) {
  EXPECT_EQ(MaskValue(MaskKind::kPhone, "13812345678"), "138****5678");
  EXPECT_EQ(MaskValue(MaskKind::kPhone, "138-1234-5678"), "138-****-5678");
  EXPECT_EQ(MaskValue(MaskKind::kPhone, "+86 13812345678"), "+86 138****5678");
  EXPECT_EQ(MaskValue(MaskKind::kPhone, "020-38861234"), "020-******34");
  EXPECT_EQ(MaskValue(MaskKind::kPhone, "0755-26881234"), "0755-******34");
  EXPECT_EQ(MaskValue(MaskKind::kPhone, "01088886666"), "010******66");
  EXPECT_EQ(MaskValue(MaskKind::kPhone, "12345"), "1***5");  // as a certificate number
}

TEST(MaskingTest, Addresses) {
  EXPECT_EQ(MaskValue(MaskKind::kAddress, "广州市天河区天河路385号太古汇一座2201房"),
            "广州市天河区****");
  EXPECT_EQ(MaskValue(MaskKind::kAddress, "广东省深圳市南山区海德三道海岸城东座118号"),
            "广东省深圳市南山区****");
  EXPECT_EQ(MaskValue(MaskKind::kAddress, "佛山市禅城区张槎街道莲塘工业区3号"), "佛山市禅城区****");
  EXPECT_EQ(MaskValue(MaskKind::kAddress, "北京市朝阳区建国路88号"), "北京市朝阳区****");
  EXPECT_EQ(MaskValue(MaskKind::kAddress, "天河区华景新城小区3栋"), "天河区****");
  EXPECT_EQ(MaskValue(MaskKind::kAddress, "内蒙古自治区呼和浩特市新城区某街1号"),
            "内蒙古自治区呼和浩特市新城区****");
  EXPECT_EQ(MaskValue(MaskKind::kAddress, "天河路385号"), "****");
  EXPECT_EQ(MaskValue(MaskKind::kAddress, "广州市"), "广州市");
}

TEST(MaskingTest, Names) {
  EXPECT_EQ(MaskValue(MaskKind::kName, "张三丰"), "张**");
  EXPECT_EQ(MaskValue(MaskKind::kName, "张三"), "张*");
  EXPECT_EQ(MaskValue(MaskKind::kName, "欧阳修文"), "欧阳**");
  EXPECT_EQ(MaskValue(MaskKind::kName, "欧阳"), "欧*");
  EXPECT_EQ(MaskValue(MaskKind::kName, "张"), "*");
}

TEST(MaskingTest, HiddenIsRemoved) {
  EXPECT_EQ(MaskValue(MaskKind::kHidden, "440524188001010014"), "");
}

TEST(MaskingTest, Utf8SafeOnOddInput) {
  // Truncated UTF-8 and Chinese certificate text: every output is valid UTF-8.
  const std::string inputs[] = {"\xE5\xBC", "护照E1234567", "广州\xFF市天河区x", "张\xE4"};
  for (const std::string& in : inputs) {
    for (MaskKind kind :
         {MaskKind::kIdNumber, MaskKind::kPhone, MaskKind::kAddress, MaskKind::kName}) {
      const std::string out = MaskValue(kind, in);
      if (text::IsValidUtf8(in)) EXPECT_TRUE(text::IsValidUtf8(out)) << in << " -> " << out;
    }
  }
  EXPECT_EQ(MaskValue(MaskKind::kIdNumber, "护照E1234567"), "护照E*****67");
}

}  // namespace
}  // namespace gongxin::archive
