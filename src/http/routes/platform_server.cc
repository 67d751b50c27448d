#include "http/routes/platform_server.h"

namespace gongxin::http::routes {

Result<std::unique_ptr<PlatformServer>> PlatformServer::Start(const catalog::Catalog& catalog,
                                                              const Clock& clock,
                                                              PlatformOptions options) {
  std::unique_ptr<PlatformServer> p(new PlatformServer());
  p->host_ = options.server.host;
  p->pool_ = std::make_unique<store::StorePool>(options.store_url, options.store_connections);
  {
    GX_ASSIGN_OR_RETURN(store::StorePool::Lease lease, p->pool_->Acquire());
    GX_ASSIGN_OR_RETURN(search::Index index, search::LoadFromArchive(*lease));
    p->index_ = std::make_unique<search::Index>(std::move(index));
  }
  p->services_.catalog = &catalog;
  p->services_.stores = p->pool_.get();
  p->services_.search = p->index_.get();
  p->services_.clock = &clock;
  p->services_.ingest_threads = options.ingest_threads;
  if (!options.server.clock) options.server.clock = &clock;
  Router router;
  AddPlatformRoutes(router, p->services_);
  GX_ASSIGN_OR_RETURN(p->server_, Server::Start(std::move(options.server), std::move(router)));
  search::Index* index = p->index_.get();
  p->server_->AddGauge("gongxin_search_indexed_subjects", "Subjects in the search index",
                       [index] { return static_cast<double>(index->size()); });
  store::StorePool* pool = p->pool_.get();
  p->server_->AddGauge("gongxin_store_connections", "Open store connections",
                       [pool] { return static_cast<double>(pool->open_connections()); });
  return p;
}

std::string PlatformServer::url() const {
  const std::string host = host_ == "0.0.0.0" || host_.empty() ? "127.0.0.1" : host_;
  return "http://" + host + ":" + std::to_string(port());
}

PlatformServer::~PlatformServer() {
  // The server's handlers use the pool and the index: stop it first.
  if (server_) server_->Stop();
  server_.reset();
}

}  // namespace gongxin::http::routes
