// A pool of store connections for servers: a Store is one connection and may be used
// from one thread at a time, so each request borrows one for its duration.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

namespace gongxin::store {

class StorePool {
 public:
  // Connections are opened lazily with Store::Open(url), at most `max_size` at once;
  // `prepare` (optional) runs once on every new connection (e.g. nothing, or pragmas).
  StorePool(std::string url, size_t max_size, std::function<Status(Store&)> prepare = nullptr);

  // A borrowed connection, returned to the pool when the lease ends. A connection whose
  // borrower left a transaction open is rolled back before it is lent again.
  class Lease {
   public:
    Lease() = default;
    Lease(Lease&& other) noexcept : pool_(other.pool_), store_(std::move(other.store_)) {
      other.pool_ = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_.get(); }

   private:
    friend class StorePool;
    Lease(StorePool* pool, std::unique_ptr<Store> store) : pool_(pool), store_(std::move(store)) {}
    StorePool* pool_ = nullptr;
    std::unique_ptr<Store> store_;
  };

  // Borrows a connection, waiting while all `max_size` are lent; fails iff a new
  // connection cannot be opened.
  Result<Lease> Acquire();

  size_t open_connections() const;

 private:
  void Return(std::unique_ptr<Store> store);

  const std::string url_;
  const size_t max_size_;
  std::function<Status(Store&)> prepare_;
  mutable std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Store>> idle_;
  size_t open_ = 0;
};

}  // namespace gongxin::store
