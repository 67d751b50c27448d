#include "catalog/yaml_reader.h"

#include <set>

namespace gongxin::catalog {

int LineOf(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark mark = node.Mark();
  return mark.line < 0 ? 0 : mark.line + 1;
}

MapReader::MapReader(const YAML::Node& node, const Site& site, std::string_view what_en,
                     std::string_view what_zh, LoadErrors* errors)
    : node_(node), site_(site.At(LineOf(node))), errors_(errors) {
  ok_ = node.IsDefined() && node.IsMap();
  if (!ok_) {
    errors_->Add(site_, std::string(what_en) + " must be a YAML map of keys and values",
                 std::string(what_zh) + "应为 YAML 映射（键: 值）");
  }
}

bool MapReader::CheckKeys(const std::vector<std::string>& allowed) {
  if (!ok_) return false;
  bool clean = true;
  std::set<std::string> seen;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("?");
    const Site at = site_.At(LineOf(it->first));
    if (!seen.insert(key).second) {
      errors_->Add(at, "key '" + key + "' is given twice", "键 '" + key + "' 重复出现");
      clean = false;
      continue;
    }
    bool known = false;
    for (const std::string& a : allowed) known = known || a == key;
    if (known) continue;
    clean = false;
    const std::string suggestion = DidYouMean(key, allowed);
    if (!suggestion.empty()) {
      misspelt_.push_back(suggestion);
      errors_->Add(at, "unknown key '" + key + "' (did you mean '" + suggestion + "'?)",
                   "未知的键 '" + key + "'（是否应为 '" + suggestion + "'？）");
    } else {
      errors_->Add(at, "unknown key '" + key + "' (known keys: " + JoinList(allowed) + ")",
                   "未知的键 '" + key + "'（可用的键：" + JoinList(allowed) + "）");
    }
  }
  return clean;
}

bool MapReader::IsMisspelt(std::string_view key) const {
  for (const std::string& m : misspelt_) {
    if (m == key) return true;
  }
  return false;
}

YAML::Node MapReader::Get(std::string_view key) const {
  if (!ok_) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node& map = node_;
  return map[std::string(key)];
}

bool MapReader::Has(std::string_view key) const {
  const YAML::Node value = Get(key);
  return value.IsDefined() && !value.IsNull();
}

Site MapReader::SiteOf(std::string_view key) const {
  const YAML::Node value = Get(key);
  return site_.At(LineOf(value));
}

void MapReader::Error(std::string_view key, std::string_view en, std::string_view zh) {
  errors_->Add(SiteOf(key), en, zh);
}

bool MapReader::Present(std::string_view key, Need need) {
  if (!ok_) return false;
  if (Has(key)) return true;
  if (need == Need::kRequired && !IsMisspelt(key)) {
    const std::string k(key);
    errors_->Add(site_, "missing required key '" + k + "'", "缺少必填的键 '" + k + "'");
  }
  return false;
}

void MapReader::WrongKind(std::string_view key, std::string_view kind_en,
                          std::string_view kind_zh) {
  const YAML::Node value = Get(key);
  const std::string k(key);
  std::string shown = value.IsScalar()     ? "'" + value.Scalar() + "'"
                      : value.IsSequence() ? std::string("a list")
                      : value.IsMap()      ? std::string("a map")
                                           : std::string("nothing");
  std::string shown_zh = value.IsScalar()     ? "'" + value.Scalar() + "'"
                         : value.IsSequence() ? std::string("列表")
                         : value.IsMap()      ? std::string("映射")
                                              : std::string("空值");
  Error(key, "key '" + k + "' must be " + std::string(kind_en) + ", not " + shown,
        "键 '" + k + "' 应为" + std::string(kind_zh) + "，而不是" + shown_zh);
}

std::optional<std::string> MapReader::String(std::string_view key, Need need) {
  if (!Present(key, need)) return std::nullopt;
  const YAML::Node value = Get(key);
  if (!value.IsScalar()) {
    WrongKind(key, "a text", "文本");
    return std::nullopt;
  }
  if (value.Scalar().empty()) {
    const std::string k(key);
    Error(key, "key '" + k + "' is empty", "键 '" + k + "' 的值为空");
    return std::nullopt;
  }
  return value.Scalar();
}

std::optional<std::vector<std::string>> MapReader::StringList(std::string_view key, Need need) {
  if (!Present(key, need)) return std::nullopt;
  const YAML::Node value = Get(key);
  if (!value.IsSequence()) {
    WrongKind(key, "a list of texts", "文本列表");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const YAML::Node& item : value) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      const std::string k(key);
      errors_->Add(site_.At(LineOf(item)), "key '" + k + "' must list non-empty texts only",
                   "键 '" + k + "' 的列表只能包含非空文本");
      return std::nullopt;
    }
    out.push_back(item.Scalar());
  }
  return out;
}

std::optional<std::vector<std::string>> MapReader::StringOrList(std::string_view key, Need need) {
  if (!Present(key, need)) return std::nullopt;
  if (Get(key).IsScalar()) {
    auto one = String(key, need);
    if (!one) return std::nullopt;
    return std::vector<std::string>{*one};
  }
  return StringList(key, need);
}

std::optional<bool> MapReader::Bool(std::string_view key, Need need) {
  if (!Present(key, need)) return std::nullopt;
  const YAML::Node value = Get(key);
  bool out = false;
  if (!value.IsScalar() || !YAML::convert<bool>::decode(value, out)) {
    WrongKind(key, "yes or no", "yes 或 no");
    return std::nullopt;
  }
  return out;
}

std::optional<int64_t> MapReader::Integer(std::string_view key, Need need) {
  if (!Present(key, need)) return std::nullopt;
  const YAML::Node value = Get(key);
  int64_t out = 0;
  if (!value.IsScalar() || !YAML::convert<int64_t>::decode(value, out)) {
    WrongKind(key, "a whole number", "整数");
    return std::nullopt;
  }
  return out;
}

std::optional<double> MapReader::Number(std::string_view key, Need need) {
  if (!Present(key, need)) return std::nullopt;
  const YAML::Node value = Get(key);
  double out = 0;
  if (!value.IsScalar() || !YAML::convert<double>::decode(value, out)) {
    WrongKind(key, "a number", "数字");
    return std::nullopt;
  }
  return out;
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (size_t i = 0; i < lengths[p]; ++i) {
      const char c = text[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  Result<Date> date = Date::FromYmd(parts[0], parts[1], parts[2]);
  if (!date.ok()) return std::nullopt;
  return *date;
}

std::optional<Date> MapReader::IsoDate(std::string_view key, Need need) {
  if (!Present(key, need)) return std::nullopt;
  const YAML::Node value = Get(key);
  std::optional<Date> date;
  if (value.IsScalar()) date = ParseIsoDate(value.Scalar());
  if (!date) {
    WrongKind(key, "a date YYYY-MM-DD", "日期（YYYY-MM-DD）");
    return std::nullopt;
  }
  return date;
}

std::optional<LocalizedName> MapReader::Names(std::string_view key, Need need) {
  if (!Present(key, need)) return std::nullopt;
  const std::string k(key);
  MapReader names(Get(key), SiteOf(key), "'" + k + "'", "'" + k + "' ", errors_);
  if (!names.ok()) return std::nullopt;
  names.CheckKeys({"zh", "en"});
  auto zh = names.String("zh", Need::kRequired);
  auto en = names.String("en", Need::kRequired);
  if (!zh || !en) return std::nullopt;
  return LocalizedName{*zh, *en};
}

YAML::Node ParseYamlDocument(const std::string& text, const Site& site, LoadErrors* errors) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    errors->Add(site.At(e.mark.line < 0 ? 0 : e.mark.line + 1), "YAML syntax error: " + e.msg,
                "YAML 语法错误：" + e.msg);
    return YAML::Node(YAML::NodeType::Undefined);
  }
}

}  // namespace gongxin::catalog
