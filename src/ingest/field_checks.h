// Per-field checks and normalisation of the ingest validator: one cell against one
// field of the catalog, by the field's type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "ingest/violation.h"

namespace gongxin::ingest {

// What a field check needs to know about the row and the day.
struct FieldContext {
  const catalog::Catalog* catalog = nullptr;
  Date today;                         // injected: dates after it are "in the future"
  std::optional<Date> decision_date;  // the row's decision date, once known (code tables by date)
  uint32_t line = 0;
};

// The placeholder authority code seen in real data (STANDARDS.md §1.6): 17 zeros + X.
inline constexpr std::string_view kPlaceholderUscc = "00000000000000000X";

// Checks `value` (already trimmed and width-folded by text::NormalizeValue, non-empty)
// against `field` and writes the stored form to *out:
//   date, date_or_longterm  -> ISO "YYYY-MM-DD"
//   money_wan_yuan, money_yuan -> exact 元 with 2 decimals ("2000.00")
//   code                    -> canonical values joined with ";" (multi-valued)
//   uscc, id_number         -> upper case; a 15-digit ID number becomes 18 digits
//   other types             -> the value as is
// Returns true iff the value is acceptable; every problem (errors, and warnings on
// an accepted value) is appended to `problems` with ctx.line, the field's code and
// `original` as the offending value. A placeholder uscc is accepted as empty (*out
// is "") with a warning.
bool CheckField(const catalog::FieldSpec& field, std::string_view value, std::string_view original,
                const FieldContext& ctx, std::string* out, std::vector<Violation>* problems);

// Appends a violation built from the parts.
void AddViolation(std::vector<Violation>* problems, uint32_t line, std::string_view field,
                  std::string_view rule, Severity severity, std::string zh, std::string en,
                  std::string_view value);

}  // namespace gongxin::ingest
