// Request/Response helpers, the route table, target parsing and the OpenAPI document.
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <set>

#include <nlohmann/json.hpp>

#include "http/http.h"
#include "http/router_internal.h"

namespace gongxin::http {
namespace {

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 if there is none.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view GenericZh(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return "请求无效";
    case StatusCode::kNotFound:
      return "未找到";
    case StatusCode::kAlreadyExists:
      return "已存在";
    case StatusCode::kFailedPrecondition:
      return "当前状态不允许此操作";
    case StatusCode::kPermissionDenied:
      return "无权执行此操作";
    case StatusCode::kResourceExhausted:
      return "超出限制";
    default:
      return "服务器内部错误";
  }
}

// "{}" for every parameter: two patterns with the same shape can never both match.
[[maybe_unused]] std::string PatternShape(const Route& r) {
  std::string shape = r.method + " ";
  for (size_t i = 0; i < r.segments.size(); ++i) {
    shape += '/';
    shape += r.is_param[i] ? "{}" : r.segments[i];
  }
  return shape;
}

Route MakeRoute(std::string method, std::string pattern, Handler handler, RouteDoc doc) {
  assert(!method.empty() && "route method must be set");
  assert(std::all_of(method.begin(), method.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
         "route method must be upper case");
  assert(!pattern.empty() && pattern[0] == '/' && "route pattern must start with '/'");
  assert(pattern.find('?') == std::string::npos && "route pattern must not have a query");
  Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  std::string_view rest = std::string_view(r.pattern).substr(1);
  while (true) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string_view name = seg.substr(1, seg.size() - 2);
      assert(!name.empty() && name.find_first_of("{}") == std::string_view::npos &&
             "malformed path parameter");
      r.segments.emplace_back(name);
      r.is_param.push_back(true);
    } else {
      assert(seg.find_first_of("{}") == std::string_view::npos &&
             "a path parameter must be a whole segment");
      r.segments.emplace_back(seg);
      r.is_param.push_back(false);
    }
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  r.handler = std::move(handler);
  r.doc = std::move(doc);
  return r;
}

void AddRoute(Router::Impl& impl, Route route) {
#ifndef NDEBUG
  const std::string shape = PatternShape(route);
  for (const Route& r : impl.routes) {
    assert(PatternShape(r) != shape && "the same method and pattern added twice");
  }
#endif
  impl.routes.push_back(std::move(route));
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string OperationId(const Route& r) {
  std::string id = LowerAscii(r.method);
  bool upper = true;
  for (char c : r.pattern) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      id += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  return id;
}

}  // namespace

// ---- Request ----

std::string Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (IEquals(k, name)) return v;
  }
  return {};
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

// ---- Response ----

Response Response::Json(int status, std::string json_text) {
  Response r;
  r.status = status;
  r.body = std::move(json_text);
  return r;
}

Response Response::Text(int status, std::string text, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(text);
  r.content_type = std::move(content_type);
  return r;
}

Response Response::Error(int status, std::string_view code, std::string_view message_en,
                         std::string_view message_zh) {
  Response r;
  r.status = status;
  r.body.reserve(64 + code.size() + message_en.size() + message_zh.size());
  r.body += R"({"error":{"status":)";
  r.body += std::to_string(status);
  r.body += R"(,"code":")";
  AppendJsonEscaped(r.body, code);
  r.body += R"(","message":")";
  AppendJsonEscaped(r.body, message_en);
  r.body += R"(","message_zh":")";
  AppendJsonEscaped(r.body, message_zh);
  r.body += R"("}})";
  return r;
}

Response Response::FromStatus(const Status& s) {
  assert(!s.ok() && "FromStatus needs an error");
  int status = 500;
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
      status = 400;
      break;
    case StatusCode::kPermissionDenied:
      status = 403;
      break;
    case StatusCode::kNotFound:
      status = 404;
      break;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      status = 409;
      break;
    case StatusCode::kResourceExhausted:
      status = 413;
      break;
    default:
      status = 500;
  }
  std::string_view zh = s.message_zh();
  if (zh.empty()) zh = GenericZh(s.code());
  return Error(status, StatusCodeName(s.code()), s.message(), zh);
}

// ---- text helpers ----

std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = Utf8SequenceLength(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

void AppendJsonEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t len = Utf8SequenceLength(s, i);
      if (len == 0) {
        out += "\xEF\xBF\xBD";  // U+FFFD
        ++i;
      } else {
        out.append(s.data() + i, len);
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

// ---- Router ----

Router::Router() : impl_(std::make_unique<Impl>()) { AddBuiltinRoutes(*impl_); }
Router::Router(const Router& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(const Router& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
Router& Router::operator=(Router&&) noexcept = default;
Router::~Router() = default;

void Router::Add(std::string method, std::string pattern, Handler handler, RouteDoc doc) {
  assert(handler && "a route needs a handler");
  AddRoute(*impl_,
           MakeRoute(std::move(method), std::move(pattern), std::move(handler), std::move(doc)));
}

void AddBuiltinRoutes(Router::Impl& impl) {
  RouteDoc health;
  health.summary = "Liveness check";
  health.description = "Answers {\"status\":\"ok\"} while the server is serving.";
  health.tag = "system";
  health.roles = {"public"};
  health.responses = {{200, "The server is up"}};
  health.max_body = 0;
  Route r = MakeRoute(
      "GET", "/healthz", [](Request&) { return Response::Json(200, R"({"status":"ok"})"); },
      std::move(health));
  r.builtin = Builtin::kHealthz;
  AddRoute(impl, std::move(r));

  RouteDoc metrics;
  metrics.summary = "Prometheus metrics";
  metrics.description =
      "Request counters, latency histograms, in-flight requests and open connections in the "
      "Prometheus text format 0.0.4.";
  metrics.tag = "system";
  metrics.roles = {"public"};
  metrics.responses = {{200, "Metrics"}};
  metrics.response_type = "text/plain";
  metrics.max_body = 0;
  // The server answers it itself; the handler here is never called.
  r = MakeRoute(
      "GET", "/metrics", [](Request&) { return Response::Text(500, ""); }, std::move(metrics));
  r.builtin = Builtin::kMetrics;
  AddRoute(impl, std::move(r));

  RouteDoc openapi;
  openapi.summary = "This API description";
  openapi.description = "The OpenAPI 3.0 document of every endpoint.";
  openapi.tag = "system";
  openapi.roles = {"public"};
  openapi.responses = {{200, "OpenAPI document"}};
  openapi.max_body = 0;
  r = MakeRoute(
      "GET", "/api/v1/openapi.json", [](Request&) { return Response::Text(500, ""); },
      std::move(openapi));
  r.builtin = Builtin::kOpenApi;
  AddRoute(impl, std::move(r));
}

MatchKind MatchRoute(const Router::Impl& router, Request& req, size_t* index, bool* head_as_get,
                     std::string* allow) {
  std::string_view target = req.target;
  if (target.empty() || target[0] != '/') return MatchKind::kBadTarget;
  const size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  std::string_view raw_query = q == std::string_view::npos ? "" : target.substr(q + 1);
  if (size_t hash = raw_query.find('#'); hash != std::string_view::npos) {
    raw_query = raw_query.substr(0, hash);
  }

  auto path = PercentDecode(raw_path, false);
  if (!path || !IsValidUtf8(*path) || path->find('\0') != std::string::npos) {
    return MatchKind::kBadTarget;
  }
  req.path = std::move(*path);

  req.query.clear();
  while (!raw_query.empty()) {
    size_t amp = raw_query.find('&');
    std::string_view piece = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? "" : raw_query.substr(amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    auto key = PercentDecode(piece.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : piece.substr(eq + 1), true);
    if (!key || !value || !IsValidUtf8(*key) || !IsValidUtf8(*value)) {
      return MatchKind::kBadTarget;
    }
    req.query.insert_or_assign(std::move(*key), std::move(*value));
  }

  // Decoded segments, split on the raw '/' so that %2F stays inside a segment.
  thread_local std::vector<std::string> segments;
  segments.clear();
  {
    std::string_view rest = raw_path.substr(1);
    while (true) {
      size_t slash = rest.find('/');
      auto seg = PercentDecode(rest.substr(0, slash), false);
      segments.push_back(std::move(*seg));  // decoding the whole path succeeded
      if (slash == std::string_view::npos) break;
      rest = rest.substr(slash + 1);
    }
  }

  size_t best = SIZE_MAX, best_head = SIZE_MAX;
  uint64_t best_score = 0, best_head_score = 0;
  std::set<std::string> methods;
  for (size_t i = 0; i < router.routes.size(); ++i) {
    const Route& r = router.routes[i];
    if (r.segments.size() != segments.size()) continue;
    uint64_t score = 0;
    bool match = true;
    for (size_t k = 0; k < segments.size(); ++k) {
      if (r.is_param[k]) {
        if (segments[k].empty()) {
          match = false;
          break;
        }
      } else if (r.segments[k] != segments[k]) {
        match = false;
        break;
      } else if (k < 64) {
        score |= uint64_t{1} << (63 - k);
      }
    }
    if (!match) continue;
    if (r.method == req.method) {
      if (best == SIZE_MAX || score > best_score) best = i, best_score = score;
    } else if (req.method == "HEAD" && r.method == "GET") {
      if (best_head == SIZE_MAX || score > best_head_score) best_head = i, best_head_score = score;
    }
    methods.insert(r.method);
    if (r.method == "GET") methods.insert("HEAD");
  }

  *head_as_get = false;
  if (best == SIZE_MAX && best_head != SIZE_MAX) {
    best = best_head;
    *head_as_get = true;
  }
  if (best == SIZE_MAX) {
    if (methods.empty()) return MatchKind::kNotFound;
    allow->clear();
    for (const std::string& m : methods) {
      if (!allow->empty()) *allow += ", ";
      *allow += m;
    }
    return MatchKind::kMethodNotAllowed;
  }
  const Route& r = router.routes[best];
  req.params.clear();
  for (size_t k = 0; k < segments.size(); ++k) {
    if (!r.is_param[k]) continue;
    if (!IsValidUtf8(segments[k])) return MatchKind::kBadTarget;
    req.params.insert_or_assign(r.segments[k], std::move(segments[k]));
  }
  req.route = r.pattern;
  *index = best;
  return MatchKind::kFound;
}

std::string Router::OpenApiJson(std::string_view title, std::string_view version) const {
  using nlohmann::ordered_json;
  ordered_json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", title}, {"version", version}};
  ordered_json paths = ordered_json::object();
  std::vector<std::string> tags;
  for (const Route& r : impl_->routes) {
    const RouteDoc& d = r.doc;
    ordered_json op;
    op["operationId"] = OperationId(r);
    if (!d.summary.empty()) op["summary"] = d.summary;
    if (!d.description.empty()) op["description"] = d.description;
    if (!d.tag.empty()) {
      op["tags"] = {d.tag};
      if (std::find(tags.begin(), tags.end(), d.tag) == tags.end()) tags.push_back(d.tag);
    }
    op["x-roles"] = d.roles;

    ordered_json params = ordered_json::array();
    auto param_json = [](const Param& p) {
      ordered_json j;
      j["name"] = p.name;
      j["in"] = p.in.empty() ? "query" : p.in;
      if (!p.description.empty()) j["description"] = p.description;
      j["required"] = p.required || p.in == "path";
      j["schema"] = {{"type", p.type.empty() ? "string" : p.type}};
      return j;
    };
    for (size_t k = 0; k < r.segments.size(); ++k) {
      if (!r.is_param[k]) continue;
      auto it = std::find_if(d.params.begin(), d.params.end(), [&](const Param& p) {
        return p.name == r.segments[k] && p.in == "path";
      });
      if (it != d.params.end()) {
        params.push_back(param_json(*it));
      } else {
        params.push_back(param_json(Param{r.segments[k], "path", "", true}));
      }
    }
    for (const Param& p : d.params) {
      if (p.in != "path") params.push_back(param_json(p));
    }
    if (!params.empty()) op["parameters"] = std::move(params);

    if (!d.request_types.empty()) {
      ordered_json content = ordered_json::object();
      for (const std::string& type : d.request_types) {
        if (type.find("json") != std::string::npos) {
          content[type] = {{"schema", {{"type", "object"}}}};
        } else {
          content[type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
        }
      }
      op["requestBody"] = {{"required", true}, {"content", std::move(content)}};
      op["x-max-body-bytes"] = d.max_body;
    }

    ordered_json responses = ordered_json::object();
    std::map<int, std::string> documented = d.responses;
    if (documented.empty()) documented[200] = "OK";
    for (const auto& [status, description] : documented) {
      ordered_json resp;
      resp["description"] = description;
      if (status >= 400) {
        resp["content"] = {
            {"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}};
      } else if (status != 204) {
        resp["content"] = {{d.response_type, ordered_json::object()}};
      }
      responses[std::to_string(status)] = std::move(resp);
    }
    op["responses"] = std::move(responses);
    paths[r.pattern][LowerAscii(r.method)] = std::move(op);
  }
  doc["paths"] = std::move(paths);
  ordered_json tag_list = ordered_json::array();
  for (const std::string& t : tags) tag_list.push_back({{"name", t}});
  doc["tags"] = std::move(tag_list);

  ordered_json error_props = {{"status", {{"type", "integer"}}},
                              {"code", {{"type", "string"}}},
                              {"message", {{"type", "string"}}},
                              {"message_zh", {{"type", "string"}}}};
  doc["components"]["schemas"]["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"status", "code", "message", "message_zh"}},
          {"properties", std::move(error_props)}}}}}};
  return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace gongxin::http
