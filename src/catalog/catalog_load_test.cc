// The shipped catalog (catalog/) loads, and every class, table and rule set in it is
// complete.
#include <gtest/gtest.h>

#include <set>

#include "catalog/catalog.h"
#include "catalog/shipped_catalog_testing.h"
#include "support/golden.h"

namespace gongxin::catalog {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

TEST(ShippedCatalogTest, LoadsEveryClassInItsOrder) {
  EXPECT_EQ(ShippedCatalog().ClassIds(),
            (std::vector<std::string>{"registration", "license", "penalty", "inspection",
                                      "coercion", "levy", "requisition", "judgment_defaulter",
                                      "tax_a_grade", "commitment", "honour"}));
}

TEST(ShippedCatalogTest, EveryClassIsComplete) {
  for (const InfoClass& c : ShippedCatalog().classes()) {
    SCOPED_TRACE(c.id);
    EXPECT_FALSE(c.names.zh.empty());
    EXPECT_FALSE(c.names.en.empty());
    EXPECT_FALSE(c.owner.empty());
    EXPECT_FALSE(c.fields_source.empty());
    EXPECT_FALSE(c.fields.empty());
    EXPECT_FALSE(c.natural_key.empty());
    EXPECT_FALSE(c.versions.empty());
    EXPECT_EQ(c.file, "catalog/classes/" + c.id + ".yaml");
    ASSERT_NE(c.FindField(c.subject.name_field), nullptr);
    for (const std::string& key : c.natural_key) {
      ASSERT_NE(c.FindField(key), nullptr) << key;
      EXPECT_EQ(c.FindField(key)->required, Requirement::kMandatory) << key;
    }
    for (const FieldSpec& f : c.fields) {
      EXPECT_FALSE(f.names.zh.empty()) << f.code;
      EXPECT_FALSE(f.names.en.empty()) << f.code;
      EXPECT_EQ(f.when.has_value(), f.required == Requirement::kConditional) << f.code;
      if (f.type == FieldType::kCode && f.code_table != "divisions") {
        EXPECT_NE(ShippedCatalog().TableOf(f), nullptr) << f.code;
      }
    }
  }
}

// Classes without a verified national field list say so (STANDARDS.md §1.7).
TEST(ShippedCatalogTest, DesignedClassesSayNoNationalListWasVerified) {
  for (const InfoClass& c : ShippedCatalog().classes()) {
    if (c.id == "license" || c.id == "penalty") continue;
    SCOPED_TRACE(c.id);
    EXPECT_NE(c.fields_source.find("no "), std::string::npos) << c.fields_source;
    EXPECT_NE(c.fields_source.find("verified"), std::string::npos) << c.fields_source;
  }
}

TEST(ShippedCatalogTest, DoublePublicityDeadlineIsSevenWorkingDaysFromTheDecision) {
  for (const char* id : {"license", "penalty"}) {
    const InfoClass& c = ShippedClass(id);
    ASSERT_TRUE(c.deadline.has_value()) << id;
    EXPECT_EQ(c.deadline->working_days, 7);
    EXPECT_EQ(c.deadline->from_field, c.decision_date_field);
    EXPECT_TRUE(c.deadline->unsure.empty());
  }
  EXPECT_EQ(ShippedClass("penalty").decision_date_field, "CF_JDRQ");
  EXPECT_EQ(ShippedClass("license").decision_date_field, "XK_JDRQ");
  EXPECT_FALSE(ShippedClass("registration").deadline.has_value());
}

TEST(ShippedCatalogTest, SubjectKeysAndNaturalKeys) {
  const InfoClass& penalty = ShippedClass("penalty");
  EXPECT_EQ(penalty.subject.name_field, "CF_XDR_MC");
  EXPECT_EQ(penalty.subject.uscc_field, "CF_XDR_SHXYM");
  EXPECT_EQ(penalty.subject.id_number_field, "CF_XDR_ZJHM");
  EXPECT_EQ(penalty.subject.category_field, "CF_XDR_LB");
  EXPECT_EQ(penalty.natural_key, std::vector<std::string>{"CF_WSH"});
  EXPECT_EQ(ShippedClass("license").natural_key, std::vector<std::string>{"XK_WSH"});
  EXPECT_EQ(ShippedClass("tax_a_grade").natural_key,
            (std::vector<std::string>{"NS_NSRSBH", "NS_PJND"}));
  EXPECT_EQ(ShippedClass("judgment_defaulter").natural_key,
            (std::vector<std::string>{"SX_AH", "SX_BZXR_MC"}));
}

TEST(ShippedCatalogTest, PublicityOfNaturalPersons) {
  for (const InfoClass& c : ShippedCatalog().classes()) {
    EXPECT_TRUE(c.publicity.is_public) << c.id;
    EXPECT_EQ(c.publicity.natural_persons_public, c.id == "judgment_defaulter") << c.id;
  }
  const InfoClass& defaulter = ShippedClass("judgment_defaulter");
  ASSERT_EQ(defaulter.publicity.masked.size(), 1u);
  EXPECT_EQ(defaulter.publicity.masked[0].field, "SX_BZXR_ZJHM");
  EXPECT_EQ(defaulter.publicity.masked[0].kind, MaskKind::kIdNumber);
  const InfoClass& penalty = ShippedClass("penalty");
  EXPECT_EQ(penalty.publicity.period_rules, "penalty");
  EXPECT_EQ(ShippedCatalog().PublicityRulesFor(penalty),
            ShippedCatalog().FindPublicityRules("penalty"));
  std::set<std::string> masked;
  for (const MaskRule& m : penalty.publicity.masked) masked.insert(m.field);
  EXPECT_EQ(masked, (std::set<std::string>{"CF_XDR_ZJHM", "CF_FR_ZJHM"}));
}

TEST(ShippedCatalogTest, RuleVersionsByDate) {
  const InfoClass& penalty = ShippedClass("penalty");
  EXPECT_EQ(penalty.VersionOn(D(2014, 1, 1)), nullptr);
  EXPECT_EQ(penalty.VersionOn(D(2020, 6, 1))->version, "2019");
  EXPECT_EQ(penalty.VersionOn(D(2021, 7, 14))->version, "2019");
  EXPECT_EQ(penalty.VersionOn(D(2021, 7, 15))->version, "2021-art9");
}

TEST(ShippedCatalogTest, StandardTablesAndCalendarAreLoaded) {
  const Catalog& catalog = ShippedCatalog();
  EXPECT_NE(catalog.standard_tables().divisions.Find("440106"), nullptr);
  EXPECT_NE(catalog.standard_tables().uscc_prefixes.Find("92"), nullptr);
  EXPECT_FALSE(catalog.calendar().years().empty());
}

TEST(ShippedCatalogTest, CrossFieldRulesAreData) {
  const InfoClass& penalty = ShippedClass("penalty");
  const ValidationRule* person = nullptr;
  const ValidationRule* organisation = nullptr;
  for (const ValidationRule& rule : penalty.rules) {
    if (rule.id == "person_uscc_prefix_92") person = &rule;
    if (rule.id == "organisation_uscc_prefix_not_92") organisation = &rule;
  }
  ASSERT_NE(person, nullptr);
  ASSERT_NE(organisation, nullptr);
  ASSERT_TRUE(person->when.has_value());
  EXPECT_EQ(person->when->op, Condition::Op::kIn);
  EXPECT_EQ(person->when->values, (std::vector<std::string>{"自然人", "个体工商户"}));
  EXPECT_EQ(person->check.field, "CF_XDR_SHXYM");
  EXPECT_EQ(person->check.op, Check::Op::kPrefixIn);
  EXPECT_EQ(person->check.values, std::vector<std::string>{"92"});
  EXPECT_EQ(organisation->check.op, Check::Op::kPrefixNotIn);
  EXPECT_EQ(organisation->check.ToString(), "CF_XDR_SHXYM starts with none of [92]");
}

TEST(ShippedCatalogTest, OnlyRegistrationRegistersSubjects) {
  for (const InfoClass& c : ShippedCatalog().classes()) {
    EXPECT_EQ(c.registration.has_value(), c.id == "registration") << c.id;
  }
  const InfoClass& registration = ShippedClass("registration");
  ASSERT_TRUE(registration.registration.has_value());
  EXPECT_EQ(registration.registration->status_field, "DJ_DJZT");
  EXPECT_EQ(registration.registration->former_names_field, "DJ_CYM");
  EXPECT_TRUE(registration.FindField("DJ_CYM")->multi_valued);
}

TEST(ShippedCatalogTest, CertificateNumbersNameTheirTypeField) {
  const InfoClass& penalty = ShippedClass("penalty");
  EXPECT_EQ(penalty.FindField("CF_XDR_ZJHM")->certificate_type_field, "CF_XDR_ZJLX");
  EXPECT_EQ(penalty.FindField("CF_FR_ZJHM")->certificate_type_field, "CF_FR_ZJLX");
  EXPECT_EQ(ShippedClass("license").FindField("XK_XDR_ZJHM")->certificate_type_field,
            "XK_XDR_ZJLX");
  for (const InfoClass& c : ShippedCatalog().classes()) {
    for (const FieldSpec& f : c.fields) {
      if (f.certificate_type_field.empty()) continue;
      EXPECT_EQ(f.type, FieldType::kCertificateNumber) << c.id << " " << f.code;
      ASSERT_NE(c.FindField(f.certificate_type_field), nullptr) << f.certificate_type_field;
      EXPECT_EQ(c.FindField(f.certificate_type_field)->code_table, "certificate_type");
    }
  }
}

TEST(LoadDirTest, MissingFolderIsAnIoError) {
  Result<Catalog> loaded = Catalog::LoadDir("/nonexistent/catalog");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kIOError);
  EXPECT_FALSE(loaded.status().message_zh().empty());
}

}  // namespace
}  // namespace gongxin::catalog
