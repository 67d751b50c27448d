// Shared by the ingest tests: the shipped catalog, the fixed day of receipt, the
// source department, and a fresh migrated SQLite store per test.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "support/golden.h"

namespace gongxin::ingest::testing {

// The day of receipt of every batch in the tests: Monday 2026-11-23, 10:00 China time.
inline constexpr char kReceivedAt[] = "2026-11-23T10:00:00+08:00";
// 广州市天河区市场监督管理局: the source department of the 双公示 batches.
inline constexpr char kSource[] = "11440106MB2C01374F";

// The shipped catalog, loaded once.
inline const catalog::Catalog& Catalog() {
  static const catalog::Catalog* catalog = [] {
    auto loaded = catalog::Catalog::LoadDir(gongxin::testing::CatalogPath());
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return new catalog::Catalog(std::move(loaded).value());
  }();
  return *catalog;
}

// A clock stopped at kReceivedAt.
inline const Clock& ReceiptClock() {
  static const FixedClock* clock = new FixedClock(Instant::Parse(kReceivedAt).value());
  return *clock;
}

// A fresh, migrated SQLite store in its own folder, removed at the end of the test.
class TempStore {
 public:
  TempStore() : dir_(gongxin::testing::MakeTempDir("gongxin-ingest")) {
    RegisterMigrations();
    auto opened = store::Store::Open("sqlite:" + dir_ + "/gongxin.db");
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
    auto migrated = store_->Migrate();
    EXPECT_TRUE(migrated.ok()) << migrated.status().message();
  }
  ~TempStore() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace gongxin::ingest::testing
