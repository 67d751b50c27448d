// A blocking HTTP/1.1 client for tests: plain sockets, no mocks, no Boost.
//
// One keep-alive connection, reconnected when the server has closed it. Responses are read
// by Content-Length, chunked encoding, or until the server closes. Every read and write
// gives up after the timeout (then the response has status 0 and the error in its body).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongxin::testing {

struct HttpResponse {
  int status = 0;                              // 0: no response (the body says why)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  // The value of the header (any case), "" if absent.
  std::string Header(std::string_view name) const;
};

class HttpClient {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  // `host` is a numeric address or "localhost".
  HttpClient(std::string host, uint16_t port,
             std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse Get(std::string_view target, const Headers& headers = {});
  HttpResponse Post(std::string_view target, std::string body, std::string content_type,
                    const Headers& headers = {});
  // Content-Type is sent iff content_type is not empty; Content-Length iff there is a body or
  // the method is POST, PUT or PATCH. A HEAD response has no body.
  HttpResponse Send(std::string method, std::string_view target, std::string body,
                    std::string content_type, const Headers& headers = {});

  // Sends raw bytes on a fresh connection and returns everything read until the server
  // closes or `timeout` passes without data (default: the client's timeout).
  std::string RawExchange(std::string_view raw_bytes);
  std::string RawExchange(std::string_view raw_bytes, std::chrono::milliseconds timeout);

  // TCP connections opened so far by Get/Post/Send (not RawExchange).
  int connections_opened() const { return connections_opened_; }
  // Local port of the current connection, 0 if none.
  uint16_t local_port() const;

 private:
  int Connect();  // a new socket, or -1
  void Disconnect();
  bool WriteAll(int fd, std::string_view bytes);
  // Reads more bytes into buffer_; false on close, error or timeout (error_ says which).
  bool ReadMore(int fd);

  std::string host_;
  uint16_t port_;
  std::chrono::milliseconds timeout_;
  int fd_ = -1;
  int connections_opened_ = 0;
  std::string buffer_;  // bytes read and not yet consumed
  std::string error_;
};

}  // namespace gongxin::testing
