// End-to-end tests of `gongxin ingest`: one JSON summary line per file, the feedback
// file next to it, exit 0 with rejected rows, clear errors otherwise.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "run.h"
#include "support/golden.h"

namespace gongxin::testing {
namespace {

namespace fs = std::filesystem;

constexpr char kSource[] = "11440106MB2C01374F";  // 广州市天河区市场监督管理局

class IngestCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MakeTempDir("gongxin-ingest-cli");
    data_ = root_ + "/platform";
    auto init = RunGongxin({"init", "--data", data_});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    // A copy of the golden penalty input: the command writes its feedback beside it.
    file_ = root_ + "/penalty.csv";
    fs::copy_file(TestDataPath("golden/ingest/penalty/input.csv"), file_);
  }
  void TearDown() override { fs::remove_all(root_); }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::string root_, data_, file_;
};

TEST_F(IngestCommandTest, PrintsOneJsonLineAndWritesTheFeedbackFile) {
  auto r =
      RunGongxin({"ingest", "--data", data_, "--class", "penalty", "--source", kSource, file_});
  ASSERT_EQ(r.exit_code, 0) << r.err;  // rejected rows are no failure of the command
  EXPECT_EQ(r.err, "");
  const std::regex line(
      "\\{\"batch\":1,\"class\":\"penalty\",\"rows\":27,\"accepted\":(\\d+),\"rejected\":(\\d+),"
      "\"unchanged\":(\\d+),\"warnings\":\\d+,\"new_records\":\\d+,\"new_versions\":\\d+,"
      "\"stub_subjects\":\\d+,\"compliance\":[01]\\.\\d{4},\"timeliness\":[01]\\.\\d{4},"
      "\"feedback\":\"" +
      std::regex_replace(file_, std::regex("[.^$|()\\[\\]{}*+?\\\\]"), "\\$&") +
      "\\.feedback\\.csv\"\\}\n");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(r.out, m, line)) << r.out;
  const int accepted = std::stoi(m[1]), rejected = std::stoi(m[2]), unchanged = std::stoi(m[3]);
  EXPECT_EQ(accepted + rejected + unchanged, 27);
  EXPECT_GT(rejected, 10);  // the golden input's error rows (dates depend on today)
  EXPECT_GT(accepted, 0);

  const std::string feedback = Read(file_ + ".feedback.csv");
  EXPECT_EQ(
      feedback.rfind("\xEF\xBB\xBFrow_line,field,rule,severity,message_zh,message_en,value\r\n", 0),
      0u)
      << feedback.substr(0, 200);
  // The rows with errors that do not depend on the day are all there.
  for (const char* expected :
       {"\r\n5,CF_SY,required,error,", "\r\n8,CF_XDR_SHXYM,uscc,error,",
        "\r\n9,CF_XDR_ZJHM,id_number,error,", "\r\n13,CF_CFLB,code_table_version,error,",
        "\r\n19,CF_CFJGDM,placeholder_code,warning,", "\r\n22,CF_WSH,duplicate_row,warning,"}) {
    EXPECT_NE(feedback.find(expected), std::string::npos) << expected;
  }
  EXPECT_FALSE(fs::exists(file_ + ".feedback.xlsx"));

  // Again, with the xlsx feedback: nothing new is stored.
  auto again = RunGongxin({"ingest", "--data", data_, "--class", "penalty", "--source", kSource,
                           "--feedback-xlsx", file_});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("{\"batch\":2,"), std::string::npos) << again.out;
  EXPECT_EQ(Read(file_ + ".feedback.xlsx").substr(0, 2), "PK");
}

TEST_F(IngestCommandTest, UnknownClassIsAClearError) {
  auto r =
      RunGongxin({"ingest", "--data", data_, "--class", "punishment", "--source", kSource, file_});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("unknown class 'punishment'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("penalty"), std::string::npos) << r.err;  // the known classes are listed
  EXPECT_FALSE(fs::exists(file_ + ".feedback.csv"));
}

TEST_F(IngestCommandTest, InvalidSourceIsAClearError) {
  auto r = RunGongxin(
      {"ingest", "--data", data_, "--class", "penalty", "--source", "11440106MB2C01374E", file_});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("the source must be the department's uscc"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(file_ + ".feedback.csv"));
}

TEST_F(IngestCommandTest, UninitialisedDataFolderIsAClearError) {
  const std::string empty = root_ + "/empty";
  fs::create_directories(empty);
  auto r =
      RunGongxin({"ingest", "--data", empty, "--class", "penalty", "--source", kSource, file_});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("holds no platform"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gongxin init --data " + empty), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(empty + "/gongxin.db"));  // nothing created
  EXPECT_FALSE(fs::exists(file_ + ".feedback.csv"));
}

}  // namespace
}  // namespace gongxin::testing
