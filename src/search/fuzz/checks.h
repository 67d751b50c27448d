// What search must satisfy whatever the query bytes: the invariants the libFuzzer targets
// and the fuzz smoke test check. Header-only, shared by both. Each Check* returns "" if
// all is well, else what is wrong.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "search/search.h"

namespace gongxin::search::fuzz {

inline std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

// tests/golden/search/names.csv (code,kind,name,former_names,other_codes; lists separated by
// ';') plus a few entries with the shapes the file lacks (traditional characters, ASCII,
// full-width, brackets, lower-case codes, a natural person with an ID number).
inline std::vector<Entry> FuzzEntries(const std::string& names_csv) {
  std::vector<Entry> entries;
  std::ifstream in(names_csv);
  std::string line;
  int64_t id = 0;
  for (bool header = true; std::getline(in, line); header = false) {
    if (header || line.empty()) continue;
    const std::vector<std::string> cols = SplitOn(line, ',');
    if (cols.size() != 5) continue;
    Entry e;
    e.subject_id = ++id;
    e.code = cols[0];
    e.kind = cols[1];
    e.name = cols[2];
    if (!cols[3].empty()) e.former_names = SplitOn(cols[3], ';');
    if (!cols[4].empty()) e.other_codes = SplitOn(cols[4], ';');
    entries.push_back(std::move(e));
  }
  auto add = [&](std::string code, std::string kind, std::string name,
                 std::vector<std::string> former = {}, std::vector<std::string> other = {}) {
    entries.push_back(Entry{++id, std::move(code), std::move(name), std::move(former),
                            std::move(kind), std::move(other)});
  };
  add("91440300MA5ABCDE1X", "enterprise", "騰訊科技（深圳）有限公司", {"腾讯 科技"});
  add("91440101ABCDEF0001", "enterprise", "ABC Trading (Guangzhou) Co., Ltd.", {"ＡＢＣ贸易"});
  add("91440101abcdef0002", "enterprise", "【测试】广州市一二三有限公司", {}, {"440101000000001"});
  add("440106199001011234", "natural_person", "张三", {"张叁"});
  add("X", "enterprise", "粤", {});
  return entries;
}

inline const std::set<std::string_view>& Fields() {
  static const std::set<std::string_view> f = {"name", "former_name", "code",
                                               "registration_number"};
  return f;
}
inline const std::set<std::string_view>& Hows() {
  static const std::set<std::string_view> h = {"exact", "prefix", "substring", "partial"};
  return h;
}

inline std::string CheckResults(const Results& r, const Options& o) {
  const size_t limit = static_cast<size_t>(std::clamp(o.limit, 1, 100));
  if (r.items.size() > limit) return "more items than the limit";
  if (r.total < 0) return "negative total";
  if (static_cast<size_t>(r.total) < r.items.size()) return "total below the items returned";
  if (!text::IsValidUtf8(r.normalized_query)) return "normalized_query is not UTF-8";
  if (r.normalized_query.empty() && (r.total != 0 || !r.items.empty())) {
    return "an empty query found something";
  }
  std::set<int64_t> ids;
  for (size_t i = 0; i < r.items.size(); ++i) {
    const Hit& h = r.items[i];
    if (!std::isfinite(h.score)) return "a score is not finite";
    if (h.score < 0 || h.score > 5.0) return "a score outside 0..5";
    if (i > 0 && h.score > r.items[i - 1].score) return "items not best first";
    if (!ids.insert(h.subject_id).second) return "a subject returned twice";
    if (!o.include_natural_persons && h.kind == "natural_person") {
      return "a natural person found by the public";
    }
    if (!Fields().count(h.matched.field)) return "unknown matched.field";
    if (!Hows().count(h.matched.how)) return "unknown matched.how";
    for (const std::string* s : {&h.code, &h.name, &h.kind, &h.matched.value}) {
      if (!text::IsValidUtf8(*s)) return "a hit string is not UTF-8";
    }
    for (const std::string& t : h.matched.terms) {
      if (!text::IsValidUtf8(t)) return "a matched term is not UTF-8";
    }
  }
  const std::string json = ToJson(r);
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded()) return "ToJson is not valid JSON";
  if (!j.is_object() || !j["items"].is_array() || j["items"].size() != r.items.size()) {
    return "ToJson items do not match";
  }
  if (j["total"] != r.total || j["query"] != r.normalized_query) {
    return "ToJson total or query differ";
  }
  for (const auto& item : j["items"]) {
    if (!item["score"].is_number() || !std::isfinite(item["score"].get<double>())) {
      return "ToJson score is not a finite number";
    }
  }
  return "";
}

// Input: the first byte picks the options (limit, natural persons), the rest is the query.
inline std::string CheckSearch(const Index& index, std::string_view b) {
  Options o;
  if (!b.empty()) {
    const auto c = static_cast<unsigned char>(b[0]);
    static constexpr int kLimits[] = {10, 1, 3, 100, 0, -5, 1000, 2};
    o.limit = kLimits[c & 7];
    o.include_natural_persons = (c & 8) != 0;
    b.remove_prefix(1);
  }
  const Results r = index.Search(b, o);
  std::string why = CheckResults(r, o);
  if (!why.empty()) return why;
  const Results again = index.Search(b, o);
  if (ToJson(again) != ToJson(r)) return "the same search answered differently";
  return "";
}

inline std::string CheckKeys(std::string_view b) {
  const std::string name = NameKey(b);
  if (!text::IsValidUtf8(name)) return "NameKey is not UTF-8";
  if (name != text::NormalizeName(b)) return "NameKey differs from text::NormalizeName";
  const std::string code = CodeKey(b);
  if (!text::IsValidUtf8(code)) return "CodeKey is not UTF-8";
  for (char c : code) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return "CodeKey kept white space";
    if (c >= 'a' && c <= 'z') return "CodeKey kept lower case";
  }
  return "";
}

// Aborts (for libFuzzer) with what went wrong.
inline void DieIf(const std::string& why) {
  if (!why.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", why.c_str());
    std::abort();
  }
}

}  // namespace gongxin::search::fuzz
