// libFuzzer target: MatchRoute on a route table shaped like the real API, against a
// brute-force reference. The first input byte picks the method, the rest is the target.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/fuzz/checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongxin::http;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fuzz::DieIf(fuzz::CheckMatch(fuzz::FuzzRouterImpl(), bytes));
  return 0;
}
