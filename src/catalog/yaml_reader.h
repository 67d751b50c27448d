// Strict reading of catalog YAML: every key must be known, every value of the
// expected kind; each problem is reported with its file and line. Internal to
// the loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/load_errors.h"
#include "catalog/localized_name.h"
#include "core/date.h"

namespace gongxin::catalog {

// 1-based line of `node`, 0 if unknown.
int LineOf(const YAML::Node& node);

enum class Need { kRequired, kOptional };

// Reads one YAML map. Problems go to `errors`; a reader never throws.
class MapReader {
 public:
  // `site` is where the map is (its line is set from the node). If `node` is not a
  // map, reports "<what> must be a map" and every read returns nothing.
  MapReader(const YAML::Node& node, const Site& site, std::string_view what_en,
            std::string_view what_zh, LoadErrors* errors);

  bool ok() const { return ok_; }
  const Site& site() const { return site_; }

  // Reports each key not in `allowed` (suggesting the closest allowed key) and
  // each key given twice. Returns true iff there was no such problem. A required
  // key that was suggested for a misspelt one is then not reported as missing too.
  bool CheckKeys(const std::vector<std::string>& allowed);

  // True iff CheckKeys found an unknown key that is probably a misspelling of `key`.
  bool IsMisspelt(std::string_view key) const;
  // True iff the key is present with a non-null value.
  bool Has(std::string_view key) const;
  // The value of `key`; an undefined node if absent.
  YAML::Node Get(std::string_view key) const;
  // The site of `key`'s value (the map's site if absent).
  Site SiteOf(std::string_view key) const;

  // Each reader reports a missing required key or a value of the wrong kind and
  // returns nothing then; an absent optional key also returns nothing.
  std::optional<std::string> String(std::string_view key, Need need);
  std::optional<std::vector<std::string>> StringList(std::string_view key, Need need);
  // A scalar or a list of scalars, always as a list.
  std::optional<std::vector<std::string>> StringOrList(std::string_view key, Need need);
  std::optional<bool> Bool(std::string_view key, Need need);
  std::optional<int64_t> Integer(std::string_view key, Need need);
  std::optional<double> Number(std::string_view key, Need need);
  // Strictly YYYY-MM-DD, a real day.
  std::optional<Date> IsoDate(std::string_view key, Need need);
  // A map {zh: ..., en: ...}, both required and non-empty.
  std::optional<LocalizedName> Names(std::string_view key, Need need);

  // Reports a problem about `key`'s value (at its line).
  void Error(std::string_view key, std::string_view en, std::string_view zh);

 private:
  bool Present(std::string_view key, Need need);
  void WrongKind(std::string_view key, std::string_view kind_en, std::string_view kind_zh);

  YAML::Node node_;
  Site site_;
  LoadErrors* errors_;
  bool ok_ = false;
  std::vector<std::string> misspelt_;  // allowed keys suggested for unknown ones
};

// Parses "YYYY-MM-DD" strictly.
std::optional<Date> ParseIsoDate(std::string_view text);

// Parses a YAML document; on a syntax error reports it at its line and returns
// an undefined node.
YAML::Node ParseYamlDocument(const std::string& text, const Site& site, LoadErrors* errors);

}  // namespace gongxin::catalog
