// GET /api/v1/subjects/{code}: a subject's credit archive as the caller may see it.
#include "archive/view.h"
#include "http/routes/routes.h"

namespace gongxin::http::routes {

void AddArchiveRoutes(Router& router, Services& services) {
  RouteDoc doc;
  doc.tag = "archive";
  doc.summary = "A subject's credit archive (信用档案)";
  doc.description =
      "The subject (code, name, former names, type, status, registration facts) and its records "
      "grouped by class, as the caller's role may see them. The public sees records within "
      "their publicity window, masked; a natural person's archive only where a class publishes "
      "it (court defaulters). The subject itself, the source of a record and the credit office, "
      "regulators and deciding departments see non-public records with their state; every such "
      "read is audited.";
  doc.roles = {"public",    "enterprise",    "source", "deciding",
               "regulator", "credit_office", "auditor"};
  doc.params = {{"code", "path", "uscc (统一社会信用代码) or ID number", true}};
  doc.responses = {{200, "The archive"},
                   {400, "Not a valid uscc or ID number"},
                   {401, "Unknown or revoked API key"},
                   {404, "No such subject, or nothing the caller may see"}};
  router.Add(
      "GET", "/api/v1/subjects/{code}",
      [&services](Request& request) -> Response {
        Authenticated auth = Authenticate(request, services);
        if (auth.error) return *auth.error;
        auto lease = services.stores->Acquire();
        if (!lease.ok()) return StoreUnavailable(lease.status());
        const std::string& code = request.params["code"];
        auto view = archive::BuildSubjectView(**lease, *services.catalog, code, auth.viewer,
                                              services.clock->Today());
        if (!view.ok()) return Response::FromStatus(view.status());
        if (!view->disclosed.empty()) {
          std::string detail;
          for (const auto& item : view->disclosed) detail += (detail.empty() ? "" : "; ") + item;
          Status audited =
              Audit(**lease, request, auth.viewer, "archive.read", code, detail, *services.clock);
          if (!audited.ok()) return StoreUnavailable(audited);
        }
        Response response = Response::Json(200, std::move(view->json));
        // Non-public answers must not be kept by shared caches.
        response.headers.emplace_back("Cache-Control",
                                      view->disclosed.empty() && auth.viewer.role == Role::kPublic
                                          ? "public, max-age=60"
                                          : "private, no-store");
        return response;
      },
      doc);
}

}  // namespace gongxin::http::routes
