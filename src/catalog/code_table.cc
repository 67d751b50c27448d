#include "catalog/code_table.h"

#include "catalog/text_fold.h"

namespace gongxin::catalog {

bool CodeTableVersion::InForceOn(Date date) const {
  if (effective_from && date < *effective_from) return false;
  if (effective_to && date > *effective_to) return false;
  return true;
}

const CodeTableVersion* CodeTable::VersionOn(Date date) const {
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    if (it->InForceOn(date)) return &*it;
  }
  return nullptr;
}

void CodeTable::BuildIndex() {
  index_.clear();
  for (size_t v = 0; v < versions.size(); ++v) {
    for (size_t i = 0; i < versions[v].values.size(); ++i) {
      const CodeValue& value = versions[v].values[i];
      index_[FoldForMatch(value.value)].emplace_back(v, i);
      for (const std::string& alias : value.aliases) {
        index_[FoldForMatch(alias)].emplace_back(v, i);
      }
    }
  }
}

std::optional<CodeMatch> CodeTable::LookupExact(const std::string& folded,
                                                std::optional<Date> on) const {
  auto it = index_.find(folded);
  if (it == index_.end()) return std::nullopt;
  // Newest version first.
  for (auto hit = it->second.rbegin(); hit != it->second.rend(); ++hit) {
    const CodeTableVersion& version = versions[hit->first];
    if (on && !version.InForceOn(*on)) continue;
    return CodeMatch{&version.values[hit->second], &version, ""};
  }
  return std::nullopt;
}

std::optional<CodeMatch> CodeTable::Lookup(std::string_view text, std::optional<Date> on) const {
  const std::string folded = FoldForMatch(text);
  if (folded.empty()) return std::nullopt;
  const std::string prefix = FoldForMatch(other_prefix);
  std::string other_value = prefix;
  while (!other_value.empty() && other_value.back() == '-') other_value.pop_back();
  if (!prefix.empty() && folded.size() > prefix.size() && folded.starts_with(prefix)) {
    std::optional<CodeMatch> match = LookupExact(other_value, on);
    if (!match) return std::nullopt;
    // The free text as written: the original after the shortest start that folds
    // to the prefix (so "其他 － 自定" and "其他-自定" both give "自定").
    std::string_view rest = TrimSpace(text);
    size_t i = 0;
    while (i < rest.size()) {
      ++i;
      while (i < rest.size() && (static_cast<unsigned char>(rest[i]) & 0xC0) == 0x80) ++i;
      if (FoldForMatch(rest.substr(0, i)) == prefix) break;
    }
    match->other_text = std::string(TrimSpace(rest.substr(i)));
    return match;
  }
  if (other_requires_text && !other_value.empty() && folded == other_value) return std::nullopt;
  return LookupExact(folded, on);
}

namespace {

struct Piece {
  std::string_view text;
  std::string_view separator_after;  // empty for the last piece
};

std::vector<Piece> Tokenize(std::string_view text, const std::vector<std::string>& separators) {
  std::vector<Piece> pieces;
  size_t start = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t matched = 0;
    for (const std::string& sep : separators) {
      if (!sep.empty() && sep.size() > matched && text.substr(i).starts_with(sep)) {
        matched = sep.size();
      }
    }
    if (matched == 0) {
      ++i;
      continue;
    }
    pieces.push_back({text.substr(start, i - start), text.substr(i, matched)});
    i += matched;
    start = i;
  }
  pieces.push_back({text.substr(start), {}});
  return pieces;
}

}  // namespace

std::vector<std::string> SplitValues(std::string_view text,
                                     const std::vector<std::string>& separators,
                                     const CodeTable* table, std::optional<Date> on) {
  const std::vector<Piece> pieces = Tokenize(text, separators);
  std::vector<std::string> out;
  constexpr size_t kMaxJoin = 8;  // no real value spans more pieces than this
  size_t i = 0;
  while (i < pieces.size()) {
    size_t take = 1;
    std::string value(pieces[i].text);
    if (table != nullptr) {
      std::string joined(pieces[i].text);
      for (size_t j = i + 1; j < pieces.size() && j - i < kMaxJoin; ++j) {
        joined += std::string(pieces[j - 1].separator_after) + std::string(pieces[j].text);
        if (table->Lookup(joined, on)) {
          take = j - i + 1;
          value = joined;
        }
      }
    }
    std::string_view trimmed = TrimSpace(value);
    if (!trimmed.empty()) out.emplace_back(trimmed);
    i += take;
  }
  return out;
}

}  // namespace gongxin::catalog
