// One field (信息项) of an information class: its code, names, type, whether it
// is required, and how its values are written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/localized_name.h"

namespace gongxin::catalog {

// What a field's values are. The spelling in the catalog files is in comments.
enum class FieldType {
  kText,               // text: free text
  kDate,               // date: a civil date (YYYY/MM/DD in the standard; feeds vary)
  kDateOrLongterm,     // date_or_longterm: a date, where 2099/12/31 means long-term
  kMoneyWanYuan,       // money_wan_yuan: an amount in 万元 (10,000 yuan)
  kMoneyYuan,          // money_yuan: an amount in yuan
  kInteger,            // integer
  kDecimal,            // decimal
  kCode,               // code: a value of a code table (`code_table`)
  kUscc,               // uscc: a 统一社会信用代码 (GB 32100-2015)
  kIdNumber,           // id_number: a 居民身份证号码 (GB 11643-1999)
  kCertificateNumber,  // certificate_number: any certificate's number (type in another field)
  kEnum,               // enum: one of the field's own `values`
};

// "money_wan_yuan"
std::string_view FieldTypeName(FieldType type);
// The type named `name` in a catalog file, if any.
std::optional<FieldType> ParseFieldType(std::string_view name);
// Every type name, in declaration order.
const std::vector<std::string>& FieldTypeNames();

// Whether a record must carry a value in the field.
enum class Requirement {
  kMandatory,    // mandatory: always (必填)
  kConditional,  // conditional: when the field's `when` holds (条件必填)
  kOptional,     // optional (选填)
};

std::string_view RequirementName(Requirement requirement);
std::optional<Requirement> ParseRequirement(std::string_view name);

// A test on another field of the same record, e.g. "CF_XDR_LB equals 自然人".
//
// Values are compared after FoldForMatch (white space, width and ASCII case do
// not matter). `values` are the record's values of `field`: one for a
// single-valued field, none if the field is empty, the split values of a
// multi-valued field (see Catalog::SplitValues).
struct Condition {
  enum class Op {
    kEquals,    // equals: the field has exactly one value, and it is this one
    kIn,        // in: the field has values and each of them is in the list
    kNotIn,     // not_in: the field has values and none of them is in the list
    kContains,  // contains: some value contains one of the texts (e.g. "罚款")
  };
  std::string field;
  Op op = Op::kEquals;
  std::vector<std::string> values;  // one for equals; one or more otherwise

  bool Holds(const std::vector<std::string>& field_values) const;
  // "CF_XDR_LB = 自然人", "CF_CFLB contains 罚款", "CF_XDR_LB in [a, b]"
  std::string ToString() const;
};

std::string_view ConditionOpName(Condition::Op op);

// One field of an information class.
struct FieldSpec {
  std::string code;     // e.g. "CF_XDR_MC": upper-case letters, digits, '_'
  LocalizedName names;  // e.g. 行政相对人名称 / Counterpart name
  FieldType type = FieldType::kText;
  int max_length = 0;  // in characters; 0 = no limit
  int scale = -1;      // decimal places for money and decimal fields; -1 = any
  Requirement required = Requirement::kOptional;
  std::optional<Condition> when;    // set iff required == kConditional
  std::string code_table;           // type == kCode: the table's id
  std::vector<std::string> values;  // type == kEnum: the allowed values
  // type == kCertificateNumber: the field giving the certificate's type (a code
  // field), e.g. CF_XDR_ZJLX for CF_XDR_ZJHM; the number is an ID number when that
  // type is 身份证. Empty if the class has no such field.
  std::string certificate_type_field;
  bool multi_valued = false;            // several values in one cell
  std::vector<std::string> separators;  // multi_valued: what separates them
  std::vector<std::string> aliases;     // other headers naming this field (old codes, names)
  std::string description;
  std::string source;  // where the field and its rule come from
  std::string unsure;  // non-empty: what about this field is UNSURE, and why
  int line = 0;        // line in the catalog file, for messages

  // True iff `header` (a column header of a department's file) names this field:
  // its code (any case), its Chinese name or one of its aliases, after FoldForMatch.
  bool MatchesHeader(std::string_view header) const;
  // "mandatory", "optional", or "conditional: CF_XDR_LB = 自然人"
  std::string RequirementText() const;
};

// The separators used when a multi-valued field names none: ; ； , ， 、
const std::vector<std::string>& DefaultSeparators();

}  // namespace gongxin::catalog
