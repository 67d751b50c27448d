#include "core/role.h"

namespace gongxin {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kPublic:
      return "public";
    case Role::kEnterprise:
      return "enterprise";
    case Role::kSource:
      return "source";
    case Role::kDeciding:
      return "deciding";
    case Role::kRegulator:
      return "regulator";
    case Role::kCreditOffice:
      return "credit_office";
    case Role::kAuditor:
      return "auditor";
  }
  return "public";
}

std::string_view RoleNameZh(Role role) {
  switch (role) {
    case Role::kPublic:
      return "公众";
    case Role::kEnterprise:
      return "信用主体";
    case Role::kSource:
      return "数据提供部门";
    case Role::kDeciding:
      return "决策部门";
    case Role::kRegulator:
      return "监管部门";
    case Role::kCreditOffice:
      return "信用办";
    case Role::kAuditor:
      return "审计";
  }
  return "公众";
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = {Role::kPublic,   Role::kEnterprise, Role::kSource,
                                         Role::kDeciding, Role::kRegulator,  Role::kCreditOffice,
                                         Role::kAuditor};
  return kAll;
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : AllRoles()) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

bool Viewer::SeesEverything() const {
  return role == Role::kDeciding || role == Role::kRegulator || role == Role::kCreditOffice;
}

bool Viewer::OwnsSubject(std::string_view code) const {
  return SeesEverything() || (role == Role::kEnterprise && !subject.empty() && subject == code);
}

bool Viewer::IsSource(std::string_view source_uscc) const {
  return role == Role::kSource && !source.empty() && source == source_uscc;
}

}  // namespace gongxin
