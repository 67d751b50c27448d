// Runs the gongxin binary as a user would and captures what it prints.
#pragma once

#include <string>
#include <vector>

namespace gongxin::testing {

struct CommandOutput {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs GONGXIN_BINARY with `args` (no shell), waits, and returns its output.
CommandOutput RunGongxin(const std::vector<std::string>& args);

}  // namespace gongxin::testing
