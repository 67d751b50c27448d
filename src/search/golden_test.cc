// Golden relevance: a hand-written fixture of Guangdong subject names
// (tests/golden/search/names.csv), the queries users type (queries.txt), and the
// reviewed top 3 of each (expected.txt). GONGXIN_UPDATE_GOLDEN=1 rewrites expected.txt.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <sstream>

#include "search/search.h"
#include "support/golden.h"

namespace gongxin::search {
namespace {

using gongxin::testing::MatchesGolden;
using gongxin::testing::ReadLinesOrFail;
using gongxin::testing::TestDataPath;

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

// names.csv: code,kind,name,former_names,other_codes (lists separated by ';'; no
// commas or quotes in the values).
std::vector<Entry> LoadNames() {
  std::vector<Entry> entries;
  const auto lines = ReadLinesOrFail(TestDataPath("golden/search/names.csv"));
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const auto cols = Split(lines[i], ',');
    EXPECT_EQ(cols.size(), 5u) << "names.csv line " << i + 1;
    if (cols.size() != 5) continue;
    Entry e;
    e.subject_id = static_cast<int64_t>(i);
    e.code = cols[0];
    e.kind = cols[1];
    e.name = cols[2];
    if (!cols[3].empty()) e.former_names = Split(cols[3], ';');
    if (!cols[4].empty()) e.other_codes = Split(cols[4], ';');
    entries.push_back(std::move(e));
  }
  return entries;
}

TEST(SearchGoldenTest, TopThreeOfEveryQueryAreTheReviewedOnes) {
  std::vector<Entry> entries = LoadNames();
  ASSERT_GE(entries.size(), 150u);
  Index index = Index::Build(std::move(entries));
  std::ostringstream out;
  out << "# For each query (tests/golden/search/queries.txt): total, then the top 3 as\n"
         "# rank. name [code] <- field how \"matched value\" terms score\n";
  int queries = 0;
  for (const auto& line : ReadLinesOrFail(TestDataPath("golden/search/queries.txt"))) {
    if (line.empty() || line[0] == '#') continue;
    ++queries;
    Options o;
    o.limit = 3;
    o.include_natural_persons = line.starts_with("person:");
    const std::string q = o.include_natural_persons ? line.substr(7) : line;
    Results r = index.Search(q, o);
    out << "\nQ " << line << "  (total " << r.total << (r.total_is_lower_bound ? "+" : "") << ")\n";
    for (size_t i = 0; i < r.items.size(); ++i) {
      const Hit& h = r.items[i];
      std::string terms;
      for (const auto& t : h.matched.terms) terms += (terms.empty() ? "" : "+") + t;
      out << fmt::format("  {}. {} [{}] <- {} {} \"{}\" {} {:.3f}\n", i + 1, h.name, h.code,
                         h.matched.field, h.matched.how, h.matched.value, terms, h.score);
    }
  }
  EXPECT_GE(queries, 40);
  EXPECT_TRUE(MatchesGolden(out.str(), "golden/search/expected.txt"));
}

}  // namespace
}  // namespace gongxin::search
