// Internal to src/http: the route table and target parsing, shared by router.cc and server.cc.
// No Beast here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/http.h"

namespace gongxin::http {

enum class Builtin { kNone, kHealthz, kMetrics, kOpenApi };

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;  // literal text, or the parameter name if is_param
  std::vector<bool> is_param;
  Handler handler;
  RouteDoc doc;
  Builtin builtin = Builtin::kNone;
};

struct Router::Impl {
  std::vector<Route> routes;
};

enum class MatchKind {
  kFound,             // *index is the route; req.params and req.path filled
  kMethodNotAllowed,  // the path matches routes of other methods; *allow lists them
  kNotFound,          // no route has this path (req.path filled)
  kBadTarget,         // malformed percent-escape, invalid UTF-8 or not an origin-form target
};

// Splits req.target into path and query, decodes both into req, and finds the route for
// req.method. A HEAD request falls back to the GET route of the same path (*head_as_get).
MatchKind MatchRoute(const Router::Impl& router, Request& req, size_t* index, bool* head_as_get,
                     std::string* allow);

// The built-in routes' documentation, in the order they appear in the OpenAPI document.
void AddBuiltinRoutes(Router::Impl& router);

}  // namespace gongxin::http
