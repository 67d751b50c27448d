// Violation: one problem with one row (or one column) of a batch, as the source
// department reads it in its feedback file: which line, which field, which rule,
// in Chinese and English, and the value it wrote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gongxin::ingest {

enum class Severity {
  kError,    // the row is rejected
  kWarning,  // the row is accepted; the source should still fix it
};
// "error" | "warning"
std::string_view SeverityName(Severity severity);

// Rule ids that appear in feedback files. Catalog validation rules appear under
// their own id (e.g. "person_uscc_prefix_92"). docs/feedback-rules.md lists them.
namespace rule {
inline constexpr std::string_view kUnknownColumn = "unknown_column";
inline constexpr std::string_view kDuplicateColumn = "duplicate_column";
inline constexpr std::string_view kMissingColumn = "missing_column";
inline constexpr std::string_view kMalformedRow = "malformed_row";
inline constexpr std::string_view kRequired = "required";
inline constexpr std::string_view kConditionalRequired = "conditional_required";
inline constexpr std::string_view kMaxLength = "max_length";
inline constexpr std::string_view kInvalidCharacters = "invalid_characters";
inline constexpr std::string_view kDateFormat = "date_format";
inline constexpr std::string_view kDateInFuture = "date_in_future";
inline constexpr std::string_view kCodeTable = "code_table";
inline constexpr std::string_view kCodeTableVersion = "code_table_version";
inline constexpr std::string_view kEnum = "enum";
inline constexpr std::string_view kNumberFormat = "number_format";
inline constexpr std::string_view kAmountFormat = "amount_format";
inline constexpr std::string_view kUscc = "uscc";
inline constexpr std::string_view kIdNumber = "id_number";
inline constexpr std::string_view kIdNumber15 = "id_number_15";
inline constexpr std::string_view kPlaceholderCode = "placeholder_code";
inline constexpr std::string_view kSubjectKey = "subject_key";
inline constexpr std::string_view kDuplicateRow = "duplicate_row";
inline constexpr std::string_view kUnknownSubject = "unknown_subject";
inline constexpr std::string_view kNameMismatch = "name_mismatch";
}  // namespace rule

struct Violation {
  uint32_t line = 0;  // the row's first line in the file; the header's line for columns
  std::string field;  // field code; for a column problem, the header as written
  std::string rule;   // a rule id (see above) or a catalog rule's id
  Severity severity = Severity::kError;
  std::string message_zh;
  std::string message_en;
  std::string value;  // the value as the department wrote it
};

}  // namespace gongxin::ingest
