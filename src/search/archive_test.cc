// The index through the real archive: subjects registered by an ingested
// registration batch into a fresh SQLite store, found by name, former name and
// registration number; a later rename reaches the index by RefreshFromArchive.
#include <gtest/gtest.h>

#include "ingest/ingest.h"
#include "ingest/ingest_testing.h"
#include "search/search.h"

namespace gongxin::search {
namespace {

using ingest::testing::Catalog;
using ingest::testing::kReceivedAt;
using ingest::testing::ReceiptClock;
using ingest::testing::TempStore;

// 广东省市场监督管理局: the registration authority.
constexpr char kRegistrar[] = "11440000MB2F3H2891";

constexpr char kHeader[] =
    "DJ_ZTMC,DJ_SHXYM,DJ_ZTLB,DJ_ZTLX,DJ_FDDBR,DJ_CLRQ,DJ_ZCZB,DJ_ZS,DJ_XZQH,DJ_JYFW,DJ_DJZT,"
    "DJ_DJJG,DJ_DJJGDM,DJ_SJLY,DJ_SJLYDM,DJ_CYM,DJ_GSZCH\n";

constexpr char kRows[] =
    "广州市天河区穗粤信息科技有限公司,91440106MA59C0XK3J,法人及非法人组织,有限责任公司(自然人投资"
    "或控股),林志强,2017-03-08,500,广州市天河区天河路385号,440106,软件开发,存续,"
    "广州市天河区市场监督管理局,11440106MB2C01374F,广东省市场监督管理局,11440000MB2F3H2891,"
    "广州市穗粤电子有限公司,440106000123456\n"
    "深圳市南山区海岸餐饮管理有限公司,91440305MA5F2Q8R3W,法人及非法人组织,有限责任公司,郑晓东,"
    "2019-06-14,100,深圳市南山区海德三道118号,440305,餐饮管理,存续,深圳市市场监督管理局,"
    "11440300MB2E0K159C,广东省市场监督管理局,11440000MB2F3H2891,,440301000654321\n"
    "佛山市禅城区明珠五金制品厂,91440604MA4UQ7L22F,法人及非法人组织,个人独资企业,梁国栋,"
    "2016-09-30,,佛山市禅城区张槎街道莲塘工业区3号,440604,五金制品制造,存续,"
    "佛山市禅城区市场监督管理局,11440604MB2K7Q212Q,广东省市场监督管理局,11440000MB2F3H2891,"
    "佛山市明珠五金厂;佛山市禅城区明珠五金店,\n";

void Register(store::Store& store, const std::string& csv) {
  ingest::IngestOptions o;
  o.class_id = "registration";
  o.source = kRegistrar;
  o.file_name = "registration.csv";
  o.clock = &ReceiptClock();
  auto s = ingest::IngestBytes(store, Catalog(), csv, o);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->rejected, 0) << ingest::FeedbackCsv(s->feedback);
}

TEST(SearchArchiveTest, FindsByNameFormerNameAndRegistrationNumber) {
  TempStore store;
  Register(*store, std::string(kHeader) + kRows);
  auto loaded = LoadFromArchive(*store);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  Index& index = *loaded;
  EXPECT_EQ(index.size(), 3u);

  Results r = index.Search("穗粤信息");
  ASSERT_FALSE(r.items.empty());
  EXPECT_EQ(r.items[0].code, "91440106MA59C0XK3J");
  EXPECT_EQ(r.items[0].kind, "enterprise");
  EXPECT_EQ(r.items[0].matched.how, "substring");

  r = index.Search("廣州市穗粵電子有限公司");  // a former name, in traditional characters
  ASSERT_FALSE(r.items.empty());
  EXPECT_EQ(r.items[0].code, "91440106MA59C0XK3J");
  EXPECT_EQ(r.items[0].matched.field, "former_name");
  EXPECT_EQ(r.items[0].matched.how, "exact");

  r = index.Search("明珠五金店");
  ASSERT_FALSE(r.items.empty());
  EXPECT_EQ(r.items[0].code, "91440604MA4UQ7L22F");

  r = index.Search("440301000654321");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].code, "91440305MA5F2Q8R3W");
  EXPECT_EQ(r.items[0].matched.field, "registration_number");

  r = index.Search("91440305ma5f2q8r3w");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].matched.field, "code");
}

TEST(SearchArchiveTest, RefreshPicksUpARename) {
  TempStore store;
  Register(*store, std::string(kHeader) + kRows);
  auto loaded = LoadFromArchive(*store);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  Index& index = *loaded;

  std::string renamed = kRows;
  renamed = renamed.substr(0, renamed.find('\n') + 1);
  renamed.replace(0, std::string("广州市天河区穗粤信息科技有限公司").size(),
                  "广州市天河区穗粤智能科技有限公司");
  // The registration authority lists the old name among the former ones.
  renamed.replace(renamed.find("广州市穗粤电子有限公司"),
                  std::string("广州市穗粤电子有限公司").size(),
                  "广州市穗粤电子有限公司;广州市天河区穗粤信息科技有限公司");
  Register(*store, std::string(kHeader) + renamed);
  ASSERT_TRUE(RefreshFromArchive(*store, Instant::Parse(kReceivedAt).value(), index).ok());
  EXPECT_EQ(index.size(), 3u);

  Results r = index.Search("穗粤智能");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].name, "广州市天河区穗粤智能科技有限公司");
  r = index.Search("广州市天河区穗粤信息科技有限公司");
  ASSERT_FALSE(r.items.empty());
  EXPECT_EQ(r.items[0].name, "广州市天河区穗粤智能科技有限公司");
  EXPECT_EQ(r.items[0].matched.field, "former_name");
}

}  // namespace
}  // namespace gongxin::search
