// Roles (角色) and the viewer of a request: who is asking decides what they see
// (ARCHITECTURE.md decision 6). Pure data; keys and authentication live in access/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongxin {

enum class Role {
  kPublic,        // "public": anonymous; sees what the publicity rules publish, masked
  kEnterprise,    // "enterprise": a subject; its own archive in full, others as public
  kSource,        // "source": a source department bound to its uscc; its own records in full
  kDeciding,      // "deciding": a deciding department (credit checks before a decision)
  kRegulator,     // "regulator": a supervising department, duty-based access
  kCreditOffice,  // "credit_office": the platform's operator; sees everything with its state
  kAuditor,       // "auditor": reads the audit log; archives as the public sees them
};

// "public", "enterprise", "source", "deciding", "regulator", "credit_office", "auditor"
std::string_view RoleName(Role role);
// 公众, 信用主体, 数据提供部门, 决策部门, 监管部门, 信用办, 审计
std::string_view RoleNameZh(Role role);
// The role with this identifier; nullopt for anything else.
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

// Who is asking. `source` is set iff role == kSource (the department's uscc);
// `subject` iff role == kEnterprise (the subject's code).
struct Viewer {
  Role role = Role::kPublic;
  std::string source;
  std::string subject;
  int64_t key_id = 0;    // the API key used; 0 for anonymous
  std::string key_name;  // its name, for the audit log

  static Viewer Public() { return Viewer{}; }
  // True iff the role may read non-public archive information (档案信息) of every
  // subject, with a duty-based need: deciding, regulator, credit_office.
  bool SeesEverything() const;
  // True iff the viewer sees this subject's archive in full (its own, or SeesEverything).
  bool OwnsSubject(std::string_view code) const;
  // True iff the viewer provided records of this source (its own department).
  bool IsSource(std::string_view source_uscc) const;
};

}  // namespace gongxin
