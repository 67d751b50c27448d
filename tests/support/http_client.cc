#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gongxin::testing {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

HttpResponse Failure(std::string why) {
  HttpResponse r;
  r.body = std::move(why);
  return r;
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  auto it = headers.find(Lower(name));
  return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(std::string host, uint16_t port, std::chrono::milliseconds timeout)
    : host_(host == "localhost" ? "127.0.0.1" : std::move(host)), port_(port), timeout_(timeout) {}

HttpClient::~HttpClient() { Disconnect(); }

int HttpClient::Connect() {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  if (inet_pton(AF_INET, host_.c_str(), &addr.sin_addr) != 1) {
    error_ = "bad address " + host_;
    return -1;
  }
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error_ = std::strerror(errno);
    return -1;
  }
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    error_ = std::string("connect: ") + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

void HttpClient::Disconnect() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

uint16_t HttpClient::local_port() const {
  if (fd_ < 0) return 0;
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return 0;
  return ntohs(addr.sin_port);
}

bool HttpClient::WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, static_cast<int>(timeout_.count())) <= 0) {
      error_ = "write timeout";
      return false;
    }
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = std::string("send: ") + std::strerror(errno);
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool HttpClient::ReadMore(int fd) {
  pollfd p{fd, POLLIN, 0};
  int r = ::poll(&p, 1, static_cast<int>(timeout_.count()));
  if (r <= 0) {
    error_ = "read timeout";
    return false;
  }
  char buf[16384];
  ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  if (n < 0 && errno == EINTR) return ReadMore(fd);
  if (n <= 0) {
    error_ = n == 0 ? "closed" : std::string("recv: ") + std::strerror(errno);
    return false;
  }
  buffer_.append(buf, static_cast<size_t>(n));
  return true;
}

HttpResponse HttpClient::Get(std::string_view target, const Headers& headers) {
  return Send("GET", target, "", "", headers);
}

HttpResponse HttpClient::Post(std::string_view target, std::string body, std::string content_type,
                              const Headers& headers) {
  return Send("POST", target, std::move(body), std::move(content_type), headers);
}

HttpResponse HttpClient::Send(std::string method, std::string_view target, std::string body,
                              std::string content_type, const Headers& headers) {
  std::string request = method + " " + std::string(target) + " HTTP/1.1\r\nHost: " + host_ + ":" +
                        std::to_string(port_) + "\r\n";
  if (!content_type.empty()) request += "Content-Type: " + content_type + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  for (const auto& [k, v] : headers) request += k + ": " + v + "\r\n";
  request += "\r\n";
  request += body;

  for (int attempt = 0; attempt < 2; ++attempt) {
    bool fresh = false;
    if (fd_ < 0) {
      fd_ = Connect();
      if (fd_ < 0) return Failure(error_);
      ++connections_opened_;
      fresh = true;
    }
    // A kept-alive connection the server has closed shows up as a failed write or as a
    // close before the first byte of the answer: reconnect once.
    if (!WriteAll(fd_, request)) {
      Disconnect();
      if (fresh) return Failure(error_);
      continue;
    }
    size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!ReadMore(fd_)) {
        bool nothing = buffer_.empty();
        std::string why = error_;
        Disconnect();
        if (nothing && !fresh && why == "closed") break;
        return Failure(why);
      }
    }
    if (fd_ < 0) continue;  // retry on a new connection

    HttpResponse res;
    std::string_view head(buffer_.data(), header_end);
    size_t line_end = head.find("\r\n");
    std::string_view status_line = head.substr(0, line_end);
    if (status_line.size() < 12 || status_line.substr(0, 5) != "HTTP/") {
      Disconnect();
      return Failure("bad status line");
    }
    res.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
    std::string_view rest =
        line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 2);
    while (!rest.empty()) {
      size_t e = rest.find("\r\n");
      std::string_view line = rest.substr(0, e);
      rest = e == std::string_view::npos ? std::string_view() : rest.substr(e + 2);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      res.headers[Lower(Trim(line.substr(0, colon)))] = std::string(Trim(line.substr(colon + 1)));
    }
    buffer_.erase(0, header_end + 4);
    if (res.status >= 100 && res.status < 200) {  // 100 Continue: the real answer follows
      --attempt;
      continue;
    }

    const bool server_closes = Lower(res.Header("connection")) == "close";
    const bool no_body = method == "HEAD" || res.status == 204 || res.status == 304;
    if (no_body) {
      // nothing to read
    } else if (auto cl = res.headers.find("content-length"); cl != res.headers.end()) {
      size_t len = std::stoull(cl->second);
      while (buffer_.size() < len) {
        if (!ReadMore(fd_)) {
          std::string why = error_;
          Disconnect();
          return Failure("body: " + why);
        }
      }
      res.body = buffer_.substr(0, len);
      buffer_.erase(0, len);
    } else if (Lower(res.Header("transfer-encoding")).find("chunked") != std::string::npos) {
      while (true) {
        size_t e;
        while ((e = buffer_.find("\r\n")) == std::string::npos) {
          if (!ReadMore(fd_)) return Failure("chunk: " + error_);
        }
        size_t size = std::stoull(buffer_.substr(0, e), nullptr, 16);
        buffer_.erase(0, e + 2);
        while (buffer_.size() < size + 2) {
          if (!ReadMore(fd_)) return Failure("chunk: " + error_);
        }
        res.body += buffer_.substr(0, size);
        buffer_.erase(0, size + 2);
        if (size == 0) break;
      }
    } else {
      while (ReadMore(fd_)) {
      }
      res.body = std::move(buffer_);
      Disconnect();
    }
    if (server_closes) Disconnect();
    return res;
  }
  return Failure(error_);
}

std::string HttpClient::RawExchange(std::string_view raw_bytes) {
  return RawExchange(raw_bytes, timeout_);
}

std::string HttpClient::RawExchange(std::string_view raw_bytes, std::chrono::milliseconds timeout) {
  int fd = Connect();
  if (fd < 0) return "";
  auto saved_timeout = timeout_;
  std::string saved_buffer;
  saved_buffer.swap(buffer_);
  timeout_ = timeout;
  std::string out;
  if (WriteAll(fd, raw_bytes)) {
    while (ReadMore(fd)) {
    }
    out = std::move(buffer_);
  }
  buffer_ = std::move(saved_buffer);
  timeout_ = saved_timeout;
  ::close(fd);
  return out;
}

}  // namespace gongxin::testing
