// A batch is atomic against a crash: a process killed (SIGKILL) in the middle of a
// large ingest leaves the store exactly as it was before the batch, intact, and the
// same file then ingests completely.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "archive/archive.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/uscc.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "support/golden.h"

namespace gongxin::ingest {
namespace {

namespace fs = std::filesystem;

// Rows of the large batch (about 50 MB once stored). With the child's small page
// cache, the uncommitted batch spills into the WAL file from its first rows; the kill
// comes when the WAL holds a few MB, long before the end (the parent checks that the
// child was still running, and the counts afterwards that nothing was committed).
constexpr int kRows = 20000;
constexpr uintmax_t kWalBytesBeforeKill = uintmax_t{4} << 20;

// A registration file of kRows enterprises of 天河区 with valid, distinct codes.
std::string WriteLargeRegistrationFile(const std::string& dir) {
  const std::string path = dir + "/registration-large.csv";
  std::ofstream out(path, std::ios::binary);
  out << "DJ_ZTMC,DJ_SHXYM,DJ_ZTLB,DJ_ZTLX,DJ_FDDBR,DJ_CLRQ,DJ_HZRQ,DJ_ZCZB,DJ_ZS,DJ_XZQH,"
         "DJ_JYFW,DJ_DJZT,DJ_DJJG,DJ_DJJGDM,DJ_SJLY,DJ_SJLYDM\n";
  for (int i = 0; i < kRows; ++i) {
    out << "广州市天河区穗华" << i << "号贸易有限公司," << uscc::Generate("91", "440106", 5000 + i)
        << ",法人及非法人组织,有限责任公司(自然人投资或控股),陈" << (i % 97) << "明,2019-0"
        << (1 + i % 9) << "-1" << (i % 10) << ",2026-11-1" << (i % 8) << "," << (i % 1000) + 1
        << ",广州市天河区天河北路" << (i % 900) + 1 << "号" << (i % 30) + 1
        << "01房,440106,"
           "日用百货、五金交电、电子产品、办公用品的批发和零售；货物进出口；技术进出口；"
           "信息技术咨询服务（依法须经批准的项目，经相关部门批准后方可开展经营活动）,"
           "存续,广州市天河区市场监督管理局,11440106MB2C01374F,广东省市场监督管理局,"
           "11440000MB2F3H2891\n";
  }
  out.close();
  EXPECT_TRUE(out) << "cannot write " << path;
  return path;
}

struct Counts {
  int64_t subjects = -1, records = -1, versions = -1, batches = -1, feedback = -1;
  bool operator==(const Counts&) const = default;
};

int64_t Scalar(store::Store& store, const std::string& sql) {
  auto st = store.Prepare(sql);
  if (!st.ok()) return -1;
  (*st)->Reset();
  auto row = (*st)->Step();
  if (!row.ok() || !*row) return -1;
  const int64_t n = (*st)->Int(0);
  (*st)->Reset();
  return n;
}

Counts CountAll(store::Store& store) {
  Counts c;
  c.subjects = Scalar(store, "SELECT COUNT(*) FROM subjects");
  c.records = Scalar(store, "SELECT COUNT(*) FROM records");
  c.versions = Scalar(store, "SELECT COUNT(*) FROM record_versions");
  c.batches = Scalar(store, "SELECT COUNT(*) FROM batches");
  c.feedback = Scalar(store, "SELECT COUNT(*) FROM batch_feedback");
  return c;
}

std::string IntegrityCheck(store::Store& store) {
  auto st = store.Prepare("PRAGMA integrity_check");
  if (!st.ok()) return st.status().message();
  (*st)->Reset();
  auto row = (*st)->Step();
  if (!row.ok() || !*row) return "no answer";
  std::string out = (*st)->Text(0);
  (*st)->Reset();
  return out;
}

std::unique_ptr<store::Store> OpenStore(const std::string& url) {
  RegisterMigrations();
  auto store = store::Store::Open(url);
  EXPECT_TRUE(store.ok()) << store.status().message();
  if (!store.ok()) return nullptr;
  auto migrated = (*store)->Migrate();
  EXPECT_TRUE(migrated.ok()) << migrated.status().message();
  return std::move(store).value();
}

TEST(CrashIngestTest, KilledMidBatchLeavesTheStoreAsBeforeAndTheFileThenIngests) {
  const std::string dir = testing::MakeTempDir("gongxin-crash-ingest");
  const std::string db = dir + "/gongxin.db";
  const std::string url = "sqlite:" + db;
  auto loaded = catalog::Catalog::LoadDir(testing::CatalogPath());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const catalog::Catalog& catalog = *loaded;
  const FixedClock clock(Instant::Parse("2026-11-23T10:00:00+08:00").value());
  IngestOptions options;
  options.class_id = "registration";
  options.source = "11440000MB2F3H2891";  // 广东省市场监督管理局
  options.clock = &clock;

  // The store before: one committed batch (the test subjects).
  Counts before;
  {
    auto store = OpenStore(url);
    ASSERT_NE(store, nullptr);
    auto first =
        IngestFile(*store, catalog, testing::TestDataPath("golden/ingest/subjects.csv"), options);
    ASSERT_TRUE(first.ok()) << first.status().message();
    ASSERT_GT(first->accepted, 0);
    before = CountAll(*store);
    ASSERT_EQ(before.batches, 1);
    ASSERT_GT(before.records, 0);
  }  // closed before forking: a connection must not cross fork()
  const std::string large = WriteLargeRegistrationFile(dir);

  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto store = store::Store::Open(url);
    if (!store.ok()) _exit(2);
    // A small page cache, so that the batch's uncommitted pages spill into the WAL
    // file while it runs (the default cache would hold them until the commit).
    if (!(*store)->ExecScript("PRAGMA cache_size=-256").ok()) _exit(3);
    auto summary = IngestFile(**store, catalog, large, options);
    _exit(summary.ok() ? 0 : 4);
  }
  // Kill the child once the uncommitted batch has written megabytes to the WAL.
  const std::string wal = db + "-wal";
  uintmax_t wal_bytes = 0;
  bool exited = false;
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    wal_bytes = fs::file_size(wal, ec);
    if (!ec && wal_bytes > kWalBytesBeforeKill) break;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!exited) {
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
  }
  ASSERT_FALSE(exited) << "the child ended (status " << status << ") before the WAL reached "
                       << kWalBytesBeforeKill << " bytes: the batch is too small to be killed";
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  EXPECT_GT(wal_bytes, kWalBytesBeforeKill);

  // After the crash: exactly the store of before, intact.
  auto store = OpenStore(url);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(IntegrityCheck(*store), "ok");
  const Counts after = CountAll(*store);
  EXPECT_EQ(after.subjects, before.subjects);
  EXPECT_EQ(after.records, before.records);
  EXPECT_EQ(after.versions, before.versions);
  EXPECT_EQ(after.batches, before.batches);
  EXPECT_EQ(after.feedback, before.feedback);
  archive::ArchiveReader reader(*store);
  auto half_written = reader.FindSubject(uscc::Generate("91", "440106", 5000));
  ASSERT_TRUE(half_written.ok());
  EXPECT_FALSE(half_written->has_value()) << "a subject of the killed batch survived";

  // The same file, handed in again, now ingests completely.
  auto again = IngestFile(*store, catalog, large, options);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->rows, kRows);
  EXPECT_EQ(again->accepted, kRows);
  EXPECT_EQ(again->new_records, kRows);
  EXPECT_EQ(again->rejected, 0);
  EXPECT_TRUE(again->feedback.empty()) << FeedbackCsv(again->feedback).substr(0, 2000);
  const Counts done = CountAll(*store);
  EXPECT_EQ(done.subjects, before.subjects + kRows);
  EXPECT_EQ(done.records, before.records + kRows);
  EXPECT_EQ(done.versions, before.versions + kRows);
  EXPECT_EQ(done.batches, before.batches + 1);
  EXPECT_EQ(IntegrityCheck(*store), "ok");
  auto last = reader.FindSubject(uscc::Generate("91", "440106", 5000 + kRows - 1));
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->name, "广州市天河区穗华" + std::to_string(kRows - 1) + "号贸易有限公司");
  EXPECT_FALSE((*last)->stub);

  store.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gongxin::ingest
