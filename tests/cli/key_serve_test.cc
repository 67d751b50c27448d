// `gongxin key` and `gongxin serve` end to end: keys shown once, and a server that
// answers with the key's role and stops gracefully on SIGTERM.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "run.h"
#include "support/golden.h"
#include "support/http_client.h"

namespace gongxin::testing {
namespace {

namespace fs = std::filesystem;

class KeyServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MakeTempDir("gongxin-key-serve");
    data_ = root_ + "/platform";
    ASSERT_EQ(RunGongxin({"init", "--data", data_}).exit_code, 0);
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string root_, data_;
};

TEST_F(KeyServeTest, KeyIsPrintedOnceListedWithoutItsSecretAndRevoked) {
  CommandOutput made =
      RunGongxin({"key", "create", "--data", data_, "--role", "credit_office", "--name", "信用办"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::smatch m;
  const std::string out = made.out;
  ASSERT_TRUE(std::regex_match(out, m, std::regex("(gx_[0-9a-f]{40})\n"))) << out;
  const std::string secret = m[1];
  EXPECT_NE(made.err.find("shown only this once"), std::string::npos);

  CommandOutput listed = RunGongxin({"key", "list", "--data", data_});
  ASSERT_EQ(listed.exit_code, 0);
  EXPECT_EQ(listed.out.find(secret), std::string::npos) << "a listing never shows the secret";
  EXPECT_NE(listed.out.find(secret.substr(0, 8)), std::string::npos) << "but its prefix";
  EXPECT_NE(listed.out.find("credit_office"), std::string::npos);

  CommandOutput revoked = RunGongxin({"key", "revoke", "--data", data_, "1"});
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(RunGongxin({"key", "revoke", "--data", data_, "99"}).exit_code, 1);
}

TEST_F(KeyServeTest, KeyForASourceNeedsItsDepartmentsCode) {
  CommandOutput no_source = RunGongxin({"key", "create", "--data", data_, "--role", "source"});
  EXPECT_EQ(no_source.exit_code, 1);
  EXPECT_NE(no_source.err.find("--source"), std::string::npos);
  EXPECT_NE(no_source.err.find("统一社会信用代码"), std::string::npos);
  CommandOutput bad_role = RunGongxin({"key", "create", "--data", data_, "--role", "mayor"});
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_NE(bad_role.err.find("unknown role 'mayor'"), std::string::npos);
}

TEST_F(KeyServeTest, ServeAnswersWithTheKeysRoleAndStopsOnSigterm) {
  CommandOutput made = RunGongxin({"key", "create", "--data", data_, "--role", "source", "--source",
                                   "11440106MB2C01374F", "--name", "天河市监"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string secret = made.out.substr(0, made.out.find('\n'));

  int out[2];
  ASSERT_EQ(pipe(out), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 2);
    execl(GONGXIN_BINARY, GONGXIN_BINARY, "serve", "--data", data_.c_str(), "--port", "0",
          "--access-log", "off", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string printed;
  char buf[512];
  while (printed.find('\n') == std::string::npos) {
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    printed.append(buf, static_cast<size_t>(n));
  }
  std::smatch m;
  ASSERT_TRUE(std::regex_search(printed, m, std::regex("http://127\\.0\\.0\\.1:([0-9]+)")))
      << printed;
  const uint16_t port = static_cast<uint16_t>(std::stoi(m[1]));
  {
    HttpClient client("127.0.0.1", port);
    EXPECT_EQ(client.Get("/healthz").status, 200);
    HttpResponse me = client.Get("/api/v1/me", {{"Authorization", "Bearer " + secret}});
    EXPECT_EQ(me.status, 200);
    EXPECT_NE(me.body.find("\"role\":\"source\""), std::string::npos) << me.body;
    EXPECT_NE(me.body.find("11440106MB2C01374F"), std::string::npos);
  }
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  while (true) {
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    printed.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by a signal instead of stopping gracefully";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(printed.find("gongxin stopped"), std::string::npos) << printed;
}

}  // namespace
}  // namespace gongxin::testing
