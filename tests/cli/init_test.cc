// End-to-end tests of `gongxin init`.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "run.h"
#include "support/golden.h"

namespace gongxin::testing {
namespace {

namespace fs = std::filesystem;

class InitTest : public ::testing::Test {
 protected:
  void SetUp() override { root_ = MakeTempDir("gongxin-init"); }
  void TearDown() override {
    fs::permissions(root_, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(root_);
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::string root_;
};

TEST_F(InitTest, CreatesThePlatformAndIsIdempotent) {
  std::string dir = root_ + "/platform";
  auto r = RunGongxin({"init", "--data", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_match(
      r.out, std::regex("initialised " + dir + " \\(sqlite, \\d+ migrations?\\)\n")))
      << r.out;
  // A SQLite database in WAL mode.
  EXPECT_EQ(Read(dir + "/gongxin.db").substr(0, 16), std::string("SQLite format 3\0", 16));
  std::string platform = Read(dir + "/platform.json");
  EXPECT_NE(platform.find("\"format\": 1"), std::string::npos) << platform;
  EXPECT_NE(platform.find("\"store\": \"sqlite:" + dir + "/gongxin.db\""), std::string::npos)
      << platform;
  EXPECT_TRUE(std::regex_search(
      platform,
      std::regex("\"created_at\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00\"")))
      << platform;

  auto again = RunGongxin({"init", "--data", dir});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "already initialised " + dir + " (sqlite, 0 new migrations)\n");
  EXPECT_EQ(Read(dir + "/platform.json"), platform);  // untouched
}

TEST_F(InitTest, ExplicitSqliteStoreIsRecordedAbsolute) {
  std::string dir = root_ + "/p";
  std::string db = root_ + "/elsewhere.db";
  auto r = RunGongxin({"init", "--data", dir, "--store", "sqlite:" + db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(db));
  EXPECT_FALSE(fs::exists(dir + "/gongxin.db"));
  EXPECT_NE(Read(dir + "/platform.json").find("\"sqlite:" + db + "\""), std::string::npos);
  // The recorded store is used again; a different one is refused.
  EXPECT_EQ(RunGongxin({"init", "--data", dir}).exit_code, 0);
  auto other = RunGongxin({"init", "--data", dir, "--store", "sqlite:" + root_ + "/x.db"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("was initialised with store"), std::string::npos) << other.err;
}

TEST_F(InitTest, PostgresIsNotSupportedYet) {
  std::string dir = root_ + "/pg";
  auto r = RunGongxin({"init", "--data", dir, "--store", "postgres://localhost/gongxin"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not supported yet"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir));  // nothing left behind
}

TEST_F(InitTest, DataThatIsAFileIsAClearError) {
  std::string file = root_ + "/file";
  std::ofstream(file) << "x";
  auto r = RunGongxin({"init", "--data", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("not a directory"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(InitTest, FolderThatCannotBeCreatedIsAClearError) {
  auto r = RunGongxin({"init", "--data", "/proc/self/gongxin-platform"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot create '/proc/self/gongxin-platform'"), std::string::npos) << r.err;
}

TEST_F(InitTest, DamagedPlatformFileOrMissingStoreIsAnError) {
  std::string dir = root_ + "/d";
  ASSERT_EQ(RunGongxin({"init", "--data", dir}).exit_code, 0);
  fs::remove(dir + "/gongxin.db");
  auto missing = RunGongxin({"init", "--data", dir});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("missing"), std::string::npos) << missing.err;
  std::ofstream(dir + "/platform.json") << "{not json";
  auto damaged = RunGongxin({"init", "--data", dir});
  EXPECT_EQ(damaged.exit_code, 1);
  EXPECT_NE(damaged.err.find("damaged"), std::string::npos) << damaged.err;
}

TEST_F(InitTest, DataIsRequired) {
  auto r = RunGongxin({"init"});
  EXPECT_NE(r.exit_code, 0);
  auto help = RunGongxin({"init", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--store"), std::string::npos);
}

}  // namespace
}  // namespace gongxin::testing
