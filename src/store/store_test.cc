// Store on real SQLite files: open, statements, parameters, cache, transactions.
#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/golden.h"

namespace gongxin::store {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::MakeTempDir("gongxin-store"); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name = "test.db") { return dir_ + "/" + name; }
  std::unique_ptr<Store> OpenOk(const std::string& url) {
    auto r = Store::Open(url);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }
  // The single integer that `sql` yields.
  static int64_t Scalar(Store& s, std::string_view sql) {
    auto st = s.Prepare(sql);
    EXPECT_TRUE(st.ok()) << st.status().ToString();
    if (!st.ok()) return -1;
    auto row = (*st)->Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    int64_t v = (*st)->Int(0);
    (*st)->Reset();
    return v;
  }
  static std::string ScalarText(Store& s, std::string_view sql) {
    auto st = s.Prepare(sql);
    EXPECT_TRUE(st.ok()) << st.status().ToString();
    if (!st.ok()) return "";
    auto row = (*st)->Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    std::string v = (*st)->Text(0);
    (*st)->Reset();
    return v;
  }

  std::string dir_;
};

TEST_F(StoreTest, OpenCreatesTheFileInEveryUrlForm) {
  for (std::string url : {"sqlite:" + Path("a.db"), Path("b.db"), "sqlite://" + Path("c.db"),
                          "sqlite:" + Path("d.db") + "?synchronous=full"}) {
    auto store = OpenOk(url);
    ASSERT_TRUE(store) << url;
    EXPECT_EQ(store->backend(), "sqlite");
  }
  for (auto name : {"a.db", "b.db", "c.db", "d.db"}) EXPECT_TRUE(fs::exists(Path(name))) << name;
}

TEST_F(StoreTest, OpenErrorsAreClear) {
  auto pg = Store::Open("postgres://localhost/gongxin");
  ASSERT_FALSE(pg.ok());
  EXPECT_EQ(pg.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(pg.status().message().find("not supported yet"), std::string::npos);
  EXPECT_FALSE(Store::Open("postgresql://x/y").ok());

  auto unknown = Store::Open("mysql://x/y");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(Store::Open("sqlite:").ok());
  EXPECT_FALSE(Store::Open("sqlite:" + Path() + "?synchronous=sometimes").ok());
  EXPECT_FALSE(Store::Open("sqlite:" + Path() + "?colour=blue").ok());

  auto missing_dir = Store::Open(dir_ + "/no/such/dir/x.db");
  ASSERT_FALSE(missing_dir.ok());
  EXPECT_EQ(missing_dir.status().code(), StatusCode::kIOError);
  EXPECT_NE(missing_dir.status().message().find("no/such/dir/x.db"), std::string::npos);

  std::FILE* f = std::fopen(Path("junk.db").c_str(), "w");
  std::fputs("this is not a database, just some text that is long enough to matter\n", f);
  for (int i = 0; i < 100; ++i) std::fputs("more junk more junk more junk\n", f);
  std::fclose(f);
  auto junk = Store::Open(Path("junk.db"));
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.status().code(), StatusCode::kCorruption) << junk.status().ToString();
}

TEST_F(StoreTest, PragmasAreSet) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  EXPECT_EQ(ScalarText(*store, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(Scalar(*store, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(Scalar(*store, "PRAGMA synchronous"), 1);  // NORMAL
  EXPECT_EQ(Scalar(*store, "PRAGMA busy_timeout"), 5000);
  EXPECT_EQ(Scalar(*store, "PRAGMA cache_size"), -65536);
  EXPECT_EQ(Scalar(*store, "PRAGMA temp_store"), 2);  // MEMORY
  EXPECT_EQ(Scalar(*store, "PRAGMA mmap_size"), 256 << 20);
  auto full = OpenOk("sqlite:" + Path("full.db") + "?synchronous=FULL");
  ASSERT_TRUE(full);
  EXPECT_EQ(Scalar(*full, "PRAGMA synchronous"), 2);
}

TEST_F(StoreTest, ForeignKeysAreEnforced) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      store
          ->ExecScript("CREATE TABLE p(id INTEGER PRIMARY KEY);"
                       "CREATE TABLE c(id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id));")
          .ok());
  Status s = store->ExecScript("INSERT INTO c(id, p) VALUES (1, 42)");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("FOREIGN KEY"), std::string::npos) << s.ToString();
}

TEST_F(StoreTest, ExecScriptRunsSeveralStatementsAndNamesTheSqlOnError) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store
                  ->ExecScript("CREATE TABLE t(a INTEGER, b TEXT);\n"
                               "INSERT INTO t VALUES (1, 'x');\n"
                               "INSERT INTO t VALUES (2, 'y');")
                  .ok());
  EXPECT_EQ(Scalar(*store, "SELECT count(*) FROM t"), 2);
  Status s = store->ExecScript("INSERT INTO nowhere VALUES (1)");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no such table: nowhere"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("INSERT INTO nowhere"), std::string::npos) << s.message();
}

TEST_F(StoreTest, BindAllTypesStepAndReadColumns) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store
                  ->ExecScript("CREATE TABLE t(i INTEGER, d DOUBLE PRECISION, s TEXT, b BLOB, "
                               "n TEXT)")
                  .ok());
  auto ins = store->Prepare("INSERT INTO t(i, d, s, b, n) VALUES ($1, $2, $3, $4, $5)");
  ASSERT_TRUE(ins.ok()) << ins.status().ToString();
  Statement* st = *ins;
  const std::string blob("a\0b\xff", 4);
  st->Bind(1, int64_t{-9007199254740993});
  st->Bind(2, 3.25);
  st->Bind(3, std::string_view("统一社会信用代码"));
  st->BindBlob(4, blob);
  st->BindNull(5);
  auto changed = st->Exec();
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(*changed, 1);
  // Value overload and the conveniences.
  st->Bind(1, Value{int64_t{7}});
  st->Bind(2, Value{0.5});
  st->Bind(3, Value{std::string("")});
  st->Bind(4, Value{});
  st->Bind(5, Value{std::string("v")});
  ASSERT_TRUE(st->Exec().ok());
  st->Bind(1, 42);
  st->Bind(2, 1.0);
  st->Bind(3, "literal");
  st->Bind(4, std::string("string"));
  st->Bind(5, std::string_view());  // an empty string, not NULL
  ASSERT_TRUE(st->Exec().ok());

  auto sel = store->Prepare("SELECT i, d, s, b, n FROM t ORDER BY rowid");
  ASSERT_TRUE(sel.ok());
  Statement* q = *sel;
  EXPECT_EQ(q->ColumnCount(), 5);
  ASSERT_TRUE(*q->Step());
  EXPECT_EQ(q->Int(0), -9007199254740993);
  EXPECT_DOUBLE_EQ(q->Double(1), 3.25);
  EXPECT_EQ(q->Text(2), "统一社会信用代码");
  EXPECT_EQ(q->TextView(3), blob);
  EXPECT_TRUE(q->IsNull(4));
  EXPECT_FALSE(q->IsNull(0));
  EXPECT_EQ(q->Text(4), "");
  EXPECT_EQ(q->Int(4), 0);
  ASSERT_TRUE(*q->Step());
  EXPECT_EQ(q->Int(0), 7);
  EXPECT_DOUBLE_EQ(q->Double(1), 0.5);
  EXPECT_FALSE(q->IsNull(2));
  EXPECT_EQ(q->Text(2), "");
  EXPECT_TRUE(q->IsNull(3));
  EXPECT_EQ(q->Text(4), "v");
  ASSERT_TRUE(*q->Step());
  EXPECT_EQ(q->Int(0), 42);
  EXPECT_EQ(q->Text(2), "literal");
  EXPECT_EQ(q->Text(3), "string");
  EXPECT_FALSE(q->IsNull(4));
  auto end = q->Step();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
  // Done resets the statement: stepping again runs it again.
  ASSERT_TRUE(*q->Step());
  EXPECT_EQ(q->Int(0), -9007199254740993);
}

TEST_F(StoreTest, DollarParametersBindByNumberOutOfOrderAndRepeated) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  auto st = store->Prepare("SELECT $2 || '-' || $1 || '-' || $2, $3 + $3");
  ASSERT_TRUE(st.ok());
  (*st)->Bind(1, "one");
  (*st)->Bind(2, "two");
  (*st)->Bind(3, 20);
  ASSERT_TRUE(*(*st)->Step());
  EXPECT_EQ((*st)->Text(0), "two-one-two");
  EXPECT_EQ((*st)->Int(1), 40);

  // "?" placeholders bind by position.
  auto q = store->Prepare("SELECT ? || ?");
  ASSERT_TRUE(q.ok());
  (*q)->Bind(2, "b");
  (*q)->Bind(1, "a");
  ASSERT_TRUE(*(*q)->Step());
  EXPECT_EQ((*q)->Text(0), "ab");

  // A number the SQL does not use is reported by Step, naming it and the SQL.
  auto bad = store->Prepare("SELECT $1");
  ASSERT_TRUE(bad.ok());
  (*bad)->Bind(2, 5);
  auto r = (*bad)->Step();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("$2"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("SELECT $1"), std::string::npos);
  (*bad)->Reset();
  (*bad)->Bind(1, 5);
  ASSERT_TRUE((*bad)->Step().ok());
}

TEST_F(StoreTest, StatementCacheReturnsTheSameStatementReset) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      store->ExecScript("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1),(2),(3)").ok());
  const char* sql = "SELECT a FROM t WHERE a >= $1 ORDER BY a";
  auto first = store->Prepare(sql);
  ASSERT_TRUE(first.ok());
  (*first)->Bind(1, 2);
  ASSERT_TRUE(*(*first)->Step());
  EXPECT_EQ((*first)->Int(0), 2);
  auto again = store->Prepare(std::string(sql));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*first, *again);
  // Reset: bindings cleared ($1 is NULL, so nothing matches), run from the start.
  auto row = (*again)->Step();
  ASSERT_TRUE(row.ok());
  EXPECT_FALSE(*row);
  (*again)->Bind(1, 1);
  ASSERT_TRUE(*(*again)->Step());
  EXPECT_EQ((*again)->Int(0), 1);
  // Binding mid-iteration starts over.
  (*again)->Bind(1, 3);
  ASSERT_TRUE(*(*again)->Step());
  EXPECT_EQ((*again)->Int(0), 3);
  EXPECT_NE(*store->Prepare("SELECT a FROM t"), *again);
}

TEST_F(StoreTest, PrepareErrors) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  auto syntax = store->Prepare("SELEC 1");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find("SELEC 1"), std::string::npos);
  EXPECT_FALSE(store->Prepare("SELECT 1; SELECT 2").ok());
  EXPECT_FALSE(store->Prepare("   ").ok());
  EXPECT_TRUE(store->Prepare("SELECT 1; -- trailing comment").ok());
}

TEST_F(StoreTest, StepErrorNamesSqlAndSqliteMessage) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->ExecScript("CREATE TABLE u(k TEXT PRIMARY KEY, v TEXT NOT NULL)").ok());
  auto ins = store->Prepare("INSERT INTO u(k, v) VALUES ($1, $2)");
  ASSERT_TRUE(ins.ok());
  (*ins)->Bind(1, "k");
  (*ins)->Bind(2, "v");
  ASSERT_TRUE((*ins)->Exec().ok());
  auto dup = (*ins)->Exec();
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(dup.status().message().find("UNIQUE constraint failed: u.k"), std::string::npos)
      << dup.status().message();
  EXPECT_NE(dup.status().message().find("INSERT INTO u(k, v)"), std::string::npos);
  (*ins)->Bind(1, "k2");
  (*ins)->BindNull(2);
  auto null = (*ins)->Exec();
  ASSERT_FALSE(null.ok());
  EXPECT_EQ(null.status().code(), StatusCode::kInvalidArgument);
  // After an error the statement runs again.
  (*ins)->Bind(2, "v2");
  EXPECT_TRUE((*ins)->Exec().ok());
}

TEST_F(StoreTest, LastInsertId) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->ExecScript("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT)").ok());
  auto ins = store->Prepare("INSERT INTO t(a) VALUES ($1)");
  ASSERT_TRUE(ins.ok());
  (*ins)->Bind(1, "x");
  ASSERT_TRUE((*ins)->Exec().ok());
  EXPECT_EQ(store->LastInsertId(), 1);
  (*ins)->Bind(1, "y");
  ASSERT_TRUE((*ins)->Exec().ok());
  EXPECT_EQ(store->LastInsertId(), 2);
}

TEST_F(StoreTest, CommitIsVisibleAfterReopenRollbackIsNot) {
  {
    auto store = OpenOk(Path());
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->ExecScript("CREATE TABLE t(a INTEGER)").ok());
    EXPECT_FALSE(store->InTransaction());
    ASSERT_TRUE(store->Begin().ok());
    EXPECT_TRUE(store->InTransaction());
    EXPECT_EQ(store->Begin().code(), StatusCode::kFailedPrecondition);  // no nesting
    ASSERT_TRUE(store->ExecScript("INSERT INTO t VALUES (1)").ok());
    ASSERT_TRUE(store->Commit().ok());
    EXPECT_FALSE(store->InTransaction());
    EXPECT_FALSE(store->Commit().ok());

    ASSERT_TRUE(store->Begin().ok());
    ASSERT_TRUE(store->ExecScript("INSERT INTO t VALUES (2)").ok());
    ASSERT_TRUE(store->Rollback().ok());
    EXPECT_FALSE(store->InTransaction());
    EXPECT_TRUE(store->Rollback().ok());  // nothing open: a no-op
    EXPECT_EQ(Scalar(*store, "SELECT count(*) FROM t"), 1);
  }
  auto reopened = OpenOk(Path());
  ASSERT_TRUE(reopened);
  EXPECT_EQ(Scalar(*reopened, "SELECT count(*) FROM t"), 1);
  EXPECT_EQ(Scalar(*reopened, "SELECT sum(a) FROM t"), 1);
}

TEST_F(StoreTest, TransactionRollsBackOnScopeExitUnlessCommitted) {
  auto store = OpenOk(Path());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->ExecScript("CREATE TABLE t(a INTEGER)").ok());
  {
    Transaction tx(*store);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(store->ExecScript("INSERT INTO t VALUES (1)").ok());
  }
  EXPECT_FALSE(store->InTransaction());
  EXPECT_EQ(Scalar(*store, "SELECT count(*) FROM t"), 0);
  {
    Transaction tx(*store);
    ASSERT_TRUE(tx.Begin().ok());
    ASSERT_TRUE(store->ExecScript("INSERT INTO t VALUES (2)").ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  EXPECT_EQ(Scalar(*store, "SELECT count(*) FROM t"), 1);
}

TEST_F(StoreTest, SecondConnectionSeesOnlyCommittedData) {
  auto writer = OpenOk(Path());
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->ExecScript("CREATE TABLE t(a INTEGER)").ok());
  auto reader = OpenOk(Path());
  ASSERT_TRUE(reader);
  ASSERT_TRUE(writer->Begin().ok());
  ASSERT_TRUE(writer->ExecScript("INSERT INTO t VALUES (1)").ok());
  EXPECT_EQ(Scalar(*reader, "SELECT count(*) FROM t"), 0);  // WAL: readers are not blocked
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(Scalar(*reader, "SELECT count(*) FROM t"), 1);
}

}  // namespace
}  // namespace gongxin::store
