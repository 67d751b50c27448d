// Parsers of the catalog's YAML files, one per kind of file. Each reports every
// problem it finds to `errors` (with file, line, class or table, field). It returns
// what it could read whenever the file names its id, even with problems, so that
// references from other files resolve and one mistake gives one message; it returns
// nothing when the file is unusable (not a map, no id). Internal to the loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "catalog/code_table.h"
#include "catalog/info_class.h"
#include "catalog/load_errors.h"
#include "catalog/publicity_rules.h"

namespace gongxin::catalog {

// Code tables that are not YAML files but the CSV tables of core/code_tables.h; a
// field of type code may name them.
inline constexpr const char* kDivisionsTable = "divisions";
inline constexpr const char* kUsccPrefixesTable = "uscc_prefixes";

// codes/<id>.yaml
std::optional<CodeTable> ParseCodeTable(const YAML::Node& root, const Site& site,
                                        LoadErrors* errors);

// classes/<id>.yaml. References to code tables are checked against `tables`
// (and the two CSV tables); references to publicity rules are checked later.
std::optional<InfoClass> ParseInfoClass(const YAML::Node& root, const Site& site,
                                        const std::vector<CodeTable>& tables, LoadErrors* errors);

// publicity/<id>.yaml, checked against the classes and code tables.
std::optional<PublicityRuleSet> ParsePublicityRules(const YAML::Node& root, const Site& site,
                                                    const std::vector<InfoClass>& classes,
                                                    const std::vector<CodeTable>& tables,
                                                    LoadErrors* errors);

// Shared by the parsers: a `when:` map {field, equals | in | not_in | contains}.
// The field is not resolved here.
std::optional<Condition> ParseCondition(const YAML::Node& node, const Site& site,
                                        LoadErrors* errors);

// True iff `id` is lower-case ASCII letters, digits and '_', starting with a letter.
bool IsValidId(const std::string& id);

}  // namespace gongxin::catalog
