// Parser of publicity/<id>.yaml: publicity periods by severity, per rule version,
// with the default severity classification and local caps.
#include <set>

#include "catalog/catalog_parsers.h"
#include "catalog/yaml_reader.h"

namespace gongxin::catalog {
namespace {

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

class PublicityParser {
 public:
  PublicityParser(const std::vector<InfoClass>& classes, const std::vector<CodeTable>& tables,
                  LoadErrors* errors)
      : classes_(classes), tables_(tables), errors_(errors) {}

  std::optional<PublicityRuleSet> Parse(const YAML::Node& root, const Site& file_site);

 private:
  std::optional<Period> ReadPeriod(MapReader& reader, std::string_view key, Need need);
  void ParseAppliesTo(MapReader& reader);
  void ParseInputs(MapReader& reader);
  void ParseDomains(MapReader& reader);
  void ParseVersions(MapReader& reader);
  std::optional<PublicityRuleVersion> ParseVersion(const YAML::Node& node);
  void ParseSeverities(MapReader& reader, PublicityRuleVersion* version);
  void ParseClassification(MapReader& reader, PublicityRuleVersion* version);
  void ParseCaps(MapReader& reader);
  // Reports values not in `table` (any version).
  void CheckInTable(MapReader& reader, std::string_view key, const std::vector<std::string>& values,
                    const CodeTable* table);
  const CodeTable* FindTable(const std::string& id) const;

  const std::vector<InfoClass>& classes_;
  const std::vector<CodeTable>& tables_;
  LoadErrors* errors_;
  PublicityRuleSet rules_;
  Site site_;
  std::vector<const InfoClass*> applies_to_;
  const CodeTable* counterpart_table_ = nullptr;
};

const CodeTable* PublicityParser::FindTable(const std::string& id) const {
  for (const CodeTable& table : tables_) {
    if (table.id == id) return &table;
  }
  return nullptr;
}

std::optional<Period> PublicityParser::ReadPeriod(MapReader& reader, std::string_view key,
                                                  Need need) {
  auto text = reader.String(key, need);
  if (!text) return std::nullopt;
  auto period = ParsePeriod(*text);
  if (!period) {
    const std::string k(key);
    reader.Error(
        key, "key '" + k + "' must be a period like '3 months' or '1 year', not " + Quoted(*text),
        "键 '" + k + "' 应为期限，如 '3 months' 或 '1 year'，而不是 " + Quoted(*text));
  }
  return period;
}

void PublicityParser::CheckInTable(MapReader& reader, std::string_view key,
                                   const std::vector<std::string>& values, const CodeTable* table) {
  if (table == nullptr) return;
  for (const std::string& value : values) {
    if (table->Lookup(value)) continue;
    reader.Error(key, "value " + Quoted(value) + " is not in code table " + table->id,
                 "取值 " + Quoted(value) + " 不在代码表 " + table->id + " 中");
  }
}

void PublicityParser::ParseAppliesTo(MapReader& reader) {
  auto ids = reader.StringList("applies_to", Need::kRequired);
  if (!ids) return;
  for (const std::string& id : *ids) {
    const InfoClass* found = nullptr;
    for (const InfoClass& c : classes_) {
      if (c.id == id) found = &c;
    }
    if (found == nullptr) {
      reader.Error("applies_to", "applies_to names unknown class " + Quoted(id),
                   "applies_to 引用了不存在的信息类 " + Quoted(id));
      continue;
    }
    applies_to_.push_back(found);
    rules_.applies_to.push_back(id);
  }
}

void PublicityParser::ParseInputs(MapReader& parent) {
  if (!parent.Has("inputs")) {
    parent.String("inputs", Need::kRequired);
    return;
  }
  MapReader reader(parent.Get("inputs"), parent.SiteOf("inputs"), "'inputs'", "'inputs' ", errors_);
  if (!reader.ok()) return;
  reader.CheckKeys({"categories_field", "fine_field", "counterpart_field", "legal_basis_field",
                    "decision_date_field"});
  struct Input {
    const char* key;
    std::string* out;
  };
  PublicityInputs& in = rules_.inputs;
  const Input inputs[] = {{"categories_field", &in.categories_field},
                          {"fine_field", &in.fine_field},
                          {"counterpart_field", &in.counterpart_field},
                          {"legal_basis_field", &in.legal_basis_field},
                          {"decision_date_field", &in.decision_date_field}};
  for (const Input& input : inputs) {
    auto code = reader.String(input.key, Need::kRequired);
    if (!code) continue;
    *input.out = *code;
    for (const InfoClass* c : applies_to_) {
      const FieldSpec* field = c->FindField(*code);
      if (field == nullptr) {
        reader.Error(input.key,
                     std::string("inputs.") + input.key + " names field " + *code +
                         ", which class " + c->id + " does not have",
                     std::string("inputs.") + input.key + " 引用的信息项 " + *code +
                         " 不在信息类 " + c->id + " 中");
      } else if (input.out == &in.counterpart_field && field->type == FieldType::kCode) {
        counterpart_table_ = FindTable(field->code_table);
      }
    }
  }
}

void PublicityParser::ParseDomains(MapReader& parent) {
  if (!parent.Has("domains")) return;
  const YAML::Node list = parent.Get("domains");
  if (!list.IsSequence()) {
    parent.Error("domains", "'domains' must be a list", "'domains' 应为列表");
    return;
  }
  for (const YAML::Node& node : list) {
    MapReader reader(node, site_, "a domain", "领域", errors_);
    if (!reader.ok()) continue;
    reader.CheckKeys({"id", "names", "legal_basis_contains", "note"});
    PenaltyDomain domain;
    auto id = reader.String("id", Need::kRequired);
    auto names = reader.Names("names", Need::kRequired);
    auto contains = reader.StringList("legal_basis_contains", Need::kRequired);
    domain.note = reader.String("note", Need::kOptional).value_or("");
    if (!id || !names || !contains) continue;
    for (const PenaltyDomain& earlier : rules_.domains) {
      if (earlier.id == *id) {
        reader.Error("id", "domain " + Quoted(*id) + " is defined twice",
                     "领域 " + Quoted(*id) + " 重复定义");
      }
    }
    domain.id = *id;
    domain.names = *names;
    domain.legal_basis_contains = *contains;
    rules_.domains.push_back(std::move(domain));
  }
}

void PublicityParser::ParseSeverities(MapReader& parent, PublicityRuleVersion* version) {
  if (!parent.Has("severities")) {
    parent.String("severities", Need::kRequired);
    return;
  }
  const YAML::Node list = parent.Get("severities");
  if (!list.IsSequence() || list.size() == 0) {
    parent.Error("severities", "'severities' must be a non-empty list",
                 "'severities' 应为非空列表");
    return;
  }
  for (const YAML::Node& node : list) {
    MapReader probe(node, parent.site(), "a severity", "严重程度", errors_);
    if (!probe.ok()) continue;
    auto id = probe.String("id", Need::kOptional);
    const std::string shown = id.value_or("?");
    MapReader reader(node, parent.site().In("severity " + shown, "严重程度 " + shown), "a severity",
                     "严重程度", errors_);
    reader.CheckKeys({"id", "names", "min", "max", "published_by_default",
                      "repair_when_obligations_met", "source", "unsure"});
    if (!reader.Has("id")) reader.String("id", Need::kRequired);
    SeverityLevel level;
    auto names = reader.Names("names", Need::kRequired);
    auto min = ReadPeriod(reader, "min", Need::kRequired);
    auto max = ReadPeriod(reader, "max", Need::kRequired);
    level.published_by_default =
        reader.Bool("published_by_default", Need::kOptional).value_or(true);
    level.repair_when_obligations_met =
        reader.Bool("repair_when_obligations_met", Need::kOptional).value_or(false);
    level.source = reader.String("source", Need::kRequired).value_or("");
    level.unsure = reader.String("unsure", Need::kOptional).value_or("");
    if (!id || !names || !min || !max) continue;
    if (*max < *min) {
      reader.Error(
          "max", "max (" + max->ToString() + ") is shorter than min (" + min->ToString() + ")",
          "最长公示期（" + max->ToChinese() + "）短于最短公示期（" + min->ToChinese() + "）");
    }
    if (version->FindSeverity(*id) != nullptr) {
      reader.Error("id", "severity " + Quoted(*id) + " is defined twice",
                   "严重程度 " + Quoted(*id) + " 重复定义");
    }
    level.id = *id;
    level.names = *names;
    level.min = *min;
    level.max = *max;
    version->severities.push_back(std::move(level));
  }
}

void PublicityParser::ParseClassification(MapReader& parent, PublicityRuleVersion* version) {
  if (!parent.Has("classification")) {
    parent.String("classification", Need::kRequired);
    return;
  }
  MapReader reader(parent.Get("classification"), parent.SiteOf("classification"),
                   "'classification'", "'classification' ", errors_);
  if (!reader.ok()) return;
  reader.CheckKeys({"default", "rules", "source", "unsure"});
  Classification& out = version->classification;
  out.source = reader.String("source", Need::kRequired).value_or("");
  out.unsure = reader.String("unsure", Need::kOptional).value_or("");
  if (auto def = reader.String("default", Need::kRequired)) {
    if (version->FindSeverity(*def) == nullptr) {
      reader.Error("default", "default names unknown severity " + Quoted(*def),
                   "default 引用了不存在的严重程度 " + Quoted(*def));
    }
    out.default_severity = *def;
  }
  if (!reader.Has("rules")) return;
  const YAML::Node list = reader.Get("rules");
  if (!list.IsSequence()) {
    reader.Error("rules", "'rules' must be a list", "'rules' 应为列表");
    return;
  }
  const CodeTable* categories = FindTable(rules_.category_table);
  for (const YAML::Node& node : list) {
    MapReader rule_reader(node, reader.site(), "a classification rule", "分类规则", errors_);
    if (!rule_reader.ok()) continue;
    rule_reader.CheckKeys({"severity", "categories_any", "categories_only",
                           "fine_wan_yuan_at_least", "fine_wan_yuan_below", "counterpart_in",
                           "note"});
    ClassificationRule rule;
    auto severity = rule_reader.String("severity", Need::kRequired);
    if (severity && version->FindSeverity(*severity) == nullptr) {
      rule_reader.Error("severity", "unknown severity " + Quoted(*severity),
                        "不存在的严重程度 " + Quoted(*severity));
    }
    rule.severity = severity.value_or("");
    rule.categories_any = rule_reader.StringList("categories_any", Need::kOptional)
                              .value_or(std::vector<std::string>{});
    rule.categories_only = rule_reader.StringList("categories_only", Need::kOptional)
                               .value_or(std::vector<std::string>{});
    rule.counterpart_in = rule_reader.StringList("counterpart_in", Need::kOptional)
                              .value_or(std::vector<std::string>{});
    rule.fine_wan_yuan_at_least = rule_reader.Number("fine_wan_yuan_at_least", Need::kOptional);
    rule.fine_wan_yuan_below = rule_reader.Number("fine_wan_yuan_below", Need::kOptional);
    rule.note = rule_reader.String("note", Need::kRequired).value_or("");
    CheckInTable(rule_reader, "categories_any", rule.categories_any, categories);
    CheckInTable(rule_reader, "categories_only", rule.categories_only, categories);
    CheckInTable(rule_reader, "counterpart_in", rule.counterpart_in, counterpart_table_);
    if (rule.categories_any.empty() && rule.categories_only.empty() &&
        !rule.fine_wan_yuan_at_least && !rule.fine_wan_yuan_below && rule.counterpart_in.empty()) {
      errors_->Add(rule_reader.site(), "a classification rule needs at least one condition",
                   "分类规则至少需要一个条件");
    }
    out.rules.push_back(std::move(rule));
  }
}

std::optional<PublicityRuleVersion> PublicityParser::ParseVersion(const YAML::Node& node) {
  MapReader probe(node, site_, "a version", "版本", errors_);
  if (!probe.ok()) return std::nullopt;
  auto name = probe.String("version", Need::kOptional);
  const std::string shown = name.value_or("?");
  MapReader reader(node, site_.In("version " + shown, "版本 " + shown), "a version", "版本",
                   errors_);
  reader.CheckKeys({"version", "effective_from", "source", "summary", "unsure", "period_from",
                    "combine", "severities", "domain_minimums", "classification"});
  if (!reader.Has("version")) reader.String("version", Need::kRequired);
  PublicityRuleVersion version;
  version.version = name.value_or("");
  auto from = reader.IsoDate("effective_from", Need::kRequired);
  version.source = reader.String("source", Need::kRequired).value_or("");
  version.summary = reader.String("summary", Need::kOptional).value_or("");
  version.unsure = reader.String("unsure", Need::kOptional).value_or("");
  if (auto period_from = reader.String("period_from", Need::kOptional)) {
    if (*period_from != "decision_date") {
      reader.Error("period_from", "period_from must be decision_date",
                   "period_from 应为 decision_date");
    }
  }
  if (auto combine = reader.String("combine", Need::kOptional)) {
    if (*combine != "longest") {
      reader.Error("combine", "combine must be longest", "combine 应为 longest");
    }
  }
  ParseSeverities(reader, &version);
  if (reader.Has("domain_minimums")) {
    const YAML::Node list = reader.Get("domain_minimums");
    if (!list.IsSequence()) {
      reader.Error("domain_minimums", "'domain_minimums' must be a list",
                   "'domain_minimums' 应为列表");
    } else {
      for (const YAML::Node& item : list) {
        MapReader d(item, reader.site(), "a domain minimum", "领域最短期限", errors_);
        if (!d.ok()) continue;
        d.CheckKeys({"domain", "min", "source", "unsure"});
        DomainMinimum minimum;
        auto domain = d.String("domain", Need::kRequired);
        auto min = ReadPeriod(d, "min", Need::kRequired);
        minimum.source = d.String("source", Need::kRequired).value_or("");
        minimum.unsure = d.String("unsure", Need::kOptional).value_or("");
        if (!domain || !min) continue;
        bool known = false;
        for (const PenaltyDomain& pd : rules_.domains) known = known || pd.id == *domain;
        if (!known) {
          d.Error("domain", "unknown domain " + Quoted(*domain), "不存在的领域 " + Quoted(*domain));
        }
        minimum.domain = *domain;
        minimum.min = *min;
        version.domain_minimums.push_back(std::move(minimum));
      }
    }
  }
  ParseClassification(reader, &version);
  if (!name || !from) return std::nullopt;
  version.effective_from = *from;
  if (!rules_.versions.empty() && *from <= rules_.versions.back().effective_from) {
    reader.Error("effective_from",
                 "versions must be in ascending order of effective_from (" + from->ToIso() +
                     " is not after " + rules_.versions.back().effective_from.ToIso() + ")",
                 "版本须按 effective_from 升序排列（" + from->ToIso() + " 不晚于 " +
                     rules_.versions.back().effective_from.ToIso() + "）");
  }
  return version;
}

void PublicityParser::ParseVersions(MapReader& parent) {
  if (!parent.Has("versions")) {
    parent.String("versions", Need::kRequired);
    return;
  }
  const YAML::Node list = parent.Get("versions");
  if (!list.IsSequence() || list.size() == 0) {
    parent.Error("versions", "'versions' must be a non-empty list", "'versions' 应为非空列表");
    return;
  }
  for (const YAML::Node& node : list) {
    if (auto version = ParseVersion(node)) rules_.versions.push_back(std::move(*version));
  }
}

void PublicityParser::ParseCaps(MapReader& parent) {
  if (!parent.Has("caps")) return;
  const YAML::Node list = parent.Get("caps");
  if (!list.IsSequence()) {
    parent.Error("caps", "'caps' must be a list", "'caps' 应为列表");
    return;
  }
  for (const YAML::Node& node : list) {
    MapReader reader(node, site_, "a cap", "上限", errors_);
    if (!reader.ok()) continue;
    reader.CheckKeys(
        {"id", "names", "division", "max", "effective_from", "source", "note", "unsure"});
    PublicityCap cap;
    auto id = reader.String("id", Need::kRequired);
    auto names = reader.Names("names", Need::kRequired);
    auto division = reader.String("division", Need::kRequired);
    auto max = ReadPeriod(reader, "max", Need::kRequired);
    auto from = reader.IsoDate("effective_from", Need::kRequired);
    cap.source = reader.String("source", Need::kRequired).value_or("");
    cap.note = reader.String("note", Need::kOptional).value_or("");
    cap.unsure = reader.String("unsure", Need::kOptional).value_or("");
    if (!id || !names || !division || !max || !from) continue;
    cap.id = *id;
    cap.names = *names;
    cap.division = *division;
    cap.max = *max;
    cap.effective_from = *from;
    rules_.caps.push_back(std::move(cap));
  }
}

std::optional<PublicityRuleSet> PublicityParser::Parse(const YAML::Node& root,
                                                       const Site& file_site) {
  MapReader probe(root, file_site, "the publicity rules file", "公示规则文件", errors_);
  if (!probe.ok()) return std::nullopt;
  auto id = probe.String("id", Need::kOptional);
  const std::string shown = id.value_or("?");
  site_ = probe.site().In("publicity rules " + shown, "公示规则 " + shown);
  MapReader reader(root, site_, "the publicity rules file", "公示规则文件", errors_);
  reader.CheckKeys({"id", "names", "applies_to", "category_table", "inputs", "domains", "versions",
                    "caps", "note"});
  if (!reader.Has("id")) reader.String("id", Need::kRequired);
  if (id && !IsValidId(*id)) {
    reader.Error("id", "id " + Quoted(*id) + " must be lower-case letters, digits and '_'",
                 "id " + Quoted(*id) + " 只能由小写字母、数字和下划线组成");
  }
  rules_.id = id.value_or("");
  rules_.file = file_site.file;
  if (auto names = reader.Names("names", Need::kRequired)) rules_.names = *names;
  if (auto table = reader.String("category_table", Need::kRequired)) {
    if (FindTable(*table) == nullptr) {
      reader.Error("category_table", "unknown code table " + Quoted(*table),
                   "未知的代码表 " + Quoted(*table));
    }
    rules_.category_table = *table;
  }
  ParseAppliesTo(reader);
  ParseInputs(reader);
  ParseDomains(reader);
  ParseVersions(reader);
  ParseCaps(reader);
  if (!id) return std::nullopt;
  return std::move(rules_);
}

}  // namespace

std::optional<PublicityRuleSet> ParsePublicityRules(const YAML::Node& root, const Site& site,
                                                    const std::vector<InfoClass>& classes,
                                                    const std::vector<CodeTable>& tables,
                                                    LoadErrors* errors) {
  return PublicityParser(classes, tables, errors).Parse(root, site);
}

}  // namespace gongxin::catalog
