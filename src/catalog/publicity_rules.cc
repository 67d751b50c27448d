#include "catalog/publicity_rules.h"

#include <charconv>

#include "catalog/text_fold.h"

namespace gongxin::catalog {

std::string Period::ToString() const {
  if (months != 0 && months % 12 == 0) {
    const int years = months / 12;
    return std::to_string(years) + (years == 1 ? " year" : " years");
  }
  return std::to_string(months) + (months == 1 ? " month" : " months");
}

std::string Period::ToChinese() const {
  if (months != 0 && months % 12 == 0) return std::to_string(months / 12) + "年";
  return std::to_string(months) + "个月";
}

std::optional<Period> ParsePeriod(std::string_view text) {
  text = TrimSpace(text);
  const size_t space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  int n = -1;
  const std::string_view number = text.substr(0, space);
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), n);
  if (error != std::errc() || end != number.data() + number.size() || n < 0 || n > 1200) {
    return std::nullopt;
  }
  const std::string_view unit = TrimSpace(text.substr(space + 1));
  if (unit == "month" || unit == "months") return Period{n};
  if (unit == "year" || unit == "years") return Period{n * 12};
  return std::nullopt;
}

const SeverityLevel* PublicityRuleVersion::FindSeverity(std::string_view id) const {
  for (const SeverityLevel& level : severities) {
    if (level.id == id) return &level;
  }
  return nullptr;
}

namespace {

bool Listed(std::string_view value, const std::vector<std::string>& list) {
  const std::string folded = FoldForMatch(value);
  for (const std::string& item : list) {
    if (folded == FoldForMatch(item)) return true;
  }
  return false;
}

bool RuleHolds(const ClassificationRule& rule, const std::vector<std::string>& categories,
               std::optional<double> fine, std::string_view counterpart) {
  if (!rule.categories_any.empty()) {
    bool any = false;
    for (const std::string& c : categories) any = any || Listed(c, rule.categories_any);
    if (!any) return false;
  }
  if (!rule.categories_only.empty()) {
    if (categories.empty()) return false;
    for (const std::string& c : categories) {
      if (!Listed(c, rule.categories_only)) return false;
    }
  }
  if (rule.fine_wan_yuan_at_least && !(fine && *fine >= *rule.fine_wan_yuan_at_least)) {
    return false;
  }
  if (rule.fine_wan_yuan_below && !(fine && *fine < *rule.fine_wan_yuan_below)) return false;
  if (!rule.counterpart_in.empty() && !Listed(counterpart, rule.counterpart_in)) return false;
  return true;
}

}  // namespace

std::string PublicityRuleVersion::Classify(const std::vector<std::string>& categories,
                                           std::optional<double> fine_wan_yuan,
                                           std::string_view counterpart_category) const {
  auto rank = [&](std::string_view id) {
    for (size_t i = 0; i < severities.size(); ++i) {
      if (severities[i].id == id) return static_cast<int>(i);
    }
    return -1;
  };
  std::string best = classification.default_severity;
  int best_rank = -1;
  for (const ClassificationRule& rule : classification.rules) {
    if (!RuleHolds(rule, categories, fine_wan_yuan, counterpart_category)) continue;
    if (rank(rule.severity) > best_rank) {
      best = rule.severity;
      best_rank = rank(rule.severity);
    }
  }
  return best;
}

const PublicityRuleVersion* PublicityRuleSet::VersionOn(Date date) const {
  const PublicityRuleVersion* found = nullptr;
  for (const PublicityRuleVersion& version : versions) {
    if (version.effective_from <= date) found = &version;
  }
  return found;
}

}  // namespace gongxin::catalog
