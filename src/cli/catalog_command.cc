// gongxin catalog: read and check the 公共信用信息目录 (information classes, their
// fields and rules, code tables, publicity rules).
//
//   gongxin catalog list [--json] [--on DATE]
//   gongxin catalog show CLASS [--json] [--on DATE]
//   gongxin catalog check [DIR]
//
// Exit codes: 0 on success; 1 when `check` finds the catalog invalid; 2 when the
// arguments are wrong (unknown class, bad date) or the catalog does not load.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "catalog/load_errors.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "core/date.h"

namespace gongxin::cli {
namespace {

using catalog::Catalog;
using catalog::FieldSpec;
using catalog::InfoClass;
using catalog::Requirement;
using catalog::RuleVersion;
using nlohmann::ordered_json;

constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;

struct ListArgs {
  bool json = false;
  std::string on;  // date whose rule versions are shown; empty = today
};

struct ShowArgs {
  std::string class_id;
  bool json = false;
  std::string on;
};

struct CheckArgs {
  std::string dir;  // empty = the global catalog folder
};

// ---------------------------------------------------------------- text layout

// Columns a terminal gives `s`: two for East Asian wide characters, one otherwise.
size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char lead = static_cast<unsigned char>(s[i]);
    size_t n = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
    n = std::min(n, s.size() - i);
    char32_t cp = lead;
    if (n == 2) cp = ((lead & 0x1F) << 6) | (s[i + 1] & 0x3F);
    if (n == 3) cp = ((lead & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    if (n == 4) cp = 0x20000;  // supplementary CJK
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
    width += wide ? 2 : 1;
    i += n;
  }
  return width;
}

// Prints rows as left-aligned columns two spaces apart; the last column is not padded.
void PrintTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - DisplayWidth(row[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

// "1 class", "11 classes"
std::string Count(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string Join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  return catalog::JoinList(items, separator);
}

// "2021-art9 (2021-07-15)", or "-" before the first version.
std::string VersionText(const RuleVersion* version) {
  if (version == nullptr) return "-";
  return version->version + " (" + version->effective_from.ToIso() + ")";
}

std::string RequirementText(const FieldSpec& field) {
  switch (field.required) {
    case Requirement::kMandatory:
      return "必填 mandatory";
    case Requirement::kOptional:
      return "选填 optional";
    case Requirement::kConditional:
      return "条件必填 conditional: " + (field.when ? field.when->ToString() : std::string());
  }
  return "";
}

std::string TypeText(const FieldSpec& field) {
  std::string type(catalog::FieldTypeName(field.type));
  if (field.max_length > 0) type += "(" + std::to_string(field.max_length) + ")";
  if (field.scale >= 0) type += "(scale " + std::to_string(field.scale) + ")";
  if (field.type == catalog::FieldType::kEnum) type += ": " + Join(field.values, "|");
  return type;
}

// ---------------------------------------------------------------- loading

// Loads the catalog or prints why not (stderr) and returns nothing.
std::optional<Catalog> LoadOrReport(const std::string& dir) {
  Result<Catalog> loaded = Catalog::LoadDir(dir);
  if (loaded.ok()) return std::move(loaded).value();
  std::cerr << "error: the catalog in " << dir << " does not load:\n"
            << loaded.status().message() << "\n\n"
            << "错误：目录 " << dir << " 无法加载：\n"
            << loaded.status().message_zh() << "\n";
  return std::nullopt;
}

// The date whose rule versions to show: --on, or today. Prints the problem and
// returns nothing if --on is not a date.
std::optional<Date> DateOrToday(const std::string& on) {
  if (on.empty()) return SystemClock::Get().Today();
  Result<Date> date = Date::Parse(on);
  if (!date.ok()) {
    std::cerr << "error: --on " << on << ": " << date.status().message() << "\n"
              << "错误：--on " << on << "：" << date.status().message_zh() << "\n";
    return std::nullopt;
  }
  return *date;
}

// ---------------------------------------------------------------- list

int RunList(const ListArgs& args, const GlobalOptions& options) {
  const std::optional<Date> on = DateOrToday(args.on);
  if (!on) return kExitUsage;
  const std::optional<Catalog> catalog = LoadOrReport(ResolveCatalogDir(options));
  if (!catalog) return kExitUsage;
  if (args.json) {
    ordered_json out = ordered_json::array();
    for (const InfoClass& c : catalog->classes()) {
      const RuleVersion* version = c.VersionOn(*on);
      out.push_back({{"id", c.id},
                     {"name_zh", c.names.zh},
                     {"name_en", c.names.en},
                     {"field_count", c.fields.size()},
                     {"version", version ? ordered_json(version->version) : ordered_json()},
                     {"version_effective_from",
                      version ? ordered_json(version->effective_from.ToIso()) : ordered_json()}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {
      {"id", "中文名", "English name", "信息项 fields", "规则版本 rule version"}};
  for (const InfoClass& c : catalog->classes()) {
    rows.push_back({c.id, c.names.zh, c.names.en, std::to_string(c.fields.size()),
                    VersionText(c.VersionOn(*on))});
  }
  PrintTable(std::cout, rows);
  return 0;
}

// ---------------------------------------------------------------- show

ordered_json ConditionJson(const catalog::Condition& condition) {
  return {{"field", condition.field},
          {"op", std::string(catalog::ConditionOpName(condition.op))},
          {"values", condition.values}};
}

ordered_json FieldJson(const FieldSpec& f) {
  ordered_json field = {{"code", f.code},
                        {"name_zh", f.names.zh},
                        {"name_en", f.names.en},
                        {"type", std::string(catalog::FieldTypeName(f.type))},
                        {"required", std::string(catalog::RequirementName(f.required))}};
  if (f.when) field["when"] = ConditionJson(*f.when);
  if (f.max_length > 0) field["max_length"] = f.max_length;
  if (f.scale >= 0) field["scale"] = f.scale;
  if (!f.code_table.empty()) field["code_table"] = f.code_table;
  if (!f.values.empty()) field["values"] = f.values;
  field["multi_valued"] = f.multi_valued;
  if (f.multi_valued) field["separators"] = f.separators;
  field["aliases"] = f.aliases;
  if (!f.description.empty()) field["description"] = f.description;
  if (!f.source.empty()) field["source"] = f.source;
  if (!f.unsure.empty()) field["unsure"] = f.unsure;
  return field;
}

ordered_json ClassJson(const InfoClass& c, Date on) {
  const RuleVersion* current = c.VersionOn(on);
  ordered_json out = {{"id", c.id},
                      {"name_zh", c.names.zh},
                      {"name_en", c.names.en},
                      {"order", c.order},
                      {"catalog_category", c.catalog_category},
                      {"owner", c.owner},
                      {"fields_source", c.fields_source},
                      {"file", c.file}};
  if (!c.unsure.empty()) out["unsure"] = c.unsure;
  ordered_json subject = {{"name_field", c.subject.name_field}};
  if (!c.subject.uscc_field.empty()) subject["uscc_field"] = c.subject.uscc_field;
  if (!c.subject.id_number_field.empty()) subject["id_number_field"] = c.subject.id_number_field;
  if (!c.subject.category_field.empty()) subject["category_field"] = c.subject.category_field;
  out["subject"] = subject;
  out["natural_key"] = c.natural_key;
  out["decision_date_field"] =
      c.decision_date_field.empty() ? ordered_json() : ordered_json(c.decision_date_field);
  if (c.deadline) {
    ordered_json deadline = {{"working_days", c.deadline->working_days},
                             {"from_field", c.deadline->from_field},
                             {"source", c.deadline->source}};
    if (!c.deadline->unsure.empty()) deadline["unsure"] = c.deadline->unsure;
    out["deadline"] = deadline;
  } else {
    out["deadline"] = nullptr;
  }
  ordered_json masked = ordered_json::array();
  for (const catalog::MaskRule& m : c.publicity.masked) {
    masked.push_back({{"field", m.field}, {"mask", std::string(catalog::MaskKindName(m.kind))}});
  }
  out["publicity"] = {
      {"public", c.publicity.is_public},
      {"natural_persons_public", c.publicity.natural_persons_public},
      {"period_rules",
       c.publicity.period_rules.empty() ? ordered_json() : ordered_json(c.publicity.period_rules)},
      {"masked", masked},
      {"note", c.publicity.note}};
  out["ignored_headers"] = c.ignored_headers;
  ordered_json versions = ordered_json::array();
  for (const RuleVersion& v : c.versions) {
    ordered_json version = {{"version", v.version},
                            {"effective_from", v.effective_from.ToIso()},
                            {"in_force", &v == current},
                            {"source", v.source}};
    if (!v.summary.empty()) version["summary"] = v.summary;
    if (!v.unsure.empty()) version["unsure"] = v.unsure;
    versions.push_back(version);
  }
  out["versions"] = versions;
  ordered_json rules = ordered_json::array();
  for (const catalog::ValidationRule& r : c.rules) {
    ordered_json rule = {{"id", r.id}, {"name_zh", r.names.zh}, {"name_en", r.names.en}};
    if (r.when) rule["when"] = ConditionJson(*r.when);
    rule["check"] = {{"field", r.check.field},
                     {"op", std::string(catalog::CheckOpName(r.check.op))}};
    if (!r.check.values.empty()) rule["check"]["values"] = r.check.values;
    if (!r.check.other_field.empty()) rule["check"]["other_field"] = r.check.other_field;
    rule["severity"] = r.warning ? "warning" : "error";
    rule["source"] = r.source;
    rules.push_back(rule);
  }
  out["rules"] = rules;
  ordered_json fields = ordered_json::array();
  for (const FieldSpec& f : c.fields) fields.push_back(FieldJson(f));
  out["fields"] = fields;
  return out;
}

void PrintClass(const InfoClass& c, Date on) {
  std::ostream& out = std::cout;
  out << c.id << "  " << c.names.zh << " / " << c.names.en << "\n\n";
  std::vector<std::vector<std::string>> about;
  about.push_back(
      {"目录类别 Catalog category", c.catalog_category.empty() ? "-" : c.catalog_category});
  about.push_back({"来源部门 Owner", c.owner});
  about.push_back({"信息项依据 Fields source", c.fields_source});
  if (!c.unsure.empty()) about.push_back({"存疑 UNSURE", c.unsure});
  std::vector<std::string> subject = {"名称 name " + c.subject.name_field};
  if (!c.subject.uscc_field.empty())
    subject.push_back("统一社会信用代码 uscc " + c.subject.uscc_field);
  if (!c.subject.id_number_field.empty()) {
    subject.push_back("证件号码 id number " + c.subject.id_number_field);
  }
  if (!c.subject.category_field.empty()) {
    subject.push_back("相对人类别 category " + c.subject.category_field);
  }
  about.push_back({"主体标识 Subject keys", Join(subject)});
  about.push_back({"文书标识 Natural key", Join(c.natural_key, " + ")});
  about.push_back(
      {"决定日期 Decision date", c.decision_date_field.empty() ? "-" : c.decision_date_field});
  if (c.deadline) {
    std::string deadline = std::to_string(c.deadline->working_days) +
                           " 个工作日 working days from " + c.deadline->from_field;
    if (!c.deadline->unsure.empty()) deadline += " (UNSURE)";
    about.push_back({"报送时限 Deadline", deadline});
  } else {
    about.push_back({"报送时限 Deadline", "-"});
  }
  std::string publicity = c.publicity.is_public ? "公开 public" : "不公开 not public";
  publicity += c.publicity.natural_persons_public ? "; 自然人公开 natural persons public"
                                                  : "; 自然人不公开 natural persons not public";
  if (!c.publicity.period_rules.empty()) {
    publicity += "; 公示期限 period rules publicity/" + c.publicity.period_rules + ".yaml";
  }
  if (!c.publicity.masked.empty()) {
    std::vector<std::string> masked;
    for (const catalog::MaskRule& m : c.publicity.masked) {
      masked.push_back(m.field + " (" + std::string(catalog::MaskKindName(m.kind)) + ")");
    }
    publicity += "; 脱敏 masked " + Join(masked);
  }
  about.push_back({"公示 Publicity", publicity});
  if (!c.ignored_headers.empty()) {
    about.push_back({"忽略的表头 Ignored headers", Join(c.ignored_headers)});
  }
  about.push_back({"文件 File", c.file});
  PrintTable(out, about);

  out << "\n规则版本 Rule versions (* = in force on " << on.ToIso() << "):\n";
  const RuleVersion* current = c.VersionOn(on);
  std::vector<std::vector<std::string>> versions;
  for (const RuleVersion& v : c.versions) {
    std::string text = v.summary.empty() ? v.source : v.summary;
    if (!v.unsure.empty()) text += " (UNSURE)";
    versions.push_back({&v == current ? "*" : " ", v.version, v.effective_from.ToIso(), text});
  }
  PrintTable(out, versions);

  if (!c.rules.empty()) {
    out << "\n校验规则 Rules:\n";
    std::vector<std::vector<std::string>> rules;
    for (const catalog::ValidationRule& r : c.rules) {
      std::string text = r.when ? "when " + r.when->ToString() + ": " : "";
      text += r.check.ToString();
      if (r.warning) text += " (warning)";
      rules.push_back({" ", r.id, text});
    }
    PrintTable(out, rules);
  }

  out << "\n信息项 Fields (" << c.fields.size() << "):\n";
  std::vector<std::vector<std::string>> fields = {{"代码 Code", "中文名", "English name",
                                                   "类型 Type", "必填 Required",
                                                   "代码表 Code table", "多值 Multi", "存疑"}};
  for (const FieldSpec& f : c.fields) {
    fields.push_back({f.code, f.names.zh, f.names.en, TypeText(f), RequirementText(f),
                      f.code_table.empty() ? "-" : f.code_table,
                      f.multi_valued ? Join(f.separators, " ") : "-",
                      f.unsure.empty() ? "" : "UNSURE"});
  }
  PrintTable(out, fields);
}

int RunShow(const ShowArgs& args, const GlobalOptions& options) {
  const std::optional<Date> on = DateOrToday(args.on);
  if (!on) return kExitUsage;
  const std::optional<Catalog> catalog = LoadOrReport(ResolveCatalogDir(options));
  if (!catalog) return kExitUsage;
  const InfoClass* c = catalog->FindClass(args.class_id);
  if (c == nullptr) {
    const std::vector<std::string> ids = catalog->ClassIds();
    const std::string suggestion = catalog::DidYouMean(args.class_id, ids);
    std::cerr << "error: unknown class '" << args.class_id << "'"
              << (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)")
              << "; known classes: " << Join(ids) << "\n"
              << "错误：未知的信息类 '" << args.class_id << "'"
              << (suggestion.empty() ? "" : "（是否应为 '" + suggestion + "'？）")
              << "；已有的信息类：" << Join(ids) << "\n";
    return kExitUsage;
  }
  if (args.json) {
    std::cout << ClassJson(*c, *on).dump(2) << "\n";
  } else {
    PrintClass(*c, *on);
  }
  return 0;
}

// ---------------------------------------------------------------- check

int RunCheck(const CheckArgs& args, const GlobalOptions& options) {
  const std::string dir = args.dir.empty() ? ResolveCatalogDir(options) : args.dir;
  Result<Catalog> loaded = Catalog::LoadDir(dir);
  if (!loaded.ok()) {
    const Status& status = loaded.status();
    if (status.code() == StatusCode::kIOError) {
      std::cerr << "error: " << status.message() << "\n错误：" << status.message_zh() << "\n";
      return kExitInvalid;
    }
    const std::string& en = status.message();
    const size_t problems = 1 + std::count(en.begin(), en.end(), '\n');
    std::cerr << "error: the catalog in " << dir << " is invalid (" << problems
              << (problems == 1 ? " problem" : " problems") << "):\n"
              << en << "\n\n"
              << "错误：目录 " << dir << " 有 " << problems << " 个问题：\n"
              << status.message_zh() << "\n";
    return kExitInvalid;
  }
  const Catalog& catalog = *loaded;
  size_t fields = 0;
  for (const InfoClass& c : catalog.classes()) fields += c.fields.size();
  const std::vector<int> years = catalog.calendar().years();
  const std::string calendar = years.empty() ? std::string("no calendar year (weekends only)")
                                             : "calendar " + std::to_string(years.front()) + "-" +
                                                   std::to_string(years.back()) + " (" +
                                                   Count(years.size(), "year", "years") + ")";
  std::cout << "ok: " << Count(catalog.classes().size(), "class", "classes") << ", "
            << Count(fields, "field", "fields") << ", "
            << Count(catalog.code_tables().size(), "code table", "code tables") << ", "
            << Count(catalog.standard_tables().divisions.all().size(), "division", "divisions")
            << ", "
            << Count(catalog.standard_tables().uscc_prefixes.all().size(), "uscc prefix",
                     "uscc prefixes")
            << ", "
            << Count(catalog.publicity_rules().size(), "publicity rule set", "publicity rule sets")
            << ", " << calendar << " in " << dir << "\n";
  return 0;
}

}  // namespace

void RegisterCatalogCommand(CLI::App& app, const GlobalOptions& options, int* exit_code) {
  CLI::App* command = app.add_subcommand(
      "catalog", "the 公共信用信息目录: information classes, fields, rules and code tables");
  command->require_subcommand(1);

  auto list_args = std::make_shared<ListArgs>();
  CLI::App* list = command->add_subcommand(
      "list", "one line per class: id, 中文名, English name, field count, rule version in force");
  list->add_flag("--json", list_args->json, "a JSON array of the classes");
  list->add_option("--on", list_args->on,
                   "show the rule versions in force on this date (default: today)");
  list->callback([list_args, &options, exit_code] { *exit_code = RunList(*list_args, options); });

  auto show_args = std::make_shared<ShowArgs>();
  CLI::App* show = command->add_subcommand(
      "show",
      "a class in full: names, owner, subject keys, natural key, deadline, publicity, "
      "rule versions, cross-field rules and the table of fields");
  show->add_option("class", show_args->class_id, "class id, e.g. penalty")->required();
  show->add_flag("--json", show_args->json, "the class as one JSON object");
  show->add_option("--on", show_args->on,
                   "mark the rule version in force on this date (default: today)");
  show->callback([show_args, &options, exit_code] { *exit_code = RunShow(*show_args, options); });

  auto check_args = std::make_shared<CheckArgs>();
  CLI::App* check = command->add_subcommand(
      "check", "load and validate a catalog folder; print 'ok: ...' or every problem (exit 1)");
  check->add_option("dir", check_args->dir,
                    "catalog folder to check (default: the --catalog folder)");
  check->callback(
      [check_args, &options, exit_code] { *exit_code = RunCheck(*check_args, options); });
}

}  // namespace gongxin::cli
