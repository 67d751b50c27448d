// The property ingest relies on: a process killed in the middle of a large
// uncommitted transaction leaves the database exactly as before.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "store/store.h"
#include "support/golden.h"

namespace gongxin::store {
namespace {

namespace fs = std::filesystem;

std::vector<std::vector<Value>> Batch(int64_t first, int n) {
  std::vector<std::vector<Value>> rows;
  rows.reserve(n);
  for (int64_t i = first; i < first + n; ++i) {
    rows.push_back({Value{i}, Value{"subject-" + std::to_string(i) + std::string(80, 'p')},
                    Value{static_cast<double>(i) * 0.5}});
  }
  return rows;
}

// count, sum(id), total(length(payload)) and the integrity check.
std::string Fingerprint(const std::string& url) {
  auto store = Store::Open(url);
  if (!store.ok()) return "open failed: " + store.status().ToString();
  auto q = (*store)->Prepare("SELECT count(*), sum(id), total(length(payload)), total(x) FROM t");
  if (!q.ok()) return "prepare failed: " + q.status().ToString();
  auto row = (*q)->Step();
  if (!row.ok() || !*row) return "select failed";
  std::string out = std::to_string((*q)->Int(0)) + "/" + std::to_string((*q)->Int(1)) + "/" +
                    std::to_string((*q)->Double(2)) + "/" + std::to_string((*q)->Double(3));
  (*q)->Reset();
  auto check = (*store)->Prepare("PRAGMA integrity_check");
  if (!check.ok() || !*(*check)->Step()) return "integrity_check failed";
  return out + " " + (*check)->Text(0);
}

TEST(CrashTest, KilledMidBatchLeavesTheStoreAsBefore) {
  std::string dir = testing::MakeTempDir("gongxin-crash");
  std::string url = "sqlite:" + dir + "/crash.db";
  const std::vector<std::string> columns = {"id", "payload", "x"};
  {
    auto store = Store::Open(url);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE(
        (*store)
            ->ExecScript("CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT, x DOUBLE PRECISION)")
            .ok());
    ASSERT_TRUE((*store)->Begin().ok());
    ASSERT_TRUE((*store)->BulkInsert("t", columns, Batch(1, 20000)).ok());
    ASSERT_TRUE((*store)->Commit().ok());
  }  // closed before forking: a connection must not cross fork()
  const std::string before = Fingerprint(url);
  ASSERT_EQ(before.substr(0, 6), "20000/") << before;

  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(ready[0]);
    auto store = Store::Open(url);
    if (!store.ok()) _exit(2);
    // A small page cache, so that uncommitted pages spill into the WAL file early.
    if (!(*store)->ExecScript("PRAGMA cache_size=-512").ok()) _exit(3);
    if (!(*store)->Begin().ok()) _exit(4);
    int64_t next = 1000000;
    for (int batch = 0;; ++batch) {
      if (!(*store)->BulkInsert("t", columns, Batch(next, 5000)).ok()) _exit(5);
      if (!(*store)->ExecScript("UPDATE t SET x = -1 WHERE id % 97 = 0").ok()) _exit(6);
      next += 5000;
      if (batch == 20) {
        char c = 'r';
        if (write(ready[1], &c, 1) != 1) _exit(7);
      }
    }  // never commits: the parent kills it while it keeps writing
  }
  close(ready[1]);
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1) << "the child failed before writing";
  close(ready[0]);
  // The uncommitted batch really reached the disk before the kill.
  EXPECT_GT(fs::file_size(dir + "/crash.db-wal"), 4u << 20);
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;

  EXPECT_EQ(Fingerprint(url), before);
  EXPECT_NE(before.find(" ok"), std::string::npos) << before;

  // And the store takes new work after recovery.
  auto store = Store::Open(url);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Begin().ok());
  ASSERT_TRUE((*store)->BulkInsert("t", columns, Batch(30000, 10)).ok());
  ASSERT_TRUE((*store)->Commit().ok());
  store->reset();  // closed before the fingerprint reopens it
  EXPECT_EQ(Fingerprint(url).substr(0, 6), "20010/");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gongxin::store
