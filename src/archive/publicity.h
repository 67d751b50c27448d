// Publicity (公示) of one record: whether the public may see it today, and why.
//
// A pure function of (catalog, class, record, today): no store, no clock. The view by
// role (archive/view.h) decides who sees what; this decides only what is public.
//
// The rules, in the order they are applied:
//  1. The window. For a class with `publicity.period_rules` (penalties), the rule
//     version in force on the record's decision date applies
//     (PublicityRuleSet::VersionOn): the severity comes from the version's default
//     classification (penalty categories of the categories field split with
//     Catalog::SplitValues, the fine field in 万元, the counterpart category), and the
//     record is public from the decision date for the severity's maximum period.
//     - Periods are calendar months (Period::AddTo, clamping to the month's end).
//     - Domain minimums: where the legal-basis field names a domain of the rule set
//       (e.g. 消防法) and the version lists a minimum for it, the minimum period is the
//       longest of the severity's and the domains' (`combine: longest`); should a
//       minimum exceed the maximum, the maximum is raised to it.
//     - repairable_from = decision date + minimum period (最短公示期): repair may be
//       requested from that day on. For a severity with repair_when_obligations_met
//       (轻微 since 2026) it is the decision date itself.
//     - Caps (e.g. Guangzhou, 5 years): a cap applies iff the subject's division
//       starts with the cap's division prefix ("4401") and the decision date is on or
//       after the cap's effective_from; it then shortens the window to decision date
//       + the cap's maximum where that is earlier. The subject's division is where it
//       is registered (uscc positions 3-8; for a person, ID number positions 1-6);
//       reading the cap by the deciding authority's area instead would need the
//       source's division, which a record does not carry as a rule input.
//     - A decision date before the first rule version (2019-07-01 for penalties) is
//       judged under the first version; the reason says so. (Any such record's
//       maximum ended by 2022 at the latest, so it is expired either way.)
//     - A record without a decision date in such a class gets "no_decision_date".
//     For a class without period rules, the window starts on the decision date (if
//     any) and has no end, unless the class has `publicity.until_field`: then it ends
//     after that field's date (2099-12-31 = long-term, or empty: no end). With both,
//     the earlier end applies.
//  2. The window is [from, until): `until` is EXCLUSIVE, the first day the record is no
//     longer public. A penalty decided 2026-05-01 with a 1-year maximum has until
//     2027-05-01: public on 2027-04-30, expired on 2027-05-01. A licence valid until
//     2031-11-15 has until 2031-11-16.
//  3. The status, first match wins (the closed set, with status_zh):
//       "revoked"           已撤销       the record's state is revoked
//       "repaired"          已修复       the record's state is repaired (信用修复)
//       "not_public_class"  不公示类信息  the class is not published (publicity.public: no)
//       "person_not_public" 自然人信息不公示 about a natural person, and the class does not
//                                        publish natural persons (natural_persons_public)
//       "no_decision_date"  缺少决定日期  period rules apply but the record has no date
//       "not_published"     不予公示     the severity is not published by default (轻微)
//       "before_decision"   未到公示日期  the decision date is after today
//       "expired"           已过公示期   today is on or after `until`
//       "public"            公示中       otherwise
//     The window, rule version and severity are filled whatever the status (they are
//     facts about the record), so that privileged viewers see them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "core/date.h"

namespace gongxin::archive {

// What DecidePublicity reads of a record and its subject.
struct RecordFacts {
  // Field code -> stored value (the current version's fields; absent = empty).
  std::map<std::string, std::string, std::less<>> fields;
  std::optional<Date> decision_date;
  std::string state = "active";  // "active" | "repaired" | "revoked"
  std::string subject_kind;      // SubjectKindName, e.g. "enterprise", "natural_person"
  std::string division;          // the subject's 6-digit division, "" if unknown
};

struct PublicityDecision {
  std::string status;                   // one of the closed set above
  std::string status_zh;                // 公示中, 已过公示期, ...
  std::string rule_version;             // publicity rule version applied; "" if the class has none
  std::string severity, severity_zh;    // e.g. "general" / 一般失信; "" if none
  std::optional<Date> from;             // first public day (the decision date)
  std::optional<Date> until;            // first day NOT public (exclusive); nullopt: no end
  std::optional<Date> repairable_from;  // repair may be requested from this day
  std::string reason_en, reason_zh;     // one line: why

  bool is_public() const { return status == "public"; }
};

// The record states a record may be in (records.state).
bool IsValidRecordState(std::string_view state);

PublicityDecision DecidePublicity(const catalog::Catalog& catalog,
                                  const catalog::InfoClass& info_class, const RecordFacts& record,
                                  Date today);

}  // namespace gongxin::archive
