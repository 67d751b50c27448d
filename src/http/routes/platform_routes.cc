// Authentication, auditing and the helpers every route file shares.
#include "access/access.h"
#include "http/routes/routes.h"

namespace gongxin::http::routes {

Response StoreUnavailable(const Status& status) {
  return Response::Error(503, "store_unavailable", "the store is unavailable: " + status.message(),
                         "数据库暂不可用：" + status.message_zh());
}

Response Forbidden(std::string_view what_en, std::string_view what_zh) {
  return Response::Error(403, "permission_denied", what_en, what_zh);
}

Authenticated Authenticate(const Request& request, Services& services) {
  Authenticated out;
  const std::string header = request.Header("Authorization");
  request.log_role = "public";
  if (header.empty()) return out;
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() <= kBearer.size() || header.compare(0, kBearer.size(), kBearer) != 0) {
    out.error = Response::Error(401, "unauthenticated", "Authorization must be 'Bearer <API key>'",
                                "Authorization 请求头应为“Bearer <API 密钥>”");
    out.error->headers.emplace_back("WWW-Authenticate", "Bearer");
    return out;
  }
  auto lease = services.stores->Acquire();
  if (!lease.ok()) {
    out.error = StoreUnavailable(lease.status());
    return out;
  }
  auto key = access::Authenticate(**lease, std::string_view(header).substr(kBearer.size()));
  if (!key.ok()) {
    out.error = StoreUnavailable(key.status());
    return out;
  }
  if (!key->has_value()) {
    out.error = Response::Error(401, "unauthenticated", "unknown or revoked API key",
                                "API 密钥无效或已吊销");
    out.error->headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return out;
  }
  out.viewer = (*key)->ToViewer();
  request.log_role = std::string(RoleName(out.viewer.role));
  return out;
}

Status Audit(store::Store& store, const Request& request, const Viewer& viewer,
             std::string_view action, std::string_view object, std::string_view detail,
             const Clock& clock) {
  access::AuditEntry e;
  e.at = clock.Now();
  e.key_id = viewer.key_id;
  e.key_name = viewer.key_name;
  e.role = viewer.role;
  e.action = std::string(action);
  e.object = std::string(object);
  e.detail = std::string(detail);
  e.request_id = request.request_id;
  e.remote = request.remote;
  return access::WriteAudit(store, e);
}

void AddPlatformRoutes(Router& router, Services& services) {
  AddSearchRoutes(router, services);
  AddArchiveRoutes(router, services);
  AddBatchRoutes(router, services);
  AddAccessRoutes(router, services);
}

}  // namespace gongxin::http::routes
