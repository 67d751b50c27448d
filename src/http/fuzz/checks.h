// What the request-facing text helpers and the router must satisfy whatever the input: the
// invariants the libFuzzer targets and the fuzz smoke test check. Header-only, shared by
// both. Each Check* returns "" if all is well, else what is wrong.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.h"
#include "http/http.h"
#include "http/router_internal.h"

namespace gongxin::http::fuzz {

// ---- references, written independently of router.cc ----

inline int RefHex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 percent-decoding: every '%' must be followed by two hex digits.
inline std::optional<std::string> RefPercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  size_t i = 0;
  while (i < in.size()) {
    if (in[i] == '%') {
      if (in.size() - i < 3 || RefHex(in[i + 1]) < 0 || RefHex(in[i + 2]) < 0) {
        return std::nullopt;
      }
      out.push_back(static_cast<char>(RefHex(in[i + 1]) * 16 + RefHex(in[i + 2])));
      i += 3;
    } else {
      out.push_back(plus_is_space && in[i] == '+' ? ' ' : in[i]);
      ++i;
    }
  }
  return out;
}

// Escapes everything but the unreserved characters (so '+' and '%' too).
inline std::string RefPercentEncode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// Parses `"` + inside + `"` as a JSON string; nullopt if that is not valid JSON.
inline std::optional<std::string> ParseJsonString(std::string_view inside) {
  std::string doc;
  doc.reserve(inside.size() + 2);
  doc += '"';
  doc += inside;
  doc += '"';
  nlohmann::json j = nlohmann::json::parse(doc, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_string()) return std::nullopt;
  return j.get<std::string>();
}

// ---- text helpers ----

inline std::string CheckPercentDecode(std::string_view b) {
  for (bool plus : {false, true}) {
    const std::optional<std::string> got = PercentDecode(b, plus);
    const std::optional<std::string> want = RefPercentDecode(b, plus);
    if (got.has_value() != want.has_value()) {
      return got ? "PercentDecode accepted a malformed escape"
                 : "PercentDecode rejected a well-formed input";
    }
    if (got && *got != *want) return "PercentDecode decoded differently from the reference";
    if (got && got->size() > b.size()) return "PercentDecode output longer than its input";
    const std::optional<std::string> round = PercentDecode(RefPercentEncode(b), plus);
    if (!round || *round != b) return "PercentDecode(encode(x)) != x";
  }
  return "";
}

inline std::string CheckUtf8(std::string_view b) {
  if (IsValidUtf8(b) != text::IsValidUtf8(b)) {
    return "http::IsValidUtf8 and text::IsValidUtf8 disagree";
  }
  return "";
}

inline std::string CheckJsonEscaped(std::string_view b) {
  static constexpr std::string_view kPrefix = "pre\"fix";
  std::string out(kPrefix);
  AppendJsonEscaped(out, b);
  if (std::string_view(out).substr(0, kPrefix.size()) != kPrefix) {
    return "AppendJsonEscaped changed what was already in `out`";
  }
  const std::string_view inside = std::string_view(out).substr(kPrefix.size());
  if (inside.size() > 6 * b.size()) return "AppendJsonEscaped output over 6 bytes per byte";
  const std::optional<std::string> parsed = ParseJsonString(inside);
  if (!parsed) return "AppendJsonEscaped output is not valid JSON string content";
  if (!text::IsValidUtf8(*parsed)) return "AppendJsonEscaped output decodes to invalid UTF-8";
  if (IsValidUtf8(b) && *parsed != b) return "AppendJsonEscaped did not round-trip valid UTF-8";
  return "";
}

// Response::Error with the input cut into code, English and Chinese messages at 0x01 bytes.
inline std::string CheckErrorResponse(std::string_view b) {
  int status = 400;
  if (!b.empty()) {
    status = 100 + static_cast<unsigned char>(b[0]) * 2;  // 100..610
    b.remove_prefix(1);
  }
  std::string_view parts[3];
  for (int i = 0; i < 3; ++i) {
    const size_t cut = i == 2 ? std::string_view::npos : b.find('\x01');
    parts[i] = b.substr(0, cut);
    b = cut == std::string_view::npos ? std::string_view() : b.substr(cut + 1);
  }
  const Response r = Response::Error(status, parts[0], parts[1], parts[2]);
  if (r.status != status) return "Response::Error status differs";
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded()) return "Response::Error body is not valid JSON";
  if (!j.is_object() || j.size() != 1 || !j.contains("error") || !j["error"].is_object()) {
    return "Response::Error body is not {\"error\":{...}}";
  }
  const nlohmann::json& e = j["error"];
  if (!e.contains("status") || e["status"] != status) return "Response::Error wrong status";
  const char* keys[3] = {"code", "message", "message_zh"};
  for (int i = 0; i < 3; ++i) {
    if (!e.contains(keys[i]) || !e[keys[i]].is_string()) return "Response::Error missing a field";
    if (IsValidUtf8(parts[i]) && e[keys[i]].get<std::string>() != parts[i]) {
      return std::string("Response::Error changed the ") + keys[i];
    }
  }
  return "";
}

inline std::string CheckText(std::string_view b) {
  for (auto check : {CheckPercentDecode, CheckUtf8, CheckJsonEscaped, CheckErrorResponse}) {
    std::string why = check(b);
    if (!why.empty()) return why;
  }
  return "";
}

// ---- the router ----

inline Handler NoHandler() {
  return [](Request&) { return Response::Json(200, "{}"); };
}

// The shapes of the real API: literal and parameter at the same position, several methods
// on one path, parameters in the middle, many segments, the root.
inline const std::pair<const char*, const char*> kFuzzRoutes[] = {
    {"GET", "/api/v1/subjects/{code}"},
    {"GET", "/api/v1/subjects/search"},
    {"GET", "/api/v1/subjects/{code}/records"},
    {"GET", "/api/v1/batches/{id}"},
    {"DELETE", "/api/v1/batches/{id}"},
    {"POST", "/api/v1/batches/{id}/feedback"},
    {"GET", "/api/v1/search"},
    {"PUT", "/api/v1/catalog/{table}/fields/{field}"},
    {"GET", "/api/v1/{a}/{b}/{c}/{d}"},
    {"GET", "/"},
};

// A Router with the built-ins and kFuzzRoutes (for the live server).
inline Router MakeFuzzRouter() {
  Router r;
  for (const auto& [method, pattern] : kFuzzRoutes) r.Add(method, pattern, NoHandler(), {});
  return r;
}

// The same table as Router::Impl, for MatchRoute (Router keeps its Impl private). The
// patterns are well-formed, so splitting them here is simple.
inline const Router::Impl& FuzzRouterImpl() {
  static const Router::Impl* impl = [] {
    auto* t = new Router::Impl;
    AddBuiltinRoutes(*t);
    for (const auto& [method, pattern] : kFuzzRoutes) {
      Route r;
      r.method = method;
      r.pattern = pattern;
      std::string_view rest = std::string_view(r.pattern).substr(1);
      while (true) {
        const size_t slash = rest.find('/');
        std::string_view seg = rest.substr(0, slash);
        const bool param = !seg.empty() && seg.front() == '{';
        r.segments.emplace_back(param ? seg.substr(1, seg.size() - 2) : seg);
        r.is_param.push_back(param);
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
      }
      r.handler = NoHandler();
      t->routes.push_back(std::move(r));
    }
    return t;
  }();
  return *impl;
}

inline const char* const kMethods[] = {"GET",     "HEAD", "POST", "PUT",  "DELETE",
                                       "OPTIONS", "get",  "",     "PATCH"};

// The router's match for `target`, recomputed by brute force.
struct RefMatch {
  MatchKind kind = MatchKind::kNotFound;
  size_t index = SIZE_MAX;
  bool head_as_get = false;
  std::string allow;
  std::string path;
  std::vector<std::string> segments;
};

inline RefMatch RefMatchRoute(const Router::Impl& router, std::string_view method,
                              std::string_view target) {
  RefMatch m;
  m.kind = MatchKind::kBadTarget;
  if (target.empty() || target[0] != '/') return m;
  std::string_view raw_path = target.substr(0, target.find('?'));
  std::string_view raw_query =
      raw_path.size() == target.size() ? "" : target.substr(raw_path.size() + 1);
  raw_query = raw_query.substr(0, raw_query.find('#'));
  auto path = RefPercentDecode(raw_path, false);
  if (!path || !text::IsValidUtf8(*path) || path->find('\0') != std::string::npos) return m;
  while (!raw_query.empty()) {
    std::string_view piece = raw_query.substr(0, raw_query.find('&'));
    raw_query.remove_prefix(std::min(raw_query.size(), piece.size() + 1));
    const size_t eq = piece.find('=');
    auto key = RefPercentDecode(piece.substr(0, eq), true);
    auto value = RefPercentDecode(eq == std::string_view::npos ? "" : piece.substr(eq + 1), true);
    if (!key || !value || !text::IsValidUtf8(*key) || !text::IsValidUtf8(*value)) return m;
  }
  m.path = *path;
  for (std::string_view rest = raw_path.substr(1);;) {
    const size_t slash = rest.find('/');
    m.segments.push_back(*RefPercentDecode(rest.substr(0, slash), false));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  std::vector<bool> best_lits, best_head_lits;
  size_t best = SIZE_MAX, best_head = SIZE_MAX;
  std::vector<std::string> methods;
  for (size_t i = 0; i < router.routes.size(); ++i) {
    const Route& r = router.routes[i];
    if (r.segments.size() != m.segments.size()) continue;
    bool match = true;
    std::vector<bool> lits;
    for (size_t k = 0; k < r.segments.size() && match; ++k) {
      match = r.is_param[k] ? !m.segments[k].empty() : r.segments[k] == m.segments[k];
      lits.push_back(!r.is_param[k]);
    }
    if (!match) continue;
    // The most literal segments, compared left to right, win; the first added on a tie.
    if (r.method == method && (best == SIZE_MAX || lits > best_lits)) best = i, best_lits = lits;
    if (method == "HEAD" && r.method == "GET" && (best_head == SIZE_MAX || lits > best_head_lits)) {
      best_head = i, best_head_lits = lits;
    }
    methods.push_back(r.method);
    if (r.method == "GET") methods.push_back("HEAD");
  }
  if (best == SIZE_MAX && best_head != SIZE_MAX) best = best_head, m.head_as_get = true;
  if (best != SIZE_MAX) {
    m.kind = MatchKind::kFound;
    m.index = best;
    return m;
  }
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  for (const std::string& s : methods) m.allow += (m.allow.empty() ? "" : ", ") + s;
  m.kind = methods.empty() ? MatchKind::kNotFound : MatchKind::kMethodNotAllowed;
  return m;
}

// Input: the first byte picks the method, the rest is the request target.
inline std::string CheckMatch(const Router::Impl& router, std::string_view b) {
  std::string method = "GET";
  if (!b.empty()) {
    method = kMethods[static_cast<unsigned char>(b[0]) % std::size(kMethods)];
    b.remove_prefix(1);
  }
  Request req;
  req.method = method;
  req.target = std::string(b);
  size_t index = SIZE_MAX;
  bool head_as_get = true;
  std::string allow = "stale";
  const MatchKind kind = MatchRoute(router, req, &index, &head_as_get, &allow);
  const RefMatch want = RefMatchRoute(router, method, b);
  if (kind != want.kind) return "MatchRoute kind differs from the reference";
  if (kind == MatchKind::kBadTarget) return "";
  if (req.path != want.path) return "req.path differs from the decoded path";
  if (!IsValidUtf8(req.path) || req.path.find('\0') != std::string::npos) {
    return "req.path is not UTF-8 without NUL";
  }
  for (const auto& [k, v] : req.query) {
    if (!IsValidUtf8(k) || !IsValidUtf8(v)) return "a query key or value is not UTF-8";
  }
  if (kind == MatchKind::kMethodNotAllowed) {
    if (allow != want.allow) return "Allow differs from the reference: " + allow;
    return "";
  }
  if (kind == MatchKind::kNotFound) return "";
  if (index != want.index) return "MatchRoute picked another route than the reference";
  if (head_as_get != want.head_as_get) return "head_as_get differs from the reference";
  const Route& r = router.routes[index];
  if (req.route != r.pattern) return "req.route is not the pattern";
  size_t params = 0;
  for (size_t k = 0; k < r.segments.size(); ++k) {
    if (!r.is_param[k]) continue;
    ++params;
    auto it = req.params.find(r.segments[k]);
    if (it == req.params.end()) return "a path parameter is missing";
    if (it->second.empty()) return "an empty path parameter";
    if (!IsValidUtf8(it->second)) return "a path parameter is not UTF-8";
    if (it->second != want.segments[k]) return "a path parameter differs from its segment";
  }
  if (req.params.size() != params) return "extra path parameters";
  return "";
}

// Aborts (for libFuzzer) with what went wrong.
inline void DieIf(const std::string& why) {
  if (!why.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", why.c_str());
    std::abort();
  }
}

}  // namespace gongxin::http::fuzz
