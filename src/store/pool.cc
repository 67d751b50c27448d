#include "store/pool.h"

namespace gongxin::store {

StorePool::StorePool(std::string url, size_t max_size, std::function<Status(Store&)> prepare)
    : url_(std::move(url)), max_size_(max_size < 1 ? 1 : max_size), prepare_(std::move(prepare)) {}

StorePool::Lease::~Lease() {
  if (pool_ && store_) pool_->Return(std::move(store_));
}

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::unique_lock lock(mu_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < max_size_; });
    if (!idle_.empty()) {
      std::unique_ptr<Store> store = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(store));
    }
    ++open_;  // reserve the slot, open outside the lock
  }
  auto opened = Store::Open(url_);
  Status prepared = opened.ok() && prepare_ ? prepare_(**opened) : Status::OK();
  if (!opened.ok() || !prepared.ok()) {
    std::lock_guard lock(mu_);
    --open_;
    available_.notify_one();
    return opened.ok() ? prepared : opened.status();
  }
  return Lease(this, std::move(*opened));
}

void StorePool::Return(std::unique_ptr<Store> store) {
  if (store->InTransaction()) (void)store->Rollback();
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(store));
  available_.notify_one();
}

size_t StorePool::open_connections() const {
  std::lock_guard lock(mu_);
  return open_;
}

}  // namespace gongxin::store
