// Parser of classes/<id>.yaml: one information class with its fields, subject
// keys, identity, deadline, cross-field rules, publicity and rule versions.
#include <map>
#include <set>

#include "catalog/catalog_parsers.h"
#include "catalog/text_fold.h"
#include "catalog/yaml_reader.h"

namespace gongxin::catalog {
namespace {

const std::vector<std::string> kClassKeys = {"id",
                                             "names",
                                             "order",
                                             "catalog_category",
                                             "owner",
                                             "fields_source",
                                             "unsure",
                                             "subject",
                                             "natural_key",
                                             "decision_date_field",
                                             "deadline",
                                             "registration",
                                             "ignored_headers",
                                             "fields",
                                             "rules",
                                             "publicity",
                                             "versions"};
const std::vector<std::string> kFieldKeys = {
    "code",         "names",      "type",       "max_length",  "scale",
    "required",     "when",       "code_table", "values",      "certificate_type_field",
    "multi_valued", "separators", "aliases",    "description", "source",
    "unsure"};
const std::vector<std::string> kRequirementNames = {"mandatory", "conditional", "optional"};

bool IsValidFieldCode(const std::string& code) {
  if (code.empty() || code.size() > 64 || code[0] < 'A' || code[0] > 'Z') return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsDateType(FieldType type) {
  return type == FieldType::kDate || type == FieldType::kDateOrLongterm;
}

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

class ClassParser {
 public:
  ClassParser(const std::vector<CodeTable>& tables, LoadErrors* errors)
      : tables_(tables), errors_(errors) {}

  std::optional<InfoClass> Parse(const YAML::Node& root, const Site& file_site);

 private:
  void ParseFields(MapReader& reader);
  std::optional<FieldSpec> ParseField(const YAML::Node& node, size_t index);
  void ResolveConditions();
  void CheckHeaders();
  void ParseSubject(MapReader& reader);
  void ParseNaturalKey(MapReader& reader);
  void ParseDeadline(MapReader& reader);
  void ParseRegistration(MapReader& reader);
  void ParseRules(MapReader& reader);
  void ParsePublicity(MapReader& reader);
  void ParseVersions(MapReader& reader);

  // The field named `code`, or null after reporting "<role> names unknown field".
  const FieldSpec* Resolve(const Site& site, const std::string& code, std::string_view role_en,
                           std::string_view role_zh);
  // Reports values of `condition` that the target field can never hold.
  void CheckValues(const Site& site, std::string_view role, const std::vector<std::string>& values,
                   bool substrings, const FieldSpec& target);
  const CodeTable* FindTable(const std::string& id) const;
  bool TableExists(const std::string& id) const;
  std::vector<std::string> TableIds() const;

  const std::vector<CodeTable>& tables_;
  LoadErrors* errors_;
  InfoClass class_;
  Site site_;
  std::vector<Site> field_sites_;  // parallel to class_.fields
  std::vector<Site> when_sites_;   // parallel to class_.fields
};

const CodeTable* ClassParser::FindTable(const std::string& id) const {
  for (const CodeTable& table : tables_) {
    if (table.id == id) return &table;
  }
  return nullptr;
}

bool ClassParser::TableExists(const std::string& id) const {
  return id == kDivisionsTable || id == kUsccPrefixesTable || FindTable(id) != nullptr;
}

std::vector<std::string> ClassParser::TableIds() const {
  std::vector<std::string> ids;
  for (const CodeTable& table : tables_) ids.push_back(table.id);
  ids.push_back(kDivisionsTable);
  ids.push_back(kUsccPrefixesTable);
  return ids;
}

const FieldSpec* ClassParser::Resolve(const Site& site, const std::string& code,
                                      std::string_view role_en, std::string_view role_zh) {
  if (const FieldSpec* field = class_.FindField(code)) return field;
  std::vector<std::string> codes;
  for (const FieldSpec& f : class_.fields) codes.push_back(f.code);
  const std::string suggestion = DidYouMean(code, codes);
  std::string en = std::string(role_en) + " names unknown field " + Quoted(code);
  std::string zh = std::string(role_zh) + " 引用了不存在的信息项 " + Quoted(code);
  if (!suggestion.empty()) {
    en += " (did you mean " + Quoted(suggestion) + "?)";
    zh += "（是否应为 " + Quoted(suggestion) + "？）";
  }
  errors_->Add(site, en, zh);
  return nullptr;
}

void ClassParser::CheckValues(const Site& site, std::string_view role,
                              const std::vector<std::string>& values, bool substrings,
                              const FieldSpec& target) {
  const CodeTable* table = target.type == FieldType::kCode ? FindTable(target.code_table) : nullptr;
  if (table == nullptr && target.type != FieldType::kEnum) return;
  for (const std::string& value : values) {
    bool known = false;
    if (table != nullptr && !substrings) {
      known = table->Lookup(value).has_value();
    } else {
      const std::string folded = FoldForMatch(value);
      std::vector<std::string> candidates = target.values;
      if (table != nullptr) {
        for (const CodeTableVersion& version : table->versions) {
          for (const CodeValue& v : version.values) candidates.push_back(v.value);
        }
      }
      for (const std::string& candidate : candidates) {
        const std::string c = FoldForMatch(candidate);
        known = known || (substrings ? c.find(folded) != std::string::npos : c == folded);
      }
    }
    if (known) continue;
    const std::string where = table != nullptr ? "code table " + table->id : "the values";
    const std::string where_zh = table != nullptr ? "代码表 " + table->id + " " : "取值列表";
    errors_->Add(site,
                 std::string(role) + " value " + Quoted(value) + " is not in " + where +
                     " of field " + target.code,
                 std::string(role) + " 的取值 " + Quoted(value) + " 不在信息项 " + target.code +
                     " 的" + where_zh + "中");
  }
}

std::optional<FieldSpec> ClassParser::ParseField(const YAML::Node& node, size_t index) {
  MapReader probe(node, site_, "a field", "信息项", errors_);
  if (!probe.ok()) return std::nullopt;
  auto code = probe.String("code", Need::kOptional);
  const std::string shown = code.value_or("#" + std::to_string(index + 1));
  const Site site = site_.In("field " + shown, "信息项 " + shown);
  MapReader reader(node, site, "a field", "信息项", errors_);
  reader.CheckKeys(kFieldKeys);
  if (!reader.Has("code")) reader.String("code", Need::kRequired);  // reports it missing
  FieldSpec field;
  field.line = reader.site().line;
  if (code) {
    field.code = *code;
    if (!IsValidFieldCode(*code)) {
      reader.Error(
          "code",
          "field code " + Quoted(*code) +
              " must be upper-case letters, digits and '_', starting with a letter",
          "信息项代码 " + Quoted(*code) + " 只能由大写字母、数字和下划线组成，且以字母开头");
    }
  }
  if (auto names = reader.Names("names", Need::kRequired)) field.names = *names;

  bool type_known = false;
  if (auto type_name = reader.String("type", Need::kRequired)) {
    if (auto type = ParseFieldType(*type_name)) {
      field.type = *type;
      type_known = true;
    } else {
      const std::string suggestion = DidYouMean(*type_name, FieldTypeNames());
      const std::string hint = suggestion.empty()
                                   ? " (known types: " + JoinList(FieldTypeNames()) + ")"
                                   : " (did you mean " + Quoted(suggestion) + "?)";
      const std::string hint_zh = suggestion.empty()
                                      ? "（可用的类型：" + JoinList(FieldTypeNames()) + "）"
                                      : "（是否应为 " + Quoted(suggestion) + "？）";
      reader.Error("type", "unknown type " + Quoted(*type_name) + hint,
                   "未知的类型 " + Quoted(*type_name) + hint_zh);
    }
  }
  if (auto max_length = reader.Integer("max_length", Need::kOptional)) {
    if (*max_length < 1 || *max_length > 100000) {
      reader.Error("max_length", "max_length must be between 1 and 100000",
                   "max_length 应在 1 到 100000 之间");
    } else {
      field.max_length = static_cast<int>(*max_length);
    }
  }
  if (auto scale = reader.Integer("scale", Need::kOptional)) {
    const bool numeric = field.type == FieldType::kMoneyWanYuan ||
                         field.type == FieldType::kMoneyYuan || field.type == FieldType::kDecimal;
    if (!type_known) {
      // Nothing to say until the type is fixed.
    } else if (!numeric) {
      reader.Error("scale", "scale is only for money and decimal fields",
                   "scale 只适用于金额和小数类型的信息项");
    } else if (*scale < 0 || *scale > 10) {
      reader.Error("scale", "scale must be between 0 and 10", "scale 应在 0 到 10 之间");
    } else {
      field.scale = static_cast<int>(*scale);
    }
  }

  bool required_known = false;
  if (auto required = reader.String("required", Need::kRequired)) {
    if (auto parsed = ParseRequirement(*required)) {
      field.required = *parsed;
      required_known = true;
    } else {
      const std::string suggestion = DidYouMean(*required, kRequirementNames);
      reader.Error("required",
                   "required must be mandatory, conditional or optional, not " + Quoted(*required) +
                       (suggestion.empty() ? "" : " (did you mean " + Quoted(suggestion) + "?)"),
                   "required 应为 mandatory、conditional 或 optional，而不是 " + Quoted(*required) +
                       (suggestion.empty() ? "" : "（是否应为 " + Quoted(suggestion) + "？）"));
    }
  }
  Site when_site = reader.SiteOf("when");
  if (reader.Has("when") && !required_known) {
    // Cannot judge it; parse it for its own problems only.
    field.when = ParseCondition(reader.Get("when"), when_site, errors_);
    field.when.reset();
  } else if (reader.Has("when")) {
    if (field.required != Requirement::kConditional) {
      reader.Error("when", "'when' is only for fields with required: conditional",
                   "'when' 只适用于 required: conditional 的信息项");
    } else {
      field.when = ParseCondition(reader.Get("when"), when_site, errors_);
    }
  } else if (field.required == Requirement::kConditional && required_known) {
    reader.Error("required", "a conditional field needs a 'when' saying when it is required",
                 "条件必填的信息项须用 'when' 说明何时必填");
  }

  if (auto table = reader.String("code_table", Need::kOptional)) {
    if (!type_known) {
      // Nothing to say until the type is fixed.
    } else if (field.type != FieldType::kCode) {
      reader.Error("code_table", "'code_table' is only for fields of type code",
                   "'code_table' 只适用于 code 类型的信息项");
    } else if (!TableExists(*table)) {
      const std::string suggestion = DidYouMean(*table, TableIds());
      reader.Error("code_table",
                   "unknown code table " + Quoted(*table) +
                       (suggestion.empty() ? " (known tables: " + JoinList(TableIds()) + ")"
                                           : " (did you mean " + Quoted(suggestion) + "?)"),
                   "未知的代码表 " + Quoted(*table) +
                       (suggestion.empty() ? "（可用的代码表：" + JoinList(TableIds()) + "）"
                                           : "（是否应为 " + Quoted(suggestion) + "？）"));
    } else {
      field.code_table = *table;
    }
  } else if (field.type == FieldType::kCode && type_known) {
    errors_->Add(reader.site(), "a field of type code needs a 'code_table'",
                 "code 类型的信息项须指定 'code_table'");
  }
  if (reader.Has("values") && type_known) {
    if (field.type != FieldType::kEnum) {
      reader.Error("values", "'values' is only for fields of type enum",
                   "'values' 只适用于 enum 类型的信息项");
    } else if (auto values = reader.StringList("values", Need::kRequired)) {
      field.values = *values;
      if (values->empty()) {
        reader.Error("values", "'values' lists nothing", "'values' 为空列表");
      }
    }
  } else if (field.type == FieldType::kEnum && type_known) {
    errors_->Add(reader.site(), "a field of type enum needs its 'values'",
                 "enum 类型的信息项须列出 'values'");
  }

  if (auto type_field = reader.String("certificate_type_field", Need::kOptional)) {
    if (type_known && field.type != FieldType::kCertificateNumber) {
      reader.Error("certificate_type_field",
                   "'certificate_type_field' is only for fields of type certificate_number",
                   "'certificate_type_field' 只适用于 certificate_number 类型的信息项");
    } else {
      field.certificate_type_field = *type_field;  // resolved once every field is read
    }
  }
  field.multi_valued = reader.Bool("multi_valued", Need::kOptional).value_or(false);
  if (auto separators = reader.StringList("separators", Need::kOptional)) {
    if (!field.multi_valued) {
      reader.Error("separators", "'separators' is only for multi_valued fields",
                   "'separators' 只适用于多值（multi_valued）信息项");
    }
    field.separators = *separators;
  } else if (field.multi_valued) {
    field.separators = DefaultSeparators();
  }
  field.aliases =
      reader.StringList("aliases", Need::kOptional).value_or(std::vector<std::string>{});
  field.description = reader.String("description", Need::kOptional).value_or("");
  field.source = reader.String("source", Need::kOptional).value_or("");
  field.unsure = reader.String("unsure", Need::kOptional).value_or("");

  // A field with problems is still returned (the class fails anyway) so that other
  // fields' references to it do not add "unknown field" errors.
  if (!code) return std::nullopt;
  field_sites_.push_back(reader.site());
  when_sites_.push_back(when_site);
  return field;
}

void ClassParser::ParseFields(MapReader& reader) {
  if (!reader.Has("fields")) {
    reader.String("fields", Need::kRequired);
    return;
  }
  const YAML::Node list = reader.Get("fields");
  if (!list.IsSequence() || list.size() == 0) {
    reader.Error("fields", "'fields' must be a non-empty list", "'fields' 应为非空列表");
    return;
  }
  std::map<std::string, int> first_line;
  size_t index = 0;
  for (const YAML::Node& node : list) {
    std::optional<FieldSpec> field = ParseField(node, index++);
    if (!field) continue;
    auto [it, inserted] = first_line.emplace(field->code, field->line);
    if (!inserted) {
      errors_->Add(field_sites_.back(),
                   "field code " + Quoted(field->code) + " is defined twice (first on line " +
                       std::to_string(it->second) + ")",
                   "信息项代码 " + Quoted(field->code) + " 重复定义（首次在第 " +
                       std::to_string(it->second) + " 行）");
      field_sites_.pop_back();
      when_sites_.pop_back();
      continue;
    }
    class_.fields.push_back(std::move(*field));
  }
}

void ClassParser::ResolveConditions() {
  for (size_t i = 0; i < class_.fields.size(); ++i) {
    const FieldSpec& field = class_.fields[i];
    if (!field.certificate_type_field.empty()) {
      const FieldSpec* type = Resolve(field_sites_[i], field.certificate_type_field,
                                      "certificate_type_field", "certificate_type_field");
      if (type != nullptr && type->type != FieldType::kCode) {
        errors_->Add(field_sites_[i],
                     "certificate_type_field " + type->code + " is not a code field",
                     "certificate_type_field " + type->code + " 不是代码类信息项");
      }
    }
    if (!field.when) continue;
    const FieldSpec* target = Resolve(when_sites_[i], field.when->field, "'when'", "'when'");
    if (target == nullptr) continue;
    if (target->code == field.code) {
      errors_->Add(when_sites_[i], "'when' refers to the field itself", "'when' 引用了信息项自身");
      continue;
    }
    CheckValues(when_sites_[i], "'when'", field.when->values,
                field.when->op == Condition::Op::kContains, *target);
  }
}

void ClassParser::CheckHeaders() {
  std::map<std::string, std::string> owner;  // folded header -> field code
  for (size_t i = 0; i < class_.fields.size(); ++i) {
    const FieldSpec& field = class_.fields[i];
    std::vector<std::string> headers = {field.code, field.names.zh};
    headers.insert(headers.end(), field.aliases.begin(), field.aliases.end());
    std::set<std::string> own;
    for (const std::string& header : headers) {
      const std::string folded = FoldForMatch(header);
      if (!own.insert(folded).second) continue;  // e.g. an alias equal to the code
      auto [it, inserted] = owner.emplace(folded, field.code);
      if (!inserted) {
        errors_->Add(
            field_sites_[i],
            "header " + Quoted(header) + " would name both field " + it->second + " and field " +
                field.code,
            "表头 " + Quoted(header) + " 同时指向信息项 " + it->second + " 和 " + field.code);
      }
    }
  }
  for (const std::string& ignored : class_.ignored_headers) {
    auto it = owner.find(FoldForMatch(ignored));
    if (it != owner.end()) {
      errors_->Add(site_, "ignored header " + Quoted(ignored) + " names field " + it->second,
                   "忽略的表头 " + Quoted(ignored) + " 实为信息项 " + it->second);
    }
  }
}

void ClassParser::ParseSubject(MapReader& parent) {
  if (!parent.Has("subject")) {
    parent.String("subject", Need::kRequired);
    return;
  }
  const Site site = parent.SiteOf("subject");
  MapReader reader(parent.Get("subject"), site, "'subject'", "'subject' ", errors_);
  if (!reader.ok()) return;
  reader.CheckKeys({"name_field", "uscc_field", "id_number_field", "category_field"});
  struct Key {
    const char* key;
    std::string* out;
    Need need;
  };
  const Key keys[] = {{"name_field", &class_.subject.name_field, Need::kRequired},
                      {"uscc_field", &class_.subject.uscc_field, Need::kOptional},
                      {"id_number_field", &class_.subject.id_number_field, Need::kOptional},
                      {"category_field", &class_.subject.category_field, Need::kOptional}};
  for (const Key& key : keys) {
    auto code = reader.String(key.key, key.need);
    if (!code) continue;
    const std::string role = std::string("subject.") + key.key;
    const FieldSpec* field = Resolve(reader.SiteOf(key.key), *code, role, role);
    if (field == nullptr) continue;
    *key.out = *code;
    const std::string k = key.key;
    bool ok = true;
    if (k == "uscc_field") ok = field->type == FieldType::kUscc;
    if (k == "id_number_field") {
      ok = field->type == FieldType::kIdNumber || field->type == FieldType::kCertificateNumber;
    }
    if (k == "category_field") ok = field->type == FieldType::kCode;
    if (!ok) {
      const std::string want = k == "uscc_field"        ? "uscc"
                               : k == "id_number_field" ? "id_number or certificate_number"
                                                        : "code";
      reader.Error(key.key,
                   role + " names field " + *code + " of type " +
                       std::string(FieldTypeName(field->type)) + "; it must be of type " + want,
                   role + " 引用的信息项 " + *code + " 类型为 " +
                       std::string(FieldTypeName(field->type)) + "，应为 " + want);
    }
  }
}

void ClassParser::ParseNaturalKey(MapReader& reader) {
  auto key = reader.StringList("natural_key", Need::kRequired);
  if (!key) return;
  const Site site = reader.SiteOf("natural_key");
  if (key->empty()) {
    errors_->Add(site, "natural_key lists no field", "natural_key 未列出任何信息项");
    return;
  }
  std::set<std::string> seen;
  for (const std::string& code : *key) {
    if (!seen.insert(code).second) {
      errors_->Add(site, "natural_key lists " + code + " twice", "natural_key 重复列出 " + code);
      continue;
    }
    const FieldSpec* field = Resolve(site, code, "natural_key", "natural_key");
    if (field == nullptr) continue;
    if (field->required != Requirement::kMandatory) {
      errors_->Add(site,
                   "natural_key field " + code +
                       " is not mandatory; a document's identity must always be present",
                   "natural_key 中的信息项 " + code + " 不是必填项；文书的标识必须始终存在");
    }
    class_.natural_key.push_back(code);
  }
}

void ClassParser::ParseDeadline(MapReader& parent) {
  if (auto code = parent.String("decision_date_field", Need::kOptional)) {
    const Site site = parent.SiteOf("decision_date_field");
    if (const FieldSpec* field =
            Resolve(site, *code, "decision_date_field", "decision_date_field")) {
      if (!IsDateType(field->type)) {
        errors_->Add(site, "decision_date_field " + *code + " is not a date field",
                     "decision_date_field " + *code + " 不是日期类型的信息项");
      } else {
        class_.decision_date_field = *code;
      }
    }
  }
  if (!parent.Has("deadline")) return;
  MapReader reader(parent.Get("deadline"), parent.SiteOf("deadline"), "'deadline'", "'deadline' ",
                   errors_);
  if (!reader.ok()) return;
  reader.CheckKeys({"working_days", "from_field", "source", "unsure"});
  Deadline deadline;
  int working_days = 0;  // 0: missing or out of range (reported)
  if (auto days = reader.Integer("working_days", Need::kRequired)) {
    if (*days < 1 || *days > 366) {
      reader.Error("working_days", "working_days must be between 1 and 366",
                   "working_days 应在 1 到 366 之间");
    } else {
      working_days = static_cast<int>(*days);
    }
  }
  deadline.source = reader.String("source", Need::kRequired).value_or("");
  deadline.unsure = reader.String("unsure", Need::kOptional).value_or("");
  if (auto from = reader.String("from_field", Need::kOptional)) {
    const Site site = reader.SiteOf("from_field");
    if (const FieldSpec* field =
            Resolve(site, *from, "deadline.from_field", "deadline.from_field")) {
      if (!IsDateType(field->type)) {
        errors_->Add(site, "deadline.from_field " + *from + " is not a date field",
                     "deadline.from_field " + *from + " 不是日期类型的信息项");
      }
      deadline.from_field = *from;
    }
  } else {
    deadline.from_field = class_.decision_date_field;
    if (deadline.from_field.empty() && !parent.Has("decision_date_field") &&
        !parent.IsMisspelt("decision_date_field")) {
      errors_->Add(reader.site(), "deadline needs a from_field, or the class a decision_date_field",
                   "deadline 须指定 from_field，或信息类须指定 decision_date_field");
    }
  }
  if (working_days > 0) {
    deadline.working_days = working_days;
    class_.deadline = deadline;
  }
}

void ClassParser::ParseRegistration(MapReader& parent) {
  if (!parent.Has("registration")) return;
  MapReader reader(parent.Get("registration"), parent.SiteOf("registration"), "'registration'",
                   "'registration' ", errors_);
  if (!reader.ok()) return;
  reader.CheckKeys({"status_field", "former_names_field"});
  Registration registration;
  if (auto status = reader.String("status_field", Need::kOptional)) {
    if (Resolve(reader.SiteOf("status_field"), *status, "registration.status_field",
                "registration.status_field") != nullptr) {
      registration.status_field = *status;
    }
  }
  if (auto former = reader.String("former_names_field", Need::kOptional)) {
    const Site site = reader.SiteOf("former_names_field");
    const FieldSpec* field = Resolve(site, *former, "registration.former_names_field",
                                     "registration.former_names_field");
    if (field != nullptr && !field->multi_valued) {
      errors_->Add(site, "registration.former_names_field " + *former + " is not multi_valued",
                   "registration.former_names_field " + *former + " 不是多值信息项");
    } else if (field != nullptr) {
      registration.former_names_field = *former;
    }
  }
  if (class_.subject.uscc_field.empty()) {
    errors_->Add(reader.site(), "a registration class needs subject.uscc_field",
                 "登记类信息类须指定 subject.uscc_field");
  }
  class_.registration = registration;
}

void ClassParser::ParseRules(MapReader& parent) {
  if (!parent.Has("rules")) return;
  const YAML::Node list = parent.Get("rules");
  if (!list.IsSequence()) {
    parent.Error("rules", "'rules' must be a list", "'rules' 应为列表");
    return;
  }
  std::set<std::string> ids;
  for (const YAML::Node& node : list) {
    MapReader probe(node, site_, "a rule", "规则", errors_);
    if (!probe.ok()) continue;
    auto id = probe.String("id", Need::kOptional);
    const std::string shown = id.value_or("?");
    MapReader reader(node, site_.In("rule " + shown, "规则 " + shown), "a rule", "规则", errors_);
    reader.CheckKeys({"id", "names", "when", "check", "severity", "source", "unsure"});
    if (!reader.Has("id")) reader.String("id", Need::kRequired);
    ValidationRule rule;
    rule.id = id.value_or("");
    if (id && !ids.insert(*id).second) {
      reader.Error("id", "rule id " + Quoted(*id) + " is defined twice",
                   "规则 id " + Quoted(*id) + " 重复定义");
    }
    if (auto names = reader.Names("names", Need::kRequired)) rule.names = *names;
    rule.source = reader.String("source", Need::kRequired).value_or("");
    rule.unsure = reader.String("unsure", Need::kOptional).value_or("");
    if (auto severity = reader.String("severity", Need::kOptional)) {
      if (*severity != "error" && *severity != "warning") {
        reader.Error("severity", "severity must be error or warning, not " + Quoted(*severity),
                     "severity 应为 error 或 warning，而不是 " + Quoted(*severity));
      }
      rule.warning = *severity == "warning";
    }
    if (reader.Has("when")) {
      const Site when_site = reader.SiteOf("when");
      rule.when = ParseCondition(reader.Get("when"), when_site, errors_);
      if (rule.when) {
        if (const FieldSpec* target = Resolve(when_site, rule.when->field, "'when'", "'when'")) {
          CheckValues(when_site, "'when'", rule.when->values,
                      rule.when->op == Condition::Op::kContains, *target);
        }
      }
    }
    if (!reader.Has("check")) {
      reader.String("check", Need::kRequired);
      continue;
    }
    const Site check_site = reader.SiteOf("check");
    MapReader check(reader.Get("check"), check_site, "'check'", "'check' ", errors_);
    if (!check.ok()) continue;
    check.CheckKeys({"field", "prefix_in", "prefix_not_in", "in", "not_in", "not_before",
                     "not_after", "amount_matches_text", "keywords"});
    auto field = check.String("field", Need::kRequired);
    int ops = 0;
    const std::pair<const char*, Check::Op> list_ops[] = {
        {"prefix_in", Check::Op::kPrefixIn},
        {"prefix_not_in", Check::Op::kPrefixNotIn},
        {"in", Check::Op::kIn},
        {"not_in", Check::Op::kNotIn}};
    for (const auto& [key, op] : list_ops) {
      if (!check.Has(key)) continue;
      ++ops;
      rule.check.op = op;
      rule.check.values =
          check.StringList(key, Need::kRequired).value_or(std::vector<std::string>{});
    }
    const std::pair<const char*, Check::Op> field_ops[] = {
        {"not_before", Check::Op::kNotBefore},
        {"not_after", Check::Op::kNotAfter},
        {"amount_matches_text", Check::Op::kAmountMatchesText}};
    for (const auto& [key, op] : field_ops) {
      if (!check.Has(key)) continue;
      ++ops;
      rule.check.op = op;
      rule.check.other_field = check.String(key, Need::kRequired).value_or("");
    }
    if (ops != 1) {
      errors_->Add(
          check.site(),
          "'check' needs exactly one of prefix_in, prefix_not_in, in, not_in, "
          "not_before, not_after, amount_matches_text",
          "'check' 须且只能有 prefix_in、prefix_not_in、in、not_in、not_before、not_after、"
          "amount_matches_text 之一");
      continue;
    }
    const bool amount_op = rule.check.op == Check::Op::kAmountMatchesText;
    if (amount_op) {
      rule.check.values =
          check.StringList("keywords", Need::kRequired).value_or(std::vector<std::string>{});
    } else if (check.Has("keywords")) {
      errors_->Add(check.site(), "'keywords' belongs to amount_matches_text only",
                   "'keywords' 只用于 amount_matches_text");
    }
    if (!field) continue;
    rule.check.field = *field;
    const FieldSpec* target = Resolve(check.SiteOf("field"), *field, "'check'", "'check'");
    const bool dates =
        rule.check.op == Check::Op::kNotBefore || rule.check.op == Check::Op::kNotAfter;
    if (target != nullptr && dates) {
      const FieldSpec* other = Resolve(check.site(), rule.check.other_field, "'check'", "'check'");
      if (other != nullptr && (!IsDateType(target->type) || !IsDateType(other->type))) {
        errors_->Add(check.site(), "'check' compares dates, but a field is not a date field",
                     "'check' 比较日期，但有信息项不是日期类型");
      }
    } else if (target != nullptr && amount_op) {
      const FieldSpec* other = Resolve(check.site(), rule.check.other_field, "'check'", "'check'");
      const bool money =
          target->type == FieldType::kMoneyWanYuan || target->type == FieldType::kMoneyYuan;
      if (other != nullptr && (!money || other->type != FieldType::kText)) {
        errors_->Add(check.site(), "amount_matches_text compares a money field with a text field",
                     "amount_matches_text 须比较金额信息项与文本信息项");
      }
    } else if (target != nullptr &&
               (rule.check.op == Check::Op::kIn || rule.check.op == Check::Op::kNotIn)) {
      CheckValues(check.site(), "'check'", rule.check.values, false, *target);
    }
    class_.rules.push_back(std::move(rule));
  }
}

void ClassParser::ParsePublicity(MapReader& parent) {
  if (!parent.Has("publicity")) {
    parent.String("publicity", Need::kRequired);
    return;
  }
  MapReader reader(parent.Get("publicity"), parent.SiteOf("publicity"), "'publicity'",
                   "'publicity' ", errors_);
  if (!reader.ok()) return;
  reader.CheckKeys({"public", "natural_persons_public", "period_rules", "until_field", "masked",
                    "note", "source"});
  Publicity& publicity = class_.publicity;
  publicity.is_public = reader.Bool("public", Need::kRequired).value_or(false);
  publicity.natural_persons_public =
      reader.Bool("natural_persons_public", Need::kOptional).value_or(false);
  publicity.period_rules = reader.String("period_rules", Need::kOptional).value_or("");
  publicity.line = reader.SiteOf("period_rules").line;
  publicity.note = reader.String("note", Need::kOptional).value_or("");
  publicity.source = reader.String("source", Need::kOptional).value_or("");
  if (auto until = reader.String("until_field", Need::kOptional)) {
    const FieldSpec* field =
        Resolve(reader.SiteOf("until_field"), *until, "'until_field'", "'until_field'");
    if (field != nullptr && !IsDateType(field->type)) {
      reader.Error("until_field",
                   "until_field names field " + *until + ", which is not a date field (type " +
                       std::string(FieldTypeName(field->type)) + ")",
                   "until_field 引用的信息项 " + *until + " 不是日期类型（类型 " +
                       std::string(FieldTypeName(field->type)) + "）");
    }
    publicity.until_field = *until;
  }
  if (!reader.Has("masked")) return;
  const YAML::Node list = reader.Get("masked");
  if (!list.IsSequence()) {
    reader.Error("masked", "'masked' must be a list", "'masked' 应为列表");
    return;
  }
  for (const YAML::Node& node : list) {
    MapReader mask(node, reader.site(), "a masked field", "脱敏信息项", errors_);
    if (!mask.ok()) continue;
    mask.CheckKeys({"field", "mask"});
    auto field = mask.String("field", Need::kRequired);
    auto kind = mask.String("mask", Need::kRequired);
    if (!field || !kind) continue;
    MaskRule rule;
    if (Resolve(mask.SiteOf("field"), *field, "'masked'", "'masked'") == nullptr) continue;
    rule.field = *field;
    if (auto parsed = ParseMaskKind(*kind)) {
      rule.kind = *parsed;
    } else {
      mask.Error("mask",
                 "unknown mask " + Quoted(*kind) + " (known: " + JoinList(MaskKindNames()) + ")",
                 "未知的脱敏方式 " + Quoted(*kind) + "（可用：" + JoinList(MaskKindNames()) + "）");
      continue;
    }
    publicity.masked.push_back(rule);
  }
}

void ClassParser::ParseVersions(MapReader& parent) {
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
    MapReader probe(node, site_, "a version", "版本", errors_);
    if (!probe.ok()) continue;
    auto name = probe.String("version", Need::kOptional);
    const std::string shown = name.value_or("?");
    MapReader reader(node, site_.In("version " + shown, "版本 " + shown), "a version", "版本",
                     errors_);
    reader.CheckKeys({"version", "effective_from", "source", "summary", "unsure"});
    if (!reader.Has("version")) reader.String("version", Need::kRequired);
    auto from = reader.IsoDate("effective_from", Need::kRequired);
    auto source = reader.String("source", Need::kRequired);
    if (!name || !from) continue;
    for (const RuleVersion& earlier : class_.versions) {
      if (earlier.version == *name) {
        reader.Error("version", "version " + Quoted(*name) + " is defined twice",
                     "版本 " + Quoted(*name) + " 重复定义");
      }
    }
    if (!class_.versions.empty() && *from <= class_.versions.back().effective_from) {
      reader.Error("effective_from",
                   "versions must be in ascending order of effective_from (" + from->ToIso() +
                       " is not after " + class_.versions.back().effective_from.ToIso() + ")",
                   "版本须按 effective_from 升序排列（" + from->ToIso() + " 不晚于 " +
                       class_.versions.back().effective_from.ToIso() + "）");
    }
    RuleVersion version;
    version.version = *name;
    version.effective_from = *from;
    version.source = source.value_or("");
    version.summary = reader.String("summary", Need::kOptional).value_or("");
    version.unsure = reader.String("unsure", Need::kOptional).value_or("");
    class_.versions.push_back(std::move(version));
  }
}

std::optional<InfoClass> ClassParser::Parse(const YAML::Node& root, const Site& file_site) {
  MapReader probe(root, file_site, "the class file", "信息类文件", errors_);
  if (!probe.ok()) return std::nullopt;
  auto id = probe.String("id", Need::kOptional);
  const std::string shown = id.value_or("?");
  site_ = probe.site().In("class " + shown, "信息类 " + shown);
  MapReader reader(root, site_, "the class file", "信息类文件", errors_);
  reader.CheckKeys(kClassKeys);
  if (!reader.Has("id")) reader.String("id", Need::kRequired);
  if (id && !IsValidId(*id)) {
    reader.Error("id", "class id " + Quoted(*id) + " must be lower-case letters, digits and '_'",
                 "信息类 id " + Quoted(*id) + " 只能由小写字母、数字和下划线组成");
  }
  class_.id = id.value_or("");
  class_.file = file_site.file;
  if (auto names = reader.Names("names", Need::kRequired)) class_.names = *names;
  if (auto order = reader.Integer("order", Need::kOptional))
    class_.order = static_cast<int>(*order);
  class_.catalog_category = reader.String("catalog_category", Need::kOptional).value_or("");
  class_.owner = reader.String("owner", Need::kRequired).value_or("");
  class_.fields_source = reader.String("fields_source", Need::kRequired).value_or("");
  class_.unsure = reader.String("unsure", Need::kOptional).value_or("");
  class_.ignored_headers =
      reader.StringList("ignored_headers", Need::kOptional).value_or(std::vector<std::string>{});

  ParseFields(reader);
  ResolveConditions();
  CheckHeaders();
  ParseSubject(reader);
  ParseNaturalKey(reader);
  ParseDeadline(reader);
  ParseRegistration(reader);
  ParseRules(reader);
  ParsePublicity(reader);
  ParseVersions(reader);
  // With problems (already reported) the class is still returned, so that other
  // files' references to it resolve; the catalog fails anyway.
  if (!id) return std::nullopt;
  return std::move(class_);
}

}  // namespace

std::optional<InfoClass> ParseInfoClass(const YAML::Node& root, const Site& site,
                                        const std::vector<CodeTable>& tables, LoadErrors* errors) {
  return ClassParser(tables, errors).Parse(root, site);
}

}  // namespace gongxin::catalog
