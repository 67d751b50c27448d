// libFuzzer target: ReadCsv with every encoding choice, default and small bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/fuzz/check_result.h"
#include "ingest/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongxin::ingest;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const size_t lines = testing::CountLines(bytes);
  for (Encoding e : {Encoding::kAuto, Encoding::kUtf8, Encoding::kGb18030}) {
    for (const ReaderLimits& limits : {ReaderLimits{}, testing::SmallLimits()}) {
      testing::CheckOrDie(ReadCsv(bytes, e, limits), limits, testing::Lines::kPhysical, lines);
    }
  }
  return 0;
}
