#include "catalog/catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "catalog/catalog_parsers.h"
#include "catalog/load_errors.h"
#include "catalog/text_fold.h"
#include "catalog/yaml_reader.h"

namespace gongxin::catalog {
namespace fs = std::filesystem;
namespace {

constexpr std::uintmax_t kMaxFileBytes = 16u << 20;  // far above any real catalog file

// Reads a whole file, or reports why not.
std::optional<std::string> ReadFile(const fs::path& path, const Site& site, LoadErrors* errors) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    errors->Add(site, "file is larger than 16 MiB", "文件超过 16 MiB");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->Add(site, "cannot read the file", "无法读取文件");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The *.yaml files of `root/sub`, sorted by name; empty if the folder is absent.
std::vector<std::string> YamlFiles(const fs::path& root, const std::string& sub) {
  std::vector<std::string> names;
  std::error_code ec;
  const fs::path folder = root / sub;
  if (!fs::is_directory(folder, ec)) return names;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !name.ends_with(".yaml")) continue;
    if (!it->is_regular_file(ec)) continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The name the folder is shown by in messages: its last path component.
std::string DisplayName(const fs::path& root) {
  fs::path normal = root.lexically_normal();
  std::string name = normal.filename().string();
  if (name.empty()) name = normal.parent_path().filename().string();
  if (name.empty() || name == "." || name == "..") {
    std::error_code ec;
    name = fs::weakly_canonical(root, ec).filename().string();
  }
  return name.empty() ? std::string("catalog") : name;
}

class Loader {
 public:
  Loader(const fs::path& root) : root_(root), shown_(DisplayName(root)) {}

  Site FileSite(const std::string& relative) const { return Site{shown_ + "/" + relative, 0, {}}; }

  void LoadCodeTables(std::vector<CodeTable>* out);
  void LoadStandardTables(CodeTables* out);
  void LoadCalendar(WorkingDayCalendar* out);
  void LoadClasses(const std::vector<CodeTable>& tables, std::vector<InfoClass>* out);
  void LoadPublicity(const std::vector<InfoClass>& classes, const std::vector<CodeTable>& tables,
                     std::vector<PublicityRuleSet>* out);
  void CheckPublicityReferences(const std::vector<InfoClass>& classes,
                                const std::vector<PublicityRuleSet>& rules);

  LoadErrors& errors() { return errors_; }
  // True once a YAML file could not be read at all (syntax error, not a map, no
  // id): later stages would only report cascades of it, so they are skipped.
  bool unreadable() const { return unreadable_; }

 private:
  // Parses `relative` as YAML; undefined node after reporting a problem.
  YAML::Node ReadYaml(const std::string& relative) {
    auto text = ReadFile(root_ / relative, FileSite(relative), &errors_);
    if (!text) return YAML::Node(YAML::NodeType::Undefined);
    return ParseYamlDocument(*text, FileSite(relative), &errors_);
  }

  fs::path root_;
  std::string shown_;
  LoadErrors errors_;
  bool unreadable_ = false;
};

void Loader::LoadCodeTables(std::vector<CodeTable>* out) {
  std::map<std::string, std::string> files;  // id -> file
  for (const std::string& name : YamlFiles(root_, "codes")) {
    const std::string relative = "codes/" + name;
    YAML::Node root = ReadYaml(relative);
    std::optional<CodeTable> table;
    if (root.IsDefined()) table = ParseCodeTable(root, FileSite(relative), &errors_);
    if (!table) {
      unreadable_ = true;
      continue;
    }
    auto [it, inserted] = files.emplace(table->id, table->file);
    if (!inserted) {
      errors_.Add(
          FileSite(relative).At(table->line).In("code table " + table->id, "代码表 " + table->id),
          "code table id '" + table->id + "' is also defined in " + it->second,
          "代码表 id '" + table->id + "' 已在 " + it->second + " 中定义");
      continue;
    }
    out->push_back(std::move(*table));
  }
  std::sort(out->begin(), out->end(),
            [](const CodeTable& a, const CodeTable& b) { return a.id < b.id; });
}

void Loader::LoadStandardTables(CodeTables* out) {
  auto read = [&](const std::string& relative) -> std::optional<std::string> {
    std::error_code ec;
    if (!fs::is_regular_file(root_ / relative, ec)) {
      errors_.Add(FileSite(relative), "required file is missing", "缺少必需的文件");
      return std::nullopt;
    }
    return ReadFile(root_ / relative, FileSite(relative), &errors_);
  };
  auto report = [&](const std::string& relative, const Status& status) {
    errors_.Add(FileSite(relative), status.message(),
                status.message_zh().empty() ? status.message() : status.message_zh());
  };
  if (auto text = read("codes/divisions.csv")) {
    Result<DivisionTable> divisions = DivisionTable::ParseCsv(*text);
    if (divisions.ok()) {
      out->divisions = std::move(divisions).value();
    } else {
      report("codes/divisions.csv", divisions.status());
    }
  }
  if (auto text = read("codes/uscc_prefixes.csv")) {
    Result<UsccPrefixTable> prefixes = UsccPrefixTable::ParseCsv(*text);
    if (prefixes.ok()) {
      out->uscc_prefixes = std::move(prefixes).value();
    } else {
      report("codes/uscc_prefixes.csv", prefixes.status());
    }
  }
}

void Loader::LoadCalendar(WorkingDayCalendar* out) {
  for (const std::string& name : YamlFiles(root_, "calendar")) {
    const std::string relative = "calendar/" + name;
    auto text = ReadFile(root_ / relative, FileSite(relative), &errors_);
    if (!text) continue;
    Result<WorkingDayCalendar> year = WorkingDayCalendar::ParseYaml(*text);
    Status status = year.ok() ? out->Merge(*year) : year.status();
    if (!status.ok()) {
      errors_.Add(FileSite(relative), status.message(),
                  status.message_zh().empty() ? status.message() : status.message_zh());
    }
  }
}

void Loader::LoadClasses(const std::vector<CodeTable>& tables, std::vector<InfoClass>* out) {
  std::error_code ec;
  if (!fs::is_directory(root_ / "classes", ec)) {
    errors_.Add(FileSite("classes"), "the classes/ folder is missing", "缺少 classes/ 文件夹");
    unreadable_ = true;
    return;
  }
  const std::vector<std::string> names = YamlFiles(root_, "classes");
  if (names.empty()) {
    errors_.Add(FileSite("classes"), "no class file (*.yaml)", "没有信息类文件（*.yaml）");
    unreadable_ = true;
    return;
  }
  std::map<std::string, std::string> files;  // id -> file
  for (const std::string& name : names) {
    const std::string relative = "classes/" + name;
    YAML::Node root = ReadYaml(relative);
    std::optional<InfoClass> info_class;
    if (root.IsDefined()) info_class = ParseInfoClass(root, FileSite(relative), tables, &errors_);
    if (!info_class) {
      unreadable_ = true;
      continue;
    }
    auto [it, inserted] = files.emplace(info_class->id, info_class->file);
    if (!inserted) {
      errors_.Add(FileSite(relative)
                      .At(LineOf(root["id"]))
                      .In("class " + info_class->id, "信息类 " + info_class->id),
                  "class id '" + info_class->id + "' is also defined in " + it->second,
                  "信息类 id '" + info_class->id + "' 已在 " + it->second + " 中定义");
      continue;
    }
    out->push_back(std::move(*info_class));
  }
  std::stable_sort(out->begin(), out->end(), [](const InfoClass& a, const InfoClass& b) {
    return a.order != b.order ? a.order < b.order : a.id < b.id;
  });
}

void Loader::LoadPublicity(const std::vector<InfoClass>& classes,
                           const std::vector<CodeTable>& tables,
                           std::vector<PublicityRuleSet>* out) {
  std::map<std::string, std::string> files;
  for (const std::string& name : YamlFiles(root_, "publicity")) {
    const std::string relative = "publicity/" + name;
    YAML::Node root = ReadYaml(relative);
    std::optional<PublicityRuleSet> rules;
    if (root.IsDefined()) {
      rules = ParsePublicityRules(root, FileSite(relative), classes, tables, &errors_);
    }
    if (!rules) {
      unreadable_ = true;
      continue;
    }
    auto [it, inserted] = files.emplace(rules->id, rules->file);
    if (!inserted) {
      errors_.Add(FileSite(relative).At(LineOf(root["id"])),
                  "publicity rules id '" + rules->id + "' is also defined in " + it->second,
                  "公示规则 id '" + rules->id + "' 已在 " + it->second + " 中定义");
      continue;
    }
    out->push_back(std::move(*rules));
  }
  std::sort(out->begin(), out->end(),
            [](const PublicityRuleSet& a, const PublicityRuleSet& b) { return a.id < b.id; });
}

void Loader::CheckPublicityReferences(const std::vector<InfoClass>& classes,
                                      const std::vector<PublicityRuleSet>& rules) {
  for (const InfoClass& info_class : classes) {
    const std::string& wanted = info_class.publicity.period_rules;
    if (wanted.empty()) continue;
    const PublicityRuleSet* found = nullptr;
    for (const PublicityRuleSet& set : rules) {
      if (set.id == wanted) found = &set;
    }
    const Site site = Site{info_class.file, info_class.publicity.line, {}}.In(
        "class " + info_class.id, "信息类 " + info_class.id);
    if (found == nullptr) {
      std::vector<std::string> ids;
      for (const PublicityRuleSet& set : rules) ids.push_back(set.id);
      errors_.Add(site,
                  "publicity.period_rules names unknown publicity rules '" + wanted +
                      "' (known: " + (ids.empty() ? std::string("none") : JoinList(ids)) + ")",
                  "publicity.period_rules 引用了不存在的公示规则 '" + wanted + "'（已有：" +
                      (ids.empty() ? std::string("无") : JoinList(ids)) + "）");
      continue;
    }
    if (std::find(found->applies_to.begin(), found->applies_to.end(), info_class.id) ==
        found->applies_to.end()) {
      errors_.Add(site, "publicity rules '" + wanted + "' do not list this class in applies_to",
                  "公示规则 '" + wanted + "' 的 applies_to 未列出本信息类");
    }
  }
}

}  // namespace

Result<Catalog> Catalog::LoadDir(const std::string& dir) {
  const fs::path root(dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Status::IOError("catalog folder '" + dir + "' does not exist or is not a folder",
                           "目录文件夹 '" + dir + "' 不存在或不是文件夹");
  }
  Catalog catalog;
  catalog.dir_ = dir;
  Loader loader(root);
  loader.LoadStandardTables(&catalog.standard_tables_);
  loader.LoadCalendar(&catalog.calendar_);
  // Each stage refers to the ones before it; after an unreadable file the later
  // stages would only repeat it as unknown references.
  loader.LoadCodeTables(&catalog.code_tables_);
  if (!loader.unreadable()) loader.LoadClasses(catalog.code_tables_, &catalog.classes_);
  if (!loader.unreadable()) {
    loader.LoadPublicity(catalog.classes_, catalog.code_tables_, &catalog.publicity_rules_);
  }
  if (!loader.unreadable()) {
    loader.CheckPublicityReferences(catalog.classes_, catalog.publicity_rules_);
  }
  if (!loader.errors().empty()) return loader.errors().ToStatus();
  return catalog;
}

const InfoClass* Catalog::FindClass(std::string_view id) const {
  for (const InfoClass& info_class : classes_) {
    if (info_class.id == id) return &info_class;
  }
  return nullptr;
}

std::vector<std::string> Catalog::ClassIds() const {
  std::vector<std::string> ids;
  for (const InfoClass& info_class : classes_) ids.push_back(info_class.id);
  return ids;
}

const CodeTable* Catalog::FindCodeTable(std::string_view id) const {
  for (const CodeTable& table : code_tables_) {
    if (table.id == id) return &table;
  }
  return nullptr;
}

const CodeTable* Catalog::TableOf(const FieldSpec& field) const {
  if (field.type != FieldType::kCode) return nullptr;
  return FindCodeTable(field.code_table);
}

const PublicityRuleSet* Catalog::FindPublicityRules(std::string_view id) const {
  for (const PublicityRuleSet& rules : publicity_rules_) {
    if (rules.id == id) return &rules;
  }
  return nullptr;
}

const PublicityRuleSet* Catalog::PublicityRulesFor(const InfoClass& info_class) const {
  if (info_class.publicity.period_rules.empty()) return nullptr;
  return FindPublicityRules(info_class.publicity.period_rules);
}

std::vector<std::string> Catalog::SplitValues(const FieldSpec& field, std::string_view cell,
                                              std::optional<Date> on) const {
  if (field.multi_valued) return catalog::SplitValues(cell, field.separators, TableOf(field), on);
  std::string_view trimmed = TrimSpace(cell);
  if (trimmed.empty()) return {};
  return {std::string(trimmed)};
}

}  // namespace gongxin::catalog
