// Migrations: registry, Store::Migrate, Store::AppliedMigrations on real SQLite files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "store/store.h"
#include "support/golden.h"

namespace gongxin::store {
namespace {

// How a capability registers: an explicit function (the contract), optionally also a
// static registrar (harmless: registration is idempotent).
Migration TestV1() {
  return {"zz_test", 1, "create widgets",
          "CREATE TABLE widgets(id INTEGER PRIMARY KEY, name TEXT)"};
}
Migration TestV2() {
  return {"zz_test", 2, "add colour",
          "ALTER TABLE widgets ADD COLUMN colour TEXT;"
          "CREATE INDEX widgets_colour ON widgets(colour)"};
}
[[maybe_unused]] static const bool kStaticallyRegistered = RegisterMigrations({TestV1()});

void RegisterZzTestMigrations() {
  // Out of order on purpose: Migrate sorts by version.
  static const bool once = RegisterMigrations({TestV2(), TestV1()});
  (void)once;
}

namespace fs = std::filesystem;
using Applied = std::vector<std::pair<std::string, int>>;

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("gongxin-migrate");
    store_ = Open();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::unique_ptr<Store> Open() {
    auto r = Store::Open("sqlite:" + dir_ + "/m.db");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }
  bool TableExists(const std::string& name) {
    auto q = store_->Prepare("SELECT count(*) FROM sqlite_master WHERE name = $1");
    EXPECT_TRUE(q.ok());
    (*q)->Bind(1, name);
    EXPECT_TRUE(*(*q)->Step());
    bool exists = (*q)->Int(0) == 1;
    (*q)->Reset();
    return exists;
  }
  Applied AppliedOrDie() {
    auto a = store_->AppliedMigrations();
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? *a : Applied{};
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(MigrationsTest, RegisteredMigrationsRunInOrderOnce) {
  RegisterZzTestMigrations();
  RegisterZzTestMigrations();  // idempotent
  EXPECT_TRUE(RegisterMigrations({TestV1()}));
  std::vector<Migration> all = AllMigrations();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].version, 1);
  EXPECT_EQ(all[1].version, 2);

  EXPECT_EQ(AppliedOrDie(), Applied{});
  auto ran = store_->Migrate();
  ASSERT_TRUE(ran.ok()) << ran.status().ToString();
  EXPECT_EQ(*ran, 2);
  EXPECT_TRUE(TableExists("widgets"));
  EXPECT_TRUE(TableExists("widgets_colour"));
  EXPECT_EQ(AppliedOrDie(), (Applied{{"zz_test", 1}, {"zz_test", 2}}));

  auto again = store_->Migrate();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);

  // After reopening too; and the rows carry name and time.
  store_ = Open();
  auto third = store_->Migrate();
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(*third, 0);
  auto q = store_->Prepare(
      "SELECT name, applied_at FROM schema_migrations WHERE capability = 'zz_test' "
      "ORDER BY version");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(*(*q)->Step());
  EXPECT_EQ((*q)->Text(0), "create widgets");
  EXPECT_EQ((*q)->Text(1).size(), 25u) << (*q)->Text(1);  // 2026-01-01T08:00:00+08:00
}

TEST_F(MigrationsTest, NewMigrationsOfACapabilityRunLater) {
  std::vector<Migration> v1 = {TestV1()};
  auto ran = store_->Migrate(v1);
  ASSERT_TRUE(ran.ok());
  EXPECT_EQ(*ran, 1);
  auto more = store_->Migrate({TestV1(), TestV2(), {"aa_other", 1, "x", "CREATE TABLE x(a)"}});
  ASSERT_TRUE(more.ok()) << more.status().ToString();
  EXPECT_EQ(*more, 2);
  EXPECT_EQ(AppliedOrDie(), (Applied{{"aa_other", 1}, {"zz_test", 1}, {"zz_test", 2}}));
}

TEST_F(MigrationsTest, BrokenMigrationLeavesNothingAndIsNamed) {
  std::vector<Migration> list = {
      {"ledger", 1, "create entries", "CREATE TABLE entries(id INTEGER PRIMARY KEY)"},
      {"ledger", 2, "add hashes",
       "CREATE TABLE hashes(h TEXT); INSERT INTO hashes VALUES ('x');"
       "INSERT INTO entries VALUES (1); INSERT INTO nowhere VALUES (1)"},
      {"ledger", 3, "never reached", "CREATE TABLE later(a)"},
  };
  auto r = store_->Migrate(list);
  ASSERT_FALSE(r.ok());
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("ledger v2 'add hashes'"), std::string::npos) << m;
  EXPECT_NE(m.find("no such table: nowhere"), std::string::npos) << m;
  EXPECT_FALSE(store_->InTransaction());
  EXPECT_TRUE(TableExists("entries"));  // v1 stays applied
  EXPECT_FALSE(TableExists("hashes"));
  EXPECT_FALSE(TableExists("later"));
  auto q = store_->Prepare("SELECT count(*) FROM entries");
  ASSERT_TRUE(*(*q)->Step());
  EXPECT_EQ((*q)->Int(0), 0);
  (*q)->Reset();
  EXPECT_EQ(AppliedOrDie(), (Applied{{"ledger", 1}}));

  // Fixed, it runs from where it stopped.
  list[1].sql = "CREATE TABLE hashes(h TEXT)";
  auto fixed = store_->Migrate(list);
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_EQ(*fixed, 2);
}

TEST_F(MigrationsTest, InconsistentListsAreRejectedBeforeRunningAnything) {
  auto dup = store_->Migrate({TestV1(), {"zz_test", 1, "something else", "CREATE TABLE y(a)"}});
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("zz_test v1"), std::string::npos) << dup.status().message();
  EXPECT_FALSE(store_->Migrate({{"zz_test", 0, "zero", "SELECT 1"}}).ok());
  EXPECT_FALSE(store_->Migrate({{"", 1, "nobody's", "SELECT 1"}}).ok());
  EXPECT_FALSE(TableExists("widgets"));
  // Exact duplicates are fine.
  auto same = store_->Migrate({TestV1(), TestV1()});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, 1);
}

TEST_F(MigrationsTest, ConflictingRegistrationIsReportedByMigrate) {
  // In a child process, so that the conflict stays out of this process's registry.
  EXPECT_EXIT(
      {
        bool consistent = RegisterMigrations({{"zz_test", 1, "other", "CREATE TABLE o(a)"}});
        RegisterZzTestMigrations();
        auto child = Store::Open("sqlite:" + dir_ + "/child.db");  // not the parent's
        auto r = child.ok() ? (*child)->Migrate() : Result<int>(child.status());
        std::exit(!consistent && !r.ok() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST_F(MigrationsTest, DatabaseNewerThanTheProgramIsLeftAlone) {
  ASSERT_TRUE(store_->Migrate({TestV1(), TestV2()}).ok());
  auto r = store_->Migrate({TestV1()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("zz_test migration v2"), std::string::npos)
      << r.status().message();
}

TEST_F(MigrationsTest, NotInsideATransactionAndNoTransactionControlInSql) {
  ASSERT_TRUE(store_->Begin().ok());
  EXPECT_EQ(store_->Migrate({TestV1()}).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->Rollback().ok());
  auto r = store_->Migrate({{"zz_test", 1, "sneaky", "CREATE TABLE s(a); COMMIT"}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("ended the transaction"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace gongxin::store
