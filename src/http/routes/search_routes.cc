// GET /api/v1/search: subjects by name, former name, code or registration number.
#include <charconv>

#include "http/routes/routes.h"

namespace gongxin::http::routes {

void AddSearchRoutes(Router& router, Services& services) {
  RouteDoc doc;
  doc.tag = "search";
  doc.summary = "Find subjects (主体检索)";
  doc.description =
      "Full or partial name, former name, uscc or ID number (exact) and registration number. "
      "Traditional characters, full-width brackets and stray spaces are normalised. Ranked: "
      "exact, then prefix, then distinctive parts of the name; each item says what matched. "
      "Natural persons are found only by the credit office, regulators and deciding departments.";
  doc.roles = {"public",    "enterprise",    "source", "deciding",
               "regulator", "credit_office", "auditor"};
  doc.params = {{"q", "query", "what to look for (1 to 100 characters)", true},
                {"limit", "query", "items to return, 1 to 100 (default 10)", false, "integer"}};
  doc.responses = {{200,
                    "{\"query\",\"total\",\"items\":[{\"code\",\"name\",\"type\",\"score\","
                    "\"matched\"}]}"},
                   {400, "Missing or too long query, or a bad limit"}};
  router.Add(
      "GET", "/api/v1/search",
      [&services](Request& request) -> Response {
        Authenticated auth = Authenticate(request, services);
        if (auth.error) return *auth.error;
        const std::string q = request.Query("q").value_or("");
        if (q.find_first_not_of(" \t\r\n") == std::string::npos) {
          return Response::Error(400, "invalid_argument", "q: the query is empty",
                                 "q：检索词不能为空");
        }
        if (q.size() > 400) {
          return Response::Error(400, "invalid_argument",
                                 "q: the query is longer than 100 characters",
                                 "q：检索词超过100个字符");
        }
        search::Options options;
        if (auto limit = request.Query("limit")) {
          int n = 0;
          auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
          if (ec != std::errc() || end != limit->data() + limit->size() || n < 1 || n > 100) {
            return Response::Error(400, "invalid_argument",
                                   "limit: must be a whole number from 1 to 100",
                                   "limit：应为1到100之间的整数");
          }
          options.limit = n;
        }
        options.include_natural_persons = auth.viewer.SeesEverything();
        search::Results results = services.search->Search(q, options);
        return Response::Json(200, search::ToJson(results));
      },
      doc);
}

}  // namespace gongxin::http::routes
