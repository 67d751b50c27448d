#include "catalog/load_errors.h"

#include <algorithm>

namespace gongxin::catalog {

Site Site::In(std::string en, std::string zh) const {
  Site copy = *this;
  copy.scopes.push_back({std::move(en), std::move(zh)});
  return copy;
}

Site Site::At(int line_number) const {
  Site copy = *this;
  if (line_number > 0) copy.line = line_number;
  return copy;
}

void LoadErrors::Add(const Site& site, std::string_view en, std::string_view zh) {
  std::string prefix = site.file;
  if (site.line > 0) prefix += ":" + std::to_string(site.line);
  std::string line_en = prefix;
  std::string line_zh = prefix;
  for (const Site::Scope& scope : site.scopes) {
    line_en += ": " + scope.en;
    line_zh += ": " + scope.zh;
  }
  line_en += ": ";
  line_en += en;
  line_zh += ": ";
  line_zh += zh;
  en_.push_back(std::move(line_en));
  zh_.push_back(std::move(line_zh));
}

Status LoadErrors::ToStatus() const {
  std::string en;
  std::string zh;
  const size_t shown = std::min(en_.size(), kMaxShown);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) {
      en += "\n";
      zh += "\n";
    }
    en += en_[i];
    zh += zh_[i];
  }
  if (en_.size() > shown) {
    const std::string more = std::to_string(en_.size() - shown);
    en += "\n... and " + more + " more problems";
    zh += "\n……另有 " + more + " 个问题";
  }
  return Status::Corruption(std::move(en), std::move(zh));
}

namespace {

// Optimal-string-alignment distance over bytes.
size_t EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.size() > 64) return "";
  std::string best;
  size_t best_distance = 0;
  for (const std::string& candidate : candidates) {
    const size_t distance = EditDistance(word, candidate);
    const size_t limit = std::max<size_t>(1, std::min<size_t>(3, candidate.size() / 3));
    if (distance == 0 || distance > limit) continue;
    if (best.empty() || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string JoinList(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace gongxin::catalog
