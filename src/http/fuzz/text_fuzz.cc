// libFuzzer target: PercentDecode (against a reference and round-trip), IsValidUtf8 (against
// text::IsValidUtf8), AppendJsonEscaped (valid JSON, round-trips UTF-8) and Response::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/fuzz/checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  gongxin::http::fuzz::DieIf(gongxin::http::fuzz::CheckText(bytes));
  return 0;
}
