// Publicity rules (公示期限规则): how long records of a class stay published, by
// severity, per rule version (2019 notice, NDRC Order 58, NDRC Order 36), with the
// default severity classification a credit office may change. Loaded from
// catalog/publicity/<id>.yaml; applied by the archive.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/localized_name.h"
#include "core/date.h"

namespace gongxin::catalog {

// A length of time in whole months (a year is 12 months).
struct Period {
  int months = 0;

  Date AddTo(Date date) const { return date.AddMonths(months); }
  // "3 months", "1 year", "0 months"
  std::string ToString() const;
  // "3个月", "1年"
  std::string ToChinese() const;
  auto operator<=>(const Period&) const = default;
};
// Parses "<n> month(s)" or "<n> year(s)", n >= 0.
std::optional<Period> ParsePeriod(std::string_view text);

// One severity class and its publicity period under a rule version.
struct SeverityLevel {
  std::string id;  // e.g. "minor", "general", "severe"; listed from least to most severe
  LocalizedName names;
  Period min;                        // 最短公示期: repair may be requested once it has passed
  Period max;                        // 最长公示期: publication stops automatically at its end
  bool published_by_default = true;  // false: in principle not published (轻微 since 2026)
  bool repair_when_obligations_met = false;  // repair as soon as obligations are discharged
  std::string source;
  std::string unsure;
};

// A longer minimum period for penalties of one domain (e.g. 1 year for fire safety).
struct DomainMinimum {
  std::string domain;  // a Domain id of the rule set
  Period min;
  std::string source;
  std::string unsure;
};

// One line of the default severity classification. All of its given conditions
// must hold; among the lines that hold, the most severe wins.
struct ClassificationRule {
  std::string severity;
  std::vector<std::string> categories_any;   // some penalty category is listed here
  std::vector<std::string> categories_only;  // every penalty category is listed here
  std::optional<double> fine_wan_yuan_at_least;
  std::optional<double> fine_wan_yuan_below;
  std::vector<std::string> counterpart_in;  // 行政相对人类别 is one of these
  std::string note;  // why; "ASSUMPTION" marks a choice of ours, not of a rule text
};

struct Classification {
  std::string default_severity;  // when no rule holds
  std::vector<ClassificationRule> rules;
  std::string source;
  std::string unsure;
};

struct PublicityRuleVersion {
  std::string version;  // e.g. "ndrc-order-36"
  Date effective_from;
  std::string source;
  std::string summary;
  std::string unsure;
  std::string period_from = "decision_date";  // periods run from the decision date
  std::string combine = "longest";            // several penalty types: the longest period applies
  std::vector<SeverityLevel> severities;
  std::vector<DomainMinimum> domain_minimums;
  Classification classification;

  const SeverityLevel* FindSeverity(std::string_view id) const;
  // The severity id of a penalty under the default classification: the most severe
  // rule that holds, else the default. `fine_wan_yuan` is absent if unknown.
  std::string Classify(const std::vector<std::string>& categories,
                       std::optional<double> fine_wan_yuan,
                       std::string_view counterpart_category) const;
};

// A domain with its own minimum period, recognised from the penalty's legal basis.
struct PenaltyDomain {
  std::string id;  // e.g. "fire"
  LocalizedName names;
  std::vector<std::string> legal_basis_contains;  // e.g. "消防法"
  std::string note;
};

// A local cap on the publication of failure information (e.g. Guangzhou: 5 years).
struct PublicityCap {
  std::string id;
  LocalizedName names;
  std::string division;  // GB/T 2260 prefix of the area it applies to, e.g. "4401"
  Period max;
  Date effective_from;
  std::string source;
  std::string note;
  std::string unsure;
};

// Which fields of the class the rules read.
struct PublicityInputs {
  std::string categories_field;     // e.g. CF_CFLB
  std::string fine_field;           // e.g. CF_NR_FK (万元)
  std::string counterpart_field;    // e.g. CF_XDR_LB
  std::string legal_basis_field;    // e.g. CF_YJ
  std::string decision_date_field;  // e.g. CF_JDRQ
};

struct PublicityRuleSet {
  std::string id;  // the file is publicity/<id>.yaml
  LocalizedName names;
  std::vector<std::string> applies_to;  // class ids
  std::string category_table;           // code table of the categories, e.g. penalty_category
  PublicityInputs inputs;
  std::vector<PenaltyDomain> domains;
  std::vector<PublicityRuleVersion> versions;  // ascending by effective_from
  std::vector<PublicityCap> caps;
  std::string file;

  // The version in force on `date` (records are judged by their decision date);
  // null before the first version.
  const PublicityRuleVersion* VersionOn(Date date) const;
};

}  // namespace gongxin::catalog
