// libFuzzer target: NameKey (UTF-8, equal to text::NormalizeName) and CodeKey on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "search/fuzz/checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  gongxin::search::fuzz::DieIf(gongxin::search::fuzz::CheckKeys(bytes));
  return 0;
}
