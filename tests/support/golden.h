// Golden-file testing: compare what the code produces with a reviewed file.
//
// A rule change shows up as a diff of expectations. To accept new output after
// reviewing it, run the test with GONGXIN_UPDATE_GOLDEN=1: each golden file the
// test compares against is rewritten with what the code produced.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gongxin::testing {

// Absolute path of `relative` under the source tree's tests/ folder.
std::string TestDataPath(const std::string& relative);
// Absolute path of `relative` under the source tree's catalog/ folder.
std::string CatalogPath(const std::string& relative = "");

// Reads a whole file; fails the current test (and returns "") if it cannot.
std::string ReadFileOrFail(const std::string& path);
// Lines of a file, without their line ends.
std::vector<std::string> ReadLinesOrFail(const std::string& path);

// Succeeds iff `actual` equals the content of tests/<golden_relative>. On a
// mismatch the message shows the first differing lines. With
// GONGXIN_UPDATE_GOLDEN=1 the file is rewritten and the comparison succeeds.
::testing::AssertionResult MatchesGolden(const std::string& actual,
                                         const std::string& golden_relative);

// A fresh empty directory under the system temp folder, unique to this process.
std::string MakeTempDir(const std::string& prefix);

}  // namespace gongxin::testing
