// Parser of `when:` maps, shared by fields and rules.
#include "catalog/catalog_parsers.h"
#include "catalog/yaml_reader.h"

namespace gongxin::catalog {

std::optional<Condition> ParseCondition(const YAML::Node& node, const Site& site,
                                        LoadErrors* errors) {
  MapReader reader(node, site, "'when'", "'when' ", errors);
  if (!reader.ok()) return std::nullopt;
  const size_t before = errors->size();
  reader.CheckKeys({"field", "equals", "in", "not_in", "contains"});
  Condition condition;
  auto field = reader.String("field", Need::kRequired);
  int ops = 0;
  if (reader.Has("equals")) {
    ++ops;
    condition.op = Condition::Op::kEquals;
    if (auto value = reader.String("equals", Need::kRequired)) condition.values = {*value};
  }
  if (reader.Has("in")) {
    ++ops;
    condition.op = Condition::Op::kIn;
    if (auto values = reader.StringList("in", Need::kRequired)) condition.values = *values;
  }
  if (reader.Has("not_in")) {
    ++ops;
    condition.op = Condition::Op::kNotIn;
    if (auto values = reader.StringList("not_in", Need::kRequired)) condition.values = *values;
  }
  if (reader.Has("contains")) {
    ++ops;
    condition.op = Condition::Op::kContains;
    if (auto values = reader.StringOrList("contains", Need::kRequired)) condition.values = *values;
  }
  if (ops != 1) {
    errors->Add(reader.site(),
                "'when' needs exactly one of equals, in, not_in, contains (found " +
                    std::to_string(ops) + ")",
                "'when' 须且只能有 equals、in、not_in、contains 之一（实有 " + std::to_string(ops) +
                    " 个）");
  }
  if (errors->size() != before || !field) return std::nullopt;
  if (condition.values.empty()) {
    errors->Add(reader.site(), "'when' lists no value", "'when' 未列出任何取值");
    return std::nullopt;
  }
  condition.field = *field;
  return condition;
}

}  // namespace gongxin::catalog
