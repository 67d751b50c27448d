// Code tables (代码表): the closed vocabularies some fields take their values
// from, e.g. 行政相对人类别 or 处罚类别. A table may have several versions in force
// one after the other (the penalty categories changed on 2021-07-15).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/localized_name.h"
#include "core/date.h"

namespace gongxin::catalog {

// One value of a code table.
struct CodeValue {
  std::string value;                 // as written in records, e.g. "法人及非法人组织"
  std::string en;                    // English name
  std::vector<std::string> aliases;  // other spellings accepted for it, e.g. "FRJFFRZZ"
  std::string description;
};

// The values in force during one period.
struct CodeTableVersion {
  std::string version;                 // e.g. "art9-2021"
  std::optional<Date> effective_from;  // none: since always
  std::optional<Date> effective_to;    // last day in force, inclusive; none: still in force
  std::string source;
  std::vector<CodeValue> values;

  bool InForceOn(Date date) const;
};

// What a cell's text is in a code table.
struct CodeMatch {
  const CodeValue* value = nullptr;           // the canonical value (never null)
  const CodeTableVersion* version = nullptr;  // the version that has it (never null)
  // For "其他-<text>" in a table with an other_prefix: the free text; `value` is then
  // the table's value named like the prefix without its dash (e.g. 其他).
  std::string other_text;
};

struct CodeTable {
  std::string id;  // e.g. "penalty_category"
  LocalizedName names;
  std::string source;  // where the vocabulary comes from
  std::string unsure;  // non-empty: what is UNSURE about it
  // Non-empty (e.g. "其他-"): "<prefix><text>" is accepted as the value named like the
  // prefix without its dash, with <text> naming the concrete kind.
  std::string other_prefix;
  // True: that value alone (bare "其他") is not accepted; the text must be given.
  bool other_requires_text = false;
  std::vector<CodeTableVersion> versions;  // ascending by effective_from
  std::string file;                        // catalog file it was loaded from
  int line = 0;

  // The version in force on `date`, if any.
  const CodeTableVersion* VersionOn(Date date) const;
  // The newest version.
  const CodeTableVersion& Latest() const { return versions.back(); }

  // Looks `text` up (after FoldForMatch) among values and aliases of the version in
  // force on `on`, or of any version (newest first) if `on` is not given.
  std::optional<CodeMatch> Lookup(std::string_view text,
                                  std::optional<Date> on = std::nullopt) const;

  // Fills the lookup index; the loader calls it once the table is complete.
  void BuildIndex();

 private:
  std::optional<CodeMatch> LookupExact(const std::string& folded, std::optional<Date> on) const;
  // folded value or alias -> (version index, value index), in version order.
  std::unordered_map<std::string, std::vector<std::pair<size_t, size_t>>> index_;
};

// Splits a multi-valued cell into its values, trimmed, empty ones dropped.
// Any of `separators` splits, except inside a value of `table` that itself contains
// a separator: "没收违法所得、没收非法财物;罚款" gives two values when the table has
// the first (the old Art. 8 category). Only values of the version in force on `on`
// are kept whole (of any version if `on` is not given): under Art. 9 the same text
// is two categories. `table` may be null.
std::vector<std::string> SplitValues(std::string_view text,
                                     const std::vector<std::string>& separators,
                                     const CodeTable* table, std::optional<Date> on = std::nullopt);

}  // namespace gongxin::catalog
