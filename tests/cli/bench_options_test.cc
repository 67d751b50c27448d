// The command-line options the ingest benchmark (bench/ingest.sh) relies on:
// `gongxin gen --only CLASS --records N` and `gongxin ingest --validate-only`.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "run.h"
#include "support/golden.h"

namespace gongxin::testing {
namespace {

namespace fs = std::filesystem;

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class BenchOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override { root_ = MakeTempDir("gongxin-bench-options"); }
  void TearDown() override { fs::remove_all(root_); }
  std::string root_;
};

TEST_F(BenchOptionsTest, GenOnlyOneClassThenValidateWithoutAPlatform) {
  const std::string out = root_ + "/gen";
  auto gen = RunGongxin(
      {"gen", "--out", out, "--only", "penalty", "--records", "1500", "--seed", "11", "--quiet"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  EXPECT_NE(gen.out.find("\"files\":{\"penalty\":1500}"), std::string::npos) << gen.out;
  const std::string csv = Read(out + "/penalty.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1501);
  EXPECT_FALSE(fs::exists(out + "/subjects.csv"));
  const std::string sources = Read(out + "/sources.csv");
  const size_t at = sources.find("\npenalty,");
  ASSERT_NE(at, std::string::npos) << sources;
  const std::string source = sources.substr(at + 9, 18);

  auto dry = RunGongxin({"ingest", "--validate-only", "--class", "penalty", "--source", source,
                         out + "/penalty.csv"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out.rfind("{\"batch\":0,\"class\":\"penalty\",\"rows\":1500,\"accepted\":1500,"
                          "\"rejected\":0,\"unchanged\":0,",
                          0),
            0u)
      << dry.out;
  EXPECT_TRUE(fs::exists(out + "/penalty.csv.feedback.csv"));
}

TEST_F(BenchOptionsTest, IngestWithoutDataNeedsValidateOnly) {
  const std::string file = root_ + "/penalty.csv";
  std::ofstream(file) << "CF_WSH\n1\n";
  auto r = RunGongxin({"ingest", "--class", "penalty", "--source", "11440106MB2C01374F", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--data is required"), std::string::npos) << r.err;
}

TEST_F(BenchOptionsTest, GenRecordsWithoutOnlyIsRefused) {
  auto r = RunGongxin({"gen", "--out", root_ + "/x", "--records", "10", "--quiet"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--only"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gongxin::testing
