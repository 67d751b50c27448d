// The ingest pipeline end to end (IngestBytes / IngestFile into a real SQLite store):
// the reviewed feedback file of every class, GBK input, idempotency and versions, and
// the .xlsx feedback.
//
// Golden files are under tests/golden/ingest/<class>/: input.csv (handwritten rows, one
// per error kind that applies to the class, plus good rows), expected.feedback.csv and
// expected.summary.json. Every expected line was reviewed against docs/feedback-rules.md
// and the input; GONGXIN_UPDATE_GOLDEN=1 rewrites them (review the diff before
// committing it).
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/text.h"
#include "ingest/ingest.h"
#include "ingest/ingest_testing.h"
#include "ingest/readers.h"
#include "store/store.h"
#include "support/golden.h"

namespace gongxin::ingest {
namespace {

namespace fs = std::filesystem;
using gongxin::testing::MakeTempDir;
using gongxin::testing::MatchesGolden;
using gongxin::testing::ReadFileOrFail;
using gongxin::testing::TestDataPath;

// 广东省市场监督管理局: the registration authority that registers the test subjects.
constexpr char kRegistrar[] = "11440000MB2F3H2891";

using testing::Catalog;
using testing::kReceivedAt;
using testing::kSource;
using testing::ReceiptClock;
using testing::TempStore;

IngestOptions Options(const std::string& class_id, const std::string& source = kSource) {
  IngestOptions o;
  o.class_id = class_id;
  o.source = source;
  o.clock = &ReceiptClock();
  return o;
}

BatchSummary IngestOk(store::Store& store, const std::string& class_id, std::string_view bytes,
                      const std::string& file_name, const std::string& source = kSource) {
  IngestOptions o = Options(class_id, source);
  o.file_name = file_name;
  auto summary = IngestBytes(store, Catalog(), bytes, o);
  EXPECT_TRUE(summary.ok()) << file_name << ": " << summary.status().message();
  return summary.ok() ? std::move(summary).value() : BatchSummary{};
}

// Registers the subjects the 双公示 inputs name (all but 广州市番禺区锦程物流有限公司,
// left unregistered on purpose), as a registration authority would.
void RegisterSubjects(store::Store& store) {
  const std::string path = TestDataPath("golden/ingest/subjects.csv");
  BatchSummary s = IngestOk(store, "registration", ReadFileOrFail(path), path, kRegistrar);
  EXPECT_EQ(s.rejected, 0);
  EXPECT_EQ(s.accepted, s.rows);
  EXPECT_TRUE(s.feedback.empty()) << FeedbackCsv(s.feedback);
}

int64_t Count(store::Store& store, const std::string& sql) {
  auto st = store.Prepare(sql);
  EXPECT_TRUE(st.ok()) << st.status().message();
  if (!st.ok()) return -1;
  (*st)->Reset();
  auto row = (*st)->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  if (!row.ok() || !*row) return -1;
  const int64_t n = (*st)->Int(0);
  while (true) {  // finish the statement so that it can run again
    auto more = (*st)->Step();
    if (!more.ok() || !*more) break;
  }
  return n;
}

// Every stored version of every record, in a stable order: what the archive holds.
std::vector<std::string> StoredVersions(store::Store& store) {
  auto st = store.Prepare(
      "SELECT r.class, r.natural_key, s.code, v.version, v.line, v.rule_version, "
      "v.content_hash, v.fields, v.originals FROM record_versions v "
      "JOIN records r ON r.id = v.record_id JOIN subjects s ON s.id = r.subject_id "
      "ORDER BY r.class, r.natural_key, v.version");
  EXPECT_TRUE(st.ok()) << st.status().message();
  std::vector<std::string> out;
  if (!st.ok()) return out;
  (*st)->Reset();
  while (true) {
    auto row = (*st)->Step();
    EXPECT_TRUE(row.ok());
    if (!row.ok() || !*row) break;
    std::string line;
    for (int c = 0; c < 9; ++c) line += (c ? "|" : "") + (*st)->Text(c);
    out.push_back(std::move(line));
  }
  return out;
}

// ---------------------------------------------------------------------------------
// 1. Golden feedback per class.

struct GoldenCase {
  std::string class_id;
  std::string input;   // file under tests/golden/ingest/<class>/
  std::string prefix;  // of the expectation files: "" -> expected.*, "old_layout." -> ...
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.class_id << "/" << c.input; }

std::string CaseName(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name = info.param.class_id;
  if (!info.param.prefix.empty())
    name += "_" + info.param.prefix.substr(0, info.param.prefix.size() - 1);
  return name;
}

class GoldenFeedbackTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenFeedbackTest, InputWithEveryErrorKindGivesTheReviewedFeedback) {
  const GoldenCase& c = GetParam();
  TempStore store;
  // The registration class registers its own subjects; the others find them registered.
  if (c.class_id != "registration") RegisterSubjects(*store);
  archive::ArchiveReader reader(*store);
  const int64_t records_before = reader.CountRecords(c.class_id).value();
  const int64_t versions_before = reader.CountVersions(c.class_id).value();
  const int64_t batches_before = Count(*store, "SELECT COUNT(*) FROM batches");

  const std::string dir = "golden/ingest/" + c.class_id + "/";
  const std::string path = TestDataPath(dir + c.input);
  IngestOptions o = Options(c.class_id);
  auto summary = IngestFile(*store, Catalog(), path, o);
  ASSERT_TRUE(summary.ok()) << summary.status().message();

  EXPECT_TRUE(
      MatchesGolden(FeedbackCsv(summary->feedback), dir + c.prefix + "expected.feedback.csv"));
  EXPECT_TRUE(MatchesGolden(summary->ToJson("-") + "\n", dir + c.prefix + "expected.summary.json"));

  // The summary agrees with itself and with what was stored.
  EXPECT_EQ(summary->accepted + summary->rejected + summary->unchanged, summary->rows);
  EXPECT_EQ(summary->accepted, summary->new_records + summary->new_versions);
  EXPECT_GT(summary->accepted, 0);
  EXPECT_GT(summary->rejected, 0);
  EXPECT_EQ(reader.CountRecords(c.class_id).value() - records_before, summary->new_records);
  EXPECT_EQ(reader.CountVersions(c.class_id).value() - versions_before, summary->accepted);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM batches") - batches_before, 1);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM batch_feedback WHERE batch_id = " +
                              std::to_string(summary->batch)),
            static_cast<int64_t>(summary->feedback.size()));

  // The stored batch reads back as the summary, its feedback as the feedback file.
  auto stored = ReadBatch(*store, summary->batch, /*with_feedback=*/true);
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->summary.ToJson("-"), summary->ToJson("-"));
  EXPECT_EQ(FeedbackCsv((*stored)->summary.feedback), FeedbackCsv(summary->feedback));
  EXPECT_EQ((*stored)->source, o.source);
  EXPECT_EQ((*stored)->received_at, ReceiptClock().Now());
  auto missing = ReadBatch(*store, summary->batch + 1000, false);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

INSTANTIATE_TEST_SUITE_P(EveryClass, GoldenFeedbackTest,
                         ::testing::Values(GoldenCase{"registration", "input.csv", ""},
                                           GoldenCase{"license", "input.csv", ""},
                                           GoldenCase{"penalty", "input.csv", ""},
                                           GoldenCase{"penalty", "old_layout.csv", "old_layout."},
                                           GoldenCase{"inspection", "input.csv", ""},
                                           GoldenCase{"coercion", "input.csv", ""},
                                           GoldenCase{"levy", "input.csv", ""},
                                           GoldenCase{"requisition", "input.csv", ""},
                                           GoldenCase{"judgment_defaulter", "input.csv", ""},
                                           GoldenCase{"tax_a_grade", "input.csv", ""},
                                           GoldenCase{"commitment", "input.csv", ""},
                                           GoldenCase{"honour", "input.csv", ""}),
                         CaseName);

// Every class of the catalog has its golden input (a new class needs one too).
TEST(GoldenFeedbackCoverageTest, EveryClassHasAGoldenInput) {
  for (const auto& id : Catalog().ClassIds()) {
    EXPECT_TRUE(fs::exists(TestDataPath("golden/ingest/" + id + "/input.csv"))) << id;
  }
}

// What the penalty golden input leaves in the archive, beyond the feedback: values
// are stored normalised with the originals kept, the correction is version 2 with
// version 1 kept, the Art. 8 category containing 、 stays whole.
TEST(PenaltyStoredValuesTest, NormalisedValuesOriginalsAndVersions) {
  TempStore store;
  RegisterSubjects(*store);
  const std::string path = TestDataPath("golden/ingest/penalty/input.csv");
  BatchSummary s = IngestOk(*store, "penalty", ReadFileOrFail(path), path);
  archive::ArchiveReader reader(*store);

  // Line 21: full-width digits and letters.
  auto fullwidth =
      reader.Versions("penalty", kSource, text::NormalizeName("穗天市监处罚〔2026〕1039号"));
  ASSERT_TRUE(fullwidth.ok());
  ASSERT_EQ(fullwidth->size(), 1u);
  const auto& v = (*fullwidth)[0];
  EXPECT_NE(v.fields_json.find("\"CF_XDR_SHXYM\":\"91441900MA51T6WH40\""), std::string::npos)
      << v.fields_json;
  EXPECT_NE(v.fields_json.find("\"CF_JDRQ\":\"2026-11-13\""), std::string::npos) << v.fields_json;
  EXPECT_NE(v.fields_json.find("\"CF_NR_FK\":\"2000.00\""), std::string::npos) << v.fields_json;
  EXPECT_NE(v.fields_json.find("\"CF_WSH\":\"穗天市监处罚〔2026〕1039号\""), std::string::npos)
      << v.fields_json;
  EXPECT_NE(v.originals_json.find("\"CF_NR_FK\":\"０.２\""), std::string::npos) << v.originals_json;
  EXPECT_NE(v.originals_json.find("\"CF_JDRQ\":\"２０２６年１１月１３日\""), std::string::npos)
      << v.originals_json;
  // The subject was found under the folded code: no stub for it.
  auto subject = reader.FindSubject("91441900MA51T6WH40");
  ASSERT_TRUE(subject.ok() && subject->has_value());
  EXPECT_FALSE((*subject)->stub);

  // Line 3 and its correction on line 23.
  auto corrected =
      reader.Versions("penalty", kSource, text::NormalizeName("穗天市监处罚〔2026〕1022号"));
  ASSERT_TRUE(corrected.ok());
  ASSERT_EQ(corrected->size(), 2u);
  EXPECT_EQ((*corrected)[0].version, 1);
  EXPECT_EQ((*corrected)[1].version, 2);
  EXPECT_EQ((*corrected)[0].batch_id, s.batch);
  EXPECT_NE((*corrected)[0].fields_json.find("\"CF_NR\":\"警告\""), std::string::npos);
  EXPECT_EQ((*corrected)[0].fields_json.find("\"BZ\""), std::string::npos);
  EXPECT_NE((*corrected)[1].fields_json.find("\"CF_NR\":\"警告，责令当日改正\""),
            std::string::npos);
  EXPECT_NE((*corrected)[1].fields_json.find("\"BZ\":\"更正：补充处罚内容\""), std::string::npos);
  EXPECT_NE((*corrected)[0].content_hash, (*corrected)[1].content_hash);
  EXPECT_NE((*corrected)[0].fields_json.find("\"CF_YXQ\":\"2099-12-31\""), std::string::npos);

  // Line 20: the 15-digit number names the same person as line 3, in 18 digits.
  auto legacy =
      reader.Versions("penalty", kSource, text::NormalizeName("穗天市监处罚〔2026〕1038号"));
  ASSERT_TRUE(legacy.ok());
  ASSERT_EQ(legacy->size(), 1u);
  EXPECT_NE((*legacy)[0].fields_json.find("\"CF_XDR_ZJHM\":\"440106198503122133\""),
            std::string::npos);
  EXPECT_NE((*legacy)[0].originals_json.find("\"CF_XDR_ZJHM\":\"440106850312213\""),
            std::string::npos);

  // Line 19: the placeholder authority code is stored as empty, the original kept.
  auto placeholder =
      reader.Versions("penalty", kSource, text::NormalizeName("穗天市监处罚〔2026〕1037号"));
  ASSERT_TRUE(placeholder.ok());
  ASSERT_EQ(placeholder->size(), 1u);
  EXPECT_EQ((*placeholder)[0].fields_json.find("CF_CFJGDM"), std::string::npos);
  EXPECT_NE((*placeholder)[0].originals_json.find("\"CF_CFJGDM\":\"00000000000000000X\""),
            std::string::npos);

  // Line 24: the Art. 8 value 没收违法所得、没收非法财物 stays one category in 2020.
  auto art8 =
      reader.Versions("penalty", kSource, text::NormalizeName("穗天市监处罚〔2020〕0812号"));
  ASSERT_TRUE(art8.ok());
  ASSERT_EQ(art8->size(), 1u);
  EXPECT_NE((*art8)[0].fields_json.find("\"CF_CFLB\":\"罚款;没收违法所得、没收非法财物\""),
            std::string::npos)
      << (*art8)[0].fields_json;
  EXPECT_EQ((*art8)[0].rule_version, "2019");

  // Unknown columns are not stored; ignored old-layout columns neither.
  for (const auto& row : StoredVersions(*store)) {
    EXPECT_EQ(row.find("联系电话"), std::string::npos) << row;
    EXPECT_EQ(row.find("020-38861234"), std::string::npos) << row;
    EXPECT_EQ(row.find("DFBM"), std::string::npos) << row;
  }
}

// The old layout's codes are aliases: CF_CFLB1 and CF_CFLB2 are joined into CF_CFLB,
// CF_AJMC / CF_JG / CF_XDR / CF_FR / CF_XDR_GSDJ feed their 2019 fields, and the old
// columns CF_ZT, DFBM and SJC are dropped without a warning.
TEST(PenaltyStoredValuesTest, OldLayoutAliasesFeedThe2019Fields) {
  TempStore store;
  RegisterSubjects(*store);
  const std::string path = TestDataPath("golden/ingest/penalty/old_layout.csv");
  BatchSummary s = IngestOk(*store, "penalty", ReadFileOrFail(path), path);
  archive::ArchiveReader reader(*store);
  auto two_slots =
      reader.Versions("penalty", kSource, text::NormalizeName("穗天市监处罚〔2026〕1101号"));
  ASSERT_TRUE(two_slots.ok());
  ASSERT_EQ(two_slots->size(), 1u);
  const std::string& f = (*two_slots)[0].fields_json;
  for (const char* expected :
       {"\"CF_CFLB\":\"警告;罚款\"", "\"CF_XDR_MC\":\"广州市天河区穗粤信息科技有限公司\"",
        "\"CF_WFXW\":\"广州市天河区穗粤信息科技有限公司虚假宣传案\"",
        "\"CF_NR\":\"警告，罚款人民币3万元\"", "\"CF_FRDB\":\"林志强\"",
        "\"CF_XDR_GSZC\":\"440106000123456\"", "\"CF_XDR_ZZJG\":\"MA59C0XK-3\"",
        "\"CF_NR_FK\":\"30000.00\"", "\"CF_JDRQ\":\"2026-11-16\"",
        "\"CF_CFJG\":\"广州市天河区市场监督管理局\"", "\"CF_CFJGDM\":\"11440106MB2C01374F\""}) {
    EXPECT_NE(f.find(expected), std::string::npos) << expected << " in " << f;
  }
  EXPECT_EQ(f.find("17:32:05"), std::string::npos) << f;  // SJC
  EXPECT_EQ(f.find("440106\""), std::string::npos) << f;  // DFBM
  auto art9 =
      reader.Versions("penalty", kSource, text::NormalizeName("穗天市监处罚〔2026〕1106号"));
  ASSERT_TRUE(art9.ok());
  ASSERT_EQ(art9->size(), 1u);
  EXPECT_NE((*art9)[0].fields_json.find("\"CF_CFLB\":\"责令停产停业;罚款\""), std::string::npos);
  EXPECT_EQ(s.accepted, 3);
}

// The registration class registers its subjects: a company renamed later in the same
// file keeps its old name as a former name, and its record gets a second version.
TEST(RegistrationStoredValuesTest, RenameKeepsTheFormerNameAndBothVersions) {
  TempStore store;
  const std::string path = TestDataPath("golden/ingest/registration/input.csv");
  BatchSummary s = IngestOk(*store, "registration", ReadFileOrFail(path), path);
  EXPECT_EQ(s.stub_subjects, 0);
  archive::ArchiveReader reader(*store);
  auto renamed = reader.FindSubject("91440106MA59C0XK3J");
  ASSERT_TRUE(renamed.ok() && renamed->has_value());
  EXPECT_EQ((*renamed)->name, "广州市天河区穗粤智能科技有限公司");
  EXPECT_EQ((*renamed)->former_names,
            (std::vector<std::string>{"广州市天河区穗粤信息科技有限公司"}));
  EXPECT_FALSE((*renamed)->stub);
  EXPECT_EQ((*renamed)->status, "存续");
  auto history =
      reader.Versions("registration", kSource, text::NormalizeName("91440106MA59C0XK3J"));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_NE((*history)[0].fields_json.find("\"DJ_ZCZB\":\"5000000.00\""), std::string::npos)
      << (*history)[0].fields_json;
  EXPECT_NE((*history)[1].fields_json.find("\"DJ_ZCZB\":\"10000000.00\""), std::string::npos);
  // Rejected rows register nobody; the full-width code is registered folded.
  EXPECT_FALSE(reader.FindSubject("91440113MA59R4D644")->has_value());
  EXPECT_FALSE(reader.FindSubject("91440304MA5GK2T85G")->has_value());
  auto folded = reader.FindSubject("91441900MA51T6WH40");
  ASSERT_TRUE(folded.ok() && folded->has_value());
  EXPECT_EQ((*folded)->name, "东莞市长安兴达塑胶制品有限公司");
  EXPECT_EQ(reader.CountSubjects().value(), s.new_records);
}

// ---------------------------------------------------------------------------------
// 2. A GBK file with Chinese headers ingests exactly like its UTF-8 twin.

// The penalty input with every field code in the header replaced by the field's
// Chinese name (as departments' spreadsheets have them), unknown and ignored columns
// kept as they are.
std::string WithChineseHeaders(const std::string& utf8_csv) {
  const catalog::InfoClass* penalty = Catalog().FindClass("penalty");
  const size_t eol = utf8_csv.find('\n');
  std::string header = utf8_csv.substr(0, eol);
  std::string out;
  size_t begin = 0;
  while (begin <= header.size()) {
    size_t comma = header.find(',', begin);
    if (comma == std::string::npos) comma = header.size();
    const std::string code = header.substr(begin, comma - begin);
    const catalog::FieldSpec* field = penalty->FindFieldByHeader(code);
    if (!out.empty()) out += ',';
    out += field ? field->names.zh : (code == "DFBM" ? "地方编码" : code);
    begin = comma + 1;
  }
  return out + utf8_csv.substr(eol);
}

TEST(GbkTwinTest, GbkFileWithChineseHeadersIngestsLikeItsUtf8Twin) {
  const std::string utf8 = ReadFileOrFail(TestDataPath("golden/ingest/penalty/input.csv"));
  const std::string chinese = WithChineseHeaders(utf8);
  ASSERT_NE(chinese.find("行政相对人名称,行政相对人类别,统一社会信用代码"), std::string::npos)
      << chinese.substr(0, 300);
  auto gbk = text::Utf8ToGb18030(chinese);
  ASSERT_TRUE(gbk.ok()) << gbk.status().message();
  ASSERT_NE(*gbk, chinese);                               // really another encoding
  ASSERT_EQ(text::Gb18030ToUtf8(*gbk).value(), chinese);  // nothing lost in the conversion

  TempStore a, b;
  RegisterSubjects(*a);
  RegisterSubjects(*b);
  BatchSummary u = IngestOk(*a, "penalty", utf8, "penalty.csv");
  BatchSummary g = IngestOk(*b, "penalty", *gbk, "penalty-gbk.csv");  // encoding detected

  EXPECT_GT(u.accepted, 0);
  EXPECT_EQ(g.rows, u.rows);
  EXPECT_EQ(g.accepted, u.accepted);
  EXPECT_EQ(g.rejected, u.rejected);
  EXPECT_EQ(g.unchanged, u.unchanged);
  EXPECT_EQ(g.warnings, u.warnings);
  EXPECT_EQ(g.new_records, u.new_records);
  EXPECT_EQ(g.new_versions, u.new_versions);
  EXPECT_EQ(g.stub_subjects, u.stub_subjects);
  EXPECT_EQ(g.timed_rows, u.timed_rows);
  EXPECT_EQ(g.timely_rows, u.timely_rows);
  // Same feedback, line for line (row problems name field codes, not headers).
  EXPECT_EQ(FeedbackCsv(g.feedback), FeedbackCsv(u.feedback));
  // Same stored versions: fields, originals and content hashes.
  const auto stored_u = StoredVersions(*a), stored_g = StoredVersions(*b);
  const int64_t registrations = archive::ArchiveReader(*a).CountVersions("registration").value();
  EXPECT_EQ(static_cast<int64_t>(stored_u.size()), u.accepted + registrations);
  EXPECT_EQ(stored_g, stored_u);
  EXPECT_EQ(Count(*b, "SELECT COUNT(*) FROM batches WHERE encoding = 'gb18030'"), 1);
  EXPECT_EQ(Count(*a, "SELECT COUNT(*) FROM batches WHERE encoding = 'gb18030'"), 0);
}

// ---------------------------------------------------------------------------------
// 3. Idempotency and versions.

constexpr char kCleanPenalties[] =
    "CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_FRDB,CF_XDR_ZJLX,CF_XDR_ZJHM,CF_WSH,CF_WFXW,CF_SY,CF_YJ,"
    "CF_CFLB,CF_NR,CF_NR_FK,CF_JDRQ,CF_YXQ,CF_CFJG,CF_CFJGDM,CF_SJLY,CF_SJLYDM\n"
    "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3J,林志强,,,"
    "穗天市监处罚〔2026〕2001号,发布虚假广告,使用绝对化用语,《中华人民共和国广告法》第五十七条,"
    "罚款,罚款人民币2万元,2,2026-11-16,2027-11-15,广州市天河区市场监督管理局,11440106MB2C01374F,"
    "广州市天河区市场监督管理局,11440106MB2C01374F\n"
    "陈伟强,自然人,,,身份证,440106198503122133,穗天市监处罚〔2026〕2002号,无照经营,流动售卖,"
    "《无证无照经营查处办法》第十三条,警告,警告,,2026-11-17,2026-11-17,广州市天河区市场监督管理局,"
    "11440106MB2C01374F,广州市天河区市场监督管理局,11440106MB2C01374F\n"
    "广州市越秀区陈记粥铺,个体工商户,92440104MA5C7J1U9H,,,,穗天市监处罚〔2026〕2003号,销售过期食品,"
    "销售过期食品12件,《中华人民共和国食品安全法》第一百二十四条,罚款,"
    "罚款3000元,0.3,2026-11-18,2027-11-17,广州市天河区市场监督管理局,11440106MB2C01374F,"
    "广州市天河区市场监督管理局,11440106MB2C01374F\n"
    "广东粤海建设工程有限公司,法人及非法人组织,91440100MA5AK3P79E,王海涛,,,"
    "穗天市监处罚〔2026〕2004号,未按规定办理变更登记,住所变更未登记,"
    "《中华人民共和国市场主体登记管理条例》第四十六条,罚款,罚款人民币1万元,1,2026-11-19,2027-11-18,"
    "广州市天河区市场监督管理局,11440106MB2C01374F,广州市天河区市场监督管理局,11440106MB2C01374F\n";

TEST(IdempotencyTest, SameFileTwiceChangesNothing) {
  TempStore store;
  RegisterSubjects(*store);
  archive::ArchiveReader reader(*store);
  BatchSummary first = IngestOk(*store, "penalty", kCleanPenalties, "clean.csv");
  ASSERT_EQ(first.rows, 4);
  ASSERT_EQ(first.accepted, 4) << FeedbackCsv(first.feedback);
  ASSERT_EQ(first.new_records, 4);
  const int64_t records = reader.CountRecords().value();
  const int64_t versions = reader.CountVersions().value();
  const int64_t subjects = reader.CountSubjects().value();
  const auto stored = StoredVersions(*store);

  BatchSummary second = IngestOk(*store, "penalty", kCleanPenalties, "clean.csv");
  EXPECT_NE(second.batch, first.batch);  // a batch of its own, with its own record
  EXPECT_EQ(second.rows, first.rows);
  EXPECT_EQ(second.accepted, 0);
  EXPECT_EQ(second.unchanged, first.accepted);
  EXPECT_EQ(second.rejected, 0);
  EXPECT_EQ(second.new_records, 0);
  EXPECT_EQ(second.new_versions, 0);
  EXPECT_EQ(second.stub_subjects, 0);
  EXPECT_TRUE(second.feedback.empty()) << FeedbackCsv(second.feedback);
  EXPECT_DOUBLE_EQ(second.compliance(), 1.0);
  EXPECT_EQ(reader.CountRecords().value(), records);
  EXPECT_EQ(reader.CountVersions().value(), versions);
  EXPECT_EQ(reader.CountSubjects().value(), subjects);
  EXPECT_EQ(StoredVersions(*store), stored);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM batches"), 3);  // registration + 2
}

TEST(IdempotencyTest, OneChangedRowGivesExactlyOneNewVersion) {
  TempStore store;
  RegisterSubjects(*store);
  archive::ArchiveReader reader(*store);
  BatchSummary first = IngestOk(*store, "penalty", kCleanPenalties, "clean.csv");
  ASSERT_EQ(first.accepted, 4) << FeedbackCsv(first.feedback);
  const int64_t records = reader.CountRecords().value();
  const int64_t versions = reader.CountVersions().value();

  // The department corrects the fine of 〔2026〕2004号: 1 万元 -> 1.5 万元.
  std::string changed = kCleanPenalties;
  const std::string before = "罚款人民币1万元,1,2026-11-19";
  const size_t at = changed.find(before);
  ASSERT_NE(at, std::string::npos);
  changed.replace(at, before.size(), "罚款人民币1.5万元,1.5,2026-11-19");
  BatchSummary second = IngestOk(*store, "penalty", changed, "clean-corrected.csv");
  EXPECT_EQ(second.rows, 4);
  EXPECT_EQ(second.accepted, 1);
  EXPECT_EQ(second.new_versions, 1);
  EXPECT_EQ(second.new_records, 0);
  EXPECT_EQ(second.unchanged, 3);
  EXPECT_EQ(second.rejected, 0);
  EXPECT_TRUE(second.feedback.empty()) << FeedbackCsv(second.feedback);
  EXPECT_EQ(reader.CountRecords().value(), records);
  EXPECT_EQ(reader.CountVersions().value(), versions + 1);

  auto history =
      reader.Versions("penalty", kSource, text::NormalizeName("穗天市监处罚〔2026〕2004号"));
  ASSERT_TRUE(history.ok()) << history.status().message();
  ASSERT_EQ(history->size(), 2u);
  const auto& v1 = (*history)[0];
  const auto& v2 = (*history)[1];
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v1.record_id, v2.record_id);
  EXPECT_EQ(v1.batch_id, first.batch);
  EXPECT_EQ(v2.batch_id, second.batch);
  EXPECT_NE(v1.content_hash, v2.content_hash);
  // The original is kept as it was.
  EXPECT_NE(v1.fields_json.find("\"CF_NR_FK\":\"10000.00\""), std::string::npos) << v1.fields_json;
  EXPECT_NE(v1.fields_json.find("\"CF_NR\":\"罚款人民币1万元\""), std::string::npos);
  EXPECT_NE(v2.fields_json.find("\"CF_NR_FK\":\"15000.00\""), std::string::npos) << v2.fields_json;
  EXPECT_NE(v2.originals_json.find("\"CF_NR_FK\":\"1.5\""), std::string::npos);
  // The other records still have one version each.
  for (const char* wsh :
       {"穗天市监处罚〔2026〕2001号", "穗天市监处罚〔2026〕2002号", "穗天市监处罚〔2026〕2003号"}) {
    auto h = reader.Versions("penalty", kSource, text::NormalizeName(wsh));
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(h->size(), 1u) << wsh;
  }

  // Handing the corrected file in again changes nothing more.
  BatchSummary third = IngestOk(*store, "penalty", changed, "clean-corrected.csv");
  EXPECT_EQ(third.accepted, 0);
  EXPECT_EQ(third.unchanged, 4);
  EXPECT_EQ(reader.CountVersions().value(), versions + 1);
}

// Another department handing in the same document number keeps its own record.
TEST(IdempotencyTest, RecordsAreKeptPerSource) {
  TempStore store;
  RegisterSubjects(*store);
  archive::ArchiveReader reader(*store);
  BatchSummary a = IngestOk(*store, "penalty", kCleanPenalties, "clean.csv");
  BatchSummary b = IngestOk(*store, "penalty", kCleanPenalties, "clean.csv", kRegistrar);
  EXPECT_EQ(a.new_records, 4);
  EXPECT_EQ(b.new_records, 4);
  EXPECT_EQ(reader.CountRecords("penalty").value(), 8);
}

// ---------------------------------------------------------------------------------
// 5. The .xlsx feedback holds what the CSV feedback holds.

TEST(FeedbackXlsxTest, ReadsBackAsTheCsvFeedback) {
  TempStore store;
  RegisterSubjects(*store);
  const std::string path = TestDataPath("golden/ingest/penalty/input.csv");
  BatchSummary s = IngestOk(*store, "penalty", ReadFileOrFail(path), path);
  ASSERT_GT(s.feedback.size(), 20u);

  auto xlsx = FeedbackXlsx(s.feedback);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().message();
  auto from_xlsx = ReadXlsx(*xlsx, ReaderLimits{});
  ASSERT_TRUE(from_xlsx.ok()) << from_xlsx.status().message();
  auto from_csv = ReadCsv(FeedbackCsv(s.feedback), Encoding::kAuto, ReaderLimits{});
  ASSERT_TRUE(from_csv.ok()) << from_csv.status().message();
  EXPECT_TRUE(from_xlsx->problems.empty());
  EXPECT_TRUE(from_csv->problems.empty());

  const Table& x = from_xlsx->table;
  const Table& c = from_csv->table;
  EXPECT_EQ(c.header(), (std::vector<std::string>{"row_line", "field", "rule", "severity",
                                                  "message_zh", "message_en", "value"}));
  EXPECT_EQ(x.header(), (std::vector<std::string>{"行号", "信息项", "规则", "级别", "说明",
                                                  "Message", "原值"}));
  ASSERT_EQ(x.num_rows(), s.feedback.size());
  ASSERT_EQ(c.num_rows(), s.feedback.size());
  for (size_t r = 0; r < c.num_rows(); ++r) {
    EXPECT_EQ(x.Row(r), c.Row(r)) << "feedback row " << r + 1;
    EXPECT_EQ(c.cell(r, 0), std::to_string(s.feedback[r].line));
    EXPECT_EQ(c.cell(r, 4), s.feedback[r].message_zh);
    EXPECT_EQ(c.cell(r, 6), s.feedback[r].value);
  }
}

TEST(FeedbackXlsxTest, EmptyFeedbackHasOnlyTheHeader) {
  auto xlsx = FeedbackXlsx({});
  ASSERT_TRUE(xlsx.ok());
  auto read = ReadXlsx(*xlsx, ReaderLimits{});
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->table.num_rows(), 0u);
  EXPECT_EQ(read->table.num_columns(), 7u);
  EXPECT_EQ(FeedbackCsv({}),
            "\xEF\xBB\xBFrow_line,field,rule,severity,message_zh,message_en,value\r\n");
}

// ---------------------------------------------------------------------------------
// Batches that cannot be processed at all store nothing.

TEST(BatchFailureTest, UnknownClassBadSourceAndForeignFileStoreNothing) {
  TempStore store;
  const std::string penalty = ReadFileOrFail(TestDataPath("golden/ingest/penalty/input.csv"));
  IngestOptions o = Options("punishment");
  auto unknown = IngestBytes(*store, Catalog(), penalty, o);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown class 'punishment'"), std::string::npos);
  EXPECT_NE(unknown.status().message().find("penalty"), std::string::npos);

  o = Options("penalty", "11440106MB2C01374E");  // wrong check character
  auto bad_source = IngestBytes(*store, Catalog(), penalty, o);
  ASSERT_FALSE(bad_source.ok());
  EXPECT_NE(bad_source.status().message().find("source"), std::string::npos);

  // A licence file is no penalty file: none of its columns names a penalty field...
  o = Options("tax_a_grade");
  auto foreign = IngestBytes(*store, Catalog(), "XK_XKWS,XK_XKLB\n食品经营许可,普通\n", o);
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("no column"), std::string::npos);

  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM batches"), 0);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM records"), 0);
  EXPECT_EQ(Count(*store, "SELECT COUNT(*) FROM subjects"), 0);
}

}  // namespace
}  // namespace gongxin::ingest

namespace gongxin::ingest {
namespace {

// Regression tests for bugs found while reviewing the golden files.
constexpr char kPenaltyHeader[] =
    "CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_FRDB,CF_XDR_ZJLX,CF_XDR_ZJHM,CF_WSH,CF_WFXW,CF_SY,CF_YJ,"
    "CF_CFLB,CF_NR,CF_NR_FK,CF_NR_WFFF,CF_JDRQ,CF_YXQ,CF_CFJG,CF_CFJGDM,CF_SJLY,CF_SJLYDM\n";

std::string PenaltyRow(const std::string& who, const std::string& category,
                       const std::string& certificate_type, const std::string& certificate,
                       const std::string& number, const std::string& categories,
                       const std::string& content, const std::string& fine,
                       const std::string& confiscated, const std::string& date) {
  return who + "," + category + ",,," + certificate_type + "," + certificate + "," + number +
         ",违法行为,违法事实,《中华人民共和国广告法》第五十五条," + categories + "," + content +
         "," + fine + "," + confiscated + "," + date +
         ",2027-11-15,广州市天河区市场监督管理局,11440106MB2C01374F,"
         "广州市天河区市场监督管理局,11440106MB2C01374F\n";
}

Result<BatchSummary> IngestPenalty(store::Store& store, const std::string& csv) {
  IngestOptions o;
  o.class_id = "penalty";
  o.source = kSource;
  o.file_name = "penalty.csv";
  o.clock = &ReceiptClock();
  return IngestBytes(store, Catalog(), csv, o);
}

bool HasRule(const BatchSummary& s, const std::string& rule) {
  for (const auto& v : s.feedback) {
    if (v.rule == rule) return true;
  }
  return false;
}

// After 2021-07-15 "没收违法所得、没收非法财物" is two Art. 9 categories, split on 、.
TEST(IngestRegressionTest, CategoriesSplitByTheVocabularyInForceOnTheDecisionDate) {
  TempStore store;
  auto s = IngestPenalty(
      *store,
      std::string(kPenaltyHeader) +
          PenaltyRow("张三", "自然人", "身份证", "440524188001010014", "穗天市监处罚〔2022〕1号",
                     "罚款、没收违法所得、没收非法财物", "罚款5000元", "0.5", "0.1", "2022-05-10"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->accepted, 1) << FeedbackCsv(s->feedback);
  EXPECT_FALSE(HasRule(*s, "code_table_version"));
}

// 居民身份证 is an alias of 身份证: the number must still pass the ID check.
TEST(IngestRegressionTest, CertificateTypeAliasStillChecksTheIdNumber) {
  TempStore store;
  auto s = IngestPenalty(
      *store, std::string(kPenaltyHeader) +
                  PenaltyRow("李四", "自然人", "居民身份证", "440104199007184522",
                             "穗天市监处罚〔2026〕2号", "警告", "警告", "", "", "2026-11-16"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->rejected, 1);
  EXPECT_TRUE(HasRule(*s, "id_number")) << FeedbackCsv(s->feedback);
}

// A fine written in 元 into the 万元 field is caught when the content states it.
TEST(IngestRegressionTest, FineInYuanWrittenIntoWanYuanFieldIsRejected) {
  TempStore store;
  auto s = IngestPenalty(
      *store,
      std::string(kPenaltyHeader) +
          PenaltyRow("王五", "自然人", "身份证", "440524188001010014", "穗天市监处罚〔2026〕3号",
                     "罚款", "罚款2000元", "2000", "", "2026-11-16") +
          PenaltyRow("王五", "自然人", "身份证", "440524188001010014", "穗天市监处罚〔2026〕4号",
                     "罚款", "罚款2000元", "0.2", "", "2026-11-16"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->rejected, 1);
  EXPECT_EQ(s->accepted, 1);
  EXPECT_TRUE(HasRule(*s, "fine_matches_content"));
}

// A file holding an original and its correction is idempotent when sent again.
TEST(IngestRegressionTest, ResendingAFileWithACorrectionChangesNothing) {
  TempStore store;
  const std::string csv =
      std::string(kPenaltyHeader) +
      PenaltyRow("赵六", "自然人", "身份证", "440524188001010014", "穗天市监处罚〔2026〕5号",
                 "罚款", "罚款2000元", "0.2", "", "2026-11-16") +
      PenaltyRow("赵六", "自然人", "身份证", "440524188001010014", "穗天市监处罚〔2026〕5号",
                 "罚款", "罚款3000元", "0.3", "", "2026-11-16");
  auto first = IngestPenalty(*store, csv);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->new_records, 1);
  EXPECT_EQ(first->new_versions, 1);
  for (int again = 0; again < 2; ++again) {
    auto next = IngestPenalty(*store, csv);
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->accepted, 0);
    EXPECT_EQ(next->unchanged, 2);
  }
  archive::ArchiveReader reader(*store);
  EXPECT_EQ(reader.CountVersions("penalty").value(), 2);
}

// Division codes (a CSV standard table, not a YAML code table) are checked too.
TEST(IngestRegressionTest, UnknownDivisionCodeIsRejected) {
  const auto lines =
      gongxin::testing::ReadLinesOrFail(TestDataPath("golden/ingest/registration/input.csv"));
  ASSERT_GE(lines.size(), 2u);
  const std::string good = lines[1];
  ASSERT_NE(good.find(",440106,"), std::string::npos);
  std::string bad = good;
  bad.replace(bad.find(",440106,"), 8, ",449999,");
  TempStore store;
  IngestOptions o;
  o.class_id = "registration";
  o.source = kRegistrar;
  o.file_name = "registration.csv";
  o.clock = &ReceiptClock();
  auto s = IngestBytes(*store, Catalog(), lines[0] + "\n" + bad + "\n", o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->rejected, 1);
  bool flagged = false;
  for (const auto& v : s->feedback) flagged |= v.rule == "code_table" && v.field == "DJ_XZQH";
  EXPECT_TRUE(flagged) << FeedbackCsv(s->feedback);
  auto ok = IngestBytes(*store, Catalog(), lines[0] + "\n" + good + "\n", o);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->accepted, 1) << FeedbackCsv(ok->feedback);
}

}  // namespace
}  // namespace gongxin::ingest
