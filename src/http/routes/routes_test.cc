// The platform's API over real HTTP: every endpoint, every role's view of the same
// subject, publicity under each rule version with an injected date, masking and audit.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "access/access.h"
#include "archive/archive.h"
#include "catalog/catalog.h"
#include "core/text.h"
#include "http/routes/platform_server.h"
#include "ingest/ingest.h"
#include "support/golden.h"
#include "support/http_client.h"

namespace gongxin::http::routes {
namespace {

using json = nlohmann::json;
using gongxin::testing::HttpClient;
using gongxin::testing::HttpResponse;

constexpr char kCompany[] = "91440106MA59C0XK3J";  // 广州市天河区穗粤信息科技有限公司
constexpr char kOtherCompany[] = "91440100MA5AK3P79E";    // only in the batch test
constexpr char kPerson[] = "440106198503122133";          // a penalty only: never public
constexpr char kDefaulter[] = "440305197802053019";       // a court defaulter: public, masked
constexpr char kDistrictMarket[] = "11440106MB2C01374F";  // source of the penalties
constexpr char kProvinceMarket[] = "11440000MB2F3H2891";  // source of the registration
constexpr char kOtherDept[] = "11440100MA7BGKPW22";       // a department with no records here

Instant At(const char* iso) { return Instant::Parse(iso).value(); }

class PlatformApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = catalog::Catalog::LoadDir(gongxin::testing::CatalogPath());
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    catalog_ = new catalog::Catalog(std::move(*loaded));
    dir_ = new std::string(gongxin::testing::MakeTempDir("gongxin-api"));
    url_ = new std::string("sqlite:" + *dir_ + "/gongxin.db");
    ingest::RegisterMigrations();
    access::RegisterMigrations();
    auto store = store::Store::Open(*url_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Migrate().ok());
    FixedClock receipt(At("2026-11-23T10:00:00+08:00"));
    for (const auto& [cls, source] : std::vector<std::pair<std::string, std::string>>{
             {"registration", kProvinceMarket},
             {"penalty", kDistrictMarket},
             {"judgment_defaulter", kDistrictMarket}}) {
      ingest::IngestOptions o;
      o.class_id = cls;
      o.source = source;
      o.clock = &receipt;
      auto s = ingest::IngestFile(
          **store, *catalog_, gongxin::testing::TestDataPath("fixtures/http/" + cls + ".csv"), o);
      ASSERT_TRUE(s.ok()) << s.status().message();
      ASSERT_EQ(s->rejected, 0) << cls;
    }
    keys_ = new std::map<std::string, std::string>();
    auto make = [&](Role role, const std::string& name, std::string source = "",
                    std::string subject = "") {
      auto k = access::CreateKey(**store, catalog_->standard_tables(), role, source, subject, name,
                                 receipt);
      ASSERT_TRUE(k.ok()) << k.status().message();
      (*keys_)[name] = k->secret;
    };
    make(Role::kCreditOffice, "office");
    make(Role::kRegulator, "regulator");
    make(Role::kDeciding, "deciding");
    make(Role::kAuditor, "auditor");
    make(Role::kEnterprise, "own", "", kCompany);
    make(Role::kEnterprise, "other", "", kOtherCompany);
    make(Role::kSource, "source_own", kDistrictMarket);
    make(Role::kSource, "source_other", kOtherDept);
    make(Role::kSource, "source_revoked", kOtherDept);
    auto keys = access::ListKeys(**store);
    ASSERT_TRUE(keys.ok());
    ASSERT_TRUE(access::RevokeKey(**store, keys->front().id, receipt).ok());
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete catalog_;
    delete dir_;
    delete url_;
    delete keys_;
  }

  // Serves the fixture platform with "today" = `date`.
  void Serve(const char* date) {
    server_.reset();
    clock_ = std::make_unique<FixedClock>(At((std::string(date) + "T12:00:00+08:00").c_str()));
    PlatformOptions o;
    o.store_url = *url_;
    o.server.port = 0;
    o.server.access_log_path = "off";
    o.server.static_dir = gongxin::testing::TestDataPath("../web");
    auto started = PlatformServer::Start(*catalog_, *clock_, o);
    ASSERT_TRUE(started.ok()) << started.status().message();
    server_ = std::move(*started);
    client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port());
  }

  HttpResponse Get(const std::string& target, const std::string& key = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!key.empty()) headers.emplace_back("Authorization", "Bearer " + (*keys_)[key]);
    return client_->Get(target, headers);
  }
  json GetJson(const std::string& target, const std::string& key = "", int status = 200) {
    HttpResponse r = Get(target, key);
    EXPECT_EQ(r.status, status) << target << " as " << (key.empty() ? "public" : key) << ": "
                                << r.body;
    auto j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  }
  // The records of `cls` in a subject document, keyed by document number (文书号).
  static std::map<std::string, json> Records(const json& doc, const std::string& cls,
                                             const std::string& number_field) {
    std::map<std::string, json> out;
    for (const auto& c : doc["classes"]) {
      if (c["class"] != cls) continue;
      for (const auto& r : c["records"]) {
        for (const auto& f : r["fields"]) {
          if (f["field"] == number_field) out[f["value"].get<std::string>()] = r;
        }
      }
    }
    return out;
  }
  static std::string Field(const json& record, const std::string& field) {
    for (const auto& f : record["fields"]) {
      if (f["field"] == field) return f["value"];
    }
    return "";
  }
  int64_t AuditCount(const std::string& object) {
    json j = GetJson("/api/v1/audit?object=" + object + "&limit=1000", "auditor");
    return static_cast<int64_t>(j["items"].size());
  }

  static catalog::Catalog* catalog_;
  static std::string* dir_;
  static std::string* url_;
  static std::map<std::string, std::string>* keys_;
  std::unique_ptr<FixedClock> clock_;
  std::unique_ptr<PlatformServer> server_;
  std::unique_ptr<HttpClient> client_;
};
catalog::Catalog* PlatformApiTest::catalog_ = nullptr;
std::string* PlatformApiTest::dir_ = nullptr;
std::string* PlatformApiTest::url_ = nullptr;
std::map<std::string, std::string>* PlatformApiTest::keys_ = nullptr;

// The document numbers of the fixture's penalties of kCompany (tests/fixtures/http).
constexpr char k2020[] = "穗天市监处罚〔2020〕301号";   // 2019 rules, general: 3 months - 1 year
constexpr char k2024[] = "穗天市监处罚〔2024〕88号";    // Order 58: 3 months - 3 years
constexpr char k2024Fire[] = "穗天消行罚〔2024〕12号";  // Order 58, fire: 1 year minimum
constexpr char k2026[] = "穗天市监处罚〔2026〕1021号";  // Order 36, general: 3 months - 1 year
constexpr char k2026Minor[] = "穗天市监处罚〔2026〕1300号";  // Order 36, warning only: minor

TEST_F(PlatformApiTest, PublicSeesOnlyRecordsInTheirWindowMaskedAndIsNotAudited) {
  Serve("2026-11-23");
  const int64_t audited_before = AuditCount(kCompany);
  json doc = GetJson(std::string("/api/v1/subjects/") + kCompany);
  EXPECT_EQ(doc["subject"]["name"], "广州市天河区穗粤信息科技有限公司");
  EXPECT_EQ(doc["subject"]["former_names"], json::array({"广州穗粤网络科技有限公司"}));
  EXPECT_EQ(doc["view"]["role"], "public");
  auto penalties = Records(doc, "penalty", "CF_WSH");
  EXPECT_EQ(penalties.count(k2020), 0u) << "past its 2019-rules maximum of 1 year";
  EXPECT_EQ(penalties.count(k2026Minor), 0u) << "minor under Order 36: not published";
  ASSERT_EQ(penalties.count(k2024), 1u);
  ASSERT_EQ(penalties.count(k2024Fire), 1u);
  ASSERT_EQ(penalties.count(k2026), 1u);
  EXPECT_EQ(penalties[k2024]["publicity"]["rule_version"], "ndrc-order-58");
  EXPECT_EQ(penalties[k2024]["publicity"]["until"], "2027-03-01");
  EXPECT_EQ(penalties[k2024Fire]["publicity"]["repairable_from"], "2025-06-03");
  EXPECT_EQ(penalties[k2026]["publicity"]["rule_version"], "ndrc-order-36");
  EXPECT_EQ(penalties[k2026]["publicity"]["severity"], "general");
  EXPECT_EQ(penalties[k2026]["publicity"]["status"], "public");
  // The legal representative's ID number is masked; the registration's is hidden.
  EXPECT_EQ(Field(penalties[k2026], "CF_FR_ZJHM"), "440106********2133");
  EXPECT_EQ(doc.dump().find(kPerson), std::string::npos) << "no ID number in full, anywhere";
  EXPECT_EQ(AuditCount(kCompany), audited_before) << "a public read discloses nothing";
}

TEST_F(PlatformApiTest, CreditOfficeSeesEverythingWithItsStateUnmaskedAndIsAudited) {
  Serve("2026-11-23");
  const int64_t audited_before = AuditCount(kCompany);
  HttpResponse r = Get(std::string("/api/v1/subjects/") + kCompany, "office");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.Header("Cache-Control").find("no-store"), std::string::npos);
  json doc = json::parse(r.body);
  EXPECT_EQ(doc["view"]["role"], "credit_office");
  auto penalties = Records(doc, "penalty", "CF_WSH");
  ASSERT_EQ(penalties.size(), 5u);
  EXPECT_EQ(penalties[k2020]["publicity"]["status"], "expired");
  EXPECT_FALSE(penalties[k2020]["public"].get<bool>());
  EXPECT_EQ(penalties[k2026Minor]["publicity"]["status"], "not_published");
  EXPECT_EQ(penalties[k2026Minor]["publicity"]["severity"], "minor");
  EXPECT_EQ(Field(penalties[k2026], "CF_FR_ZJHM"), kPerson);
  ASSERT_EQ(AuditCount(kCompany), audited_before + 1);
  json entry =
      GetJson(std::string("/api/v1/audit?object=") + kCompany + "&limit=1", "auditor")["items"][0];
  EXPECT_EQ(entry["role"], "credit_office");
  EXPECT_EQ(entry["key_name"], "office");
  EXPECT_EQ(entry["action"], "archive.read");
  EXPECT_EQ(entry["at"], "2026-11-23T12:00:00+08:00");
  EXPECT_NE(entry["detail"].get<std::string>().find("penalty"), std::string::npos);
  EXPECT_EQ(entry["request_id"], r.Header("X-Request-Id"));
}

TEST_F(PlatformApiTest, EveryRoleSeesTheSameSubjectItsOwnWay) {
  Serve("2026-11-23");
  struct Case {
    std::string key;
    std::string role;
    size_t penalties;  // of kCompany's 5
    bool unmasked;
    bool audited;
  };
  const std::vector<Case> cases = {
      {"", "public", 3, false, false},
      {"auditor", "auditor", 3, false, false},
      {"other", "enterprise", 3, false, false},     // another subject's key
      {"source_other", "source", 3, false, false},  // a department that provided nothing
      {"own", "enterprise", 5, true, true},         // the subject itself
      {"source_own", "source", 5, true, true},      // the department that provided them
      {"regulator", "regulator", 5, true, true},
      {"deciding", "deciding", 5, true, true},
      {"office", "credit_office", 5, true, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.key.empty() ? "public" : c.key);
    const int64_t before = AuditCount(kCompany);
    json doc = GetJson(std::string("/api/v1/subjects/") + kCompany, c.key);
    EXPECT_EQ(doc["view"]["role"], c.role);
    auto penalties = Records(doc, "penalty", "CF_WSH");
    EXPECT_EQ(penalties.size(), c.penalties);
    EXPECT_EQ(Field(penalties[k2026], "CF_FR_ZJHM") == kPerson, c.unmasked);
    EXPECT_EQ(AuditCount(kCompany) - before, c.audited ? 1 : 0);
  }
}

TEST_F(PlatformApiTest, PublicityFollowsTheRuleVersionOfTheDecisionDateAndToday) {
  struct Case {
    const char* today;
    const char* record;
    bool visible;
  };
  const std::vector<Case> cases = {
      // 2019 rules, general: 1 year from 2020-08-12.
      {"2021-08-11", k2020, true},
      {"2021-08-13", k2020, false},
      // Order 58: 3 years from 2024-03-01.
      {"2027-02-28", k2024, true},
      {"2027-03-02", k2024, false},
      // Order 36, general: 1 year from 2026-06-01.
      {"2027-05-31", k2026, true},
      {"2027-06-02", k2026, false},
      // Order 36, minor: never published.
      {"2026-10-10", k2026Minor, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.record) + " on " + c.today);
    Serve(c.today);
    json doc = GetJson(std::string("/api/v1/subjects/") + kCompany);
    EXPECT_EQ(Records(doc, "penalty", "CF_WSH").count(c.record), c.visible ? 1u : 0u);
  }
}

TEST_F(PlatformApiTest, RepairedAndRevokedRecordsAreKeptButNotPublic) {
  Serve("2026-11-23");
  // Repair one public penalty and revoke another, as the workflows will.
  auto store = store::Store::Open(*url_);
  ASSERT_TRUE(store.ok());
  archive::ArchiveReader reader(**store);
  archive::ArchiveWriter writer(**store, catalog_->standard_tables());
  auto fire = reader.FindRecordId("penalty", kDistrictMarket, text::NormalizeName(k2024Fire));
  auto order36 = reader.FindRecordId("penalty", kDistrictMarket, text::NormalizeName(k2026));
  ASSERT_TRUE(fire.ok() && fire->has_value() && order36.ok() && order36->has_value());
  const Instant at = At("2026-11-23T09:00:00+08:00");
  ASSERT_TRUE(writer.SetRecordState(**fire, "repaired", "信用修复", "office", at).ok());
  ASSERT_TRUE(writer.SetRecordState(**order36, "revoked", "撤销处罚决定", "office", at).ok());

  auto pub = Records(GetJson(std::string("/api/v1/subjects/") + kCompany), "penalty", "CF_WSH");
  EXPECT_EQ(pub.count(k2024Fire), 0u);
  EXPECT_EQ(pub.count(k2026), 0u);
  EXPECT_EQ(pub.count(k2024), 1u) << "the others stay public";
  for (const char* key : {"office", "source_own"}) {
    SCOPED_TRACE(key);
    auto seen =
        Records(GetJson(std::string("/api/v1/subjects/") + kCompany, key), "penalty", "CF_WSH");
    EXPECT_EQ(seen[k2024Fire]["state"], "repaired");
    EXPECT_EQ(seen[k2024Fire]["publicity"]["status"], "repaired");
    EXPECT_EQ(seen[k2026]["state"], "revoked");
    EXPECT_EQ(seen[k2026]["publicity"]["status"], "revoked");
  }
  // Back as they were, for the other tests of this process.
  ASSERT_TRUE(writer.SetRecordState(**fire, "active", "test", "office", at).ok());
  ASSERT_TRUE(writer.SetRecordState(**order36, "active", "test", "office", at).ok());
}

TEST_F(PlatformApiTest, NaturalPersonsArePublicOnlyWhereAClassSaysSo) {
  Serve("2026-11-23");
  // A person with only a penalty: the public cannot even learn the person exists.
  HttpResponse hidden = Get(std::string("/api/v1/subjects/") + kPerson);
  EXPECT_EQ(hidden.status, 404);
  HttpResponse unknown = Get("/api/v1/subjects/44010619900517009X");
  EXPECT_EQ(unknown.status, 404);
  // The same answer as for a code nobody holds, but for the code itself.
  std::string hidden_message = json::parse(hidden.body)["error"]["message_zh"];
  hidden_message.replace(hidden_message.find(kPerson), std::strlen(kPerson), "44010619900517009X");
  EXPECT_EQ(hidden_message, json::parse(unknown.body)["error"]["message_zh"]);
  // The credit office sees the person's penalty.
  json office = GetJson(std::string("/api/v1/subjects/") + kPerson, "office");
  EXPECT_EQ(Records(office, "penalty", "CF_WSH").size(), 1u);
  // A court defaulter is public, with the ID number masked.
  json defaulter = GetJson(std::string("/api/v1/subjects/") + kDefaulter);
  EXPECT_EQ(defaulter["subject"]["code"], "440305********3019");
  EXPECT_EQ(defaulter.dump().find(kDefaulter), std::string::npos);
  EXPECT_EQ(Records(defaulter, "judgment_defaulter", "SX_AH").size(), 1u);
}

TEST_F(PlatformApiTest, BadCodesAndKeysGetClearAnswers) {
  Serve("2026-11-23");
  json bad = GetJson("/api/v1/subjects/91440106MA59C0XK3K", "", 400);
  EXPECT_FALSE(bad["error"]["message_zh"].get<std::string>().empty());
  GetJson("/api/v1/subjects/91440300MARWRHUN8R", "", 404);
  HttpResponse wrong = client_->Get(std::string("/api/v1/subjects/") + kCompany,
                                    {{"Authorization", "Bearer gx_0000"}});
  EXPECT_EQ(wrong.status, 401);
  HttpResponse revoked = Get(std::string("/api/v1/subjects/") + kCompany, "source_revoked");
  EXPECT_EQ(revoked.status, 401);
  HttpResponse basic = client_->Get("/api/v1/me", {{"Authorization", "Basic abc"}});
  EXPECT_EQ(basic.status, 401);
  EXPECT_EQ(GetJson("/api/v1/me", "source_own")["source"], kDistrictMarket);
  EXPECT_EQ(GetJson("/api/v1/me")["role"], "public");
}

TEST_F(PlatformApiTest, SearchFindsNamesFormerNamesAndHidesPeopleFromThePublic) {
  Serve("2026-11-23");
  json by_part = GetJson("/api/v1/search?q=" + std::string("%E7%A9%97%E7%B2%A4"));  // 穗粤
  ASSERT_GE(by_part["items"].size(), 1u);
  EXPECT_EQ(by_part["items"][0]["code"], kCompany);
  EXPECT_EQ(by_part["items"][0]["type"], "enterprise");
  json traditional = GetJson("/api/v1/search?q=" +
                             std::string("%E7%A9%97%E7%B2%B5%E4%BF%A1%E6%81%AF"));  // 穗粵信息
  ASSERT_GE(traditional["items"].size(), 1u);
  EXPECT_EQ(traditional["items"][0]["code"], kCompany);
  json former = GetJson("/api/v1/search?q=" +
                        std::string("%E7%A9%97%E7%B2%A4%E7%BD%91%E7%BB%9C"));  // 穗粤网络
  ASSERT_GE(former["items"].size(), 1u);
  EXPECT_EQ(former["items"][0]["matched"]["field"], "former_name");
  EXPECT_EQ(GetJson(std::string("/api/v1/search?q=") + kPerson)["total"], 0);
  EXPECT_EQ(GetJson(std::string("/api/v1/search?q=") + kPerson, "office")["items"][0]["code"],
            kPerson);
  GetJson("/api/v1/search?q=", "", 400);
  GetJson("/api/v1/search?q=a&limit=0", "", 400);
}

TEST_F(PlatformApiTest, SourceHandsInABatchAndReadsItsFeedback) {
  Serve("2026-11-23");
  std::string csv = gongxin::testing::ReadFileOrFail(
      gongxin::testing::TestDataPath("golden/ingest/penalty/input.csv"));
  auto post = [&](const std::string& key, const std::string& target) {
    std::vector<std::pair<std::string, std::string>> h;
    if (!key.empty()) h.emplace_back("Authorization", "Bearer " + (*keys_)[key]);
    return client_->Post(target, csv, "text/csv", h);
  };
  EXPECT_EQ(post("", "/api/v1/batches?class=penalty").status, 403);
  EXPECT_EQ(post("office", "/api/v1/batches?class=penalty").status, 403);
  EXPECT_EQ(post("source_own", "/api/v1/batches?class=nothing").status, 404);
  HttpResponse made = post("source_own", "/api/v1/batches?class=penalty&file=penalty.csv");
  ASSERT_EQ(made.status, 201) << made.body;
  json summary = json::parse(made.body);
  EXPECT_GT(summary["accepted"].get<int>(), 0);
  EXPECT_GT(summary["rejected"].get<int>(), 0);
  EXPECT_EQ(summary["source"], kDistrictMarket);
  const std::string batch = "/api/v1/batches/" + std::to_string(summary["batch"].get<int>());
  EXPECT_EQ(made.Header("Location"), batch);
  EXPECT_EQ(GetJson(batch, "source_own")["accepted"], summary["accepted"]);
  EXPECT_EQ(GetJson(batch, "office")["rows"], summary["rows"]);
  GetJson(batch, "source_other", 404);
  GetJson(batch, "regulator", 403);
  const std::string batch_object = "batch%20" + std::to_string(summary["batch"].get<int>());
  const int64_t audited_before = AuditCount(batch_object);
  HttpResponse feedback = Get(batch + "/feedback", "source_own");
  ASSERT_EQ(feedback.status, 200);
  EXPECT_EQ(AuditCount(batch_object), audited_before + 1) << "feedback holds rows as handed in";
  EXPECT_EQ(feedback.Header("Content-Type").rfind("text/csv", 0), 0u);
  // The same row-level feedback as `gongxin ingest` writes: e.g. the impossible date of line 10.
  EXPECT_EQ(feedback.body.rfind(
                "\xEF\xBB\xBFrow_line,field,rule,severity,message_zh,message_en,value", 0),
            0u);
  EXPECT_NE(feedback.body.find("\n10,CF_JDRQ,date_format,error,"), std::string::npos);
  HttpResponse xlsx = Get(batch + "/feedback?format=xlsx", "source_own");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  // The batch's new subjects are searchable at once.
  json found = GetJson("/api/v1/search?q=" +
                       std::string("%E9%94%A6%E7%A8%8B%E7%89%A9%E6%B5%81"));  // 锦程物流
  ASSERT_GE(found["items"].size(), 1u);
}

TEST_F(PlatformApiTest, ServiceEndpointsDescribeAndMeasureTheApi) {
  Serve("2026-11-23");
  EXPECT_EQ(GetJson("/healthz")["status"], "ok");
  GetJson(std::string("/api/v1/subjects/") + kCompany);
  HttpResponse metrics = Get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("gongxin_http_requests_total{"), std::string::npos);
  EXPECT_NE(metrics.body.find("route=\"/api/v1/subjects/{code}\""), std::string::npos);
  EXPECT_NE(metrics.body.find("gongxin_search_indexed_subjects"), std::string::npos);
  json api = GetJson("/api/v1/openapi.json");
  for (const char* path :
       {"/api/v1/subjects/{code}", "/api/v1/search", "/api/v1/batches", "/api/v1/batches/{id}",
        "/api/v1/batches/{id}/feedback", "/api/v1/audit", "/api/v1/me", "/healthz", "/metrics"}) {
    EXPECT_TRUE(api["paths"].contains(path)) << path;
  }
  GetJson("/api/v1/audit", "", 403);
  GetJson("/api/v1/audit", "own", 403);
  GetJson("/api/v1/audit", "office");
  HttpResponse home = Get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_EQ(home.Header("Content-Type").rfind("text/html", 0), 0u);
}

}  // namespace
}  // namespace gongxin::http::routes
