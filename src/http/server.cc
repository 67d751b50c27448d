// The server: accept loop, connections (Beast parser, own serializer), worker hand-off,
// timeouts, graceful stop and signals. The only file of gongxin_http that includes Boost.
//
// One connection = one Session, whose socket, timer and state live on one strand (or on the
// I/O context itself when there is a single I/O thread). A session handles one request at a
// time: read → handle (on a worker) → write → read the next one, which answers pipelined
// requests in order. The Request and Response objects are reused across requests.
#include <signal.h>

#include <cassert>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <list>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/http.h"
#include "http/router_internal.h"
#include "http/server_internal.h"

namespace gongxin::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// True on the server's own I/O and worker threads.
thread_local bool t_internal_thread = false;

constexpr size_t kNoRoute = SIZE_MAX;

// Index of the static files in Metrics' labels: routes.size().
class Session;

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Router r)
      : options(std::move(o)),
        router(std::move(r)),
        routes(*router.impl_),
        metrics(MetricLabels(routes)),
        clock(options.clock != nullptr ? options.clock : &SystemClock::Get()) {}

  static std::vector<std::pair<std::string, std::string>> MetricLabels(const Router::Impl& r) {
    std::vector<std::pair<std::string, std::string>> labels;
    for (const Route& route : r.routes) labels.emplace_back(route.method, route.pattern);
    labels.emplace_back("GET", "(static)");
    return labels;
  }

  std::string NewRequestId() {
    uint64_t n = next_id.fetch_add(1, std::memory_order_relaxed);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s-%010llx", id_prefix, static_cast<unsigned long long>(n));
    return buf;
  }

  void DoAccept();
  void ScheduleFlush();
  void Stop();
  void DoStop();

  const ServerOptions options;
  Router router;  // never changed after Start
  const Router::Impl& routes;
  Metrics metrics;
  std::unique_ptr<AccessLog> access_log;
  const Clock* clock;
  std::string static_root;  // canonical, "" when no static files
  std::string openapi_json;
  char id_prefix[9] = {};
  std::atomic<uint64_t> next_id{1};
  uint16_t port = 0;
  int workers_count = 0;  // worker threads; 0: handlers run inline

  // Live sessions, for Stop(). Declared before the I/O contexts: sessions destroyed while an
  // io_context is destroyed still unregister themselves.
  std::mutex sessions_mu;
  std::condition_variable sessions_cv;
  std::list<std::weak_ptr<Session>> sessions;
  std::atomic<bool> stopping{false};

  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool stop_started = false;
  bool stopped = false;
  std::thread stopper;

  net::io_context ioc;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> io_work;
  tcp::acceptor acceptor{ioc};
  net::steady_timer flush_timer{ioc};
  std::vector<std::thread> io_threads;
  // Destroyed before ioc: its queued tasks hold sessions whose sockets belong to ioc.
  net::io_context workers;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> worker_work;
  std::vector<std::thread> worker_threads;
};

namespace {

std::string_view Reason(int status) {
  std::string_view r = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
  return r.empty() || r == "<unknown-status>" ? std::string_view("Unknown") : r;
}

// Appends `s` with CR and LF replaced by spaces (no header injection from handlers).
void AppendHeaderText(std::string& out, std::string_view s) {
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Server::Impl& srv, tcp::socket socket)
      : srv_(srv), socket_(std::move(socket)), timer_(socket_.get_executor()) {
    boost::system::error_code ec;
    auto ep = socket_.remote_endpoint(ec);
    if (!ec) {
      remote_ = ep.address().to_string() + ":" + std::to_string(ep.port());
    }
    srv_.metrics.connections_open.fetch_add(1, std::memory_order_relaxed);
  }

  ~Session() {
    srv_.metrics.connections_open.fetch_sub(1, std::memory_order_relaxed);
    std::lock_guard lock(srv_.sessions_mu);
    srv_.sessions.erase(registration_);
    if (srv_.sessions.empty()) srv_.sessions_cv.notify_all();
  }

  void Start() {
    {
      std::lock_guard lock(srv_.sessions_mu);
      srv_.sessions.push_front(weak_from_this());
      registration_ = srv_.sessions.begin();
    }
    // Stop() either saw this session in the list or set `stopping` before we looked.
    if (srv_.stopping.load()) stop_requested_ = true;
    ReadIdle();
  }

  net::any_io_executor executor() { return socket_.get_executor(); }

  // On the session's executor. Idle connections close now; busy ones after their response.
  void OnServerStop() {
    stop_requested_ = true;
    if (phase_ == Phase::kIdle) Cancel();
  }

  // On the session's executor, after the grace period.
  void ForceClose() { Close(); }

 private:
  enum class Phase { kIdle, kReading, kHandling, kWriting, kLingering, kClosed };

  // ---- timeouts: one timer, re-armed per operation; a stale expiry is ignored ----
  void Arm(std::chrono::steady_clock::duration d) {
    timed_out_ = false;
    uint64_t gen = ++timer_gen_;
    timer_.expires_after(d);
    timer_.async_wait([self = shared_from_this(), gen](boost::system::error_code ec) {
      if (ec || gen != self->timer_gen_) return;
      self->timed_out_ = true;
      self->Cancel();
    });
  }
  void Disarm() {
    ++timer_gen_;
    timer_.cancel();
  }
  void Cancel() {
    boost::system::error_code ec;
    socket_.cancel(ec);
  }

  // ---- reading ----
  void ReadIdle() {
    phase_ = Phase::kIdle;
    if (stop_requested_ || srv_.stopping.load(std::memory_order_relaxed)) return Close();
    if (buffer_.size() > 0) return ReadHeader();  // pipelined
    Arm(srv_.options.idle_timeout);
    socket_.async_read_some(buffer_.prepare(8192),
                            [self = shared_from_this()](boost::system::error_code ec, size_t n) {
                              self->buffer_.commit(n);
                              if (ec || n == 0) return self->Close();
                              self->ReadHeader();
                            });
  }

  void ReadHeader() {
    phase_ = Phase::kReading;
    started_ = SteadyClock::now();
    route_ = kNoRoute;
    route_label_ = "(none)";
    head_only_ = false;
    close_after_ = false;
    counted_in_flight_ = false;
    req_.method.clear();
    req_.target.clear();
    req_.path.clear();
    req_.route.clear();
    req_.params.clear();
    req_.query.clear();
    req_.headers.clear();
    req_.body.clear();
    req_.log_role.clear();
    req_.remote = remote_;
    req_.request_id = srv_.NewRequestId();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(srv_.options.max_header_bytes));
    parser_->body_limit(srv_.options.max_body_bytes);
    Arm(srv_.options.read_timeout);
    bhttp::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](boost::system::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(boost::system::error_code ec) {
    if (ec) return OnReadError(ec);
    auto& msg = parser_->get();
    req_.method = msg.method_string();
    req_.target = msg.target();
    for (const auto& field : msg) {
      req_.headers.emplace_back(field.name_string(), field.value());
    }
    keep_alive_ = msg.keep_alive();
    http10_ = msg.version() < 11;

    size_t index = 0;
    bool head_as_get = false;
    size_t limit = 0;
    switch (MatchRoute(srv_.routes, req_, &index, &head_as_get, &allow_)) {
      case MatchKind::kFound:
        route_ = index;
        route_label_ = srv_.routes.routes[index].pattern;
        head_only_ = req_.method == "HEAD";
        limit = std::min(srv_.routes.routes[index].doc.max_body, srv_.options.max_body_bytes);
        break;
      case MatchKind::kNotFound:
        if (!srv_.static_root.empty() && (req_.method == "GET" || req_.method == "HEAD") &&
            req_.path.rfind("/api/", 0) != 0) {
          route_ = srv_.routes.routes.size();
          route_label_ = "(static)";
          head_only_ = req_.method == "HEAD";
          break;
        }
        route_label_ = "(unmatched)";
        return Reject(Response::Error(404, "not_found", "No route for " + req_.path,
                                      "找不到路径 " + req_.path));
      case MatchKind::kMethodNotAllowed: {
        route_label_ = "(unmatched)";
        Response res =
            Response::Error(405, "method_not_allowed",
                            "Method " + req_.method + " is not allowed here; use " + allow_,
                            "此路径不支持 " + req_.method + " 方法，可用：" + allow_);
        res.headers.emplace_back("Allow", allow_);
        return Reject(std::move(res));
      }
      case MatchKind::kBadTarget:
        return Reject(Response::Error(400, "bad_request",
                                      "Malformed request target (bad percent-encoding or UTF-8)",
                                      "请求路径格式错误（百分号编码或 UTF-8 无效）"));
    }

    if (auto len = parser_->content_length(); len && *len > limit) {
      return Reject(TooLarge(limit));
    }
    if (parser_->is_done()) return Dispatch();
    parser_->body_limit(limit);  // chunked bodies are checked as they arrive
    Arm(srv_.options.read_timeout);
    auto expect = msg[bhttp::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(socket_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](boost::system::error_code ec, size_t) {
                         if (ec) return self->OnReadError(ec);
                         self->ReadBody();
                       });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(socket_, buffer_, *parser_,
                      [self = shared_from_this()](boost::system::error_code ec, size_t) {
                        if (ec) return self->OnReadError(ec);
                        self->Dispatch();
                      });
  }

  Response TooLarge(size_t limit) {
    return Response::Error(413, "payload_too_large",
                           "Request body larger than " + std::to_string(limit) + " bytes",
                           "请求体超过 " + std::to_string(limit) + " 字节上限");
  }

  void OnReadError(boost::system::error_code ec) {
    if (ec == bhttp::error::header_limit) {
      return Reject(
          Response::Error(431, "header_too_large", "Request header too large", "请求头过大"));
    }
    if (ec == bhttp::error::body_limit) {
      size_t limit =
          route_ < srv_.routes.routes.size()
              ? std::min(srv_.routes.routes[route_].doc.max_body, srv_.options.max_body_bytes)
              : srv_.options.max_body_bytes;
      return Reject(TooLarge(limit));
    }
    if (timed_out_) {
      if (parser_ && (parser_->got_some() || buffer_.size() > 0)) {
        return Reject(Response::Error(408, "request_timeout", "Request not received in time",
                                      "请求接收超时"));
      }
      return Close();
    }
    if (ec == net::error::operation_aborted || ec == net::error::eof ||
        ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec == net::error::connection_reset || ec == net::error::broken_pipe) {
      return Close();
    }
    return Reject(Response::Error(400, "bad_request", "Malformed HTTP request: " + ec.message(),
                                  "HTTP 请求格式错误"));
  }

  // An error answered without reading (the rest of) the request; the connection closes
  // unless the request was read completely.
  void Reject(Response res) {
    close_after_ = !(parser_ && parser_->is_done());
    res_ = std::move(res);
    Write();
  }

  // ---- handling ----
  void Dispatch() {
    phase_ = Phase::kHandling;
    Disarm();
    req_.body = std::move(parser_->get().body());
    srv_.metrics.in_flight.fetch_add(1, std::memory_order_relaxed);
    counted_in_flight_ = true;

    // Cheap built-ins answer on the I/O thread: /healthz stays responsive however busy the
    // workers are.
    if (route_ < srv_.routes.routes.size()) {
      const Route& r = srv_.routes.routes[route_];
      if (r.builtin == Builtin::kHealthz) {
        res_ = r.handler(req_);
        return Write();
      }
      if (r.builtin == Builtin::kOpenApi) {
        res_ = Response::Json(200, srv_.openapi_json);
        return Write();
      }
    }
    if (srv_.workers_count == 0) {
      res_ = Invoke();
      return Write();
    }
    net::post(srv_.workers, [self = shared_from_this()] {
      Response res = self->Invoke();
      net::post(self->executor(), [self, res = std::move(res)]() mutable {
        self->res_ = std::move(res);
        self->Write();
      });
    });
  }

  // On a worker (or inline): the handler, with exceptions turned into 500.
  Response Invoke() {
    try {
      if (route_ >= srv_.routes.routes.size()) return ServeStatic(srv_.static_root, req_);
      const Route& r = srv_.routes.routes[route_];
      if (r.builtin == Builtin::kMetrics) {
        return Response::Text(200, srv_.metrics.Render(),
                              "text/plain; version=0.0.4; charset=utf-8");
      }
      return r.handler(req_);
    } catch (const std::exception& e) {
      LogException(e.what());
    } catch (...) {
      LogException("unknown exception");
    }
    return Response::Error(500, "internal", "Internal server error", "服务器内部错误");
  }

  void LogException(std::string_view what) {
    std::string line = "{\"ts\":\"" + FormatUtcMillis(srv_.clock->Now().micros) +
                       "\",\"level\":\"error\",\"request_id\":\"" + req_.request_id +
                       "\",\"route\":\"";
    AppendJsonEscaped(line, req_.route);
    line += "\",\"message\":\"handler threw: ";
    AppendJsonEscaped(line, what);
    line += "\"}\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
  }

  // ---- writing ----
  void Write() {
    phase_ = Phase::kWriting;
    if (counted_in_flight_) {
      srv_.metrics.in_flight.fetch_sub(1, std::memory_order_relaxed);
      counted_in_flight_ = false;
    }
    close_ = close_after_ || !keep_alive_ || stop_requested_ ||
             srv_.stopping.load(std::memory_order_relaxed);
    const int status = res_.status;
    const bool no_body = status == 204 || status == 304 || (status >= 100 && status < 200);
    head_.clear();
    head_ += "HTTP/1.1 ";
    head_ += std::to_string(status);
    head_ += ' ';
    head_ += Reason(status);
    head_ += "\r\nServer: gongxin\r\nContent-Type: ";
    AppendHeaderText(head_, res_.content_type);
    if (status != 204 && !(status >= 100 && status < 200)) {
      head_ += "\r\nContent-Length: ";
      head_ += std::to_string(res_.body.size());
    }
    head_ += "\r\nX-Request-Id: ";
    head_ += req_.request_id;
    if (close_) {
      head_ += "\r\nConnection: close";
    } else if (http10_) {
      head_ += "\r\nConnection: keep-alive";
    }
    for (const auto& [name, value] : res_.headers) {
      head_ += "\r\n";
      AppendHeaderText(head_, name);
      head_ += ": ";
      AppendHeaderText(head_, value);
    }
    head_ += "\r\n\r\n";

    std::array<net::const_buffer, 2> buffers = {net::buffer(head_), net::const_buffer()};
    if (!head_only_ && !no_body) buffers[1] = net::buffer(res_.body);
    body_bytes_ = buffers[1].size();
    Arm(srv_.options.write_timeout);
    net::async_write(
        socket_, buffers,
        [self = shared_from_this()](boost::system::error_code ec, size_t) { self->OnWritten(ec); });
  }

  void OnWritten(boost::system::error_code ec) {
    Disarm();
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - started_).count();
    srv_.metrics.Record(route_, req_.method.empty() ? "(none)" : req_.method, route_label_,
                        res_.status, seconds);
    if (srv_.access_log) LogAccess(seconds);
    if (ec) return Close();
    if (close_) return close_after_ ? Linger() : Close();
    ReadIdle();
  }

  void LogAccess(double seconds) {
    thread_local std::string line;
    line.clear();
    line += "{\"ts\":\"";
    line += FormatUtcMillis(srv_.clock->Now().micros);
    line += "\",\"request_id\":\"";
    line += req_.request_id;
    line += "\",\"remote\":\"";
    line += remote_;
    line += "\",\"method\":\"";
    AppendJsonEscaped(line, req_.method);
    line += "\",\"path\":\"";
    AppendJsonEscaped(line, req_.path.empty() ? std::string_view(req_.target) : req_.path);
    line += "\",\"route\":\"";
    AppendJsonEscaped(line, route_label_);
    line += "\",\"status\":";
    line += std::to_string(res_.status);
    line += ",\"bytes\":";
    line += std::to_string(body_bytes_);
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.3f", seconds * 1000);
    line += ",\"ms\":";
    line += ms;
    line += ",\"role\":\"";
    AppendJsonEscaped(line, req_.log_role);
    line += "\"}\n";
    srv_.access_log->Append(line);
  }

  // ---- closing ----

  // After an error answered before the body was read: stop sending, then read and discard
  // what the client still sends for a moment, so that closing does not reset the connection
  // before the client has read the answer.
  void Linger() {
    phase_ = Phase::kLingering;
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    linger_left_ = 4 << 20;
    Arm(std::chrono::seconds(2));
    DrainSome();
  }
  void DrainSome() {
    buffer_.clear();
    socket_.async_read_some(buffer_.prepare(16384),
                            [self = shared_from_this()](boost::system::error_code ec, size_t n) {
                              if (ec || n == 0 || n >= self->linger_left_) return self->Close();
                              self->linger_left_ -= n;
                              self->DrainSome();
                            });
  }

  void Close() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    Disarm();
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  Server::Impl& srv_;
  tcp::socket socket_;
  net::steady_timer timer_;
  uint64_t timer_gen_ = 0;
  bool timed_out_ = false;
  Phase phase_ = Phase::kIdle;
  bool stop_requested_ = false;

  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request req_;
  Response res_;
  std::string head_;
  std::string allow_;
  std::string remote_;
  std::string_view route_label_;  // points into the router or at a literal
  size_t route_ = kNoRoute;
  bool keep_alive_ = true;
  bool http10_ = false;
  bool head_only_ = false;
  bool close_after_ = false;  // the request was not read to its end
  bool close_ = false;
  bool counted_in_flight_ = false;
  size_t body_bytes_ = 0;
  size_t linger_left_ = 0;
  SteadyClock::time_point started_;
  std::list<std::weak_ptr<Session>>::iterator registration_;
};

}  // namespace

void Server::Impl::DoAccept() {
  net::any_io_executor executor = options.io_threads > 1
                                      ? net::any_io_executor(net::make_strand(ioc))
                                      : net::any_io_executor(ioc.get_executor());
  acceptor.async_accept(executor, [this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      // EMFILE and friends: try again shortly rather than spinning.
      auto timer = std::make_shared<net::steady_timer>(ioc, std::chrono::milliseconds(50));
      timer->async_wait([this, timer](boost::system::error_code) {
        if (!stopping.load()) DoAccept();
      });
      return;
    }
    if (stopping.load()) return;  // socket closes on destruction
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<Session>(*this, std::move(socket))->Start();
    DoAccept();
  });
}

void Server::Impl::ScheduleFlush() {
  flush_timer.expires_after(std::chrono::seconds(1));
  flush_timer.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    if (access_log) access_log->Flush();
    ScheduleFlush();
  });
}

void Server::Impl::Stop() {
  std::unique_lock lock(stop_mu);
  if (!stop_started) {
    stop_started = true;
    if (t_internal_thread) {
      // A handler or signal: joining our own thread is impossible; a helper finishes.
      stopper = std::thread([this] { DoStop(); });
      return;
    }
    lock.unlock();
    DoStop();
    return;
  }
  if (t_internal_thread) return;
  stop_cv.wait(lock, [&] { return stopped; });
}

void Server::Impl::DoStop() {
  stopping.store(true);
  net::post(ioc, [this] {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    flush_timer.cancel();
  });
  auto each_session = [&](auto action) {
    // Take references under the lock, post outside it: the last reference may be ours,
    // and a Session's destructor takes sessions_mu.
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(sessions_mu);
      for (const auto& weak : sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    for (auto& s : live) net::post(s->executor(), [s, action] { action(*s); });
  };
  each_session([](Session& s) { s.OnServerStop(); });
  {
    std::unique_lock lock(sessions_mu);
    sessions_cv.wait_for(lock, options.shutdown_grace, [&] { return sessions.empty(); });
  }
  each_session([](Session& s) { s.ForceClose(); });

  // Workers finish what they run; their answers go to closed sockets and are dropped.
  worker_work.reset();
  for (std::thread& t : worker_threads) t.join();
  io_work.reset();
  ioc.stop();
  for (std::thread& t : io_threads) t.join();
  if (access_log) access_log->Flush();

  std::lock_guard lock(stop_mu);
  stopped = true;
  stop_cv.notify_all();
}

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options, Router router) {
  if (options.io_threads < 1) options.io_threads = 1;
  if (options.worker_threads < 0) options.worker_threads = 0;
  auto impl = std::make_unique<Impl>(std::move(options), std::move(router));
  const ServerOptions& o = impl->options;

  if (!o.static_dir.empty()) {
    std::error_code ec;
    auto root = std::filesystem::canonical(o.static_dir, ec);
    if (ec || !std::filesystem::is_directory(root, ec)) {
      return Status::IOError("static directory " + o.static_dir + " is not a directory",
                             "静态文件目录 " + o.static_dir + " 不存在或不是目录");
    }
    impl->static_root = root.native();
  }
  GX_ASSIGN_OR_RETURN(impl->access_log, AccessLog::Open(o.access_log_path));
  impl->openapi_json = impl->router.OpenApiJson(o.title, o.version);
  {
    std::random_device rd;
    std::snprintf(impl->id_prefix, sizeof impl->id_prefix, "%08x", rd());
  }

  boost::system::error_code ec;
  tcp::resolver resolver(impl->ioc);
  auto endpoints =
      resolver.resolve(o.host, std::to_string(o.port), tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return Status::IOError("cannot resolve " + o.host + ": " + ec.message(),
                           "无法解析地址 " + o.host);
  }
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  const std::string where = o.host + ":" + std::to_string(o.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::IOError("cannot listen on " + where + ": " + ec.message(),
                           "无法在 " + where + " 上监听：" + ec.message());
  }
  impl->port = impl->acceptor.local_endpoint(ec).port();
  impl->workers_count = o.worker_threads;

  Impl* p = impl.get();
  p->io_work.emplace(p->ioc.get_executor());
  p->worker_work.emplace(p->workers.get_executor());
  p->DoAccept();
  p->ScheduleFlush();
  for (int i = 0; i < o.worker_threads; ++i) {
    p->worker_threads.emplace_back([p] {
      t_internal_thread = true;
      p->workers.run();
    });
  }
  for (int i = 0; i < o.io_threads; ++i) {
    p->io_threads.emplace_back([p] {
      t_internal_thread = true;
      p->ioc.run();
    });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  assert(!t_internal_thread && "a Server cannot be destroyed on its own threads");
  Stop();
  if (impl_->stopper.joinable()) impl_->stopper.join();
}

uint16_t Server::port() const { return impl_->port; }

void Server::AddGauge(std::string name, std::string help, std::function<double()> value) {
  impl_->metrics.AddGauge(std::move(name), std::move(help), std::move(value));
}

void Server::Stop() { impl_->Stop(); }

void Server::Wait(bool handle_signals) {
  std::optional<net::signal_set> signals;
  if (handle_signals) {
    signals.emplace(impl_->ioc, SIGINT, SIGTERM);
    signals->async_wait([impl = impl_.get()](boost::system::error_code ec, int) {
      if (!ec) impl->Stop();
    });
  }
  std::unique_lock lock(impl_->stop_mu);
  impl_->stop_cv.wait(lock, [&] { return impl_->stopped; });
}

}  // namespace gongxin::http
