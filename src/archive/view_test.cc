// The archive by role, end to end: a small fixture ingested into a temp SQLite store
// (a company with penalties under each rule version, a minor and a revoked one, a
// licence and a former name; a person with a penalty; a person on the court defaulter
// list), viewed by every role at a fixed day. The documents are golden files under
// tests/golden/archive/<case>.json (pretty-printed; GONGXIN_UPDATE_GOLDEN=1 rewrites
// them, review the diff); what each view disclosed is asserted here.
#include "archive/view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "archive/archive.h"
#include "core/text.h"
#include "core/uscc.h"
#include "ingest/ingest.h"
#include "ingest/ingest_testing.h"
#include "support/golden.h"

namespace gongxin::archive {
namespace {

using gongxin::testing::MatchesGolden;
using ingest::testing::Catalog;
using ingest::testing::kSource;  // 广州市天河区市场监督管理局
using ingest::testing::ReceiptClock;
using ingest::testing::TempStore;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kRegistrar[] = "11440000MB2F3H2891";  // 广东省市场监督管理局
constexpr char kCompany[] = "91440106MA59C0XK3J";  // 广州市天河区穗粤信息科技有限公司
constexpr char kOtherCompany[] = "91440100MA5AK3P79E";
constexpr char kPersonWithPenalty[] = "440106198503122133";  // 陈伟强
constexpr char kPersonOnCourtList[] = "440305197802053019";  // 刘建华
constexpr char kUnknownCompany[] = "91440305MA5F2Q8R3W";     // valid, never ingested

const Date kToday = Date::FromYmd(2026, 11, 23).value();

// The court that lists defaulters (广州市天河区人民法院), as a source: a valid uscc.
const std::string& Court() {
  static const std::string code = uscc::Generate("11", "440106", 20260001);
  return code;
}

const char kRegistration[] =
    "DJ_ZTMC,DJ_SHXYM,DJ_ZTLB,DJ_ZTLX,DJ_FDDBR,DJ_FR_ZJLX,DJ_FR_ZJHM,DJ_CLRQ,DJ_ZCZB,DJ_ZS,"
    "DJ_XZQH,DJ_JYFW,DJ_DJZT,DJ_DJJG,DJ_DJJGDM,DJ_CYM,DJ_SJLY,DJ_SJLYDM\n"
    "广州市天河区穗粤信息科技有限公司,91440106MA59C0XK3J,法人及非法人组织,"
    "有限责任公司(自然人投资或控股),林志强,身份证,440524188001010014,2017-03-08,500,"
    "广州市天河区天河路385号太古汇一座2201房,440106,软件开发；信息技术咨询服务,存续,"
    "广州市天河区市场监督管理局,11440106MB2C01374F,广州穗粤信息技术有限公司,"
    "广东省市场监督管理局,11440000MB2F3H2891\n";

const char kPenalties[] =
    "CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_FRDB,CF_FR_ZJLX,CF_FR_ZJHM,CF_XDR_ZJLX,CF_XDR_ZJHM,"
    "CF_WSH,CF_WFXW,CF_SY,CF_YJ,CF_CFLB,CF_NR,CF_NR_FK,CF_JDRQ,CF_YXQ,CF_CFJG,CF_CFJGDM,"
    "CF_SJLY,CF_SJLYDM\n"
    // 2019 rules, general: expired on 2021-03-10.
    "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3J,林志强,,,,,"
    "穗天市监处罚〔2020〕101号,发布虚假广告,当事人在网店发布无法证实的广告用语,"
    "《中华人民共和国广告法》第五十五条第一款,罚款,罚款人民币5000元,0.5,2020-03-10,2021-03-09,"
    "广州市天河区市场监督管理局,11440106MB2C01374F,广州市天河区市场监督管理局,"
    "11440106MB2C01374F\n"
    // Order 58, fire domain: 1-year minimum, public until 2027-06-10.
    "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3J,林志强,,,,,"
    "穗天市监处罚〔2024〕66号,消防设施未保持完好有效,当事人经营场所灭火器失效,"
    "《中华人民共和国消防法》第六十条第一款第一项,罚款,罚款人民币8000元,0.8,2024-06-10,"
    "2099-12-31,广州市天河区市场监督管理局,11440106MB2C01374F,广州市天河区市场监督管理局,"
    "11440106MB2C01374F\n"
    // Order 36, general; the representative's ID number (masked in public views).
    "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3J,林志强,身份证,"
    "440524188001010014,,,穗天市监处罚〔2026〕1021号,发布虚假广告,"
    "当事人在其网店首页发布“全网销量第一”等无法证实的广告用语,"
    "《中华人民共和国广告法》第五十五条第一款,罚款,罚款人民币5000元,0.5,2026-05-06,2027-05-05,"
    "广州市天河区市场监督管理局,11440106MB2C01374F,广州市天河区市场监督管理局,"
    "11440106MB2C01374F\n"
    // Order 36, minor (a warning): not published.
    "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3J,林志强,,,,,"
    "穗天市监处罚〔2026〕1130号,未亮照经营,当事人未在经营场所醒目位置悬挂营业执照,"
    "《无证无照经营查处办法》第十三条,警告,警告,,2026-09-01,2026-09-01,"
    "广州市天河区市场监督管理局,11440106MB2C01374F,广州市天河区市场监督管理局,"
    "11440106MB2C01374F\n"
    // Order 36, general, later revoked (SetRecordState).
    "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3J,林志强,,,,,"
    "穗天市监处罚〔2026〕1180号,销售不合格产品,当事人销售不合格的移动电源,"
    "《中华人民共和国产品质量法》第四十九条,罚款,罚款人民币6000元,0.6,2026-07-01,2027-06-30,"
    "广州市天河区市场监督管理局,11440106MB2C01374F,广州市天河区市场监督管理局,"
    "11440106MB2C01374F\n"
    // A natural person: penalties about persons are not published.
    "陈伟强,自然人,,,,,身份证,440106198503122133,穗天市监处罚〔2026〕1022号,无照经营,"
    "当事人未取得营业执照从事食品销售,《无证无照经营查处办法》第十三条,罚款,罚款人民币500元,"
    "0.05,2026-10-10,2026-10-10,广州市天河区市场监督管理局,11440106MB2C01374F,"
    "广州市天河区市场监督管理局,11440106MB2C01374F\n";

const char kLicences[] =
    "XK_XDR_MC,XK_XDR_LB,XK_XDR_SHXYM,XK_FRDB,XK_XMMC,XK_WSH,XK_SPLB,XK_XKZS,XK_XKBH,XK_NR,"
    "XK_JDRQ,XK_YXQZ,XK_YXQZI,XK_XKJG,XK_XKJGDM,XK_ZT,XK_LYDW,XK_LYDWDM\n"
    "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3J,林志强,食品经营许可,"
    "穗天食经许〔2026〕3301号,普通,食品经营许可证,JY14401060123456,"
    "预包装食品（含冷藏冷冻食品）销售,2026-11-16,2026-11-16,2031-11-15,"
    "广州市天河区市场监督管理局,11440106MB2C01374F,1,广州市天河区市场监督管理局,"
    "11440106MB2C01374F\n";

std::string Defaulters() {
  return "SX_AH,SX_ZXFY,SX_ZXYJWH,SX_ZCZXYJDW,SX_BZXR_MC,SX_BZXR_LB,SX_BZXR_SHXYM,SX_BZXR_ZJHM,"
         "SX_XB,SX_NL,SX_YW,SX_LXQK,SX_SXQX,SX_LARQ,SX_FBRQ,SX_SF\n"
         "（2026）粤0106执1202号,广州市天河区人民法院,（2025）粤0106民初执120号,"
         "广州市天河区人民法院,刘建华,自然人,,440305197802053019,男,48,"
         "偿还借款本金人民币150000元及利息,全部未履行,违反财产报告制度,2026-04-15,2026-11-17,"
         "广东\n";
}

void Ingest(store::Store& store, const std::string& class_id, std::string_view bytes,
            const std::string& source) {
  ingest::IngestOptions o;
  o.class_id = class_id;
  o.source = source;
  o.file_name = class_id + ".csv";
  o.clock = &ReceiptClock();
  auto summary = ingest::IngestBytes(store, Catalog(), bytes, o);
  ASSERT_TRUE(summary.ok()) << class_id << ": " << summary.status().message();
  EXPECT_EQ(summary->rejected, 0) << class_id << ":\n" << ingest::FeedbackCsv(summary->feedback);
  EXPECT_EQ(summary->accepted, summary->rows) << class_id;
}

int64_t RecordId(store::Store& store, const std::string& class_id, const std::string& source,
                 const std::string& natural_key) {
  ArchiveReader reader(store);
  auto id = reader.FindRecordId(class_id, source, text::NormalizeName(natural_key));
  EXPECT_TRUE(id.ok() && id->has_value()) << natural_key;
  return id.ok() && id->has_value() ? **id : 0;
}

class ArchiveViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(uscc::Check(Court(), Catalog().standard_tables()).valid()) << Court();
    Ingest(*store_, "registration", kRegistration, kRegistrar);
    Ingest(*store_, "penalty", kPenalties, kSource);
    Ingest(*store_, "license", kLicences, kSource);
    Ingest(*store_, "judgment_defaulter", Defaulters(), Court());
    revoked_ = RecordId(*store_, "penalty", kSource, "穗天市监处罚〔2026〕1180号");
    ArchiveWriter writer(*store_, Catalog().standard_tables());
    ASSERT_TRUE(writer
                    .SetRecordState(revoked_, "revoked", "行政复议决定撤销原处罚决定",
                                    "credit_office:测试", ReceiptClock().Now())
                    .ok());
  }

  Result<SubjectView> View(const std::string& code, const Viewer& viewer) {
    return BuildSubjectView(*store_, Catalog(), code, viewer, kToday);
  }

  // Builds the view, compares it with tests/golden/archive/<name>.json, returns it.
  SubjectView Golden(const std::string& name, const std::string& code, const Viewer& viewer) {
    auto view = View(code, viewer);
    EXPECT_TRUE(view.ok()) << name << ": " << view.status().message();
    if (!view.ok()) return {};
    const auto doc = nlohmann::ordered_json::parse(view->json);
    EXPECT_TRUE(MatchesGolden(doc.dump(2) + "\n", "golden/archive/" + name + ".json"));
    return std::move(view).value();
  }

  TempStore store_;
  int64_t revoked_ = 0;
};

Viewer Enterprise(const std::string& code) {
  Viewer v;
  v.role = Role::kEnterprise;
  v.subject = code;
  return v;
}
Viewer Source(const std::string& code) {
  Viewer v;
  v.role = Role::kSource;
  v.source = code;
  return v;
}
Viewer WithRole(Role role) {
  Viewer v;
  v.role = role;
  return v;
}

// Record ids follow the ingest order: 1 = the registration; penalties 2 = 2019 rules,
// 3 = Order 58 fire, 4 = Order 36 general, 5 = minor, 6 = revoked, 7 = the person's;
// 8 = the licence; 9 = the court's entry. Records are listed newest decision first.
TEST_F(ArchiveViewTest, CompanyPublic) {
  SubjectView v = Golden("company_public", kCompany, Viewer::Public());
  EXPECT_THAT(v.disclosed, IsEmpty());
  EXPECT_EQ(v.json.find("440524188001010014"), std::string::npos);  // masked everywhere
  EXPECT_NE(v.json.find("440524********0014"), std::string::npos);
  EXPECT_EQ(v.json.find("\"expired\""), std::string::npos);
  EXPECT_EQ(v.json.find("\"revoked\""), std::string::npos);
  EXPECT_EQ(v.json.find("\"not_published\""), std::string::npos);
  EXPECT_EQ(v.json.find("DJ_FR_ZJHM"), std::string::npos);  // hidden
}

TEST_F(ArchiveViewTest, CompanyAuditorSeesThePublicView) {
  SubjectView v = Golden("company_auditor", kCompany, WithRole(Role::kAuditor));
  EXPECT_THAT(v.disclosed, IsEmpty());
  auto pub = View(kCompany, Viewer::Public());
  ASSERT_TRUE(pub.ok());
  auto a = nlohmann::json::parse(v.json), p = nlohmann::json::parse(pub->json);
  a.erase("view");
  p.erase("view");
  EXPECT_EQ(a, p);
}

TEST_F(ArchiveViewTest, CompanyEnterpriseOwn) {
  SubjectView v = Golden("company_enterprise_own", kCompany, Enterprise(kCompany));
  EXPECT_THAT(v.disclosed,
              ElementsAre("record 5 penalty not_published", "record 6 penalty revoked",
                          "unmasked CF_FR_ZJHM of record 4", "record 2 penalty expired",
                          "unmasked DJ_FR_ZJHM of registration"));
}

TEST_F(ArchiveViewTest, CompanyEnterpriseOther) {
  SubjectView v = Golden("company_enterprise_other", kCompany, Enterprise(kOtherCompany));
  EXPECT_THAT(v.disclosed, IsEmpty());
}

TEST_F(ArchiveViewTest, CompanySourceOwn) {
  SubjectView v = Golden("company_source_own", kCompany, Source(kSource));
  EXPECT_THAT(v.disclosed,
              ElementsAre("record 5 penalty not_published", "record 6 penalty revoked",
                          "unmasked CF_FR_ZJHM of record 4", "record 2 penalty expired"));
}

TEST_F(ArchiveViewTest, CompanySourceOther) {
  SubjectView v = Golden("company_source_other", kCompany, Source(Court()));
  EXPECT_THAT(v.disclosed, IsEmpty());
}

TEST_F(ArchiveViewTest, CompanyCreditOffice) {
  SubjectView v = Golden("company_credit_office", kCompany, WithRole(Role::kCreditOffice));
  EXPECT_THAT(v.disclosed,
              ElementsAre("record 5 penalty not_published", "record 6 penalty revoked",
                          "unmasked CF_FR_ZJHM of record 4", "record 2 penalty expired",
                          "unmasked DJ_FR_ZJHM of registration"));
  // Deciding and regulator see the same document.
  for (Role role : {Role::kDeciding, Role::kRegulator}) {
    auto other = View(kCompany, WithRole(role));
    ASSERT_TRUE(other.ok());
    auto a = nlohmann::json::parse(v.json), b = nlohmann::json::parse(other->json);
    a.erase("view");
    b.erase("view");
    EXPECT_EQ(a, b) << RoleName(role);
    EXPECT_EQ(other->disclosed, v.disclosed);
  }
}

TEST_F(ArchiveViewTest, CourtDefaulterPersonPublicIsMasked) {
  SubjectView v = Golden("person_defaulter_public", kPersonOnCourtList, Viewer::Public());
  EXPECT_THAT(v.disclosed, IsEmpty());
  EXPECT_EQ(v.json.find(kPersonOnCourtList), std::string::npos);
  EXPECT_NE(v.json.find("440305********3019"), std::string::npos);
}

TEST_F(ArchiveViewTest, CourtDefaulterPersonCreditOffice) {
  SubjectView v =
      Golden("person_defaulter_credit_office", kPersonOnCourtList, WithRole(Role::kCreditOffice));
  EXPECT_THAT(v.disclosed,
              ElementsAre("unmasked SX_BZXR_ZJHM of record 9", "natural person archive"));
}

TEST_F(ArchiveViewTest, PersonWithOnlyAPenaltyIsNotFoundForThePublic) {
  for (const Viewer& viewer :
       {Viewer::Public(), WithRole(Role::kAuditor), Enterprise(kCompany), Source(Court())}) {
    auto v = View(kPersonWithPenalty, viewer);
    ASSERT_FALSE(v.ok()) << RoleName(viewer.role);
    EXPECT_EQ(v.status().code(), StatusCode::kNotFound);
    auto unknown = View("440106199001011234", viewer);  // unknown person
    // Same answer shape as an unknown code: nothing tells that the person exists.
    EXPECT_EQ(v.status().message(), "no subject with code " + std::string(kPersonWithPenalty));
    EXPECT_EQ(v.status().message_zh(),
              "未找到代码为 " + std::string(kPersonWithPenalty) + " 的信用主体");
  }
}

TEST_F(ArchiveViewTest, PersonWithOnlyAPenaltyForPrivilegedViewers) {
  SubjectView v =
      Golden("person_penalty_credit_office", kPersonWithPenalty, WithRole(Role::kCreditOffice));
  EXPECT_THAT(v.disclosed,
              ElementsAre("record 7 penalty person_not_public", "unmasked CF_XDR_ZJHM of record 7",
                          "natural person archive"));
  // The source that provided it sees its record; the person's code stays masked.
  auto s = View(kPersonWithPenalty, Source(kSource));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_THAT(s->disclosed,
              ElementsAre("record 7 penalty person_not_public", "unmasked CF_XDR_ZJHM of record 7",
                          "natural person archive"));
  auto doc = nlohmann::json::parse(s->json);
  EXPECT_EQ(doc["subject"]["code"], "440106********2133");
  // The person itself (enterprise role bound to its own code) sees it in full.
  auto own = View(kPersonWithPenalty, Enterprise(kPersonWithPenalty));
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(nlohmann::json::parse(own->json)["subject"]["code"], kPersonWithPenalty);
}

TEST_F(ArchiveViewTest, UnknownCodeIsNotFound) {
  auto v = View(kUnknownCompany, WithRole(Role::kCreditOffice));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(v.status().message(), "no subject with code 91440305MA5F2Q8R3W");
  EXPECT_EQ(v.status().message_zh(), "未找到代码为 91440305MA5F2Q8R3W 的信用主体");
  // A plausible other certificate number, unknown.
  v = View("E12345678", Viewer::Public());
  EXPECT_EQ(v.status().code(), StatusCode::kNotFound);
  // Lower case and white space are forgiven.
  v = View(" 91440106ma59c0xk3j ", Viewer::Public());
  EXPECT_TRUE(v.ok()) << v.status().message();
}

TEST_F(ArchiveViewTest, InvalidCodeIsInvalidArgument) {
  struct Bad {
    std::string code, en;
  };
  const Bad cases[] = {
      {"91440106MA59C0XK3K", "'91440106MA59C0XK3K' is not a valid uscc (check character"},
      {"440106198503122134",
       "'440106198503122134' is not a valid uscc (prefix"},  // and not a valid ID number
      {"", "the subject code is empty"},
      {"abc", "'ABC' is neither a uscc, nor an ID number, nor a certificate number"},
      {"广州市天河区", "is neither a uscc"},
      {"'; DROP TABLE subjects; --", "is neither a uscc"},
  };
  for (const Bad& bad : cases) {
    auto v = View(bad.code, Viewer::Public());
    ASSERT_FALSE(v.ok()) << bad.code;
    EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument) << bad.code;
    EXPECT_NE(v.status().message().find(bad.en), std::string::npos) << v.status().message();
    EXPECT_FALSE(v.status().message_zh().empty());
  }
  auto id = View("440106198503122134", Viewer::Public());
  EXPECT_NE(id.status().message().find("nor a valid ID number (check digit"), std::string::npos)
      << id.status().message();
}

TEST_F(ArchiveViewTest, StateChangesAreValidatedAndLogged) {
  ArchiveWriter writer(*store_, Catalog().standard_tables());
  const Instant at = ReceiptClock().Now();
  EXPECT_EQ(writer.SetRecordState(revoked_, "deleted", "x", "y", at).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(writer.SetRecordState(revoked_, "repaired", "", "y", at).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(writer.SetRecordState(revoked_, "revoked", "again", "y", at).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(writer.SetRecordState(999999, "revoked", "x", "y", at).code(), StatusCode::kNotFound);
  const int64_t general = RecordId(*store_, "penalty", kSource, "穗天市监处罚〔2026〕1021号");
  ASSERT_TRUE(
      writer.SetRecordState(general, "repaired", "信用修复申请已通过", "credit_office:王", at)
          .ok());
  ArchiveReader reader(*store_);
  auto changes = reader.StateChanges(general);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].from_state, "active");
  EXPECT_EQ((*changes)[0].to_state, "repaired");
  EXPECT_EQ((*changes)[0].reason, "信用修复申请已通过");
  EXPECT_EQ((*changes)[0].actor, "credit_office:王");
  EXPECT_EQ((*changes)[0].at, "2026-11-23T10:00:00+08:00");
  // The repaired record leaves the public view and is kept for the credit office.
  auto pub = View(kCompany, Viewer::Public());
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->json.find("1021号"), std::string::npos);
  auto office = View(kCompany, WithRole(Role::kCreditOffice));
  ASSERT_TRUE(office.ok());
  EXPECT_NE(office->json.find("\"repaired\""), std::string::npos);
  // Versions untouched.
  auto versions =
      reader.Versions("penalty", kSource, text::NormalizeName("穗天市监处罚〔2026〕1021号"));
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 1u);
}

}  // namespace
}  // namespace gongxin::archive
