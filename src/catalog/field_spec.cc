#include "catalog/field_spec.h"

#include <array>

#include "catalog/text_fold.h"

namespace gongxin::catalog {
namespace {

struct TypeName {
  FieldType type;
  const char* name;
};

constexpr std::array<TypeName, 12> kTypeNames = {{
    {FieldType::kText, "text"},
    {FieldType::kDate, "date"},
    {FieldType::kDateOrLongterm, "date_or_longterm"},
    {FieldType::kMoneyWanYuan, "money_wan_yuan"},
    {FieldType::kMoneyYuan, "money_yuan"},
    {FieldType::kInteger, "integer"},
    {FieldType::kDecimal, "decimal"},
    {FieldType::kCode, "code"},
    {FieldType::kUscc, "uscc"},
    {FieldType::kIdNumber, "id_number"},
    {FieldType::kCertificateNumber, "certificate_number"},
    {FieldType::kEnum, "enum"},
}};

bool FoldedEqual(std::string_view a, std::string_view b) {
  return FoldForMatch(a) == FoldForMatch(b);
}

}  // namespace

std::string_view FieldTypeName(FieldType type) {
  for (const TypeName& t : kTypeNames) {
    if (t.type == type) return t.name;
  }
  return "?";
}

std::optional<FieldType> ParseFieldType(std::string_view name) {
  for (const TypeName& t : kTypeNames) {
    if (name == t.name) return t.type;
  }
  return std::nullopt;
}

const std::vector<std::string>& FieldTypeNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const TypeName& t : kTypeNames) out.emplace_back(t.name);
    return out;
  }();
  return names;
}

std::string_view RequirementName(Requirement requirement) {
  switch (requirement) {
    case Requirement::kMandatory:
      return "mandatory";
    case Requirement::kConditional:
      return "conditional";
    case Requirement::kOptional:
      return "optional";
  }
  return "?";
}

std::optional<Requirement> ParseRequirement(std::string_view name) {
  if (name == "mandatory") return Requirement::kMandatory;
  if (name == "conditional") return Requirement::kConditional;
  if (name == "optional") return Requirement::kOptional;
  return std::nullopt;
}

std::string_view ConditionOpName(Condition::Op op) {
  switch (op) {
    case Condition::Op::kEquals:
      return "equals";
    case Condition::Op::kIn:
      return "in";
    case Condition::Op::kNotIn:
      return "not_in";
    case Condition::Op::kContains:
      return "contains";
  }
  return "?";
}

bool Condition::Holds(const std::vector<std::string>& field_values) const {
  auto listed = [&](std::string_view v) {
    for (const std::string& want : values) {
      if (FoldedEqual(v, want)) return true;
    }
    return false;
  };
  switch (op) {
    case Op::kEquals:
      return field_values.size() == 1 && !values.empty() && FoldedEqual(field_values[0], values[0]);
    case Op::kIn:
      if (field_values.empty()) return false;
      for (const std::string& v : field_values) {
        if (!listed(v)) return false;
      }
      return true;
    case Op::kNotIn:
      if (field_values.empty()) return false;
      for (const std::string& v : field_values) {
        if (listed(v)) return false;
      }
      return true;
    case Op::kContains:
      for (const std::string& v : field_values) {
        const std::string folded = FoldForMatch(v);
        for (const std::string& want : values) {
          if (folded.find(FoldForMatch(want)) != std::string::npos) return true;
        }
      }
      return false;
  }
  return false;
}

std::string Condition::ToString() const {
  auto list = [&] {
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + values[i];
    return out + "]";
  };
  switch (op) {
    case Op::kEquals:
      return field + " = " + (values.empty() ? std::string() : values[0]);
    case Op::kIn:
      return field + " in " + list();
    case Op::kNotIn:
      return field + " not in " + list();
    case Op::kContains:
      return field + " contains " + (values.size() == 1 ? values[0] : "one of " + list());
  }
  return field;
}

bool FieldSpec::MatchesHeader(std::string_view header) const {
  const std::string folded = FoldForMatch(header);
  if (folded.empty()) return false;
  if (folded == FoldForMatch(code) || folded == FoldForMatch(names.zh)) return true;
  for (const std::string& alias : aliases) {
    if (folded == FoldForMatch(alias)) return true;
  }
  return false;
}

std::string FieldSpec::RequirementText() const {
  std::string out(RequirementName(required));
  if (when) out += ": " + when->ToString();
  return out;
}

const std::vector<std::string>& DefaultSeparators() {
  static const std::vector<std::string> separators = {";", "；", ",", "，", "、"};
  return separators;
}

}  // namespace gongxin::catalog
