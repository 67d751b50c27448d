// DecidePublicity against the shipped catalog: every rule version with concrete dates,
// domain minimums, the days around `until`, the Guangzhou cap (with a catalog copy
// whose cap binds), states, natural persons and licences' validity end.
#include "archive/publicity.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/ingest_testing.h"
#include "support/golden.h"

namespace gongxin::archive {
namespace {

namespace fs = std::filesystem;
using ingest::testing::Catalog;

Date D(const char* iso) { return Date::Parse(iso).value(); }

struct Penalty {
  std::string decided;
  std::string categories = "罚款";
  std::string fine_yuan = "5000.00";  // stored amounts are 元
  std::string basis = "《中华人民共和国广告法》第五十五条";
  std::string counterpart = "法人及非法人组织";
  std::string state = "active";
  std::string kind = "enterprise";
  std::string division = "440305";  // Shenzhen: no cap

  RecordFacts Facts() const {
    RecordFacts f;
    f.fields["CF_CFLB"] = categories;
    if (!fine_yuan.empty()) f.fields["CF_NR_FK"] = fine_yuan;
    f.fields["CF_YJ"] = basis;
    f.fields["CF_XDR_LB"] = counterpart;
    f.fields["CF_JDRQ"] = decided;
    f.decision_date = D(decided.c_str());
    f.state = state;
    f.subject_kind = kind;
    f.division = division;
    return f;
  }
};

struct Case {
  std::string name;
  Penalty penalty;
  std::string today;
  std::string status, rule_version, severity, from, until, repairable_from;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::string Iso(const std::optional<Date>& d) { return d ? d->ToIso() : "-"; }

class ArchivePenaltyPublicityTest : public ::testing::TestWithParam<Case> {};

TEST_P(ArchivePenaltyPublicityTest, Decides) {
  const Case& c = GetParam();
  const catalog::InfoClass* penalty = Catalog().FindClass("penalty");
  ASSERT_NE(penalty, nullptr);
  const PublicityDecision d =
      DecidePublicity(Catalog(), *penalty, c.penalty.Facts(), D(c.today.c_str()));
  EXPECT_EQ(d.status, c.status) << d.reason_en;
  EXPECT_EQ(d.rule_version, c.rule_version);
  EXPECT_EQ(d.severity, c.severity);
  EXPECT_EQ(Iso(d.from), c.from);
  EXPECT_EQ(Iso(d.until), c.until);
  EXPECT_EQ(Iso(d.repairable_from), c.repairable_from);
  EXPECT_EQ(d.is_public(), c.status == "public");
  EXPECT_FALSE(d.status_zh.empty());
  EXPECT_FALSE(d.reason_en.empty());
  EXPECT_FALSE(d.reason_zh.empty());
}

Penalty P(std::string decided) {
  Penalty p;
  p.decided = std::move(decided);
  return p;
}
Penalty WithCategories(Penalty p, std::string categories, std::string fine_yuan = "") {
  p.categories = std::move(categories);
  p.fine_yuan = std::move(fine_yuan);
  return p;
}
Penalty WithBasis(Penalty p, std::string basis) {
  p.basis = std::move(basis);
  return p;
}
Penalty WithState(Penalty p, std::string state) {
  p.state = std::move(state);
  return p;
}
Penalty InDivision(Penalty p, std::string division) {
  p.division = std::move(division);
  return p;
}
Penalty AboutPerson(Penalty p) {
  p.kind = "natural_person";
  p.counterpart = "自然人";
  return p;
}

const char kV2019[] = "ndrc-2019-527";
const char kV58[] = "ndrc-order-58";
const char kV36[] = "ndrc-order-36";

INSTANTIATE_TEST_SUITE_P(
    RuleVersions, ArchivePenaltyPublicityTest,
    ::testing::Values(
        // 2019 notice: general 3 months - 1 year, severe 6 months - 3 years.
        Case{"v2019_general_day_before_until", P("2020-03-10"), "2021-03-09", "public", kV2019,
             "general", "2020-03-10", "2021-03-10", "2020-06-10"},
        Case{"v2019_general_on_until", P("2020-03-10"), "2021-03-10", "expired", kV2019, "general",
             "2020-03-10", "2021-03-10", "2020-06-10"},
        Case{"v2019_general_after_until", P("2020-03-10"), "2021-03-11", "expired", kV2019,
             "general", "2020-03-10", "2021-03-10", "2020-06-10"},
        Case{"v2019_severe", WithCategories(P("2020-03-10"), "责令停产停业"), "2022-01-01",
             "public", kV2019, "severe", "2020-03-10", "2023-03-10", "2020-09-10"},
        Case{"v2019_severe_expired", WithCategories(P("2020-03-10"), "责令停产停业"), "2023-03-10",
             "expired", kV2019, "severe", "2020-03-10", "2023-03-10", "2020-09-10"},
        // Before the first version (2019-07-01): judged under it.
        Case{"before_first_version", P("2018-05-02"), "2018-06-01", "public", kV2019, "general",
             "2018-05-02", "2019-05-02", "2018-08-02"},
        Case{"before_first_version_today", P("2018-05-02"), "2026-11-23", "expired", kV2019,
             "general", "2018-05-02", "2019-05-02", "2018-08-02"},
        // Order 58: 3 months - 3 years; 1-year minimum for fire, work safety, special
        // equipment.
        Case{"order58_plain", P("2024-03-01"), "2026-11-23", "public", kV58, "all", "2024-03-01",
             "2027-03-01", "2024-06-01"},
        Case{"order58_last_day", P("2024-03-01"), "2027-02-28", "public", kV58, "all", "2024-03-01",
             "2027-03-01", "2024-06-01"},
        Case{"order58_until", P("2024-03-01"), "2027-03-01", "expired", kV58, "all", "2024-03-01",
             "2027-03-01", "2024-06-01"},
        Case{"order58_fire",
             WithBasis(P("2024-03-01"), "《中华人民共和国消防法》第六十条第一款第三项"),
             "2026-11-23", "public", kV58, "all", "2024-03-01", "2027-03-01", "2025-03-01"},
        Case{"order58_work_safety",
             WithBasis(P("2024-03-01"), "《中华人民共和国安全生产法》第九十九条"), "2026-11-23",
             "public", kV58, "all", "2024-03-01", "2027-03-01", "2025-03-01"},
        Case{"order58_first_day", P("2023-05-01"), "2023-05-01", "public", kV58, "all",
             "2023-05-01", "2026-05-01", "2023-08-01"},
        Case{"order58_day_before_is_2019", P("2023-04-30"), "2023-05-01", "public", kV2019,
             "general", "2023-04-30", "2024-04-30", "2023-07-30"},
        // Order 36 (from 2026-04-01): minor not published, general 3 months - 1 year,
        // severe 1 - 3 years.
        Case{"order36_minor_warning", WithCategories(P("2026-05-01"), "警告"), "2026-06-01",
             "not_published", kV36, "minor", "2026-05-01", "2026-08-01", "2026-05-01"},
        Case{"order36_minor_small_fine", WithCategories(P("2026-05-01"), "罚款", "2000.00"),
             "2026-06-01", "not_published", kV36, "minor", "2026-05-01", "2026-08-01",
             "2026-05-01"},
        Case{"order36_general", P("2026-05-01"), "2026-11-23", "public", kV36, "general",
             "2026-05-01", "2027-05-01", "2026-08-01"},
        Case{"order36_general_day_before_until", P("2026-05-01"), "2027-04-30", "public", kV36,
             "general", "2026-05-01", "2027-05-01", "2026-08-01"},
        Case{"order36_general_on_until", P("2026-05-01"), "2027-05-01", "expired", kV36, "general",
             "2026-05-01", "2027-05-01", "2026-08-01"},
        Case{"order36_general_after_until", P("2026-05-01"), "2027-05-02", "expired", kV36,
             "general", "2026-05-01", "2027-05-01", "2026-08-01"},
        Case{"order36_severe_revocation", WithCategories(P("2026-05-01"), "吊销许可证件"),
             "2026-11-23", "public", kV36, "severe", "2026-05-01", "2029-05-01", "2027-05-01"},
        Case{"order36_severe_large_fine", WithCategories(P("2026-05-01"), "罚款", "1000000.00"),
             "2026-11-23", "public", kV36, "severe", "2026-05-01", "2029-05-01", "2027-05-01"},
        Case{"order36_fire_has_no_domain_minimum",
             WithBasis(P("2026-05-01"), "《中华人民共和国消防法》第六十条"), "2026-11-23", "public",
             kV36, "general", "2026-05-01", "2027-05-01", "2026-08-01"},
        Case{"order36_first_day", P("2026-04-01"), "2026-04-01", "public", kV36, "general",
             "2026-04-01", "2027-04-01", "2026-07-01"},
        Case{"order58_last_day_of_order58", P("2026-03-31"), "2026-11-23", "public", kV58, "all",
             "2026-03-31", "2029-03-31", "2026-06-30"},
        // The shipped Guangzhou cap (5 years) never binds: the longest national period
        // is 3 years.
        Case{"guangzhou_severe_not_capped",
             InDivision(WithCategories(P("2026-05-01"), "吊销许可证件"), "440106"), "2026-11-23",
             "public", kV36, "severe", "2026-05-01", "2029-05-01", "2027-05-01"},
        // States and subjects: the window is kept, the record is not public.
        Case{"repaired", WithState(P("2026-05-01"), "repaired"), "2026-11-23", "repaired", kV36,
             "general", "2026-05-01", "2027-05-01", "2026-08-01"},
        Case{"revoked", WithState(P("2026-05-01"), "revoked"), "2026-11-23", "revoked", kV36,
             "general", "2026-05-01", "2027-05-01", "2026-08-01"},
        Case{"revoked_wins_over_expired", WithState(P("2020-03-10"), "revoked"), "2026-11-23",
             "revoked", kV2019, "general", "2020-03-10", "2021-03-10", "2020-06-10"},
        Case{"natural_person", AboutPerson(P("2026-05-01")), "2026-11-23", "person_not_public",
             kV36, "general", "2026-05-01", "2027-05-01", "2026-08-01"},
        Case{"before_decision", P("2026-12-01"), "2026-11-23", "before_decision", kV36, "general",
             "2026-12-01", "2027-12-01", "2027-03-01"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(PublicityTest, ReasonNamesVersionSeverityAndDomain) {
  Penalty p = WithBasis(P("2024-03-01"), "《中华人民共和国消防法》第六十条");
  const PublicityDecision d =
      DecidePublicity(Catalog(), *Catalog().FindClass("penalty"), p.Facts(), D("2026-11-23"));
  EXPECT_EQ(d.reason_en,
            "public through 2027-02-28 (ndrc-order-58, all: 1 year to 3 years from 2024-03-01; "
            "Fire safety domain minimum 1 year)");
  EXPECT_EQ(d.reason_zh,
            "公示至2027-02-28（ndrc-order-58：行政处罚，自2024-03-01起最短1年、最长3年；"
            "消防领域最短1年）");
  EXPECT_EQ(d.status_zh, "公示中");
  EXPECT_EQ(d.severity_zh, "行政处罚");
}

TEST(PublicityTest, BeforeTheFirstVersionTheReasonSaysSo) {
  const PublicityDecision d = DecidePublicity(Catalog(), *Catalog().FindClass("penalty"),
                                              P("2018-05-02").Facts(), D("2026-11-23"));
  EXPECT_NE(d.reason_en.find("decided before the first rule version (2019-07-01)"),
            std::string::npos)
      << d.reason_en;
}

TEST(PublicityTest, NoDecisionDate) {
  RecordFacts f = P("2026-05-01").Facts();
  f.decision_date.reset();
  const PublicityDecision d =
      DecidePublicity(Catalog(), *Catalog().FindClass("penalty"), f, D("2026-11-23"));
  EXPECT_EQ(d.status, "no_decision_date");
  EXPECT_FALSE(d.is_public());
}

// A copy of the shipped catalog whose Guangzhou cap is 2 years, so that it binds.
class CappedCatalog {
 public:
  CappedCatalog() {
    dir_ = gongxin::testing::MakeTempDir("gongxin-cap") + "/catalog";
    fs::copy(gongxin::testing::CatalogPath(), dir_, fs::copy_options::recursive);
    const std::string path = dir_ + "/publicity/penalty.yaml";
    std::string text = gongxin::testing::ReadFileOrFail(path);
    const std::string from = "division: \"4401\"\n    max: 5 years";
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos);
    if (at != std::string::npos) {
      text.replace(at, from.size(), "division: \"4401\"\n    max: 2 years");
    }
    std::ofstream(path, std::ios::binary) << text;
    auto loaded = catalog::Catalog::LoadDir(dir_);
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    if (loaded.ok()) catalog_ = std::make_unique<catalog::Catalog>(std::move(loaded).value());
  }
  ~CappedCatalog() {
    std::error_code ec;
    fs::remove_all(fs::path(dir_).parent_path(), ec);
  }
  const catalog::Catalog& operator*() const { return *catalog_; }

 private:
  std::string dir_;
  std::unique_ptr<catalog::Catalog> catalog_;
};

TEST(PublicityTest, GuangzhouCapAppliesByDivisionAndDecisionDate) {
  CappedCatalog capped;
  const catalog::Catalog& catalog = *capped;
  const catalog::InfoClass& penalty = *catalog.FindClass("penalty");
  const Date today = D("2026-11-23");
  // Guangzhou (4401..), decided on/after 2024-04-01: capped at 2 years.
  PublicityDecision d = DecidePublicity(
      catalog, penalty,
      InDivision(WithCategories(P("2026-05-01"), "吊销许可证件"), "440106").Facts(), today);
  EXPECT_EQ(Iso(d.until), "2028-05-01");
  EXPECT_EQ(Iso(d.repairable_from), "2027-05-01");
  EXPECT_NE(d.reason_en.find("capped by guangzhou at 2 years"), std::string::npos) << d.reason_en;
  d = DecidePublicity(catalog, penalty, InDivision(P("2024-04-01"), "440106").Facts(), today);
  EXPECT_EQ(Iso(d.until), "2026-04-01");
  EXPECT_EQ(d.status, "expired");
  // Decided before the cap was in force: not capped.
  d = DecidePublicity(catalog, penalty, InDivision(P("2024-03-31"), "440106").Facts(), today);
  EXPECT_EQ(Iso(d.until), "2027-03-31");
  EXPECT_EQ(d.status, "public");
  // Shenzhen (4403..): not capped.
  d = DecidePublicity(catalog, penalty,
                      InDivision(WithCategories(P("2026-05-01"), "吊销许可证件"), "440305").Facts(),
                      today);
  EXPECT_EQ(Iso(d.until), "2029-05-01");
  // Guangdong province (44) is not Guangzhou.
  d = DecidePublicity(catalog, penalty, InDivision(P("2024-06-01"), "440000").Facts(), today);
  EXPECT_EQ(Iso(d.until), "2027-06-01");
}

RecordFacts Licence(const std::string& decided, const std::string& valid_until) {
  RecordFacts f;
  f.fields["XK_JDRQ"] = decided;
  f.fields["XK_YXQZ"] = decided;
  if (!valid_until.empty()) f.fields["XK_YXQZI"] = valid_until;
  f.decision_date = D(decided.c_str());
  f.subject_kind = "enterprise";
  f.division = "440106";
  return f;
}

TEST(PublicityTest, LicencePublicWhileValid) {
  const catalog::InfoClass& licence = *Catalog().FindClass("license");
  EXPECT_EQ(licence.publicity.until_field, "XK_YXQZI");
  const RecordFacts f = Licence("2026-11-16", "2031-11-15");
  PublicityDecision d = DecidePublicity(Catalog(), licence, f, D("2031-11-15"));
  EXPECT_EQ(d.status, "public") << d.reason_en;
  EXPECT_EQ(Iso(d.from), "2026-11-16");
  EXPECT_EQ(Iso(d.until), "2031-11-16");
  EXPECT_EQ(d.rule_version, "");
  EXPECT_EQ(d.severity, "");
  EXPECT_EQ(Iso(d.repairable_from), "-");
  EXPECT_EQ(d.reason_en,
            "public through 2031-11-15 (public while active from 2026-11-16; valid "
            "until 2031-11-15 (XK_YXQZI))");
  d = DecidePublicity(Catalog(), licence, f, D("2031-11-16"));
  EXPECT_EQ(d.status, "expired");
  d = DecidePublicity(Catalog(), licence, f, D("2026-11-15"));
  EXPECT_EQ(d.status, "before_decision");
  // Long-term: no end.
  d = DecidePublicity(Catalog(), licence, Licence("2026-11-16", "2099-12-31"), D("2090-01-01"));
  EXPECT_EQ(d.status, "public");
  EXPECT_EQ(Iso(d.until), "-");
  // Revoked licence.
  RecordFacts revoked = f;
  revoked.state = "revoked";
  EXPECT_EQ(DecidePublicity(Catalog(), licence, revoked, D("2027-01-01")).status, "revoked");
}

TEST(PublicityTest, HonourWithoutEndAndCourtDefaulterPerson) {
  const catalog::InfoClass& honour = *Catalog().FindClass("honour");
  EXPECT_EQ(honour.publicity.until_field, "RY_YXQZ");
  RecordFacts f;
  f.fields["RY_SYRQ"] = "2025-01-01";
  f.decision_date = D("2025-01-01");
  f.subject_kind = "enterprise";
  PublicityDecision d = DecidePublicity(Catalog(), honour, f, D("2026-11-23"));
  EXPECT_EQ(d.status, "public");
  EXPECT_EQ(Iso(d.until), "-");
  f.fields["RY_YXQZ"] = "2025-12-31";
  d = DecidePublicity(Catalog(), honour, f, D("2026-11-23"));
  EXPECT_EQ(d.status, "expired");
  EXPECT_EQ(Iso(d.until), "2026-01-01");

  const catalog::InfoClass& defaulter = *Catalog().FindClass("judgment_defaulter");
  RecordFacts person;
  person.fields["SX_FBRQ"] = "2026-11-17";
  person.decision_date = D("2026-11-17");
  person.subject_kind = "natural_person";
  d = DecidePublicity(Catalog(), defaulter, person, D("2026-11-23"));
  EXPECT_EQ(d.status, "public");
  const catalog::InfoClass& licence = *Catalog().FindClass("license");
  EXPECT_EQ(DecidePublicity(Catalog(), licence, person, D("2026-11-23")).status,
            "person_not_public");
}

TEST(PublicityTest, RecordStates) {
  EXPECT_TRUE(IsValidRecordState("active"));
  EXPECT_TRUE(IsValidRecordState("repaired"));
  EXPECT_TRUE(IsValidRecordState("revoked"));
  EXPECT_FALSE(IsValidRecordState("deleted"));
  EXPECT_FALSE(IsValidRecordState(""));
}

}  // namespace
}  // namespace gongxin::archive
