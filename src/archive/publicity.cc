#include "archive/publicity.h"

#include <algorithm>

#include "core/money.h"

namespace gongxin::archive {
namespace {

// 2099-12-31: the long-term (长期) convention of date_or_longterm fields.
const Date kLongTerm = Date::FromYmd(2099, 12, 31).value();

std::string_view FieldOf(const RecordFacts& record, const std::string& code) {
  if (code.empty()) return {};
  auto it = record.fields.find(code);
  return it == record.fields.end() ? std::string_view() : std::string_view(it->second);
}

std::optional<double> FineWanYuan(std::string_view stored) {
  if (stored.empty()) return std::nullopt;
  auto money = Money::ParseYuan(stored);  // stored amounts are exact 元 with 2 decimals
  if (!money.ok()) money = Money::ParseWanYuan(stored);
  if (!money.ok()) return std::nullopt;
  return static_cast<double>(money->fen()) / static_cast<double>(Money::kFenPerWanYuan);
}

void SetStatus(PublicityDecision* d, std::string status, std::string zh) {
  d->status = std::move(status);
  d->status_zh = std::move(zh);
}

struct Window {
  std::string en, zh;  // how the window was computed
};

// The window of a class with period rules, for a record with a decision date. Leaves
// the decision's window unset iff the rule set has no usable version or severity.
void PeriodWindow(const catalog::Catalog& catalog, const catalog::InfoClass& info_class,
                  const catalog::PublicityRuleSet& rules, const RecordFacts& record,
                  PublicityDecision* d, Window* w, bool* unpublished_severity) {
  const Date decided = *record.decision_date;
  const catalog::PublicityRuleVersion* version = rules.VersionOn(decided);
  bool before_first = false;
  if (version == nullptr) {
    if (rules.versions.empty()) return;
    version = &rules.versions.front();
    before_first = true;
  }
  d->rule_version = version->version;

  // Severity from the default classification.
  std::vector<std::string> categories;
  if (const catalog::FieldSpec* f = info_class.FindField(rules.inputs.categories_field)) {
    categories = catalog.SplitValues(*f, FieldOf(record, rules.inputs.categories_field), decided);
  }
  const std::optional<double> fine = FineWanYuan(FieldOf(record, rules.inputs.fine_field));
  const std::string severity_id =
      version->Classify(categories, fine, FieldOf(record, rules.inputs.counterpart_field));
  const catalog::SeverityLevel* level = version->FindSeverity(severity_id);
  if (level == nullptr && !version->severities.empty()) level = &version->severities.front();
  if (level == nullptr) return;
  d->severity = level->id;
  d->severity_zh = level->names.zh;

  catalog::Period min = level->min;
  catalog::Period max = level->max;
  std::string domains_en, domains_zh;
  const std::string_view basis = FieldOf(record, rules.inputs.legal_basis_field);
  for (const catalog::DomainMinimum& dm : version->domain_minimums) {
    const catalog::PenaltyDomain* domain = nullptr;
    for (const catalog::PenaltyDomain& pd : rules.domains) {
      if (pd.id == dm.domain) domain = &pd;
    }
    if (domain == nullptr || basis.empty()) continue;
    const bool named = std::any_of(domain->legal_basis_contains.begin(),
                                   domain->legal_basis_contains.end(), [&](const std::string& s) {
                                     return !s.empty() && basis.find(s) != std::string_view::npos;
                                   });
    if (!named) continue;
    domains_en += "; " + domain->names.en + " domain minimum " + dm.min.ToString();
    domains_zh += "；" + domain->names.zh + "领域最短" + dm.min.ToChinese();
    min = std::max(min, dm.min);
  }
  max = std::max(max, min);

  d->from = decided;
  d->until = max.AddTo(decided);
  d->repairable_from = level->repair_when_obligations_met ? decided : min.AddTo(decided);

  w->en = version->version + ", " + level->id + ": " + min.ToString() + " to " + max.ToString() +
          " from " + decided.ToIso() + domains_en;
  w->zh = version->version + "：" + level->names.zh + "，自" + decided.ToIso() + "起最短" +
          min.ToChinese() + "、最长" + max.ToChinese() + domains_zh;
  for (const catalog::PublicityCap& cap : rules.caps) {
    if (record.division.rfind(cap.division, 0) != 0 || decided < cap.effective_from) continue;
    const Date capped = cap.max.AddTo(decided);
    if (capped < *d->until) {
      d->until = capped;
      w->en += "; capped by " + cap.id + " at " + cap.max.ToString();
      w->zh += "；受" + cap.names.zh + "限制，最长" + cap.max.ToChinese();
    }
  }
  if (before_first) {
    w->en += "; decided before the first rule version (" + version->effective_from.ToIso() +
             "), judged under it";
    w->zh += "；决定日期早于首个规则版本（" + version->effective_from.ToIso() + "），按该版本处理";
  }
  *unpublished_severity = !level->published_by_default;
}

}  // namespace

bool IsValidRecordState(std::string_view state) {
  return state == "active" || state == "repaired" || state == "revoked";
}

PublicityDecision DecidePublicity(const catalog::Catalog& catalog,
                                  const catalog::InfoClass& info_class, const RecordFacts& record,
                                  Date today) {
  PublicityDecision d;
  Window w;
  bool unpublished_severity = false;
  bool no_date = false;
  const catalog::PublicityRuleSet* rules = catalog.PublicityRulesFor(info_class);
  if (rules != nullptr) {
    if (record.decision_date) {
      PeriodWindow(catalog, info_class, *rules, record, &d, &w, &unpublished_severity);
    } else {
      no_date = true;
    }
  } else {
    d.from = record.decision_date;
    if (record.decision_date) {
      w.en = "public while active from " + record.decision_date->ToIso();
      w.zh = "自" + record.decision_date->ToIso() + "起有效期内公示";
    } else {
      w.en = "public while active";
      w.zh = "有效期内公示";
    }
  }
  // The validity end (until_field), with or without period rules.
  const std::string& until_field = info_class.publicity.until_field;
  if (!until_field.empty()) {
    const std::string_view value = FieldOf(record, until_field);
    auto end = value.empty() ? Result<Date>(Status::InvalidArgument("empty")) : Date::Parse(value);
    if (end.ok() && *end < kLongTerm) {
      const Date first_after = end->AddDays(1);
      if (!d.until || first_after < *d.until) d.until = first_after;
      w.en += "; valid until " + end->ToIso() + " (" + until_field + ")";
      w.zh += "；有效期至" + end->ToIso();
    } else if (end.ok()) {
      w.en += "; valid long-term (" + until_field + ")";
      w.zh += "；长期有效";
    } else if (rules == nullptr) {
      w.en += "; no end of validity";
      w.zh += "；未载明有效期";
    }
  }

  std::string clause_en, clause_zh;
  if (record.state == "revoked") {
    SetStatus(&d, "revoked", "已撤销");
    clause_en = "revoked: kept, not published";
    clause_zh = "已撤销，保留但不公示";
  } else if (record.state == "repaired") {
    SetStatus(&d, "repaired", "已修复");
    clause_en = "repaired: publication ended";
    clause_zh = "已信用修复，终止公示";
  } else if (!info_class.publicity.is_public) {
    SetStatus(&d, "not_public_class", "不公示类信息");
    clause_en = "class " + info_class.id + " is not published";
    clause_zh = "该类信息（" + info_class.names.zh + "）不公示";
  } else if (record.subject_kind == "natural_person" &&
             !info_class.publicity.natural_persons_public) {
    SetStatus(&d, "person_not_public", "自然人信息不公示");
    clause_en = "records of class " + info_class.id + " about natural persons are not published";
    clause_zh = "该类信息（" + info_class.names.zh + "）中自然人的信息不公示";
  } else if (no_date) {
    SetStatus(&d, "no_decision_date", "缺少决定日期");
    clause_en = "no decision date: the publicity period cannot be computed";
    clause_zh = "缺少决定日期，无法计算公示期";
  } else if (unpublished_severity) {
    SetStatus(&d, "not_published", "不予公示");
    clause_en = d.severity + ": not published by default";
    clause_zh = d.severity_zh + "原则上不予公示";
  } else if (d.from && today < *d.from) {
    SetStatus(&d, "before_decision", "未到公示日期");
    clause_en = "decision date " + d.from->ToIso() + " is after today";
    clause_zh = "决定日期" + d.from->ToIso() + "晚于今日";
  } else if (d.until && today >= *d.until) {
    SetStatus(&d, "expired", "已过公示期");
    clause_en = "not public since " + d.until->ToIso();
    clause_zh = "自" + d.until->ToIso() + "起不再公示";
  } else {
    SetStatus(&d, "public", "公示中");
    if (d.until) {
      clause_en = "public through " + d.until->AddDays(-1).ToIso();
      clause_zh = "公示至" + d.until->AddDays(-1).ToIso();
    } else {
      clause_en = "public";
      clause_zh = "公示中";
    }
  }
  if (w.en.rfind("; ", 0) == 0) w.en.erase(0, 2);
  if (w.zh.rfind("；", 0) == 0) w.zh.erase(0, std::string_view("；").size());
  d.reason_en = w.en.empty() ? clause_en : clause_en + " (" + w.en + ")";
  d.reason_zh = w.zh.empty() ? clause_zh : clause_zh + "（" + w.zh + "）";
  return d;
}

}  // namespace gongxin::archive
