// ValidateBytes (the dry run of ingest): it says what IngestBytes would say about a
// file, row for row, except for what only the store knows, and stores nothing.
#include <gtest/gtest.h>
#include "ingest/ingest_testing.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "support/golden.h"

namespace gongxin::ingest {
namespace {

using gongxin::testing::MakeTempDir;

using testing::Catalog;
using testing::kSource;
using testing::ReceiptClock;
using testing::TempStore;

IngestOptions Options(int threads = 2) {
  IngestOptions o;
  o.class_id = "penalty";
  o.source = kSource;
  o.file_name = "penalty.csv";
  o.clock = &ReceiptClock();
  o.threads = threads;
  return o;
}

constexpr char kHeader[] =
    "CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_XDR_ZZJG,CF_FRDB,CF_XDR_ZJLX,CF_XDR_ZJHM,CF_WSH,"
    "CF_WFXW,CF_SY,CF_YJ,CF_CFLB,CF_NR,CF_NR_FK,CF_NR_WFFF,CF_NR_ZKDX,CF_JDRQ,CF_YXQ,"
    "CF_GSJZQ,CF_CFJG,CF_CFJGDM,CF_SJLY,CF_SJLYDM,BZ,DFBM,联系电话\n";

// Row kinds of the synthetic file: good ones and one of each common error.
std::string Row(int i) {
  const std::string wsh = "穗天市监处罚〔2026〕" + std::to_string(1000 + i) + "号";
  const std::string tail =
      ",广州市天河区市场监督管理局,11440106MB2C01374F,广州市天河区市场监督管理局,"
      "11440106MB2C01374F,,440106,020-38861234\n";
  switch (i % 7) {
    case 1:  // a natural person, decided long ago (not timely)
      return "陈伟强,自然人,,,,身份证,440106198503122133," + wsh +
             ",未亮照经营,当事人未在经营场所醒目位置悬挂营业执照,《无证无照经营查处办法》第十三条,"
             "警告,警告,,,,2026-08-17,2099-12-31," +
             tail;
    case 3:  // a wrong uscc check character
      return "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3K,,林志强,,," +
             wsh +
             ",发布虚假广告,当事人发布无法证实的广告用语,《中华人民共和国广告法》第五十五条第一款,"
             "罚款,罚款人民币5000元,0.5,,,2026-11-16,2027-11-15,2027-05-16" +
             tail;
    case 5:  // no document number (mandatory)
      return "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3J,,林志强,,,"
             ",发布虚假广告,当事人发布无法证实的广告用语,《中华人民共和国广告法》第五十五条第一款,"
             "罚款,罚款人民币5000元,0.5,,,2026-11-16,2027-11-15,2027-05-16" +
             tail;
    case 6:  // a decision in the future
      return "广东粤海建设工程有限公司,法人及非法人组织,91440100MA5AK3P79E,,王海涛,,," + wsh +
             ",未按规定办理变更登记,,《中华人民共和国市场主体登记管理条例》第四十六条,罚款,"
             "罚款人民币1万元,1,,,2026-12-16,2027-12-15," +
             tail;
    default:
      return "广州市天河区穗粤信息科技有限公司,法人及非法人组织,91440106MA59C0XK3J,,林志强,,," +
             wsh +
             ",发布虚假广告,当事人发布无法证实的广告用语,《中华人民共和国广告法》第五十五条第一款,"
             "罚款,罚款人民币5000元,0.5,,,2026-11-16,2027-11-15,2027-05-16" +
             tail;
  }
}

std::string File(int rows, bool with_duplicate = false) {
  std::string out = kHeader;
  for (int i = 0; i < rows; ++i) out += Row(i);
  if (with_duplicate) out += Row(0);  // the same document again, same content
  return out;
}

bool NeedsTheStore(const Violation& v) {
  return v.rule == rule::kDuplicateRow || v.rule == rule::kUnknownSubject ||
         v.rule == rule::kNameMismatch;
}

std::string Describe(const std::vector<Violation>& feedback) {
  std::string out;
  for (const Violation& v : feedback) {
    out += std::to_string(v.line) + " " + v.field + " " + v.rule + " " +
           std::string(SeverityName(v.severity)) + "\n";
  }
  return out;
}

TEST(ValidateBytesTest, SaysWhatIngestWouldSayAboutEachRow) {
  const std::string bytes = File(21, /*with_duplicate=*/true);
  auto dry = ValidateBytes(Catalog(), bytes, Options());
  ASSERT_TRUE(dry.ok()) << dry.status().message();
  TempStore store;
  auto real = IngestBytes(*store, Catalog(), bytes, Options());
  ASSERT_TRUE(real.ok()) << real.status().message();

  EXPECT_EQ(dry->batch, 0);
  EXPECT_EQ(dry->class_id, "penalty");
  EXPECT_EQ(dry->rows, 22);
  EXPECT_EQ(dry->rows, real->rows);
  EXPECT_EQ(dry->rejected, real->rejected);
  EXPECT_EQ(dry->rejected, 9);  // 3 bad uscc, 3 without a document number, 3 in the future
  // Accepted means "passes validation": new, corrected or re-sent is the store's to say.
  EXPECT_EQ(dry->accepted, real->accepted + real->unchanged);
  EXPECT_EQ(real->unchanged, 1);  // the duplicate row
  EXPECT_EQ(dry->unchanged, 0);
  EXPECT_EQ(dry->new_records, 0);
  EXPECT_EQ(dry->new_versions, 0);
  EXPECT_EQ(dry->stub_subjects, 0);
  EXPECT_EQ(dry->timed_rows, real->timed_rows);
  EXPECT_EQ(dry->timely_rows, real->timely_rows);
  EXPECT_LT(dry->timely_rows, dry->timed_rows);
  EXPECT_EQ(dry->rule_version, real->rule_version);
  EXPECT_EQ(dry->deadline_working_days, real->deadline_working_days);

  // The same problems, in the same order, but for those only the store can see.
  std::vector<Violation> expected;
  for (const Violation& v : real->feedback) {
    if (!NeedsTheStore(v)) expected.push_back(v);
  }
  EXPECT_EQ(Describe(dry->feedback), Describe(expected));
  int64_t warnings = 0;
  for (const Violation& v : dry->feedback) warnings += v.severity == Severity::kWarning;
  EXPECT_EQ(dry->warnings, warnings);
  bool uscc_error = false;
  for (const Violation& v : dry->feedback) {
    uscc_error |= v.line == 5 && v.rule == rule::kUscc && v.severity == Severity::kError;
  }
  EXPECT_TRUE(uscc_error) << Describe(dry->feedback);
}

TEST(ValidateBytesTest, StoresNothingSoAFollowingIngestStoresEverything) {
  const std::string bytes = File(14);
  TempStore store;
  ASSERT_TRUE(ValidateBytes(Catalog(), bytes, Options()).ok());
  auto real = IngestBytes(*store, Catalog(), bytes, Options());
  ASSERT_TRUE(real.ok()) << real.status().message();
  EXPECT_EQ(real->batch, 1);  // the first batch of the store
  EXPECT_EQ(real->unchanged, 0);
  EXPECT_EQ(real->new_records, real->accepted);
  EXPECT_GT(real->accepted, 0);
}

TEST(ValidateBytesTest, TheThreadCountChangesNothing) {
  // More rows than one chunk (8192), so that chunks are validated in parallel.
  const std::string bytes = File(20000);
  auto one = ValidateBytes(Catalog(), bytes, Options(1));
  auto four = ValidateBytes(Catalog(), bytes, Options(4));
  ASSERT_TRUE(one.ok()) << one.status().message();
  ASSERT_TRUE(four.ok()) << four.status().message();
  EXPECT_EQ(one->rows, 20000);
  EXPECT_EQ(one->ToJson("-"), four->ToJson("-"));
  EXPECT_EQ(FeedbackCsv(one->feedback), FeedbackCsv(four->feedback));
  EXPECT_EQ(one->rejected, 3 * (20000 / 7) + (20000 % 7 > 3) + (20000 % 7 > 5) + (20000 % 7 > 6));
}

TEST(ValidateBytesTest, FailsAsIngestDoes) {
  IngestOptions o = Options();
  o.class_id = "no_such_class";
  EXPECT_EQ(ValidateBytes(Catalog(), File(3), o).status().code(), StatusCode::kNotFound);
  o = Options();
  o.source = "11440106MB2C01374X";  // wrong check character
  EXPECT_EQ(ValidateBytes(Catalog(), File(3), o).status().code(), StatusCode::kInvalidArgument);
  o = Options();
  o.clock = nullptr;
  EXPECT_FALSE(ValidateBytes(Catalog(), File(3), o).ok());
  // A file with no column of the class.
  EXPECT_FALSE(ValidateBytes(Catalog(), "a,b\n1,2\n", Options()).ok());
}

TEST(ValidateBytesTest, ReadsTheFileLikeIngestFile) {
  const std::string dir = MakeTempDir("gongxin-validate-file");
  const std::string path = dir + "/penalty.csv";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    const std::string bytes = File(7);
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  IngestOptions o = Options();
  o.file_name.clear();
  auto summary = ValidateFile(Catalog(), path, o);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->rows, 7);
  EXPECT_EQ(summary->rejected, 3);
  o.limits.max_file_bytes = 100;
  EXPECT_EQ(ValidateFile(Catalog(), path, o).status().code(), StatusCode::kResourceExhausted);
  EXPECT_FALSE(ValidateFile(Catalog(), dir + "/missing.csv", Options()).ok());
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace gongxin::ingest
