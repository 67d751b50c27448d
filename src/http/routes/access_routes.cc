// Who am I (GET /api/v1/me) and the audit log (GET /api/v1/audit).
#include <charconv>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "http/routes/routes.h"

namespace gongxin::http::routes {
namespace {

std::optional<int64_t> ParseInt(const std::string& text) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

Response BadParam(const std::string& name, std::string_view en, std::string_view zh) {
  return Response::Error(400, "invalid_argument", name + ": " + std::string(en),
                         name + "：" + std::string(zh));
}

}  // namespace

void AddAccessRoutes(Router& router, Services& services) {
  RouteDoc me;
  me.tag = "access";
  me.summary = "The caller's role";
  me.description = "The role of the API key sent (public without one), and what it is bound to.";
  me.roles = {"public",    "enterprise",    "source", "deciding",
              "regulator", "credit_office", "auditor"};
  me.responses = {{200, "{\"role\",\"role_zh\",\"name\",\"source\",\"subject\"}"},
                  {401, "Unknown or revoked API key"}};
  router.Add(
      "GET", "/api/v1/me",
      [&services](Request& request) -> Response {
        Authenticated auth = Authenticate(request, services);
        if (auth.error) return *auth.error;
        nlohmann::json j = {{"role", RoleName(auth.viewer.role)},
                            {"role_zh", RoleNameZh(auth.viewer.role)},
                            {"name", auth.viewer.key_name},
                            {"source", auth.viewer.source},
                            {"subject", auth.viewer.subject}};
        return Response::Json(200, j.dump());
      },
      me);

  RouteDoc audit;
  audit.tag = "access";
  audit.summary = "The audit log of reads of non-public data (审计日志)";
  audit.description = "Newest first; page with before=<the last id seen>.";
  audit.roles = {"auditor", "credit_office"};
  audit.params = {{"since", "query", "entries at or after this instant (ISO 8601) or date"},
                  {"until", "query", "entries before this instant (ISO 8601) or date"},
                  {"object", "query", "what was read, e.g. a subject code"},
                  {"role", "query", "the reader's role"},
                  {"before", "query", "entries with an id below this", false, "integer"},
                  {"limit", "query", "1 to 1000 (default 100)", false, "integer"}};
  audit.responses = {{200,
                      "{\"items\":[{\"id\",\"at\",\"key_id\",\"key_name\",\"role\","
                      "\"action\",\"object\",\"detail\",\"request_id\",\"remote\"}]}"},
                     {403, "Not the auditor or the credit office"}};
  router.Add(
      "GET", "/api/v1/audit",
      [&services](Request& request) -> Response {
        Authenticated auth = Authenticate(request, services);
        if (auth.error) return *auth.error;
        if (auth.viewer.role != Role::kAuditor && auth.viewer.role != Role::kCreditOffice) {
          return Forbidden("the audit log is read by the auditor and the credit office",
                           "审计日志仅限审计和信用办查看");
        }
        access::AuditQuery q;
        for (const char* name : {"since", "until"}) {
          if (auto text = request.Query(name)) {
            auto at = Instant::Parse(*text);
            if (!at.ok())
              return BadParam(name, "not an ISO 8601 instant or date", "不是有效的时间");
            (std::string_view(name) == "since" ? q.since : q.until) = *at;
          }
        }
        q.object = request.Query("object").value_or("");
        if (auto role = request.Query("role")) {
          q.role = ParseRole(*role);
          if (!q.role) return BadParam("role", "unknown role", "角色无法识别");
        }
        if (auto before = request.Query("before")) {
          auto n = ParseInt(*before);
          if (!n || *n < 1) return BadParam("before", "not an entry id", "不是有效的记录编号");
          q.before_id = *n;
        }
        if (auto limit = request.Query("limit")) {
          auto n = ParseInt(*limit);
          if (!n || *n < 1 || *n > 1000) {
            return BadParam("limit", "must be a whole number from 1 to 1000",
                            "应为1到1000之间的整数");
          }
          q.limit = static_cast<int>(*n);
        }
        auto lease = services.stores->Acquire();
        if (!lease.ok()) return StoreUnavailable(lease.status());
        auto entries = access::ReadAudit(**lease, q);
        if (!entries.ok()) return StoreUnavailable(entries.status());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& e : *entries) {
          items.push_back({{"id", e.id},
                           {"at", e.at.ToChinaIso()},
                           {"key_id", e.key_id},
                           {"key_name", e.key_name},
                           {"role", RoleName(e.role)},
                           {"action", e.action},
                           {"object", e.object},
                           {"detail", e.detail},
                           {"request_id", e.request_id},
                           {"remote", e.remote}});
        }
        Response response = Response::Json(200, nlohmann::json{{"items", items}}.dump());
        response.headers.emplace_back("Cache-Control", "private, no-store");
        return response;
      },
      audit);
}

}  // namespace gongxin::http::routes
