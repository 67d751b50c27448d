// Parser of codes/<id>.yaml: one code table, unversioned (`values:`) or with
// versions in force one after the other (`versions:`).
#include <map>

#include "catalog/catalog_parsers.h"
#include "catalog/text_fold.h"
#include "catalog/yaml_reader.h"

namespace gongxin::catalog {

bool IsValidId(const std::string& id) {
  if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

namespace {

// Reads the list under `key` of `reader` into `out`; reports duplicates.
void ParseValues(MapReader& reader, const Site& site, std::vector<CodeValue>* out,
                 LoadErrors* errors) {
  const YAML::Node list = reader.Get("values");
  if (!reader.Has("values")) {
    reader.String("values", Need::kRequired);  // reports the missing key
    return;
  }
  if (!list.IsSequence() || list.size() == 0) {
    reader.Error("values", "'values' must be a non-empty list", "'values' 应为非空列表");
    return;
  }
  std::map<std::string, std::string> seen;  // folded spelling -> value it belongs to
  for (const YAML::Node& item : list) {
    MapReader value_reader(item, site, "a value of the table", "代码表的取值", errors);
    if (!value_reader.ok()) continue;
    value_reader.CheckKeys({"value", "en", "aliases", "description"});
    CodeValue value;
    auto text = value_reader.String("value", Need::kRequired);
    auto en = value_reader.String("en", Need::kRequired);
    auto aliases = value_reader.StringList("aliases", Need::kOptional);
    auto description = value_reader.String("description", Need::kOptional);
    if (!text) continue;
    value.value = *text;
    value.en = en.value_or("");
    value.aliases = aliases.value_or(std::vector<std::string>{});
    value.description = description.value_or("");
    std::vector<std::string> spellings = {value.value};
    spellings.insert(spellings.end(), value.aliases.begin(), value.aliases.end());
    for (const std::string& spelling : spellings) {
      auto [it, inserted] = seen.emplace(FoldForMatch(spelling), value.value);
      if (!inserted && it->second == value.value) {
        value_reader.Error("value", "value '" + spelling + "' is listed twice",
                           "取值 '" + spelling + "' 重复出现");
      } else if (!inserted) {
        value_reader.Error(
            "value",
            "'" + spelling + "' of value '" + value.value + "' is already a spelling of value '" +
                it->second + "'",
            "取值 '" + value.value + "' 的写法 '" + spelling + "' 已属于取值 '" + it->second + "'");
      }
    }
    out->push_back(std::move(value));
  }
}

}  // namespace

std::optional<CodeTable> ParseCodeTable(const YAML::Node& root, const Site& file_site,
                                        LoadErrors* errors) {
  MapReader top(root, file_site, "the code table file", "代码表文件", errors);
  if (!top.ok()) return std::nullopt;
  CodeTable table;
  table.file = file_site.file;
  table.line = top.site().line;
  auto id = top.String("id", Need::kOptional);
  const std::string shown_id = id.value_or("?");
  Site site = top.site().In("code table " + shown_id, "代码表 " + shown_id);
  MapReader reader(root, site, "the code table file", "代码表文件", errors);
  reader.CheckKeys({"id", "names", "source", "unsure", "other_prefix", "other_requires_text",
                    "values", "versions"});
  if (!reader.Has("id")) reader.String("id", Need::kRequired);
  if (id && !IsValidId(*id)) {
    reader.Error("id", "id '" + *id + "' must be lower-case letters, digits and '_'",
                 "id '" + *id + "' 只能由小写字母、数字和下划线组成");
  }
  if (id && (*id == kDivisionsTable || *id == kUsccPrefixesTable)) {
    reader.Error("id", "id '" + *id + "' is reserved for codes/" + *id + ".csv",
                 "id '" + *id + "' 保留给 codes/" + *id + ".csv");
  }
  table.id = id.value_or("");
  if (auto names = reader.Names("names", Need::kRequired)) table.names = *names;
  table.source = reader.String("source", Need::kRequired).value_or("");
  table.unsure = reader.String("unsure", Need::kOptional).value_or("");
  table.other_prefix = reader.String("other_prefix", Need::kOptional).value_or("");
  table.other_requires_text = reader.Bool("other_requires_text", Need::kOptional).value_or(false);

  const bool has_values = reader.Has("values");
  const bool has_versions = reader.Has("versions");
  if (has_values == has_versions) {
    errors->Add(site, "give either 'values' or 'versions', exactly one of them",
                "'values' 与 'versions' 须且只能给出其一");
    table.versions.emplace_back();
    return table;
  }
  if (has_values) {
    CodeTableVersion version;
    ParseValues(reader, site, &version.values, errors);
    table.versions.push_back(std::move(version));
  } else {
    const YAML::Node list = reader.Get("versions");
    if (!list.IsSequence() || list.size() == 0) {
      reader.Error("versions", "'versions' must be a non-empty list", "'versions' 应为非空列表");
      table.versions.emplace_back();
      return table;
    }
    for (const YAML::Node& item : list) {
      MapReader version_reader(item, site, "a version", "版本", errors);
      if (!version_reader.ok()) continue;
      auto name = version_reader.String("version", Need::kOptional);
      const std::string shown = name.value_or("?");
      MapReader v(item, site.In("version " + shown, "版本 " + shown), "a version", "版本", errors);
      v.CheckKeys({"version", "effective_from", "effective_to", "source", "values"});
      if (!v.Has("version")) v.String("version", Need::kRequired);
      CodeTableVersion version;
      version.version = name.value_or("");
      version.effective_from = v.IsoDate("effective_from", Need::kRequired);
      version.effective_to = v.IsoDate("effective_to", Need::kOptional);
      version.source = v.String("source", Need::kRequired).value_or("");
      ParseValues(v, v.site(), &version.values, errors);
      if (version.effective_from && version.effective_to &&
          *version.effective_to < *version.effective_from) {
        v.Error("effective_to", "effective_to is before effective_from",
                "effective_to 早于 effective_from");
      }
      if (!table.versions.empty() && version.effective_from &&
          table.versions.back().effective_from &&
          *version.effective_from <= *table.versions.back().effective_from) {
        v.Error("effective_from",
                "versions must be in ascending order of effective_from (" +
                    version.effective_from->ToIso() + " is not after " +
                    table.versions.back().effective_from->ToIso() + ")",
                "版本须按 effective_from 升序排列（" + version.effective_from->ToIso() +
                    " 不晚于 " + table.versions.back().effective_from->ToIso() + "）");
      }
      for (const CodeTableVersion& earlier : table.versions) {
        if (!version.version.empty() && earlier.version == version.version) {
          v.Error("version", "version '" + version.version + "' is defined twice",
                  "版本 '" + version.version + "' 重复定义");
        }
      }
      table.versions.push_back(std::move(version));
    }
  }
  table.BuildIndex();
  if (!table.other_prefix.empty()) {
    std::string other_value = FoldForMatch(table.other_prefix);
    while (!other_value.empty() && other_value.back() == '-') other_value.pop_back();
    bool found = false;
    for (const CodeTableVersion& version : table.versions) {
      for (const CodeValue& value : version.values) {
        found = found || FoldForMatch(value.value) == other_value;
      }
    }
    if (!found) {
      reader.Error(
          "other_prefix",
          "other_prefix '" + table.other_prefix + "' needs the value '" + other_value +
              "' in the table",
          "other_prefix '" + table.other_prefix + "' 要求代码表含有取值 '" + other_value + "'");
    }
  }
  // With problems (already reported) the table is still returned, so that classes'
  // references to it resolve; the catalog fails anyway.
  if (!id) return std::nullopt;
  return table;
}

}  // namespace gongxin::catalog
