// http_fuzz_smoke: a deterministic stand-in for the fuzzers that runs in every build.
//
// * Text, Router: thousands of inputs mutated from the seed corpus (fixed seed, so failures
//   reproduce) through the invariants of checks.h, as the libFuzzer targets check them.
// * LiveServer: a real Server on a free port gets a few hundred malformed and mutated raw
//   requests; every answer must be well-formed HTTP with a 2xx or 4xx status (or no answer:
//   a closed or waiting connection), handlers must only ever see UTF-8 paths, parameters
//   and query values, and /healthz must still answer 200 after each batch.
// A failing input is written to the temp folder for replay with the libFuzzer target.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http/fuzz/checks.h"
#include "http/http.h"
#include "support/http_client.h"
#include "support/mutator.h"

namespace gongxin::http::fuzz {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::vector<std::string> Seeds(const std::string& dir) {
  return gongxin::testing::ReadCorpus(std::string(GONGXIN_HTTP_CORPUS_DIR) + "/" + dir);
}

// Bytes that matter to targets, escapes, UTF-8 and HTTP/1.1 framing.
const char* const kTokens[] = {"%",
                               "%0",
                               "%00",
                               "%2F",
                               "%2f",
                               "%zz",
                               "%C0%AF",
                               "%ED%A0%80",
                               "%F4%90%80%80",
                               "%E8%85%BE",
                               "%E8%85",
                               "+",
                               "?",
                               "&",
                               "=",
                               "#",
                               "/",
                               "//",
                               "/..",
                               "{code}",
                               "search",
                               "\xFF",
                               "\x80",
                               "\xC0\xAF",
                               "\xED\xA0\x80",
                               "\xE8\x85\xBE",
                               "\x00",
                               "\"",
                               "\\",
                               "\r\n",
                               "\r\n\r\n",
                               "\n",
                               " ",
                               "\t",
                               ":",
                               "HTTP/1.0",
                               "HTTP/1.1",
                               "Transfer-Encoding: chunked\r\n",
                               "Content-Length: 5\r\n",
                               "Content-Length: -1\r\n",
                               "Content-Length: 99999999999999999999\r\n",
                               "Expect: 100-continue\r\n",
                               "Connection: keep-alive\r\n",
                               "ffffffffffffffffff\r\n",
                               "0\r\n\r\n",
                               "5;ext=1\r\nhello\r\n"};

void RunCorpus(const std::string& corpus, int iterations, uint32_t seed,
               const std::function<std::string(std::string_view)>& check) {
  gongxin::testing::Mutator mutator(seed, gongxin::testing::TokenList(kTokens), 8192);
  gongxin::testing::RunMutations("http-smoke-" + corpus, Seeds(corpus), mutator, iterations, check);
}

TEST(HttpFuzzSmoke, Text) { RunCorpus("text", 20000, 1, CheckText); }

TEST(HttpFuzzSmoke, Router) {
  RunCorpus("router", 20000, 2, [](std::string_view b) { return CheckMatch(FuzzRouterImpl(), b); });
}

// ---- the live server ----

// What a handler may see: UTF-8 paths without NUL, non-empty UTF-8 parameters, UTF-8
// query keys and values. Anything else answers 500, which fails the test.
Response Checked(Request& req) {
  std::string why;
  if (!IsValidUtf8(req.path) || req.path.find('\0') != std::string::npos) {
    why = "path is not UTF-8 without NUL";
  }
  for (const auto& [k, v] : req.params) {
    if (v.empty() || !IsValidUtf8(v)) why = "parameter " + k + " is empty or not UTF-8";
  }
  for (const auto& [k, v] : req.query) {
    if (!IsValidUtf8(k) || !IsValidUtf8(v)) why = "query is not UTF-8";
  }
  if (!why.empty()) return Response::Error(500, "handler_saw_bad_input", why, why);
  nlohmann::json j;
  j["path"] = req.path;
  j["route"] = req.route;
  j["params"] = req.params;
  j["query"] = req.query;
  j["body_bytes"] = req.body.size();
  return Response::Json(200, j.dump());
}

// Splits `raw` into responses; "" if every one is well-formed with an allowed status.
std::string CheckAnswers(std::string_view raw, std::vector<int>* statuses) {
  size_t pos = 0;
  bool interim = false;
  while (pos < raw.size()) {
    const size_t end = raw.find("\r\n\r\n", pos);
    if (end == std::string_view::npos) return "a response head without its blank line";
    const std::string_view head = raw.substr(pos, end - pos);
    pos = end + 4;
    if (head.size() < 13 || head.substr(0, 9) != "HTTP/1.1 " || head[12] != ' ') {
      return "bad status line";
    }
    const std::string_view code = head.substr(9, 3);
    if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return "non-numeric status";
    }
    const int status = std::stoi(std::string(code));
    statuses->push_back(status);
    if (status == 100) {
      interim = true;
      continue;
    }
    interim = false;
    if (!(status >= 200 && status < 300) && !(status >= 400 && status < 500)) {
      return "status " + std::to_string(status);
    }
    long long length = -1;
    bool json = false, server = false, request_id = false;
    for (size_t line = head.find("\r\n"); line != std::string_view::npos;) {
      const size_t next = head.find("\r\n", line + 2);
      const std::string_view field = head.substr(line + 2, next - (line + 2));
      line = next;
      const size_t colon = field.find(':');
      if (colon == std::string_view::npos) return "a header line without a colon";
      std::string name(field.substr(0, colon));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      std::string_view value = field.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (name == "content-length") length = std::stoll(std::string(value));
      if (name == "content-type") json = value.find("json") != std::string_view::npos;
      if (name == "server") server = value == "gongxin";
      if (name == "x-request-id") request_id = !value.empty();
    }
    if (!server || !request_id) return "Server or X-Request-Id missing";
    if (length < 0) return "no Content-Length";
    // A HEAD answer has no body: the next response (if any) follows at once.
    if (raw.substr(pos, 7) == "HTTP/1." || pos == raw.size()) continue;
    if (raw.size() - pos < static_cast<size_t>(length)) return "body shorter than Content-Length";
    const std::string_view body = raw.substr(pos, static_cast<size_t>(length));
    pos += static_cast<size_t>(length);
    if (json && !body.empty() && nlohmann::json::parse(body, nullptr, false).is_discarded()) {
      return "JSON body does not parse";
    }
  }
  if (interim) return "100 Continue without a final response";
  return "";
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Hand-written hostile requests; each also seeds the mutations.
std::vector<std::string> HostileRequests() {
  const std::string close = "Connection: close\r\n";
  const std::string post = "POST /api/v1/batches/42/feedback HTTP/1.1\r\nHost: x\r\n" + close;
  const std::string chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
  std::vector<std::string> r = {
      // valid ones, as seeds
      "GET /healthz HTTP/1.1\r\nHost: x\r\n" + close + "\r\n",
      "GET /api/v1/subjects/91440300MA5ABCDE1X HTTP/1.1\r\nHost: x\r\n" + close + "\r\n",
      "GET /api/v1/search?q=%E8%85%BE%E8%AE%AF+%E7%A7%91%E6%8A%80&limit=5 HTTP/1.1\r\n" + close +
          "\r\n",
      post + "Content-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}",
      chunked + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\n",
      "GET /api/v1/search?q=a+b HTTP/1.0\r\n\r\n",
      "HEAD /api/v1/subjects/x HTTP/1.1\r\n" + close + "\r\n",
      "GET /healthz HTTP/1.1\r\n\r\nGET /api/v1/subjects/%E8%85%BE HTTP/1.1\r\n\r\nGET "
      "/healthz HTTP/1.1\r\n" +
          close + "\r\n",
      post + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n{}",
      // request lines
      std::string("\x00\x01\x02\x03\r\n\r\n", 8),
      "GET\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      " / HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET  /healthz HTTP/1.1\r\n\r\n",
      "get /healthz HTTP/1.1\r\n" + close + "\r\n",
      std::string(5000, 'G') + " / HTTP/1.1\r\n\r\n",
      "GET * HTTP/1.1\r\n" + close + "\r\n",
      "GET http://h/healthz HTTP/1.1\r\n" + close + "\r\n",
      "DELETE /healthz HTTP/1.1\r\n" + close + "\r\n",
      "POST /api/v1/subjects/x HTTP/1.1\r\nContent-Length: 0\r\n" + close + "\r\n",
      "GET /healthz HTTP/1.1\nConnection: close\n\n",
      "\r\r\r\r",
      "\r\n\r\n\r\n",
      std::string("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", 11),
      "GET /healthz HTTP/1.1\r\n" + close + "\r\nGARBAGE\r\n\r\n",
      // targets
      std::string("GET /api/v1/subjects/a\0b HTTP/1.1\r\n", 35) + close + "\r\n",
      "GET /api/v1/subjects/% HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/%zz HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/%C0%AF HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/%ED%A0%80 HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/%F4%90%80%80 HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/%E8%85 HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/\xFF HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/\xE8\x85\xBE\xE8\xAE\xAF HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/%00 HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/a%2Fb HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/search?q=%00 HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/search?q=%FF HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/search?%C0%AF=1 HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/search?q=" + std::string(15000, 'a') + " HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/search?q=" + std::string(40000, 'a') + " HTTP/1.1\r\n" + close + "\r\n",
      "GET " + Repeat("/a", 3000) + " HTTP/1.1\r\n" + close + "\r\n",
      "GET /api/v1/subjects/" + Repeat("%E8%85%BE", 1500) + " HTTP/1.1\r\n" + close + "\r\n",
      // headers
      "GET /healthz HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n",
      "GET /healthz HTTP/1.1\r\n" + Repeat("X-A: b\r\n", 2000) + "\r\n",
      "GET /healthz HTTP/1.1\r\nNoColon\r\n\r\n",
      std::string("GET /healthz HTTP/1.1\r\nX-Nul: a\0b\r\n\r\n", 37),
      "GET /healthz HTTP/1.1\r\nX-Fold: a\r\n b\r\n" + close + "\r\n",
      "GET /healthz HTTP/1.1\r\nX-Utf8: \xC0\xAF\xFF\r\n" + close + "\r\n",
      "GET /healthz HTTP/1.1\r\n: empty-name\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nX A: b\r\n\r\n",
      // bodies and chunked encodings
      chunked + "zz\r\nhello\r\n0\r\n\r\n",
      chunked + "ffffffffffffffffff\r\nhello\r\n0\r\n\r\n",
      chunked + "5\r\nhelloX0\r\n\r\n",
      chunked + "5;" + std::string(10000, 'e') + "\r\nhello\r\n0\r\n\r\n",
      chunked + Repeat("400\r\n" + std::string(1024, 'x') + "\r\n", 10) + "0\r\n\r\n",
      chunked + "-5\r\nhello\r\n0\r\n\r\n",
      chunked + "0\r\n" + Repeat("T: x\r\n", 3000) + "\r\n",
      post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
      post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
      post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
      post + "Content-Length: abc\r\n\r\n",
      post + "Content-Length: 99999999999999999999\r\n\r\n",
      post + "Content-Length: 1000000\r\n\r\n" + std::string(1000, 'x'),
      post + "Content-Length: -1\r\n\r\n",
      post + "Content-Length: 10\r\n\r\nshort",
      "GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
  };
  return r;
}

TEST(HttpFuzzSmoke, LiveServer) {
  Router router;
  RouteDoc small;
  small.max_body = 4096;
  small.request_types = {"application/json"};
  router.Add("GET", "/api/v1/subjects/{code}", Checked, {});
  router.Add("GET", "/api/v1/subjects/{code}/records", Checked, {});
  router.Add("POST", "/api/v1/batches/{id}/feedback", Checked, small);
  router.Add("GET", "/api/v1/search", Checked, {});
  ServerOptions options;
  options.port = 0;
  options.access_log_path = "off";
  options.worker_threads = 2;
  options.read_timeout = 2s;
  options.idle_timeout = 2s;
  auto started = Server::Start(options, std::move(router));
  ASSERT_TRUE(started.ok()) << started.status().message();
  std::unique_ptr<Server> server = std::move(started.value());
  const uint16_t port = server->port();

  std::vector<std::string> inputs = HostileRequests();
  const std::vector<std::string> seeds = inputs;
  gongxin::testing::Mutator mutator(3, gongxin::testing::TokenList(kTokens), 64 << 10);
  for (int i = 0; i < 360; ++i) inputs.push_back(mutator.Mutate(seeds));

  constexpr size_t kBatch = 40;
  constexpr int kThreads = 4;
  testing::HttpClient health("127.0.0.1", port, 10s);
  int failures = 0;
  size_t answered = 0, silent = 0;
  std::map<int, int> by_status;
  for (size_t first = 0; first < inputs.size(); first += kBatch) {
    const size_t last = std::min(inputs.size(), first + kBatch);
    std::vector<std::string> answers(last - first);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        testing::HttpClient client("127.0.0.1", port, 10s);
        for (size_t i = first + static_cast<size_t>(t); i < last; i += kThreads) {
          answers[i - first] = client.RawExchange(inputs[i], 250ms);
        }
      });
    }
    for (std::thread& t : threads) t.join();
    for (size_t i = first; i < last; ++i) {
      const std::string& raw = answers[i - first];
      std::vector<int> statuses;
      const std::string why = CheckAnswers(raw, &statuses);
      (raw.empty() ? silent : answered)++;
      for (int status : statuses) ++by_status[status];
      if (!why.empty() && ++failures <= 5) {
        const std::string path =
            (fs::temp_directory_path() / ("http-smoke-live-" + std::to_string(i))).string();
        std::ofstream(path, std::ios::binary) << inputs[i];
        ADD_FAILURE() << "request " << i << ": " << why << " (request saved to " << path
                      << ")\nanswer: " << raw.substr(0, 600);
      }
    }
    const testing::HttpResponse h = health.Get("/healthz");
    ASSERT_EQ(h.status, 200) << "after batch ending at " << last << ": " << h.body;
  }
  EXPECT_EQ(failures, 0);
  // Most garbage must be answered, not just dropped.
  EXPECT_GT(answered, inputs.size() / 2) << answered << " answered, " << silent << " silent";
  std::string histogram;
  for (const auto& [status, n] : by_status) {
    histogram += " " + std::to_string(status) + "x" + std::to_string(n);
  }
  std::printf("live: %zu requests, %zu answered, %zu without an answer; statuses:%s\n",
              inputs.size(), answered, silent, histogram.c_str());
}

}  // namespace
}  // namespace gongxin::http::fuzz
