// The catalog capability's door: the 公共信用信息目录 loaded from its folder.
//
// A catalog folder holds:
//   classes/<id>.yaml     information classes (format: docs/catalog-format.md)
//   codes/<id>.yaml       code tables (行政相对人类别, 处罚类别, ...)
//   codes/divisions.csv   GB/T 2260 divisions        (core/code_tables.h)
//   codes/uscc_prefixes.csv  uscc prefixes           (core/code_tables.h)
//   calendar/<year>.yaml  working-day calendar       (core/calendar.h)
//   publicity/<id>.yaml   publicity periods by severity and rule version
// Loading validates the whole catalog; a credit office edits these files without a
// rebuild, so every problem is reported with its file, line, class and field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/code_table.h"
#include "catalog/field_spec.h"
#include "catalog/info_class.h"
#include "catalog/localized_name.h"
#include "catalog/publicity_rules.h"
#include "core/calendar.h"
#include "core/code_tables.h"
#include "core/result.h"

namespace gongxin::catalog {

class Catalog {
 public:
  // Loads and validates the catalog folder `dir`.
  //
  // Fails with kIOError if `dir` is not a readable folder, and with kCorruption if
  // anything in it is wrong; the Corruption message lists every problem found, one
  // per line, each "<file>:<line>: <class/table>: <field>: <what>" in English
  // (message()) and Chinese (message_zh()). File paths are shown relative to the
  // folder's parent, e.g. "catalog/classes/penalty.yaml".
  //
  // Required: classes/ with at least one class, codes/divisions.csv and
  // codes/uscc_prefixes.csv. Optional: calendar/ (without it the calendar covers no
  // year and only weekends are days off), publicity/. Files not ending in .yaml
  // (and not the two CSV tables) are ignored.
  static Result<Catalog> LoadDir(const std::string& dir);

  // The folder it was loaded from, as given.
  const std::string& dir() const { return dir_; }

  // Every class, ordered by (order, id): a stable order for listings and reports.
  const std::vector<InfoClass>& classes() const { return classes_; }
  // The class with this id; null if none.
  const InfoClass* FindClass(std::string_view id) const;
  // Ids of every class, in classes() order.
  std::vector<std::string> ClassIds() const;

  // The YAML code tables, ordered by id.
  const std::vector<CodeTable>& code_tables() const { return code_tables_; }
  const CodeTable* FindCodeTable(std::string_view id) const;
  // The code table a field of type code takes its values from; null for other
  // fields and for the CSV tables (divisions, uscc_prefixes: see standard_tables()).
  const CodeTable* TableOf(const FieldSpec& field) const;
  // GB/T 2260 divisions and uscc prefixes.
  const CodeTables& standard_tables() const { return standard_tables_; }

  // The merged working-day calendar of calendar/*.yaml.
  const WorkingDayCalendar& calendar() const { return calendar_; }

  // The publicity rule sets, ordered by id.
  const std::vector<PublicityRuleSet>& publicity_rules() const { return publicity_rules_; }
  const PublicityRuleSet* FindPublicityRules(std::string_view id) const;
  // The rule set a class names in publicity.period_rules; null if none.
  const PublicityRuleSet* PublicityRulesFor(const InfoClass& info_class) const;

  // Splits a cell of `field` into its values: for a multi-valued field on its
  // separators, keeping whole the values of its code table (in force on `on`, e.g.
  // the record's decision date) that contain one, such as "没收违法所得、没收非法财物";
  // otherwise the trimmed cell, or nothing if blank.
  std::vector<std::string> SplitValues(const FieldSpec& field, std::string_view cell,
                                       std::optional<Date> on = std::nullopt) const;

 private:
  std::string dir_;
  std::vector<InfoClass> classes_;
  std::vector<CodeTable> code_tables_;
  CodeTables standard_tables_;
  WorkingDayCalendar calendar_;
  std::vector<PublicityRuleSet> publicity_rules_;
};

}  // namespace gongxin::catalog
