#include "support/golden.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gongxin::testing {
namespace fs = std::filesystem;

std::string TestDataPath(const std::string& relative) {
  return std::string(GONGXIN_TESTDATA_DIR) + "/" + relative;
}

std::string CatalogPath(const std::string& relative) {
  const char* env = std::getenv("GONGXIN_CATALOG_DIR");
  std::string root = env && *env ? env : GONGXIN_CATALOG_DIR;
  return relative.empty() ? root : root + "/" + relative;
}

std::string ReadFileOrFail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> ReadLinesOrFail(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(ReadFileOrFail(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

namespace {
std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}
}  // namespace

::testing::AssertionResult MatchesGolden(const std::string& actual,
                                         const std::string& golden_relative) {
  const std::string path = TestDataPath(golden_relative);
  const char* update = std::getenv("GONGXIN_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out << actual;
    return ::testing::AssertionSuccess() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return ::testing::AssertionFailure()
           << "golden file " << path
           << " is missing; run with GONGXIN_UPDATE_GOLDEN=1 to create it, then review it";
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string expected = ss.str();
  if (expected == actual) return ::testing::AssertionSuccess();

  auto want = SplitLines(expected);
  auto got = SplitLines(actual);
  std::ostringstream msg;
  msg << "output differs from " << golden_relative << "\n";
  int shown = 0;
  size_t n = std::max(want.size(), got.size());
  for (size_t i = 0; i < n && shown < 10; ++i) {
    const std::string w = i < want.size() ? want[i] : "<missing>";
    const std::string g = i < got.size() ? got[i] : "<missing>";
    if (w != g) {
      msg << "line " << (i + 1) << ":\n  expected: " << w << "\n  actual:   " << g << "\n";
      ++shown;
    }
  }
  if (shown == 0) msg << "(difference in line ends or a trailing newline)\n";
  msg << "(GONGXIN_UPDATE_GOLDEN=1 rewrites the golden file after you review the change)";
  return ::testing::AssertionFailure() << msg.str();
}

std::string MakeTempDir(const std::string& prefix) {
  std::string tmpl = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
  char* made = mkdtemp(tmpl.data());
  if (!made) {
    ADD_FAILURE() << "mkdtemp failed for " << tmpl;
    return "";
  }
  return made;
}

}  // namespace gongxin::testing
