// The whole platform behind one HTTP server: a connection pool on the store, the search
// index loaded from the archive, every route of the API and the portal's static files.
// Used by `gongxin serve`, `gongxin demo` and the HTTP integration tests.
#pragma once

#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/result.h"
#include "http/http.h"
#include "http/routes/routes.h"
#include "search/search.h"
#include "store/pool.h"

namespace gongxin::http::routes {

struct PlatformOptions {
  std::string store_url;         // an initialised, migrated store (see `gongxin init`)
  ServerOptions server;          // host, port, static_dir (the portal), access log...
  size_t store_connections = 8;  // connection pool size
  int ingest_threads = 2;        // validation threads per uploaded batch
};

class PlatformServer {
 public:
  // Loads the search index from the store, then starts serving. `catalog` and `clock`
  // must outlive the server.
  static Result<std::unique_ptr<PlatformServer>> Start(const catalog::Catalog& catalog,
                                                       const Clock& clock, PlatformOptions options);

  uint16_t port() const { return server_->port(); }
  std::string url() const;  // "http://HOST:PORT"
  search::Index& search() { return *index_; }
  size_t indexed_subjects() const { return index_->size(); }
  // See Server::Stop and Server::Wait.
  void Stop() { server_->Stop(); }
  void Wait(bool handle_signals = true) { server_->Wait(handle_signals); }
  ~PlatformServer();

 private:
  PlatformServer() = default;
  std::string host_;
  std::unique_ptr<store::StorePool> pool_;
  std::unique_ptr<search::Index> index_;
  Services services_;
  std::unique_ptr<Server> server_;
};

}  // namespace gongxin::http::routes
