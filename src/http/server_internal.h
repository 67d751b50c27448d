// Internal to src/http: metrics, the access log and static files. No Beast here.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/result.h"
#include "http/http.h"

namespace gongxin::http {

// Counters and latency histograms, cheap to record from any thread (atomics only, except for
// requests that matched no route: a map under a mutex).
class Metrics {
 public:
  // Upper bounds of the latency buckets, seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  // One label pair (method, route) per index: the router's routes, then the static files.
  explicit Metrics(std::vector<std::pair<std::string, std::string>> route_labels);

  // `route` indexes the labels given to the constructor, or is SIZE_MAX: then `method` and
  // `route_label` name the series (unmatched paths, requests rejected before routing).
  void Record(size_t route, std::string_view method, std::string_view route_label, int status,
              double seconds);

  void AddGauge(std::string name, std::string help, std::function<double()> value);

  // The Prometheus text exposition (format 0.0.4) of everything. Calls the gauges.
  std::string Render() const;

  std::atomic<int64_t> in_flight{0};
  std::atomic<int64_t> connections_open{0};

 private:
  struct RouteStats {
    std::array<std::atomic<uint64_t>, 600> by_status{};
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // not cumulative
    std::atomic<uint64_t> sum_nanos{0};
  };
  std::vector<std::pair<std::string, std::string>> labels_;
  std::unique_ptr<RouteStats[]> stats_;

  mutable std::mutex other_mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> other_;

  struct Gauge {
    std::string name, help;
    std::function<double()> value;
  };
  mutable std::mutex gauges_mu_;
  std::vector<Gauge> gauges_;
};

// One JSON line per request, buffered; written when the buffer is large, on Flush() and on
// destruction. Thread-safe.
class AccessLog {
 public:
  // "" → stderr; "-" → stdout; "off" → nullptr; anything else: a file, appended to.
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& path);
  ~AccessLog();
  // `line` ends with '\n'.
  void Append(std::string_view line);
  void Flush();

 private:
  AccessLog(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  std::mutex file_mu_;  // held while writing; taken before mu_
  std::mutex mu_;       // guards buffer_
  std::string buffer_;
  std::FILE* file_;
  bool owned_;
};

// "2026-05-01T04:00:00.123Z"
std::string FormatUtcMillis(int64_t micros_since_epoch);

// The file for req.path under `root` (a canonical directory), "/" and directories meaning
// their index.html. 404 for anything missing or outside root ("..", ".", symlinks out).
Response ServeStatic(const std::string& root, const Request& req);

}  // namespace gongxin::http
