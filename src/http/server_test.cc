// The server over real sockets: routing, bounds, keep-alive, workers, stop, signals,
// metrics, OpenAPI, static files and the access log.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/http.h"
#include "support/http_client.h"

namespace gongxin::http {
namespace {

// Set by the slow handler when it finishes.
std::atomic<bool> g_slow_done{false};

using gongxin::testing::HttpClient;
using gongxin::testing::HttpResponse;
using nlohmann::json;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

Router TestRouter() {
  Router router;
  RouteDoc subject;
  subject.summary = "One subject";
  subject.tag = "subjects";
  subject.roles = {"public", "regulator"};
  subject.params = {{"code", "path", "统一社会信用代码", true}};
  router.Add(
      "GET", "/api/v1/subjects/{code}",
      [](Request& req) {
        req.log_role = "public";
        json j = {{"code", req.params.at("code")}, {"path", req.path}};
        return Response::Json(200, j.dump());
      },
      subject);
  router.Add(
      "GET", "/api/v1/subjects/search",
      [](Request&) { return Response::Json(200, R"({"literal":true})"); }, RouteDoc{});
  router.Add(
      "GET", "/api/v1/search",
      [](Request& req) {
        json j = json::object();
        for (const auto& [k, v] : req.query) j[k] = v;
        j["has_missing"] = req.Query("missing").has_value();
        j["ua"] = req.Header("user-agent");
        return Response::Json(200, j.dump());
      },
      RouteDoc{});
  RouteDoc echo;
  echo.max_body = 1024;
  echo.request_types = {"text/plain"};
  router.Add(
      "POST", "/api/v1/echo", [](Request& req) { return Response::Text(200, req.body); }, echo);
  router.Add(
      "GET", "/api/v1/whoami", [](Request& req) { return Response::Text(200, req.remote); },
      RouteDoc{});
  router.Add(
      "GET", "/api/v1/throw", [](Request&) -> Response { throw std::runtime_error("boom"); },
      RouteDoc{});
  router.Add(
      "GET", "/api/v1/slow",
      [](Request&) {
        std::this_thread::sleep_for(1500ms);
        g_slow_done = true;
        return Response::Text(200, "slow done");
      },
      RouteDoc{});
  router.Add(
      "GET", "/api/v1/status",
      [](Request&) { return Response::FromStatus(Status::NotFound("no such", "没有")); },
      RouteDoc{});
  return router;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("gongxin_http_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "www" / "assets");
    std::ofstream(dir_ / "www" / "index.html") << "<!doctype html><title>公信</title>";
    std::ofstream(dir_ / "www" / "assets" / "app.js") << "console.log('hi');";
    std::ofstream(dir_ / "www" / "assets" / "style.css") << "body{}";
    std::ofstream(dir_ / "www" / "logo.svg") << "<svg/>";
    std::ofstream(dir_ / "secret.txt") << "TOP SECRET";
    options_.port = 0;
    options_.read_timeout = 1s;
    options_.static_dir = (dir_ / "www").string();
    options_.access_log_path = (dir_ / "access.log").string();
    options_.shutdown_grace = 5s;
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }
  void StartServer() {
    auto s = Server::Start(options_, TestRouter());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(s).value();
  }
  HttpClient Client() { return HttpClient("127.0.0.1", server_->port()); }

  fs::path dir_;
  ServerOptions options_;
  std::unique_ptr<Server> server_;
};

void ExpectError(const HttpResponse& r, int status, std::string_view code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  auto j = json::parse(r.body, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.body;
  EXPECT_EQ(j["error"]["status"], status);
  EXPECT_EQ(j["error"]["code"], code);
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  EXPECT_FALSE(j["error"]["message_zh"].get<std::string>().empty());
}

TEST_F(HttpServerTest, HealthzAndStandardHeaders) {
  StartServer();
  HttpClient c = Client();
  HttpResponse r = c.Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  EXPECT_EQ(r.Header("server"), "gongxin");
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_FALSE(r.Header("x-request-id").empty());
  EXPECT_NE(c.Get("/healthz").Header("x-request-id"), r.Header("x-request-id"));
}

TEST_F(HttpServerTest, PathParamsArePercentDecodedUtf8) {
  StartServer();
  HttpClient c = Client();
  HttpResponse r = c.Get("/api/v1/subjects/%E5%B9%BF");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["code"], "广");
  EXPECT_EQ(j["path"], "/api/v1/subjects/广");
  // %2F stays inside the segment.
  EXPECT_EQ(json::parse(c.Get("/api/v1/subjects/a%2Fb").body)["code"], "a/b");
  // A literal segment wins over a parameter.
  EXPECT_EQ(c.Get("/api/v1/subjects/search").body, R"({"literal":true})");
  // Malformed escapes and invalid UTF-8 are rejected.
  ExpectError(c.Get("/api/v1/subjects/%zz"), 400, "bad_request");
  ExpectError(c.Get("/api/v1/subjects/%FF%FE"), 400, "bad_request");
}

TEST_F(HttpServerTest, QueryParsing) {
  StartServer();
  HttpClient c = Client();
  HttpResponse r = c.Get("/api/v1/search?q=%E8%85%BE&limit=5&x=1&x=2&sp=a+b%2Bc&flag",
                         {{"User-Agent", "gtest"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["q"], "腾");
  EXPECT_EQ(j["limit"], "5");
  EXPECT_EQ(j["x"], "2");  // last value wins
  EXPECT_EQ(j["sp"], "a b+c");
  EXPECT_EQ(j["flag"], "");
  EXPECT_EQ(j["has_missing"], false);
  EXPECT_EQ(j["ua"], "gtest");
}

TEST_F(HttpServerTest, NotFoundAndMethodNotAllowed) {
  StartServer();
  HttpClient c = Client();
  ExpectError(c.Get("/api/v1/nope"), 404, "not_found");
  HttpResponse r = c.Post("/healthz", "", "text/plain");
  ExpectError(r, 405, "method_not_allowed");
  EXPECT_EQ(r.Header("allow"), "GET, HEAD");
  ExpectError(c.Get("/api/v1/echo"), 405, "method_not_allowed");
  EXPECT_EQ(c.Get("/api/v1/echo").Header("allow"), "POST");
  ExpectError(c.Get("/api/v1/status"), 404, "not_found");  // FromStatus
  EXPECT_EQ(c.connections_opened(), 1);                    // errors keep the connection
}

TEST_F(HttpServerTest, BodyBounds) {
  StartServer();
  HttpClient c = Client();
  EXPECT_EQ(c.Post("/api/v1/echo", "hello 你好", "text/plain").body, "hello 你好");
  ExpectError(c.Post("/api/v1/echo", std::string(2000, 'x'), "text/plain"), 413,
              "payload_too_large");
  // Answered from Content-Length alone, before the body arrives.
  std::string raw = c.RawExchange(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\nabc", 3s);
  EXPECT_NE(raw.find("HTTP/1.1 413"), std::string::npos) << raw;
  EXPECT_NE(raw.find("payload_too_large"), std::string::npos);
  // Chunked bodies are bounded as they arrive.
  std::string chunk(800, 'y');
  raw = c.RawExchange(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "320\r\n" +
          chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n",
      3s);
  EXPECT_NE(raw.find("HTTP/1.1 413"), std::string::npos) << raw;
  // Expect: 100-continue gets its interim answer.
  raw = c.RawExchange(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n"
      "Connection: close\r\n\r\nok",
      3s);
  EXPECT_EQ(raw.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK", 0), 0u) << raw;
}

TEST_F(HttpServerTest, HeaderTooLargeIs431) {
  StartServer();
  HttpClient c = Client();
  HttpResponse r = c.Get("/healthz", {{"X-Big", std::string(20000, 'a')}});
  ExpectError(r, 431, "header_too_large");
  EXPECT_EQ(c.Get("/healthz").status, 200);  // reconnects
}

TEST_F(HttpServerTest, MalformedRequestIs400) {
  StartServer();
  HttpClient c = Client();
  std::string raw = c.RawExchange("GARBAGE\r\n\r\n", 3s);
  EXPECT_EQ(raw.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << raw;
  EXPECT_NE(raw.find("\"message_zh\""), std::string::npos);
  raw = c.RawExchange("GET /healthz HTTP/1.1\r\nBad Header Line\r\n\r\n", 3s);
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
  raw = c.RawExchange("GET http://example.com/healthz HTTP/1.1\r\nHost: x\r\n\r\n", 3s);
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
}

TEST_F(HttpServerTest, ReadTimeoutOnPartialRequestIs408) {
  StartServer();  // read_timeout 1 s
  HttpClient c = Client();
  auto start = std::chrono::steady_clock::now();
  std::string raw = c.RawExchange("GET /healthz HTTP/1.1\r\nHost: x\r\n", 5s);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(raw.rfind("HTTP/1.1 408", 0), 0u) << raw;
  EXPECT_NE(raw.find("request_timeout"), std::string::npos);
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 4s);
}

TEST_F(HttpServerTest, IdleTimeoutClosesSilently) {
  options_.idle_timeout = 1s;
  StartServer();
  HttpClient c = Client();
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(c.RawExchange("", 5s), "");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  HttpClient c = Client();
  std::string first = c.Get("/api/v1/whoami").body;
  EXPECT_EQ(first, "127.0.0.1:" + std::to_string(c.local_port()));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.Get("/api/v1/whoami").body, first);
  EXPECT_EQ(c.Get("/healthz").status, 200);
  EXPECT_EQ(c.connections_opened(), 1);
}

TEST_F(HttpServerTest, ConnectionCloseAndHttp10) {
  StartServer();
  HttpClient c = Client();
  HttpResponse r = c.Get("/api/v1/whoami", {{"Connection", "close"}});
  EXPECT_EQ(r.Header("connection"), "close");
  std::string port1 = r.body;
  EXPECT_NE(c.Get("/api/v1/whoami").body, port1);  // a new connection
  EXPECT_EQ(c.connections_opened(), 2);

  // The server closes: RawExchange returns long before its timeout.
  auto start = std::chrono::steady_clock::now();
  std::string raw = c.RawExchange("GET /healthz HTTP/1.0\r\n\r\n", 5s);
  EXPECT_EQ(raw.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << raw;
  EXPECT_NE(raw.find("Connection: close"), std::string::npos);
  raw = c.RawExchange("GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 5s);
  EXPECT_EQ(raw.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << raw;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  // HTTP/1.0 with keep-alive is kept alive.
  raw = c.RawExchange("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 300ms);
  EXPECT_NE(raw.find("Connection: keep-alive"), std::string::npos) << raw;
}

TEST_F(HttpServerTest, PipelinedRequestsAnsweredInOrder) {
  StartServer();
  HttpClient c = Client();
  std::string raw = c.RawExchange(
      "GET /api/v1/subjects/one HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/nope HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/subjects/two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      5s);
  size_t a = raw.find(R"("code":"one")");
  size_t b = raw.find("404 Not Found");
  size_t d = raw.find(R"("code":"two")");
  ASSERT_NE(a, std::string::npos) << raw;
  ASSERT_NE(b, std::string::npos) << raw;
  ASSERT_NE(d, std::string::npos) << raw;
  EXPECT_LT(a, b);
  EXPECT_LT(b, d);
}

TEST_F(HttpServerTest, HandlerExceptionIs500AndServerKeepsRunning) {
  StartServer();
  HttpClient c = Client();
  ExpectError(c.Get("/api/v1/throw"), 500, "internal");
  EXPECT_EQ(c.Get("/healthz").status, 200);
  EXPECT_EQ(c.Get("/api/v1/subjects/x").status, 200);
}

TEST_F(HttpServerTest, SlowHandlerDoesNotBlockOtherConnections) {
  StartServer();  // two workers
  g_slow_done = false;
  std::thread slow([&] { EXPECT_EQ(Client().Get("/api/v1/slow").body, "slow done"); });
  std::this_thread::sleep_for(100ms);
  HttpClient c = Client();
  EXPECT_EQ(c.Get("/healthz").status, 200);
  EXPECT_EQ(c.Get("/api/v1/subjects/x").status, 200);  // on the other worker
  EXPECT_FALSE(g_slow_done.load()) << "answered only after the slow handler finished";
  slow.join();
}

TEST_F(HttpServerTest, InlineHandlersWithoutWorkers) {
  options_.worker_threads = 0;
  StartServer();
  HttpClient c = Client();
  EXPECT_EQ(c.Get("/api/v1/subjects/x").status, 200);
  ExpectError(c.Get("/api/v1/throw"), 500, "internal");
  EXPECT_EQ(c.Get("/metrics").status, 200);
}

TEST_F(HttpServerTest, GracefulStopLetsInFlightRequestFinish) {
  StartServer();
  const uint16_t port = server_->port();
  HttpClient idle = Client();
  EXPECT_EQ(idle.Get("/healthz").status, 200);  // an idle keep-alive connection
  HttpResponse slow_response;
  std::thread slow([&] { slow_response = HttpClient("127.0.0.1", port).Get("/api/v1/slow"); });
  std::this_thread::sleep_for(300ms);
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  auto took = std::chrono::steady_clock::now() - start;
  slow.join();
  EXPECT_EQ(slow_response.status, 200);
  EXPECT_EQ(slow_response.body, "slow done");
  EXPECT_EQ(slow_response.Header("connection"), "close");
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 4s);
  server_->Stop();  // idempotent
  HttpResponse after = HttpClient("127.0.0.1", port, 1s).Get("/healthz");
  EXPECT_EQ(after.status, 0);  // nobody listens
}

TEST_F(HttpServerTest, StopFromAHandlerAndFromAnotherThread) {
  Router router;
  Server* self = nullptr;
  router.Add(
      "POST", "/stop",
      [&](Request&) {
        self->Stop();  // returns at once on a server thread
        return Response::Json(200, "{}");
      },
      RouteDoc{});
  auto s = Server::Start(options_, router);
  ASSERT_TRUE(s.ok());
  self = s->get();
  std::thread waiter([&] { self->Wait(false); });
  EXPECT_EQ(HttpClient("127.0.0.1", self->port()).Post("/stop", "", "").status, 200);
  waiter.join();
  s->reset();
}

TEST_F(HttpServerTest, SigtermStopsGracefully) {
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::execl(GONGXIN_HTTP_SIGNAL_TEST_BIN, GONGXIN_HTTP_SIGNAL_TEST_BIN, nullptr);
    ::_exit(127);
  }
  ::close(out[1]);
  FILE* child_out = ::fdopen(out[0], "r");
  unsigned port = 0;
  ASSERT_EQ(std::fscanf(child_out, "%u", &port), 1);
  HttpResponse slow;
  std::thread t([&] { slow = HttpClient("127.0.0.1", static_cast<uint16_t>(port)).Get("/slow"); });
  std::this_thread::sleep_for(400ms);
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  t.join();
  EXPECT_EQ(slow.status, 200);
  EXPECT_EQ(slow.body, "done");
  int wstatus = 0;
  ASSERT_EQ(::waitpid(pid, &wstatus, 0), pid);
  EXPECT_TRUE(WIFEXITED(wstatus)) << wstatus;
  EXPECT_EQ(WEXITSTATUS(wstatus), 0);
  char line[64] = {};
  ASSERT_EQ(std::fscanf(child_out, "%63s", line), 1);
  EXPECT_STREQ(line, "stopped");
  std::fclose(child_out);
}

TEST_F(HttpServerTest, MetricsArePrometheusText) {
  StartServer();
  double subjects = 42;
  server_->AddGauge("gongxin_subjects", "Subjects in the archive", [&] { return subjects; });
  HttpClient c = Client();
  for (int i = 0; i < 3; ++i) c.Get("/healthz");
  c.Get("/api/v1/subjects/%E5%B9%BF");
  c.Get("/api/v1/nope");
  HttpResponse r = c.Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& m = r.body;
  EXPECT_NE(m.find(R"(gongxin_http_requests_total{method="GET",route="/healthz",status="200"} 3)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find(R"(gongxin_http_requests_total{method="GET",route="/api/v1/subjects/{code}",)"
                   R"(status="200"} 1)"),
            std::string::npos);
  EXPECT_NE(m.find("route=\"(unmatched)\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(m.find(R"(gongxin_http_request_duration_seconds_bucket{method="GET",)"
                   R"(route="/healthz",le="+Inf"} 3)"),
            std::string::npos);
  EXPECT_NE(
      m.find("gongxin_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 3"),
      std::string::npos);
  EXPECT_NE(m.find("gongxin_http_in_flight 1\n"), std::string::npos);  // this very request
  EXPECT_NE(m.find("gongxin_http_connections_open "), std::string::npos);
  EXPECT_NE(m.find("# TYPE gongxin_subjects gauge\ngongxin_subjects 42\n"), std::string::npos);

  // Every line is a comment or a sample; every sample's family was declared.
  std::regex sample(
      R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? )"
      R"((-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$)");
  std::regex type_line(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$)");
  std::set<std::string> declared;
  std::istringstream in(m);
  std::string line;
  int samples = 0;
  while (std::getline(in, line)) {
    std::smatch match;
    if (std::regex_match(line, match, type_line)) {
      declared.insert(match[1]);
    } else if (line.rfind("# HELP ", 0) == 0) {
      continue;
    } else {
      ASSERT_TRUE(std::regex_match(line, match, sample)) << line;
      std::string family = match[1];
      for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        if (!declared.count(family) && family.size() > strlen(suffix) &&
            family.compare(family.size() - strlen(suffix), std::string::npos, suffix) == 0) {
          family.resize(family.size() - strlen(suffix));
        }
      }
      EXPECT_TRUE(declared.count(family)) << line;
      ++samples;
    }
  }
  EXPECT_GT(samples, 20);
}

TEST_F(HttpServerTest, OpenApiDescribesEveryRoute) {
  StartServer();
  HttpResponse r = Client().Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto j = json::parse(r.body);
  EXPECT_EQ(j["info"]["title"], "Gongxin API");
  for (const char* path :
       {"/healthz", "/metrics", "/api/v1/openapi.json", "/api/v1/subjects/{code}",
        "/api/v1/subjects/search", "/api/v1/search", "/api/v1/echo", "/api/v1/whoami"}) {
    EXPECT_TRUE(j["paths"].contains(path)) << path;
  }
  auto& get = j["paths"]["/api/v1/subjects/{code}"]["get"];
  EXPECT_EQ(get["x-roles"], json({"public", "regulator"}));
  EXPECT_EQ(get["parameters"][0]["name"], "code");
  EXPECT_EQ(get["parameters"][0]["description"], "统一社会信用代码");
  EXPECT_TRUE(j["paths"]["/api/v1/echo"]["post"].contains("requestBody"));
}

TEST_F(HttpServerTest, StaticFiles) {
  StartServer();
  HttpClient c = Client();
  HttpResponse r = c.Get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("cache-control"), "no-cache");
  EXPECT_NE(r.body.find("公信"), std::string::npos);
  r = c.Get("/assets/app.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.Header("cache-control"), "public, max-age=3600");
  EXPECT_EQ(c.Get("/assets/style.css").Header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(c.Get("/logo.svg").Header("content-type"), "image/svg+xml");
  // HEAD: the length, no body.
  r = c.Send("HEAD", "/assets/app.js", "", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-length"), "18");
  EXPECT_EQ(c.Get("/healthz").status, 200);  // the connection is still in sync
  ExpectError(c.Get("/missing.html"), 404, "not_found");
  // API paths never fall back to files.
  ExpectError(c.Get("/api/v1/index.html"), 404, "not_found");

  // Traversal, raw and encoded: nothing outside the directory.
  for (const char* target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
        "/assets/%2E%2E/%2E%2E/secret.txt", "/..%5csecret.txt", "/./index.html"}) {
    std::string raw = c.RawExchange(
        std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3s);
    EXPECT_EQ(raw.find("TOP SECRET"), std::string::npos) << target;
    EXPECT_EQ(raw.rfind("HTTP/1.1 200", 0), std::string::npos) << target << raw;
  }
  // A symlink out of the directory is not followed.
  fs::create_symlink(dir_ / "secret.txt", dir_ / "www" / "link.txt");
  EXPECT_EQ(c.Get("/link.txt").status, 404);
}

TEST_F(HttpServerTest, AccessLogLinesAreJson) {
  StartServer();
  HttpClient c = Client();
  c.Get("/api/v1/subjects/%E5%B9%BF");
  c.Get("/api/v1/nope");
  c.RawExchange("GARBAGE\r\n\r\n", 2s);
  server_->Stop();  // flushes
  std::ifstream in(dir_ / "access.log");
  std::string line;
  std::vector<json> lines;
  while (std::getline(in, line)) {
    auto j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    lines.push_back(j);
  }
  ASSERT_EQ(lines.size(), 3u);
  const json& first = lines[0];
  for (const char* key :
       {"ts", "request_id", "remote", "method", "path", "route", "status", "bytes", "ms", "role"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_EQ(first["path"], "/api/v1/subjects/广");
  EXPECT_EQ(first["route"], "/api/v1/subjects/{code}");
  EXPECT_EQ(first["status"], 200);
  EXPECT_EQ(first["role"], "public");
  EXPECT_GT(first["bytes"].get<int>(), 0);
  EXPECT_TRUE(std::regex_match(first["ts"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  EXPECT_EQ(lines[1]["status"], 404);
  EXPECT_EQ(lines[2]["status"], 400);
}

TEST_F(HttpServerTest, StartFailsOnBusyPort) {
  StartServer();
  ServerOptions o = options_;
  o.port = server_->port();
  auto second = Server::Start(o, Router());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kIOError);
}

}  // namespace
}  // namespace gongxin::http
