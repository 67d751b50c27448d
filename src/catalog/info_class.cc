#include "catalog/info_class.h"

#include <array>

#include "catalog/text_fold.h"

namespace gongxin::catalog {
namespace {

struct MaskName {
  MaskKind kind;
  const char* name;
};
constexpr std::array<MaskName, 5> kMaskNames = {{
    {MaskKind::kIdNumber, "id_number"},
    {MaskKind::kPhone, "phone"},
    {MaskKind::kAddress, "address"},
    {MaskKind::kName, "name"},
    {MaskKind::kHidden, "hidden"},
}};

}  // namespace

std::string_view MaskKindName(MaskKind kind) {
  for (const MaskName& m : kMaskNames) {
    if (m.kind == kind) return m.name;
  }
  return "?";
}

std::optional<MaskKind> ParseMaskKind(std::string_view name) {
  for (const MaskName& m : kMaskNames) {
    if (name == m.name) return m.kind;
  }
  return std::nullopt;
}

const std::vector<std::string>& MaskKindNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const MaskName& m : kMaskNames) out.emplace_back(m.name);
    return out;
  }();
  return names;
}

std::string_view CheckOpName(Check::Op op) {
  switch (op) {
    case Check::Op::kPrefixIn:
      return "prefix_in";
    case Check::Op::kPrefixNotIn:
      return "prefix_not_in";
    case Check::Op::kIn:
      return "in";
    case Check::Op::kNotIn:
      return "not_in";
    case Check::Op::kNotBefore:
      return "not_before";
    case Check::Op::kNotAfter:
      return "not_after";
    case Check::Op::kAmountMatchesText:
      return "amount_matches_text";
  }
  return "?";
}

std::string Check::ToString() const {
  std::string list = "[";
  for (size_t i = 0; i < values.size(); ++i) list += (i ? ", " : "") + values[i];
  list += "]";
  switch (op) {
    case Op::kPrefixIn:
      return field + " starts with one of " + list;
    case Op::kPrefixNotIn:
      return field + " starts with none of " + list;
    case Op::kIn:
      return field + " in " + list;
    case Op::kNotIn:
      return field + " not in " + list;
    case Op::kNotBefore:
      return field + " not before " + other_field;
    case Op::kNotAfter:
      return field + " not after " + other_field;
    case Op::kAmountMatchesText:
      return field + " equals the amount stated after " + list + " in " + other_field;
  }
  return field;
}

const FieldSpec* InfoClass::FindField(std::string_view code) const {
  for (const FieldSpec& field : fields) {
    if (field.code == code) return &field;
  }
  return nullptr;
}

const FieldSpec* InfoClass::FindFieldByHeader(std::string_view header) const {
  for (const FieldSpec& field : fields) {
    if (field.MatchesHeader(header)) return &field;
  }
  return nullptr;
}

bool InfoClass::IsIgnoredHeader(std::string_view header) const {
  const std::string folded = FoldForMatch(header);
  for (const std::string& ignored : ignored_headers) {
    if (!folded.empty() && folded == FoldForMatch(ignored)) return true;
  }
  return false;
}

const RuleVersion* InfoClass::VersionOn(Date date) const {
  const RuleVersion* found = nullptr;
  for (const RuleVersion& version : versions) {
    if (version.effective_from <= date) found = &version;
  }
  return found;
}

std::vector<const FieldSpec*> InfoClass::MandatoryFields() const {
  std::vector<const FieldSpec*> out;
  for (const FieldSpec& field : fields) {
    if (field.required == Requirement::kMandatory) out.push_back(&field);
  }
  return out;
}

}  // namespace gongxin::catalog
