// libFuzzer target: ReadXlsx on packages built from fuzzed XML parts, so that
// mutations reach the XML readers instead of failing the zip CRC check.
// Input: sheet XML, then optionally "\x01" shared strings XML, "\x01" styles
// XML, "\x01" workbook XML (see SplitParts).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/fuzz/check_result.h"
#include "ingest/fuzz/xlsx_parts_input.h"
#include "ingest/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongxin::ingest;
  const std::string package =
      testing::PackageFromPartsInput(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const ReaderLimits& limits : {ReaderLimits{}, testing::SmallLimits()}) {
    testing::CheckOrDie(ReadXlsx(package, limits), limits, testing::Lines::kSheetRows, 0);
  }
  return 0;
}
