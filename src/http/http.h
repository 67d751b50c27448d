// http: a small asynchronous HTTP/1.1 server (Boost.Beast underneath, never in this header).
//
// Generic: no domain code. The application builds a Router of (method, pattern) → Handler
// with a RouteDoc each, then Server::Start serves it. Built-in routes: GET /healthz,
// GET /metrics (Prometheus text 0.0.4) and GET /api/v1/openapi.json (OpenAPI 3.0 of every
// route). Handlers run on worker threads (they may block on the database), never on the
// socket threads, unless ServerOptions::worker_threads == 0.
//
// Every response carries Content-Type, X-Request-Id and "Server: gongxin". Every error the
// library produces has the shape of Response::Error, in English and Chinese.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/status.h"

namespace gongxin::http {

struct Request {
  std::string method;  // "GET", "POST", ... as sent (HEAD served by a GET route stays "HEAD")
  std::string target;  // as sent, e.g. "/api/v1/search?q=%E8%85%BE&limit=5"
  std::string path;    // percent-decoded path, no query; valid UTF-8
  std::map<std::string, std::string> query;   // percent-decoded ('+' = space), last value wins
  std::map<std::string, std::string> params;  // path parameters from the route pattern
  std::string body;
  std::string remote;      // "ip:port" of the peer
  std::string request_id;  // generated per request, echoed as X-Request-Id
  std::string route;       // the matched pattern, e.g. "/api/v1/subjects/{code}"
  // Request headers in arrival order, names as sent.
  std::vector<std::pair<std::string, std::string>> headers;

  // The first header of that name, compared case-insensitively; "" if absent.
  std::string Header(std::string_view name) const;
  // The decoded query value of that name; nullopt if the parameter is absent.
  std::optional<std::string> Query(std::string_view name) const;

  // Filled by the handler for the access log, optional (e.g. "public").
  mutable std::string log_role;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // Extra headers. CR and LF in names or values are replaced by spaces when sent.
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(int status, std::string json_text);
  static Response Text(int status, std::string text,
                       std::string content_type = "text/plain; charset=utf-8");
  // {"error":{"status":404,"code":"not_found","message":"...","message_zh":"..."}}
  static Response Error(int status, std::string_view code, std::string_view message_en,
                        std::string_view message_zh);
  // Maps the code to HTTP: InvalidArgument 400, PermissionDenied 403, NotFound 404,
  // AlreadyExists 409, FailedPrecondition 409, ResourceExhausted 413, anything else 500.
  // The error code is StatusCodeName(); a missing Chinese message gets a generic one.
  // Precondition: !s.ok().
  static Response FromStatus(const Status& s);
};

using Handler = std::function<Response(Request&)>;

struct Param {
  std::string name, in /*"path"|"query"|"header"*/, description;
  bool required = false;        // path parameters are always required
  std::string type = "string";  // OpenAPI schema type: string, integer, number, boolean
};

struct RouteDoc {
  std::string summary, description, tag;
  std::vector<std::string> roles;          // who may call it (documentation; x-roles)
  std::vector<Param> params;               // path params missing here are added
  std::vector<std::string> request_types;  // request body media types, e.g. "text/csv"
  std::map<int, std::string> responses;    // status → description; empty: 200 "OK"
  std::string response_type = "application/json";
  size_t max_body = 1 << 20;  // per-route request body bound (bytes), below the hard cap
};

class Router {
 public:
  // Holds the built-in routes (/healthz, /metrics, /api/v1/openapi.json) from the start.
  Router();
  Router(const Router&);
  Router(Router&&) noexcept;
  Router& operator=(const Router&);
  Router& operator=(Router&&) noexcept;
  ~Router();

  // pattern: "/api/v1/subjects/{code}" ({name} matches one whole, non-empty path segment,
  // percent-decoded). A literal segment wins over a parameter at the same position.
  // Adding the same method+pattern twice, or a malformed pattern, is a programmer error.
  void Add(std::string method, std::string pattern, Handler handler, RouteDoc doc);

  // The OpenAPI 3.0 document of every route (including the built-in ones) as JSON text.
  std::string OpenApiJson(std::string_view title, std::string_view version) const;

  struct Impl;  // internal; shared with the server

 private:
  friend class Server;
  std::unique_ptr<Impl> impl_;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;    // 0: any free port (see Server::port())
  int io_threads = 1;      // Asio threads for sockets
  int worker_threads = 2;  // handlers run here; 0: handlers run inline on the I/O threads
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 64 << 20;  // hard cap; a route's RouteDoc.max_body applies below it
  std::chrono::seconds read_timeout{30}, write_timeout{30}, idle_timeout{60}, shutdown_grace{10};
  // If set: GET/HEAD of any path outside /api/ that no route matches serves files from here
  // ("/" and directories → index.html); nothing outside it is reachable.
  std::string static_dir;
  std::string access_log_path;  // "" → stderr; "-" → stdout; "off" → none
  std::string title = "Gongxin API", version = "0.1.0";  // for openapi
  const Clock* clock = nullptr;  // timestamps of the access log; nullptr → SystemClock
};

class Server {
 public:
  // Binds and starts serving in background threads; returns once the port is bound.
  // IOError if the address cannot be bound (or the static_dir / access log cannot be opened).
  static Result<std::unique_ptr<Server>> Start(ServerOptions options, Router router);

  uint16_t port() const;

  // An extra gauge for /metrics, e.g.
  // AddGauge("gongxin_subjects", "Subjects in the archive", [&]{ return n; }).
  // `value` is called at every scrape, on a worker (an I/O thread if worker_threads == 0).
  // The name must be a valid Prometheus metric name (programmer error otherwise).
  void AddGauge(std::string name, std::string help, std::function<double()> value);

  // Graceful stop: stop accepting, close idle keep-alive connections, let in-flight requests
  // finish (their connections close after the response), force-close what is left after
  // shutdown_grace, join the threads (a handler still running is waited for), flush the
  // access log. Idempotent; safe from any thread, including a handler (then it returns at
  // once and the stop completes on a helper thread).
  void Stop();

  // Blocks until stopped. With handle_signals, SIGTERM and SIGINT call Stop().
  void Wait(bool handle_signals = true);

  ~Server();  // Stop() + join

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Percent-decodes `in`; '+' becomes a space iff plus_is_space. nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space);

// True iff `s` is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Appends `s` to `out` as the inside of a JSON string; invalid UTF-8 becomes U+FFFD.
void AppendJsonEscaped(std::string& out, std::string_view s);

}  // namespace gongxin::http
