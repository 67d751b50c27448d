#include "store/pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/golden.h"

namespace gongxin::store {
namespace {

std::string Url() { return "sqlite:" + gongxin::testing::MakeTempDir("gongxin-pool") + "/p.db"; }

TEST(StorePoolTest, ReusesConnectionsAndWaitsWhenAllAreLent) {
  StorePool pool(Url(), 2);
  Store* first = nullptr;
  {
    auto a = pool.Acquire();
    ASSERT_TRUE(a.ok()) << a.status().message();
    first = &**a;
  }
  auto a = pool.Acquire();
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(&**a, first) << "an idle connection is lent again";
  auto b = pool.Acquire();
  ASSERT_TRUE(b.ok());
  EXPECT_NE(&**b, first);
  EXPECT_EQ(pool.open_connections(), 2u);

  std::atomic<bool> got{false};
  std::thread waiter([&] {
    auto c = pool.Acquire();
    EXPECT_TRUE(c.ok());
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(got.load()) << "a third borrower waits while both connections are lent";
  { StorePool::Lease returned = std::move(*b); }
  waiter.join();
  EXPECT_TRUE(got.load());
  EXPECT_EQ(pool.open_connections(), 2u);
}

TEST(StorePoolTest, OpenTransactionIsRolledBackWhenReturned) {
  StorePool pool(Url(), 1);
  {
    auto a = pool.Acquire();
    ASSERT_TRUE(a.ok());
    ASSERT_TRUE((*a)->ExecScript("CREATE TABLE t(x INTEGER)").ok());
    ASSERT_TRUE((*a)->Begin().ok());
    ASSERT_TRUE((*a)->ExecScript("INSERT INTO t VALUES (1)").ok());
  }
  auto a = pool.Acquire();
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE((*a)->InTransaction());
  auto st = (*a)->Prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*(*st)->Step());
  EXPECT_EQ((*st)->Int(0), 0);
  (*st)->Reset();
}

TEST(StorePoolTest, PrepareRunsOnEveryNewConnectionAndItsFailureIsReported) {
  int prepared = 0;
  StorePool pool(Url(), 2, [&](Store&) {
    ++prepared;
    return Status::OK();
  });
  auto a = pool.Acquire();
  auto b = pool.Acquire();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(prepared, 2);

  StorePool failing(Url(), 1, [](Store&) { return Status::FailedPrecondition("no", "否"); });
  auto c = failing.Acquire();
  EXPECT_EQ(c.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(failing.open_connections(), 0u) << "a failed open gives its slot back";
}

}  // namespace
}  // namespace gongxin::store
