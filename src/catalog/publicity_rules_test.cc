// The shipped publicity rules for penalties: three rule versions, their periods and
// the default severity classification.
#include "catalog/publicity_rules.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/shipped_catalog_testing.h"

namespace gongxin::catalog {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

const PublicityRuleSet& Penalty() {
  const PublicityRuleSet* rules = ShippedCatalog().FindPublicityRules("penalty");
  if (rules == nullptr) {
    ADD_FAILURE() << "no publicity rules 'penalty'";
    static const PublicityRuleSet empty;
    return empty;
  }
  return *rules;
}

TEST(PeriodTest, ParsesMonthsAndYears) {
  EXPECT_EQ(ParsePeriod("3 months"), Period{3});
  EXPECT_EQ(ParsePeriod("1 month"), Period{1});
  EXPECT_EQ(ParsePeriod("1 year"), Period{12});
  EXPECT_EQ(ParsePeriod("3 years"), Period{36});
  EXPECT_EQ(ParsePeriod("0 months"), Period{0});
  EXPECT_FALSE(ParsePeriod("3"));
  EXPECT_FALSE(ParsePeriod("three months"));
  EXPECT_FALSE(ParsePeriod("3 weeks"));
  EXPECT_FALSE(ParsePeriod("-1 year"));
  EXPECT_EQ(Period{36}.ToString(), "3 years");
  EXPECT_EQ(Period{3}.ToChinese(), "3个月");
  EXPECT_EQ(Period{12}.AddTo(D(2024, 2, 29)), D(2025, 2, 28));
}

TEST(PenaltyPublicityTest, ThreeVersionsWithTheirDates) {
  const PublicityRuleSet& rules = Penalty();
  ASSERT_EQ(rules.versions.size(), 3u);
  EXPECT_EQ(rules.versions[0].version, "ndrc-2019-527");
  EXPECT_EQ(rules.versions[1].version, "ndrc-order-58");
  EXPECT_EQ(rules.versions[1].effective_from, D(2023, 5, 1));
  EXPECT_EQ(rules.versions[2].version, "ndrc-order-36");
  EXPECT_EQ(rules.versions[2].effective_from, D(2026, 4, 1));
  EXPECT_EQ(rules.VersionOn(D(2023, 4, 30)), &rules.versions[0]);
  EXPECT_EQ(rules.VersionOn(D(2026, 3, 31)), &rules.versions[1]);
  EXPECT_EQ(rules.VersionOn(D(2026, 4, 1)), &rules.versions[2]);
  EXPECT_EQ(rules.VersionOn(D(2010, 1, 1)), nullptr);
  EXPECT_EQ(rules.applies_to, std::vector<std::string>{"penalty"});
  EXPECT_EQ(rules.inputs.categories_field, "CF_CFLB");
  EXPECT_EQ(rules.inputs.fine_field, "CF_NR_FK");
}

TEST(PenaltyPublicityTest, Notice2019Periods) {
  const PublicityRuleVersion& v = Penalty().versions[0];
  ASSERT_NE(v.FindSeverity("general"), nullptr);
  EXPECT_EQ(v.FindSeverity("general")->min, Period{3});
  EXPECT_EQ(v.FindSeverity("general")->max, Period{12});
  ASSERT_NE(v.FindSeverity("severe"), nullptr);
  EXPECT_EQ(v.FindSeverity("severe")->min, Period{6});
  EXPECT_EQ(v.FindSeverity("severe")->max, Period{36});
  EXPECT_FALSE(v.unsure.empty());  // the notice's date
}

TEST(PenaltyPublicityTest, Order58PeriodsAndDomainMinimums) {
  const PublicityRuleVersion& v = Penalty().versions[1];
  ASSERT_EQ(v.severities.size(), 1u);
  EXPECT_EQ(v.severities[0].min, Period{3});
  EXPECT_EQ(v.severities[0].max, Period{36});
  EXPECT_EQ(v.combine, "longest");
  ASSERT_EQ(v.domain_minimums.size(), 3u);
  for (const DomainMinimum& m : v.domain_minimums) EXPECT_EQ(m.min, Period{12}) << m.domain;
  EXPECT_EQ(Penalty().domains.size(), 3u);
}

TEST(PenaltyPublicityTest, Order36ThreeClasses) {
  const PublicityRuleVersion& v = Penalty().versions[2];
  const SeverityLevel* minor = v.FindSeverity("minor");
  const SeverityLevel* general = v.FindSeverity("general");
  const SeverityLevel* severe = v.FindSeverity("severe");
  ASSERT_TRUE(minor && general && severe);
  EXPECT_FALSE(minor->published_by_default);
  EXPECT_TRUE(minor->repair_when_obligations_met);
  EXPECT_EQ(minor->max, Period{3});
  EXPECT_EQ(general->min, Period{3});
  EXPECT_EQ(general->max, Period{12});
  EXPECT_EQ(severe->min, Period{12});
  EXPECT_EQ(severe->max, Period{36});
}

TEST(PenaltyPublicityTest, Order36DefaultClassification) {
  const PublicityRuleVersion& v = Penalty().versions[2];
  EXPECT_EQ(v.Classify({"警告"}, std::nullopt, "法人及非法人组织"), "minor");
  EXPECT_EQ(v.Classify({"通报批评"}, std::nullopt, "自然人"), "minor");
  EXPECT_EQ(v.Classify({"罚款"}, 0.2, "法人及非法人组织"), "minor");  // 2,000 yuan
  EXPECT_EQ(v.Classify({"罚款"}, 0.2, "自然人"), "general");          // over 200 yuan
  EXPECT_EQ(v.Classify({"罚款"}, 5.0, "法人及非法人组织"), "general");
  EXPECT_EQ(v.Classify({"罚款"}, std::nullopt, "法人及非法人组织"), "general");
  EXPECT_EQ(v.Classify({"罚款"}, 150.0, "法人及非法人组织"), "severe");
  EXPECT_EQ(v.Classify({"警告", "吊销许可证件"}, std::nullopt, "法人及非法人组织"), "severe");
  EXPECT_EQ(v.Classify({"没收违法所得"}, std::nullopt, "法人及非法人组织"), "general");
  EXPECT_EQ(v.classification.default_severity, "general");
}

TEST(PenaltyPublicityTest, GuangzhouCap) {
  ASSERT_EQ(Penalty().caps.size(), 1u);
  const PublicityCap& cap = Penalty().caps[0];
  EXPECT_EQ(cap.division, "4401");
  EXPECT_EQ(cap.max, Period{60});
  EXPECT_EQ(cap.effective_from, D(2024, 4, 1));
}

TEST(PenaltyPublicityTest, EveryValueNamesItsSource) {
  for (const PublicityRuleVersion& v : Penalty().versions) {
    EXPECT_FALSE(v.source.empty()) << v.version;
    EXPECT_FALSE(v.classification.source.empty()) << v.version;
    for (const SeverityLevel& s : v.severities) EXPECT_FALSE(s.source.empty()) << s.id;
    for (const ClassificationRule& r : v.classification.rules) EXPECT_FALSE(r.note.empty());
  }
}

}  // namespace
}  // namespace gongxin::catalog
