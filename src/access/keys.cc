// API keys: created with a random secret, stored as its SHA-256.
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "access/access.h"
#include "core/id_number.h"
#include "core/uscc.h"

namespace gongxin::access {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

std::string HashOf(std::string_view secret) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), digest);
  return Hex(digest, sizeof digest);
}

constexpr const char* kColumns = "id, name, role, source, subject, prefix, created_at, revoked_at";

Result<ApiKey> ReadKey(store::Statement& st) {
  ApiKey k;
  k.id = st.Int(0);
  k.name = st.Text(1);
  auto role = ParseRole(st.TextView(2));
  if (!role) {
    return Status::Corruption(
        "api_keys: unknown role '" + st.Text(2) + "' of key " + std::to_string(k.id),
        "api_keys：密钥 " + std::to_string(k.id) + " 的角色 '" + st.Text(2) + "' 无法识别");
  }
  k.role = *role;
  k.source = st.Text(3);
  k.subject = st.Text(4);
  k.prefix = st.Text(5);
  GX_ASSIGN_OR_RETURN(k.created_at, Instant::Parse(st.TextView(6)));
  if (!st.IsNull(7)) {
    GX_ASSIGN_OR_RETURN(Instant revoked, Instant::Parse(st.TextView(7)));
    k.revoked_at = revoked;
  }
  return k;
}

Status CheckBinding(const CodeTables& tables, Role role, std::string_view source,
                    std::string_view subject, const Clock& clock) {
  if (role == Role::kPublic) {
    return Status::InvalidArgument("role: the public role is anonymous and needs no key",
                                   "role：公众角色为匿名访问，无需密钥");
  }
  if (role == Role::kSource) {
    if (source.empty()) {
      return Status::InvalidArgument(
          "source: a key of the source role needs the department's uscc (--source)",
          "source：数据提供部门角色的密钥须指定部门的统一社会信用代码（--source）");
    }
    auto v = uscc::Check(source, tables);
    if (!v.valid()) {
      return Status::InvalidArgument("source: not a valid uscc: " + v.reason_en,
                                     "source：不是有效的统一社会信用代码：" + v.reason_zh);
    }
  } else if (!source.empty()) {
    return Status::InvalidArgument("source: only a key of the source role is bound to a source",
                                   "source：只有数据提供部门角色的密钥才绑定部门");
  }
  if (role == Role::kEnterprise) {
    if (subject.empty()) {
      return Status::InvalidArgument(
          "subject: a key of the enterprise role needs the subject's code (--subject)",
          "subject：信用主体角色的密钥须指定主体代码（--subject）");
    }
    auto v = uscc::Check(subject, tables);
    if (!v.valid() && !id_number::Check(subject, tables, clock.Now().ChinaDate()).valid()) {
      return Status::InvalidArgument(
          "subject: not a valid uscc or ID number: " + v.reason_en,
          "subject：不是有效的统一社会信用代码或身份证号码：" + v.reason_zh);
    }
  } else if (!subject.empty()) {
    return Status::InvalidArgument(
        "subject: only a key of the enterprise role is bound to a subject",
        "subject：只有信用主体角色的密钥才绑定主体");
  }
  return Status::OK();
}

}  // namespace

Viewer ApiKey::ToViewer() const {
  Viewer v;
  v.role = role;
  v.source = source;
  v.subject = subject;
  v.key_id = id;
  v.key_name = name;
  return v;
}

Result<NewKey> CreateKey(store::Store& store, const CodeTables& tables, Role role,
                         std::string_view source, std::string_view subject, std::string_view name,
                         const Clock& clock) {
  GX_RETURN_IF_ERROR(CheckBinding(tables, role, source, subject, clock));
  unsigned char random[20];
  if (RAND_bytes(random, sizeof random) != 1) {
    return Status::Internal("no random bytes for a key", "无法生成密钥的随机数");
  }
  NewKey out;
  out.secret = "gx_" + Hex(random, sizeof random);
  out.key.name = std::string(name);
  out.key.role = role;
  out.key.source = std::string(source);
  out.key.subject = std::string(subject);
  out.key.prefix = out.secret.substr(0, 8);
  out.key.created_at = clock.Now();
  GX_ASSIGN_OR_RETURN(
      store::Statement * insert,
      store.Prepare("INSERT INTO api_keys(hash, name, role, source, subject, prefix, created_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7)"));
  insert->Reset();
  insert->Bind(1, HashOf(out.secret));
  insert->Bind(2, name);
  insert->Bind(3, RoleName(role));
  insert->Bind(4, source);
  insert->Bind(5, subject);
  insert->Bind(6, out.key.prefix);
  insert->Bind(7, out.key.created_at.ToChinaIso());
  GX_RETURN_IF_ERROR(insert->Exec().status());
  out.key.id = store.LastInsertId();
  return out;
}

Result<std::optional<ApiKey>> Authenticate(store::Store& store, std::string_view secret) {
  if (secret.empty() || secret.size() > 200) return std::optional<ApiKey>();
  GX_ASSIGN_OR_RETURN(store::Statement * find,
                      store.Prepare(std::string("SELECT ") + kColumns +
                                    " FROM api_keys WHERE hash = $1 AND revoked_at IS NULL"));
  find->Reset();
  find->Bind(1, HashOf(secret));
  GX_ASSIGN_OR_RETURN(bool row, find->Step());
  if (!row) {
    find->Reset();
    return std::optional<ApiKey>();
  }
  auto key = ReadKey(*find);
  find->Reset();
  if (!key.ok()) return key.status();
  return std::optional<ApiKey>(std::move(*key));
}

Result<std::vector<ApiKey>> ListKeys(store::Store& store) {
  GX_ASSIGN_OR_RETURN(store::Statement * st, store.Prepare(std::string("SELECT ") + kColumns +
                                                           " FROM api_keys ORDER BY id DESC"));
  st->Reset();
  std::vector<ApiKey> out;
  while (true) {
    GX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    auto key = ReadKey(*st);
    if (!key.ok()) {
      st->Reset();
      return key.status();
    }
    out.push_back(std::move(*key));
  }
  return out;
}

Status RevokeKey(store::Store& store, int64_t id, const Clock& clock) {
  GX_ASSIGN_OR_RETURN(store::Statement * st,
                      store.Prepare("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) "
                                    "WHERE id = $1"));
  st->Reset();
  st->Bind(1, id);
  st->Bind(2, clock.Now().ToChinaIso());
  GX_ASSIGN_OR_RETURN(int64_t changed, st->Exec());
  if (changed == 0) {
    return Status::NotFound("no API key with id " + std::to_string(id),
                            "不存在编号为 " + std::to_string(id) + " 的密钥");
  }
  return Status::OK();
}

}  // namespace gongxin::access
