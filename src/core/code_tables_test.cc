#include "core/code_tables.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "support/golden.h"

namespace gongxin {
namespace {

using ::gongxin::testing::CatalogPath;
using ::gongxin::testing::ReadFileOrFail;

DivisionTable LoadDivisions() {
  auto table = DivisionTable::ParseCsv(ReadFileOrFail(CatalogPath("codes/divisions.csv")));
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? std::move(table).value() : DivisionTable();
}

UsccPrefixTable LoadPrefixes() {
  auto table = UsccPrefixTable::ParseCsv(ReadFileOrFail(CatalogPath("codes/uscc_prefixes.csv")));
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? std::move(table).value() : UsccPrefixTable();
}

TEST(CodeTablesDivisionTest, ParsesTheShippedFile) {
  DivisionTable table = LoadDivisions();
  ASSERT_GT(table.all().size(), 3000u);

  const Division* tianhe = table.Find("440106");
  ASSERT_NE(tianhe, nullptr);
  EXPECT_EQ(tianhe->name, "天河区");
  EXPECT_EQ(tianhe->level, DivisionLevel::kCounty);

  const Division* shenzhen = table.Find("440300");
  ASSERT_NE(shenzhen, nullptr);
  EXPECT_EQ(shenzhen->name, "深圳市");
  EXPECT_EQ(shenzhen->level, DivisionLevel::kPrefecture);

  const Division* national = table.Find("100000");
  ASSERT_NE(national, nullptr);
  EXPECT_EQ(national->level, DivisionLevel::kNational);

  EXPECT_EQ(table.Find("440524"), nullptr);  // 潮阳县, retired
  EXPECT_EQ(table.Find("4401"), nullptr);
  EXPECT_EQ(table.Find(""), nullptr);
}

TEST(CodeTablesDivisionTest, HasProvinceOnlyForProvinceRows) {
  DivisionTable table = LoadDivisions();
  EXPECT_TRUE(table.HasProvince("44"));
  EXPECT_TRUE(table.HasProvince("11"));
  EXPECT_TRUE(table.HasProvince("81"));   // Hong Kong
  EXPECT_FALSE(table.HasProvince("10"));  // 100000 is national, not a province
  EXPECT_FALSE(table.HasProvince("99"));
  EXPECT_FALSE(table.HasProvince("4"));
  EXPECT_FALSE(table.HasProvince("440"));
}

TEST(CodeTablesDivisionTest, CountiesUnderAPrefix) {
  DivisionTable table = LoadDivisions();
  auto shenzhen = table.CountiesUnder("4403");
  ASSERT_FALSE(shenzhen.empty());
  std::set<std::string> codes;
  for (const Division* d : shenzhen) {
    EXPECT_EQ(d->level, DivisionLevel::kCounty);
    EXPECT_EQ(d->code.substr(0, 4), "4403");
    codes.insert(d->code);
  }
  EXPECT_TRUE(codes.count("440303"));   // 罗湖区
  EXPECT_TRUE(codes.count("440305"));   // 南山区
  EXPECT_FALSE(codes.count("440300"));  // the prefecture itself

  auto guangdong = table.CountiesUnder("44");
  EXPECT_GT(guangdong.size(), 100u);
  for (const Division* d : guangdong) EXPECT_EQ(d->code.substr(0, 2), "44");
  EXPECT_TRUE(table.CountiesUnder("99").empty());
}

TEST(CodeTablesDivisionTest, ParsesCommentsBlankLinesAndCrlf) {
  auto table = DivisionTable::ParseCsv(
      "# a comment\r\n\r\ncode,name,level\r\n440000,广东省,province\r\n# mid\r\n"
      "440106,天河区,county");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->all().size(), 2u);
  EXPECT_EQ(table->all()[1].name, "天河区");
  EXPECT_TRUE(table->HasProvince("44"));
  EXPECT_EQ(table->CountiesUnder("").size(), 1u);
}

TEST(CodeTablesDivisionTest, ErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"", "missing the header 'code,name,level'"},
      {"# c\ncode,name\n", "line 2: expected the header 'code,name,level'"},
      {"code,name,level\n44000,广东省,province\n", "line 2: code '44000' is not 6 digits"},
      {"code,name,level\n44000A,广东省,province\n", "line 2: code '44000A' is not 6 digits"},
      {"code,name,level\n440000,广东省\n", "line 2: expected 3 fields, found 2"},
      {"code,name,level\n#\n440000,,province\n", "line 3: empty name"},
      {"code,name,level\n440000,广东省,state\n",
       "line 2: unknown division level 'state' (expected national, province, prefecture or "
       "county)"},
      {"code,name,level\n440000,广东省,province\n440000,广东,province\n",
       "line 3: duplicate code '440000'"},
      {"code,name,level\n440000,\"广东省,province\n", "line 2: unclosed quote"},
  };
  for (const Case& c : cases) {
    auto table = DivisionTable::ParseCsv(c.text);
    ASSERT_FALSE(table.ok()) << c.text;
    EXPECT_EQ(table.status().code(), StatusCode::kCorruption);
    EXPECT_EQ(table.status().message(), c.message);
    EXPECT_FALSE(table.status().message_zh().empty());
  }
}

TEST(CodeTablesSubjectKindTest, NamesRoundTrip) {
  const SubjectKind kinds[] = {SubjectKind::kEnterprise,        SubjectKind::kIndividualBusiness,
                               SubjectKind::kFarmerCooperative, SubjectKind::kSocialOrganisation,
                               SubjectKind::kPublicInstitution, SubjectKind::kGovernmentBody,
                               SubjectKind::kOtherOrganisation, SubjectKind::kNaturalPerson};
  const char* names[] = {"enterprise",          "individual_business", "farmer_cooperative",
                         "social_organisation", "public_institution",  "government_body",
                         "other_organisation",  "natural_person"};
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(SubjectKindName(kinds[i]), names[i]);
    auto parsed = ParseSubjectKind(names[i]);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kinds[i]);
  }
  EXPECT_FALSE(ParseSubjectKind("Enterprise").ok());
  EXPECT_FALSE(ParseSubjectKind("").ok());
  EXPECT_EQ(ParseSubjectKind("company").status().code(), StatusCode::kInvalidArgument);
}

TEST(CodeTablesUsccPrefixTest, ShippedFileHasExactlyTheStandardsList) {
  UsccPrefixTable table = LoadPrefixes();
  // STANDARDS.md §2.1: the prefixes a widely used validator accepts.
  const std::set<std::string> expected = {"11", "12", "13", "19", "21", "29", "31", "32", "33",
                                          "34", "35", "39", "41", "49", "51", "52", "53", "59",
                                          "61", "62", "69", "71", "72", "79", "81", "89", "91",
                                          "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1"};
  std::set<std::string> actual;
  for (const UsccPrefix& p : table.all()) {
    actual.insert(p.code);
    EXPECT_FALSE(p.authority_zh.empty());
    EXPECT_FALSE(p.authority_en.empty());
    EXPECT_FALSE(p.type_zh.empty());
    EXPECT_FALSE(p.type_en.empty());
    EXPECT_NE(p.kind, SubjectKind::kNaturalPerson) << p.code;
  }
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(table.all().size(), expected.size());
}

TEST(CodeTablesUsccPrefixTest, KindsOfTheMainPrefixes) {
  UsccPrefixTable table = LoadPrefixes();
  auto kind = [&](const char* code) {
    const UsccPrefix* p = table.Find(code);
    EXPECT_NE(p, nullptr) << code;
    return p ? p->kind : SubjectKind::kNaturalPerson;
  };
  EXPECT_EQ(kind("91"), SubjectKind::kEnterprise);
  EXPECT_EQ(kind("92"), SubjectKind::kIndividualBusiness);
  EXPECT_EQ(kind("93"), SubjectKind::kFarmerCooperative);
  EXPECT_EQ(kind("11"), SubjectKind::kGovernmentBody);
  EXPECT_EQ(kind("12"), SubjectKind::kPublicInstitution);
  EXPECT_EQ(kind("51"), SubjectKind::kSocialOrganisation);
  EXPECT_EQ(kind("52"), SubjectKind::kSocialOrganisation);
  EXPECT_EQ(kind("53"), SubjectKind::kSocialOrganisation);
  EXPECT_EQ(kind("Y1"), SubjectKind::kOtherOrganisation);

  const UsccPrefix* p91 = table.Find("91");
  ASSERT_NE(p91, nullptr);
  EXPECT_EQ(p91->type_zh, "企业");
  EXPECT_EQ(table.Find("00"), nullptr);
  EXPECT_EQ(table.Find("9"), nullptr);
  EXPECT_EQ(table.Find("910"), nullptr);
}

TEST(CodeTablesUsccPrefixTest, ParsesQuotedFields) {
  auto table = UsccPrefixTable::ParseCsv(
      "code,authority_zh,authority_en,type_zh,type_en,kind\n"
      "91,工商,\"industry, commerce\",企业,\"the \"\"enterprise\"\"\",enterprise\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->all().size(), 1u);
  EXPECT_EQ(table->all()[0].authority_en, "industry, commerce");
  EXPECT_EQ(table->all()[0].type_en, "the \"enterprise\"");
}

TEST(CodeTablesUsccPrefixTest, ErrorsNameTheLine) {
  const std::string header = "code,authority_zh,authority_en,type_zh,type_en,kind\n";
  struct Case {
    std::string text;
    const char* message;
  };
  const Case cases[] = {
      {"code,authority_zh\n",
       "line 1: expected the header "
       "'code,authority_zh,authority_en,type_zh,type_en,kind'"},
      {header + "9I,a,b,c,d,enterprise\n",
       "line 2: code '9I' is not 2 characters of the uscc character set"},
      {header + "911,a,b,c,d,enterprise\n",
       "line 2: code '911' is not 2 characters of the uscc character set"},
      {header + "91,a,b,,d,enterprise\n", "line 2: empty field 4"},
      {header + "91,a,b,c,d\n", "line 2: expected 6 fields, found 5"},
      {header + "91,a,b,c,d,company\n",
       "line 2: unknown subject kind 'company' (expected enterprise, individual_business, "
       "farmer_cooperative, social_organisation, public_institution, government_body, "
       "other_organisation or natural_person)"},
      {header + "91,a,b,c,d,enterprise\n\n91,a,b,c,d,enterprise\n", "line 4: duplicate code '91'"},
      {header + "91,a,\"b\"x,c,d,enterprise\n", "line 2: text after a closing quote"},
  };
  for (const Case& c : cases) {
    auto table = UsccPrefixTable::ParseCsv(c.text);
    ASSERT_FALSE(table.ok()) << c.text;
    EXPECT_EQ(table.status().code(), StatusCode::kCorruption);
    EXPECT_EQ(table.status().message(), c.message);
  }
}

TEST(CodeTablesDivisionTest, PointersSurviveAMove) {
  DivisionTable table = LoadDivisions();
  const Division* before = table.Find("440106");
  DivisionTable moved = std::move(table);
  EXPECT_EQ(moved.Find("440106"), before);
}

}  // namespace
}  // namespace gongxin
