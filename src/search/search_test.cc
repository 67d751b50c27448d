// Unit tests of the search index: keys, codes, the natural-person filter, upserts,
// short queries, traditional / full-width / spaced queries, ranking and JSON.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <thread>

#include "core/text.h"
#include "search/search.h"

namespace gongxin::search {
namespace {

Entry Subject(int64_t id, std::string code, std::string name, std::vector<std::string> former = {},
              std::string kind = "enterprise", std::vector<std::string> other = {}) {
  Entry e;
  e.subject_id = id;
  e.code = std::move(code);
  e.name = std::move(name);
  e.former_names = std::move(former);
  e.kind = std::move(kind);
  e.other_codes = std::move(other);
  return e;
}

Index Sample() {
  std::vector<Entry> v;
  v.push_back(Subject(1, "91440300708461136T", "腾讯科技（深圳）有限公司", {}, "enterprise",
                      {"440301103448669"}));
  v.push_back(Subject(2, "91440300MA5EXAMP1X", "深圳市腾讯计算机系统有限公司"));
  v.push_back(Subject(3, "91440101MA59AAAA1B", "广州市天河区穗粤信息科技有限公司",
                      {"广州市穗粤电子有限公司"}));
  v.push_back(Subject(4, "91440101MA59BBBB2C", "广州市越秀区陈记粥铺"));
  v.push_back(Subject(5, "91440101MA59CCCC3D", "深圳市华南科技有限公司"));
  v.push_back(Subject(6, "440106198503122133", "林志强", {}, "natural_person"));
  v.push_back(Subject(7, "91440101MA59DDDD4E", "广州粤海建设工程有限公司"));
  return Index::Build(std::move(v));
}

std::vector<int64_t> Ids(const Results& r) {
  std::vector<int64_t> ids;
  for (const auto& h : r.items) ids.push_back(h.subject_id);
  return ids;
}

TEST(SearchNameKeyTest, EqualsNormalizeName) {
  for (const char* s : {"騰訊科技（深圳）有限公司", "腾讯科技(深圳)有限公司", "腾讯 科技",
                        "ａｂｃ公司【分店】", "廣州市白雲區", "Apple 电脑 (中国)", "东方·明珠",
                        "  tab\tsep\u3000公司 ", "𠀀字公司", "", "abc\x80\xff"}) {
    EXPECT_EQ(NameKey(s), text::NormalizeName(s)) << s;
  }
  EXPECT_EQ(NameKey("騰訊科技（深圳）有限公司"), "腾讯科技(深圳)有限公司");
  EXPECT_EQ(CodeKey(" 9144 0300７08461136t "), "91440300708461136T");
}

// Overlong forms and surrogates are not characters: found by search_keys_fuzz, where the
// fast path read f0 85 89 9c as 刜 and e0 81 81 as "A".
TEST(SearchNameKeyTest, MalformedUtf8IsNeverReadAsACharacter) {
  for (const char* s : {"\xf0\x85\x89\x9c", "\xf0\x85\xac\x90", "\xf0\x87\xbe\x87", "\xe0\x81\x81",
                        "\xed\xa0\x80", "\xf4\x90\x80\x80", "公司\xe0\x81\x81"}) {
    EXPECT_EQ(NameKey(s), text::NormalizeName(s)) << s;
  }
  EXPECT_EQ(NameKey("\xe0\x81\x81").find('A'), std::string::npos);
}

TEST(SearchTest, ExactCodeAndRegistrationNumber) {
  Index index = Sample();
  Results r = index.Search("91440300708461136t");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].subject_id, 1);
  EXPECT_EQ(r.items[0].matched.field, "code");
  EXPECT_EQ(r.items[0].matched.how, "exact");
  EXPECT_EQ(r.total, 1);

  r = index.Search("440301 103448669");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].subject_id, 1);
  EXPECT_EQ(r.items[0].matched.field, "registration_number");
  EXPECT_EQ(r.items[0].matched.value, "440301103448669");

  EXPECT_TRUE(index.Search("91440300708461136X").items.empty());
}

TEST(SearchTest, NaturalPersonsOnlyWithTheFlag) {
  Index index = Sample();
  EXPECT_TRUE(index.Search("440106198503122133").items.empty());
  EXPECT_EQ(index.Search("440106198503122133").total, 0);
  EXPECT_TRUE(index.Search("林志强").items.empty());
  Options o;
  o.include_natural_persons = true;
  Results r = index.Search("440106198503122133", o);
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].kind, "natural_person");
  r = index.Search("林志强", o);
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].matched.how, "exact");
}

TEST(SearchTest, TraditionalFullWidthAndSpacesFindTheSimplifiedName) {
  Index index = Sample();
  for (const char* q : {"騰訊科技（深圳）有限公司", "腾讯科技(深圳)有限公司",
                        "腾讯科技（深圳）有限公司", " 腾讯科技 ( 深圳 ) 有限公司 "}) {
    Results r = index.Search(q);
    ASSERT_FALSE(r.items.empty()) << q;
    EXPECT_EQ(r.items[0].subject_id, 1) << q;
    EXPECT_EQ(r.items[0].matched.how, "exact") << q;
    EXPECT_DOUBLE_EQ(r.items[0].score, 4.9) << q;
  }
  Results r = index.Search("腾讯 科技");
  ASSERT_FALSE(r.items.empty());
  EXPECT_EQ(r.items[0].subject_id, 1);
  EXPECT_EQ(r.items[0].matched.how, "prefix");
  EXPECT_EQ(r.normalized_query, "腾讯科技");
  // Parts that are in no name weigh as much as their nearest known neighbour: the
  // unknown TENCENT outweighs 腾讯, so nothing is found.
  EXPECT_TRUE(index.Search("ＴＥＮＣＥＮＴ騰訊").items.empty());
  EXPECT_EQ(index.Search("Tencent 腾讯").items.size(), 0u);
}

TEST(SearchTest, TwoAndOneCharacterQueries) {
  Index index = Sample();
  Results r = index.Search("腾讯");
  EXPECT_EQ(Ids(r), (std::vector<int64_t>{1, 2}));  // prefix before substring
  EXPECT_EQ(r.items[0].matched.how, "prefix");
  EXPECT_EQ(r.items[1].matched.how, "substring");
  EXPECT_EQ(r.total, 2);
  EXPECT_FALSE(r.total_is_lower_bound);

  r = index.Search("粥");
  EXPECT_EQ(Ids(r), (std::vector<int64_t>{4}));
  r = index.Search("司");  // the last character of a name is found too
  EXPECT_EQ(r.total, 5);
}

TEST(SearchTest, PartialQueriesInAnyOrderPreferDistinctiveParts) {
  Index index = Sample();
  Results r = index.Search("腾讯深圳");
  ASSERT_GE(r.items.size(), 2u);
  // 深圳市腾讯计算机系统 holds 深圳 and 腾讯 as well; both are partial.
  EXPECT_EQ(r.items[0].matched.how, "partial");
  EXPECT_EQ(r.items[0].matched.terms, (std::vector<std::string>{"腾讯", "深圳"}));
  // 深圳市华南科技 holds only 深圳: not enough of the query.
  for (const auto& h : r.items) EXPECT_NE(h.subject_id, 5);

  r = index.Search("穗粤 有限公司");
  ASSERT_FALSE(r.items.empty());
  EXPECT_EQ(r.items[0].subject_id, 3);
}

TEST(SearchTest, FormerNames) {
  Index index = Sample();
  Results r = index.Search("广州市穗粤电子有限公司");
  ASSERT_FALSE(r.items.empty());
  EXPECT_EQ(r.items[0].subject_id, 3);
  EXPECT_EQ(r.items[0].name, "广州市天河区穗粤信息科技有限公司");
  EXPECT_EQ(r.items[0].matched.field, "former_name");
  EXPECT_EQ(r.items[0].matched.how, "exact");
  EXPECT_DOUBLE_EQ(r.items[0].score, 4.4);
}

TEST(SearchTest, UpsertRenameMovesTheOldNameToFormer) {
  Index index = Sample();
  index.Upsert(Subject(4, "91440101MA59BBBB2C", "广州市越秀区陈记餐饮管理有限公司",
                       {"广州市越秀区陈记粥铺"}));
  EXPECT_EQ(index.size(), 7u);
  Results r = index.Search("广州市越秀区陈记粥铺");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].matched.field, "former_name");
  EXPECT_EQ(r.items[0].name, "广州市越秀区陈记餐饮管理有限公司");
  r = index.Search("陈记餐饮");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].matched.field, "name");

  // Renamed without keeping the old name: the old name finds nothing.
  index.Upsert(Subject(4, "91440101MA59BBBB2C", "广州市越秀区陈记餐饮管理有限公司"));
  EXPECT_TRUE(index.Search("陈记粥铺").items.empty());
  EXPECT_EQ(index.Search("陈记").total, 1);
  // A new subject, and a new code for an old one.
  index.Upsert(Subject(99, "91440101MA59ZZZZ9Z", "佛山市新来科技有限公司"));
  EXPECT_EQ(index.size(), 8u);
  EXPECT_EQ(Ids(index.Search("新来")), (std::vector<int64_t>{99}));
  EXPECT_EQ(Ids(index.Search("粤海")), (std::vector<int64_t>{7}));
  index.Upsert(Subject(7, "91440101MA59YYYY8Y", "广州粤海建设工程有限公司"));
  EXPECT_TRUE(index.Search("91440101MA59DDDD4E").items.empty());
  EXPECT_EQ(Ids(index.Search("91440101MA59YYYY8Y")), (std::vector<int64_t>{7}));
  EXPECT_EQ(Ids(index.Search("粤海")), (std::vector<int64_t>{7}));
}

TEST(SearchTest, BuildKeepsTheLastEntryOfASubject) {
  std::vector<Entry> v;
  v.push_back(Subject(1, "A1", "旧名字有限公司"));
  v.push_back(Subject(1, "A1", "新名字有限公司"));
  Index index = Index::Build(std::move(v));
  EXPECT_EQ(index.size(), 1u);
  EXPECT_TRUE(index.Search("旧名字").items.empty());
  EXPECT_EQ(index.Search("新名字").items.size(), 1u);
}

TEST(SearchTest, LimitAndEmptyQueries) {
  Index index = Sample();
  Options o;
  o.limit = 0;  // clamped to 1
  EXPECT_EQ(index.Search("有限公司", o).items.size(), 1u);
  o.limit = 1000;
  EXPECT_EQ(index.Search("有限公司", o).items.size(), 5u);
  EXPECT_TRUE(index.Search("").items.empty());
  EXPECT_TRUE(index.Search("   \u3000").items.empty());
  EXPECT_TRUE(index.Search("不存在的名字").items.empty());
}

TEST(SearchTest, ConcurrentSearchAndUpsert) {
  Index index = Sample();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        Results r = index.Search("腾讯");
        EXPECT_GE(r.items.size(), 2u);
      }
    });
  for (int i = 0; i < 300; ++i)
    index.Upsert(Subject(1000 + i, "X" + std::to_string(i), "东莞市并发测试" + std::to_string(i)));
  for (auto& t : threads) t.join();
  EXPECT_EQ(index.Search("并发测试").total, 300);
}

TEST(SearchTest, JsonShape) {
  Index index = Sample();
  const auto j = nlohmann::json::parse(ToJson(index.Search("腾讯")));
  EXPECT_EQ(j["query"], "腾讯");
  EXPECT_EQ(j["total"], 2);
  ASSERT_EQ(j["items"].size(), 2u);
  const auto& item = j["items"][0];
  EXPECT_EQ(item["code"], "91440300708461136T");
  EXPECT_EQ(item["name"], "腾讯科技（深圳）有限公司");
  EXPECT_EQ(item["type"], "enterprise");
  EXPECT_TRUE(item["score"].is_number());
  EXPECT_EQ(item["matched"]["field"], "name");
  EXPECT_EQ(item["matched"]["value"], "腾讯科技（深圳）有限公司");
  EXPECT_EQ(item["matched"]["how"], "prefix");
  EXPECT_EQ(item["matched"]["terms"], nlohmann::json::array({"腾讯"}));
}

}  // namespace
}  // namespace gongxin::search
