// The licence and penalty classes have exactly the 2019 layout of STANDARDS.md §1.3 and
// §1.4, field for field, with its mandatory / conditional / optional marks, and find
// their fields by any header a department's file may use.
#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/shipped_catalog_testing.h"

namespace gongxin::catalog {
namespace {

std::vector<std::string> Codes(const InfoClass& c) {
  std::vector<std::string> codes;
  for (const FieldSpec& f : c.fields) codes.push_back(f.code);
  return codes;
}

std::vector<std::string> CodesWith(const InfoClass& c, Requirement requirement) {
  std::vector<std::string> codes;
  for (const FieldSpec& f : c.fields) {
    if (f.required == requirement) codes.push_back(f.code);
  }
  return codes;
}

const FieldSpec& Field(const InfoClass& c, const std::string& code) {
  const FieldSpec* f = c.FindField(code);
  if (f == nullptr) {
    ADD_FAILURE() << "no field " << code << " in " << c.id;
    static const FieldSpec empty;
    return empty;
  }
  return *f;
}

TEST(LicenseFieldsTest, ExactlyTheFieldsOfStandards13) {
  EXPECT_EQ(
      Codes(ShippedClass("license")),
      (std::vector<std::string>{
          "XK_XDR_MC",   "XK_XDR_LB",   "XK_XDR_SHXYM", "XK_XDR_GSZC", "XK_XDR_ZZJG", "XK_XDR_SWDJ",
          "XK_XDR_SYDW", "XK_XDR_SHZZ", "XK_FRDB",      "XK_FR_ZJLX",  "XK_FR_ZJHM",  "XK_XDR_ZJLX",
          "XK_XDR_ZJHM", "XK_XKWS",     "XK_WSH",       "XK_XKLB",     "XK_XKZS",     "XK_XKBH",
          "XK_NR",       "XK_JDRQ",     "XK_YXQZ",      "XK_YXQZI",    "XK_XKJG",     "XK_XKJGDM",
          "XK_ZT",       "XK_LYDW",     "XK_LYDWDM",    "BZ"}));
}

TEST(LicenseFieldsTest, RequirementsOfStandards13) {
  const InfoClass& license = ShippedClass("license");
  EXPECT_EQ(CodesWith(license, Requirement::kMandatory),
            (std::vector<std::string>{"XK_XDR_MC", "XK_XDR_LB", "XK_XKWS", "XK_WSH", "XK_XKLB",
                                      "XK_NR", "XK_JDRQ", "XK_YXQZ", "XK_YXQZI", "XK_XKJG",
                                      "XK_XKJGDM", "XK_ZT", "XK_LYDW", "XK_LYDWDM"}));
  EXPECT_EQ(CodesWith(license, Requirement::kConditional),
            (std::vector<std::string>{"XK_XDR_SHXYM", "XK_FRDB", "XK_XDR_ZJLX", "XK_XDR_ZJHM"}));
  EXPECT_EQ(Field(license, "XK_XDR_SHXYM").RequirementText(),
            "conditional: XK_XDR_LB = 法人及非法人组织");
  EXPECT_EQ(Field(license, "XK_XDR_ZJHM").RequirementText(), "conditional: XK_XDR_LB = 自然人");
}

TEST(LicenseFieldsTest, TypesAndTables) {
  const InfoClass& license = ShippedClass("license");
  EXPECT_EQ(Field(license, "XK_YXQZI").type, FieldType::kDateOrLongterm);
  EXPECT_EQ(Field(license, "XK_XKLB").code_table, "license_category");
  EXPECT_EQ(Field(license, "XK_XDR_LB").code_table, "counterpart_category");
  EXPECT_EQ(Field(license, "XK_XDR_ZJLX").code_table, "certificate_type");
  EXPECT_EQ(Field(license, "XK_XKJGDM").type, FieldType::kUscc);
  EXPECT_EQ(Field(license, "XK_ZT").values, (std::vector<std::string>{"1", "2"}));
  EXPECT_NE(Field(license, "XK_ZT").unsure.find("UNSURE"), std::string::npos);
}

TEST(PenaltyFieldsTest, ExactlyTheFieldsOfStandards14) {
  EXPECT_EQ(
      Codes(ShippedClass("penalty")),
      (std::vector<std::string>{
          "CF_XDR_MC",   "CF_XDR_LB",   "CF_XDR_SHXYM", "CF_XDR_GSZC", "CF_XDR_ZZJG", "CF_XDR_SWDJ",
          "CF_XDR_SYDW", "CF_XDR_SHZZ", "CF_FRDB",      "CF_FR_ZJLX",  "CF_FR_ZJHM",  "CF_XDR_ZJLX",
          "CF_XDR_ZJHM", "CF_WSH",      "CF_WFXW",      "CF_SY",       "CF_YJ",       "CF_CFLB",
          "CF_NR",       "CF_NR_FK",    "CF_NR_WFFF",   "CF_NR_ZKDX",  "CF_JDRQ",     "CF_YXQ",
          "CF_GSJZQ",    "CF_CFJG",     "CF_CFJGDM",    "CF_SJLY",     "CF_SJLYDM",   "BZ"}));
}

TEST(PenaltyFieldsTest, MandatoryFieldsAreThoseTheTwoSchemasAgreeOn) {
  EXPECT_EQ(CodesWith(ShippedClass("penalty"), Requirement::kMandatory),
            (std::vector<std::string>{"CF_XDR_MC", "CF_XDR_LB", "CF_WSH", "CF_WFXW", "CF_SY",
                                      "CF_YJ", "CF_CFLB", "CF_NR", "CF_JDRQ", "CF_YXQ", "CF_CFJG",
                                      "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM"}));
}

TEST(PenaltyFieldsTest, ConditionalRulesAreParsed) {
  const InfoClass& penalty = ShippedClass("penalty");
  const FieldSpec& uscc = Field(penalty, "CF_XDR_SHXYM");
  ASSERT_TRUE(uscc.when.has_value());
  EXPECT_EQ(uscc.when->field, "CF_XDR_LB");
  EXPECT_EQ(uscc.when->op, Condition::Op::kEquals);
  EXPECT_EQ(uscc.when->values, std::vector<std::string>{"法人及非法人组织"});

  const FieldSpec& id_number = Field(penalty, "CF_XDR_ZJHM");
  ASSERT_TRUE(id_number.when.has_value());
  EXPECT_EQ(id_number.when->ToString(), "CF_XDR_LB = 自然人");

  const FieldSpec& fine = Field(penalty, "CF_NR_FK");
  ASSERT_TRUE(fine.when.has_value());
  EXPECT_EQ(fine.when->op, Condition::Op::kContains);
  EXPECT_EQ(fine.when->ToString(), "CF_CFLB contains 罚款");
  EXPECT_EQ(fine.type, FieldType::kMoneyWanYuan);
  EXPECT_EQ(fine.scale, 6);
  EXPECT_NE(fine.unsure.find("UNSURE"), std::string::npos);

  const FieldSpec& licence = Field(penalty, "CF_NR_ZKDX");
  ASSERT_TRUE(licence.when.has_value());
  EXPECT_EQ(licence.when->values, (std::vector<std::string>{"暂扣", "吊销"}));
  EXPECT_EQ(licence.when->ToString(), "CF_CFLB contains one of [暂扣, 吊销]");
}

TEST(PenaltyFieldsTest, ConditionsHoldOnSplitValues) {
  const Catalog& catalog = ShippedCatalog();
  const InfoClass& penalty = ShippedClass("penalty");
  const FieldSpec& categories = Field(penalty, "CF_CFLB");
  const Condition& fine = *Field(penalty, "CF_NR_FK").when;
  EXPECT_TRUE(fine.Holds(catalog.SplitValues(categories, "警告;罚款")));
  EXPECT_TRUE(fine.Holds(catalog.SplitValues(categories, "罚款")));
  EXPECT_FALSE(fine.Holds(catalog.SplitValues(categories, "警告;其他-其他")));
  EXPECT_FALSE(fine.Holds(catalog.SplitValues(categories, "")));
  const Condition& licence = *Field(penalty, "CF_NR_ZKDX").when;
  EXPECT_TRUE(licence.Holds(catalog.SplitValues(categories, "罚款、吊销许可证件")));
  EXPECT_FALSE(licence.Holds(catalog.SplitValues(categories, "罚款")));
  const Condition& person = *Field(penalty, "CF_XDR_ZJHM").when;
  EXPECT_TRUE(person.Holds({"自然人"}));
  EXPECT_TRUE(person.Holds({" 自然人\u3000"}));
  EXPECT_FALSE(person.Holds({"个体工商户"}));
  EXPECT_FALSE(person.Holds({}));
}

TEST(PenaltyFieldsTest, CategoryIsMultiValuedWithBothOldSlotsAsAliases) {
  const FieldSpec& categories = Field(ShippedClass("penalty"), "CF_CFLB");
  EXPECT_TRUE(categories.multi_valued);
  EXPECT_EQ(categories.separators, (std::vector<std::string>{";", "；", ",", "，", "、"}));
  EXPECT_EQ(categories.code_table, "penalty_category");
  EXPECT_EQ(ShippedClass("penalty").FindFieldByHeader("CF_CFLB1"), &categories);
  EXPECT_EQ(ShippedClass("penalty").FindFieldByHeader("cf_cflb2"), &categories);
}

TEST(HeaderLookupTest, ByCodeAnyCaseAndWidth) {
  const InfoClass& penalty = ShippedClass("penalty");
  const FieldSpec* wsh = penalty.FindField("CF_WSH");
  ASSERT_NE(wsh, nullptr);
  EXPECT_EQ(penalty.FindFieldByHeader("CF_WSH"), wsh);
  EXPECT_EQ(penalty.FindFieldByHeader("cf_wsh"), wsh);
  EXPECT_EQ(penalty.FindFieldByHeader("  Cf_Wsh\t"), wsh);
  EXPECT_EQ(penalty.FindFieldByHeader("ＣＦ＿ＷＳＨ"), wsh);
  EXPECT_EQ(penalty.FindFieldByHeader("\xEF\xBB\xBF"
                                      "CF_WSH"),
            wsh);  // BOM of a CSV file
}

TEST(HeaderLookupTest, ByChineseName) {
  const InfoClass& penalty = ShippedClass("penalty");
  EXPECT_EQ(penalty.FindFieldByHeader("行政处罚决定书文号"), penalty.FindField("CF_WSH"));
  EXPECT_EQ(penalty.FindFieldByHeader(" 行政相对人名称 "), penalty.FindField("CF_XDR_MC"));
  EXPECT_EQ(penalty.FindFieldByHeader("罚款金额"), penalty.FindField("CF_NR_FK"));
  EXPECT_EQ(penalty.FindFieldByHeader("处罚机关统一社会信用代码"), penalty.FindField("CF_CFJGDM"));
  EXPECT_EQ(penalty.FindFieldByHeader("统一社会信用代码"), penalty.FindField("CF_XDR_SHXYM"));
}

TEST(HeaderLookupTest, ByAliasIncludingOldLayoutCodes) {
  const InfoClass& penalty = ShippedClass("penalty");
  EXPECT_EQ(penalty.FindFieldByHeader("CF_AJMC"), penalty.FindField("CF_WFXW"));
  EXPECT_EQ(penalty.FindFieldByHeader("CF_XDR_GSDJ"), penalty.FindField("CF_XDR_GSZC"));
  EXPECT_EQ(penalty.FindFieldByHeader("CF_XDR_ZDM"), penalty.FindField("CF_XDR_ZZJG"));
  EXPECT_EQ(penalty.FindFieldByHeader("CF_XZJG"), penalty.FindField("CF_CFJG"));
  EXPECT_EQ(penalty.FindFieldByHeader("行政相对人代码_1（统一社会信用代码）"),
            penalty.FindField("CF_XDR_SHXYM"));
  const InfoClass& license = ShippedClass("license");
  EXPECT_EQ(license.FindFieldByHeader("XK_XMMC"), license.FindField("XK_XKWS"));
  EXPECT_EQ(license.FindFieldByHeader("xk_jzq"), license.FindField("XK_YXQZI"));
  EXPECT_EQ(license.FindFieldByHeader("XK_XDR_SFZ"), license.FindField("XK_XDR_ZJHM"));
  EXPECT_EQ(license.FindFieldByHeader("XK_SPLB"), license.FindField("XK_XKLB"));
}

TEST(HeaderLookupTest, UnknownAndIgnoredHeaders) {
  const InfoClass& penalty = ShippedClass("penalty");
  EXPECT_EQ(penalty.FindFieldByHeader("CF_NOPE"), nullptr);
  EXPECT_EQ(penalty.FindFieldByHeader(""), nullptr);
  EXPECT_EQ(penalty.FindFieldByHeader("XK_WSH"), nullptr);  // another class's code
  EXPECT_TRUE(penalty.IsIgnoredHeader("dfbm"));
  EXPECT_TRUE(penalty.IsIgnoredHeader("SJC"));
  EXPECT_EQ(penalty.FindFieldByHeader("DFBM"), nullptr);
  EXPECT_FALSE(penalty.IsIgnoredHeader("CF_WSH"));
}

}  // namespace
}  // namespace gongxin::catalog
