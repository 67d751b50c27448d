// Code tables: lookup by value and alias, the "其他-" rule, versions by date, and
// the splitting of multi-valued cells.
#include "catalog/code_table.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/shipped_catalog_testing.h"

namespace gongxin::catalog {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

const CodeTable& Table(std::string_view id) {
  const CodeTable* table = ShippedCatalog().FindCodeTable(id);
  if (table == nullptr) {
    ADD_FAILURE() << "no code table " << id;
    static const CodeTable empty = [] {
      CodeTable t;
      t.versions.emplace_back();
      return t;
    }();
    return empty;
  }
  return *table;
}

std::vector<std::string> Values(const CodeTableVersion& version) {
  std::vector<std::string> out;
  for (const CodeValue& v : version.values) out.push_back(v.value);
  return out;
}

TEST(PenaltyCategoryTest, BothVocabulariesWithTheirDates) {
  const CodeTable& table = Table("penalty_category");
  ASSERT_EQ(table.versions.size(), 2u);
  const CodeTableVersion& art8 = table.versions[0];
  EXPECT_EQ(art8.version, "art8-1996");
  EXPECT_EQ(art8.effective_from, D(1996, 10, 1));
  EXPECT_EQ(art8.effective_to, D(2021, 7, 14));
  EXPECT_EQ(Values(art8),
            (std::vector<std::string>{"警告", "罚款", "没收违法所得、没收非法财物", "责令停产停业",
                                      "暂扣或者吊销许可证、暂扣或者吊销执照", "行政拘留", "其他"}));
  const CodeTableVersion& art9 = table.versions[1];
  EXPECT_EQ(art9.version, "art9-2021");
  EXPECT_EQ(art9.effective_from, D(2021, 7, 15));
  EXPECT_FALSE(art9.effective_to.has_value());
  EXPECT_EQ(Values(art9),
            (std::vector<std::string>{"警告", "通报批评", "罚款", "没收违法所得", "没收非法财物",
                                      "暂扣许可证件", "降低资质等级", "吊销许可证件",
                                      "限制开展生产经营活动", "责令停产停业", "责令关闭",
                                      "限制从业", "行政拘留", "其他"}));
  EXPECT_EQ(table.VersionOn(D(2021, 7, 14)), &art8);
  EXPECT_EQ(table.VersionOn(D(2021, 7, 15)), &art9);
  EXPECT_EQ(table.VersionOn(D(1990, 1, 1)), nullptr);
}

TEST(PenaltyCategoryTest, LookupFollowsTheDecisionDate) {
  const CodeTable& table = Table("penalty_category");
  EXPECT_TRUE(table.Lookup("通报批评", D(2022, 1, 1)));
  EXPECT_FALSE(table.Lookup("通报批评", D(2020, 1, 1)));  // not a category before 2021-07-15
  EXPECT_TRUE(table.Lookup("通报批评"));                  // any version
  auto old = table.Lookup("没收违法所得", D(2020, 1, 1));
  ASSERT_TRUE(old);
  EXPECT_EQ(old->value->value, "没收违法所得、没收非法财物");
  EXPECT_EQ(old->version->version, "art8-1996");
  auto current = table.Lookup("没收违法所得", D(2022, 1, 1));
  ASSERT_TRUE(current);
  EXPECT_EQ(current->value->value, "没收违法所得");
}

TEST(PenaltyCategoryTest, OtherWithFreeText) {
  const CodeTable& table = Table("penalty_category");
  auto match = table.Lookup("其他-责令改正");
  ASSERT_TRUE(match);
  EXPECT_EQ(match->value->value, "其他");
  EXPECT_EQ(match->other_text, "责令改正");
  auto wide = table.Lookup("其他－其他");  // full-width hyphen
  ASSERT_TRUE(wide);
  EXPECT_EQ(wide->other_text, "其他");
  EXPECT_TRUE(table.Lookup("其他"));  // bare 其他 is a category
  EXPECT_FALSE(table.Lookup("罚金"));
}

TEST(CertificateTypeTest, OtherNeedsItsName) {
  const CodeTable& table = Table("certificate_type");
  EXPECT_TRUE(table.Lookup("身份证"));
  EXPECT_EQ(table.Lookup("居民身份证")->value->value, "身份证");
  EXPECT_EQ(table.Lookup("护照")->value->value, "护照号");
  auto other = table.Lookup(" 其他-军官证 ");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->other_text, "军官证");
  EXPECT_FALSE(table.Lookup("其他"));
  EXPECT_FALSE(table.Lookup("其他-"));
}

TEST(LicenseCategoryTest, SixCategoriesAndOtherNeedsItsName) {
  const CodeTable& table = Table("license_category");
  EXPECT_EQ(Values(table.Latest()),
            (std::vector<std::string>{"普通", "特许", "认可", "核准", "登记", "其他"}));
  EXPECT_TRUE(table.Lookup("核准"));
  EXPECT_FALSE(table.Lookup("其他"));
  EXPECT_EQ(table.Lookup("其他-备案")->other_text, "备案");
}

TEST(CounterpartCategoryTest, ThreeCategoriesAndTheirAliases) {
  const CodeTable& table = Table("counterpart_category");
  EXPECT_EQ(Values(table.Latest()),
            (std::vector<std::string>{"法人及非法人组织", "自然人", "个体工商户"}));
  EXPECT_EQ(table.Lookup("FRJFFRZZ")->value->value, "法人及非法人组织");
  EXPECT_EQ(table.Lookup("zrr")->value->value, "自然人");
  EXPECT_EQ(table.Lookup("法人及其他组织")->value->value, "法人及非法人组织");
  EXPECT_FALSE(table.Lookup("1"));
}

TEST(CommitmentTypeTest, TheTypesOfStandards8) {
  EXPECT_EQ(Values(Table("commitment_type").Latest()),
            (std::vector<std::string>{"审批替代型", "容缺办理型", "证明事项告知承诺", "主动公示型",
                                      "行业自律型", "信用修复型"}));
}

TEST(SplitValuesTest, SplitsOnEverySeparatorAndTrims) {
  const std::vector<std::string> seps = {";", "；", ",", "，", "、"};
  EXPECT_EQ(SplitValues("警告;罚款", seps, nullptr), (std::vector<std::string>{"警告", "罚款"}));
  EXPECT_EQ(SplitValues(" 警告 ；罚款，责令关闭、限制从业,, ", seps, nullptr),
            (std::vector<std::string>{"警告", "罚款", "责令关闭", "限制从业"}));
  EXPECT_TRUE(SplitValues("  ", seps, nullptr).empty());
}

TEST(SplitValuesTest, KeepsTableValuesThatContainASeparator) {
  const CodeTable& table = Table("penalty_category");
  const std::vector<std::string> seps = {";", "；", ",", "，", "、"};
  EXPECT_EQ(SplitValues("罚款;没收违法所得、没收非法财物", seps, &table),
            (std::vector<std::string>{"罚款", "没收违法所得、没收非法财物"}));
  EXPECT_EQ(SplitValues("暂扣或者吊销许可证、暂扣或者吊销执照、罚款", seps, &table),
            (std::vector<std::string>{"暂扣或者吊销许可证、暂扣或者吊销执照", "罚款"}));
  // Under Art. 9 the same text is two categories.
  EXPECT_EQ(SplitValues("罚款;没收违法所得、没收非法财物", seps, &table, D(2022, 3, 1)),
            (std::vector<std::string>{"罚款", "没收违法所得", "没收非法财物"}));
  EXPECT_EQ(SplitValues("罚款;没收违法所得、没收非法财物", seps, &table, D(2020, 3, 1)),
            (std::vector<std::string>{"罚款", "没收违法所得、没收非法财物"}));
}

TEST(SplitValuesTest, CatalogSplitsOnlyMultiValuedFields) {
  const InfoClass& penalty = ShippedClass("penalty");
  const Catalog& catalog = ShippedCatalog();
  EXPECT_EQ(catalog.SplitValues(*penalty.FindField("CF_CFLB"), "警告;其他-其他"),
            (std::vector<std::string>{"警告", "其他-其他"}));
  EXPECT_EQ(catalog.SplitValues(*penalty.FindField("CF_NR"), " 警告;罚款 "),
            (std::vector<std::string>{"警告;罚款"}));
  EXPECT_TRUE(catalog.SplitValues(*penalty.FindField("CF_NR"), " ").empty());
}

TEST(ConditionTest, Semantics) {
  Condition equals{"F", Condition::Op::kEquals, {"自然人"}};
  EXPECT_TRUE(equals.Holds({"自然人"}));
  EXPECT_FALSE(equals.Holds({"自然人", "个体工商户"}));
  Condition in{"F", Condition::Op::kIn, {"自然人", "个体工商户"}};
  EXPECT_TRUE(in.Holds({"个体工商户"}));
  EXPECT_FALSE(in.Holds({"法人及非法人组织"}));
  EXPECT_FALSE(in.Holds({}));
  Condition not_in{"F", Condition::Op::kNotIn, {"自然人"}};
  EXPECT_TRUE(not_in.Holds({"个体工商户"}));
  EXPECT_FALSE(not_in.Holds({"自然人"}));
  EXPECT_FALSE(not_in.Holds({}));
  Condition contains{"F", Condition::Op::kContains, {"罚款"}};
  EXPECT_TRUE(contains.Holds({"警告", "罚款"}));
  EXPECT_FALSE(contains.Holds({"警告"}));
  EXPECT_EQ(not_in.ToString(), "F not in [自然人]");
}

}  // namespace
}  // namespace gongxin::catalog
