// http_signal_test: a tiny server for http_test's SIGTERM check, started as a subprocess.
// Prints its port on one line, serves GET /slow (answers "done" after 1 s) and waits with
// signal handling (GET /hello answers at once, for throughput checks); prints "stopped" once Wait()
// returns.
#include <chrono>
#include <cstdio>
#include <thread>

#include "http/http.h"

int main() {
  using namespace gongxin::http;
  Router router;
  router.Add(
      "GET", "/slow",
      [](Request&) {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        return Response::Text(200, "done");
      },
      RouteDoc{});
  // A trivial route that goes through the worker hand-off (for throughput checks).
  router.Add(
      "GET", "/hello", [](Request&) { return Response::Json(200, R"({"hello":"世界"})"); },
      RouteDoc{});
  ServerOptions options;
  options.port = 0;
  options.access_log_path = "off";
  auto server = Server::Start(options, router);
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.status().ToString().c_str());
    return 2;
  }
  std::printf("%u\n", static_cast<unsigned>((*server)->port()));
  std::fflush(stdout);
  (*server)->Wait(true);
  std::printf("stopped\n");
  std::fflush(stdout);
  return 0;
}
