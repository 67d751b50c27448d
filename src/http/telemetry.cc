// Metrics, the access log and static files: the parts of the server that need no Beast.
#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "http/server_internal.h"

namespace gongxin::http {
namespace {

void AppendLabelValue(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

void AppendDouble(std::string& out, double v) {
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%.9g", v);
  out.append(buf, static_cast<size_t>(n));
}

[[maybe_unused]] bool ValidMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

void AppendHelpText(std::string& out, std::string_view help) {
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

}  // namespace

// ---- Metrics ----

Metrics::Metrics(std::vector<std::pair<std::string, std::string>> route_labels)
    : labels_(std::move(route_labels)), stats_(new RouteStats[labels_.size()]) {}

void Metrics::Record(size_t route, std::string_view method, std::string_view route_label,
                     int status, double seconds) {
  if (route >= labels_.size()) {
    std::lock_guard lock(other_mu_);
    ++other_[{std::string(method), std::string(route_label), status}];
    return;
  }
  RouteStats& s = stats_[route];
  s.by_status[std::clamp(status, 0, 599)].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.sum_nanos.fetch_add(static_cast<uint64_t>(seconds * 1e9), std::memory_order_relaxed);
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> value) {
  assert(ValidMetricName(name) && "not a Prometheus metric name");
  assert(value && "a gauge needs a value function");
  std::lock_guard lock(gauges_mu_);
  gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(value)});
}

std::string Metrics::Render() const {
  std::string out;
  out.reserve(4096);
  out +=
      "# HELP gongxin_http_requests_total HTTP requests answered, by method, route pattern and "
      "status.\n# TYPE gongxin_http_requests_total counter\n";
  auto series = [&](std::string_view method, std::string_view route) {
    out += "method=\"";
    AppendLabelValue(out, method);
    out += "\",route=\"";
    AppendLabelValue(out, route);
    out += '"';
  };
  for (size_t i = 0; i < labels_.size(); ++i) {
    for (int status = 0; status < 600; ++status) {
      uint64_t n = stats_[i].by_status[status].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += "gongxin_http_requests_total{";
      series(labels_[i].first, labels_[i].second);
      out += ",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
    }
  }
  {
    std::lock_guard lock(other_mu_);
    for (const auto& [key, n] : other_) {
      out += "gongxin_http_requests_total{";
      series(std::get<0>(key), std::get<1>(key));
      out += ",status=\"" + std::to_string(std::get<2>(key)) + "\"} " + std::to_string(n) + "\n";
    }
  }

  out +=
      "# HELP gongxin_http_request_duration_seconds Time from a request's header to its "
      "response written, by route.\n# TYPE gongxin_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < labels_.size(); ++i) {
    const RouteStats& s = stats_[i];
    uint64_t counts[kBuckets.size() + 1];
    uint64_t total = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      counts[b] = s.buckets[b].load(std::memory_order_relaxed);
      total += counts[b];
    }
    if (total == 0) continue;
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += counts[b];
      out += "gongxin_http_request_duration_seconds_bucket{";
      series(labels_[i].first, labels_[i].second);
      out += ",le=\"";
      if (b < kBuckets.size()) {
        AppendDouble(out, kBuckets[b]);
      } else {
        out += "+Inf";
      }
      out += "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "gongxin_http_request_duration_seconds_sum{";
    series(labels_[i].first, labels_[i].second);
    out += "} ";
    AppendDouble(out, static_cast<double>(s.sum_nanos.load(std::memory_order_relaxed)) / 1e9);
    out += "\ngongxin_http_request_duration_seconds_count{";
    series(labels_[i].first, labels_[i].second);
    out += "} " + std::to_string(cumulative) + "\n";
  }

  out +=
      "# HELP gongxin_http_in_flight Requests read and not yet answered.\n"
      "# TYPE gongxin_http_in_flight gauge\ngongxin_http_in_flight " +
      std::to_string(in_flight.load()) +
      "\n# HELP gongxin_http_connections_open Client connections open.\n"
      "# TYPE gongxin_http_connections_open gauge\ngongxin_http_connections_open " +
      std::to_string(connections_open.load()) + "\n";

  std::vector<const Gauge*> gauges;
  {
    std::lock_guard lock(gauges_mu_);
    for (const Gauge& g : gauges_) gauges.push_back(&g);  // never removed: pointers stay valid
  }
  for (const Gauge* g : gauges) {
    out += "# HELP " + g->name + " ";
    AppendHelpText(out, g->help);
    out += "\n# TYPE " + g->name + " gauge\n" + g->name + " ";
    double v = g->value();
    if (v != v) {
      out += "NaN";
    } else {
      AppendDouble(out, v);
    }
    out += "\n";
  }
  return out;
}

// ---- AccessLog ----

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& path) {
  if (path == "off") return std::unique_ptr<AccessLog>();
  if (path.empty()) return std::unique_ptr<AccessLog>(new AccessLog(stderr, false));
  if (path == "-") return std::unique_ptr<AccessLog>(new AccessLog(stdout, false));
  std::FILE* f = std::fopen(path.c_str(), "ae");
  if (f == nullptr) {
    return Status::IOError("cannot open access log " + path + ": " + std::strerror(errno),
                           "无法打开访问日志 " + path);
  }
  return std::unique_ptr<AccessLog>(new AccessLog(f, true));
}

AccessLog::~AccessLog() {
  Flush();
  if (owned_) std::fclose(file_);
}

void AccessLog::Append(std::string_view line) {
  bool full;
  {
    std::lock_guard lock(mu_);
    buffer_.append(line);
    full = buffer_.size() >= 64 * 1024;
  }
  if (full) Flush();
}

void AccessLog::Flush() {
  std::lock_guard file_lock(file_mu_);
  std::string out;
  {
    std::lock_guard lock(mu_);
    out.swap(buffer_);
    buffer_.reserve(out.capacity());
  }
  if (out.empty()) return;
  std::fwrite(out.data(), 1, out.size(), file_);
  std::fflush(file_);
}

// ---- time ----

std::string FormatUtcMillis(int64_t micros) {
  int64_t millis = micros >= 0 ? micros / 1000 : (micros - 999) / 1000;
  int64_t secs = millis >= 0 ? millis / 1000 : (millis - 999) / 1000;
  int ms = static_cast<int>(millis - secs * 1000);
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t sod = secs - days * 86400;
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03dZ",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                static_cast<long long>(sod % 60), ms);
  return buf;
}

// ---- static files ----

namespace {

std::string_view ContentTypeFor(std::string_view ext) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".xml", "application/xml"},
      {".pdf", "application/pdf"},
  };
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

Response NotFound() { return Response::Error(404, "not_found", "No such resource", "资源不存在"); }

}  // namespace

Response ServeStatic(const std::string& root, const Request& req) {
  namespace fs = std::filesystem;
  std::string rel;
  std::string_view rest = req.path;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    if (seg.empty()) continue;
    if (seg == "." || seg == ".." || seg.find('\\') != std::string_view::npos ||
        seg.find('\0') != std::string_view::npos) {
      return NotFound();
    }
    if (!rel.empty()) rel += '/';
    rel += seg;
  }
  std::error_code ec;
  fs::path file = rel.empty() ? fs::path(root) : fs::path(root) / rel;
  if (fs::is_directory(file, ec)) file /= "index.html";
  fs::path canonical = fs::canonical(file, ec);
  if (ec || !fs::is_regular_file(canonical, ec)) return NotFound();
  const std::string& c = canonical.native();
  if (c.size() <= root.size() || c.compare(0, root.size(), root) != 0 || c[root.size()] != '/') {
    return NotFound();
  }
  std::ifstream in(canonical, std::ios::binary);
  if (!in) return NotFound();
  Response res;
  res.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return Response::Error(500, "io_error", "Cannot read the file", "无法读取文件");
  }
  std::string ext = file.extension().string();
  for (char& ch : ext) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  res.content_type = std::string(ContentTypeFor(ext));
  // Pages are revalidated so a deploy shows at once; assets may be cached for an hour.
  res.headers.emplace_back("Cache-Control",
                           ext == ".html" || ext == ".htm" ? "no-cache" : "public, max-age=3600");
  return res;
}

}  // namespace gongxin::http
