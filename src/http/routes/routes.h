// The platform's HTTP API: one routes file per capability, on top of the generic server
// (http/http.h). `gongxin serve` builds the Services and calls AddPlatformRoutes.
//
// Authentication: a request without `Authorization` is the public; `Authorization:
// Bearer KEY` names an API key (access/access.h) and so a role; any other value, or an
// unknown or revoked key, is 401. Handlers decide by the Viewer what they show, and
// write an audit entry for every response that carries non-public data.
#pragma once

#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/role.h"
#include "http/http.h"
#include "search/search.h"
#include "store/pool.h"

namespace gongxin::http::routes {

// What the handlers share. Everything is owned by the caller and outlives the server.
struct Services {
  const catalog::Catalog* catalog = nullptr;
  store::StorePool* stores = nullptr;
  search::Index* search = nullptr;  // thread-safe for concurrent Search and Upsert
  const Clock* clock = nullptr;     // "today" for publicity; receipt time of batches
  int ingest_threads = 2;           // validation threads per uploaded batch
};

// Adds every route of the platform's API to `router`.
void AddPlatformRoutes(Router& router, Services& services);

// The viewer of a request: Viewer::Public() without Authorization, the key's viewer
// with a valid `Bearer` key; an error Response (401) otherwise. Sets request.log_role.
struct Authenticated {
  Viewer viewer;
  std::optional<Response> error;  // set iff authentication failed
};
Authenticated Authenticate(const Request& request, Services& services);

// Writes an audit entry for `viewer` reading non-public data of `object`; a failure to
// audit is an error the caller must not hide (the data must not be shown unaudited).
Status Audit(store::Store& store, const Request& request, const Viewer& viewer,
             std::string_view action, std::string_view object, std::string_view detail,
             const Clock& clock);

// Route groups, one file each.
void AddArchiveRoutes(Router& router, Services& services);  // archive_routes.cc
void AddSearchRoutes(Router& router, Services& services);   // search_routes.cc
void AddBatchRoutes(Router& router, Services& services);    // batch_routes.cc
void AddAccessRoutes(Router& router, Services& services);   // access_routes.cc

// Helpers shared by the route files.
Response StoreUnavailable(const Status& status);
// 403 with a message naming the roles that may call the route.
Response Forbidden(std::string_view what_en, std::string_view what_zh);

}  // namespace gongxin::http::routes
