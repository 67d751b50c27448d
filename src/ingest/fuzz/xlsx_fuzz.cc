// libFuzzer target: ReadXlsx on raw bytes (the zip layer and what lies behind).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/fuzz/check_result.h"
#include "ingest/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongxin::ingest;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const ReaderLimits& limits : {ReaderLimits{}, testing::SmallLimits()}) {
    testing::CheckOrDie(ReadXlsx(bytes, limits), limits, testing::Lines::kSheetRows, 0);
  }
  return 0;
}
