// The input format of the xlsx_parts fuzzer: XML parts separated by "\x01".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/fuzz/zip_build.h"

namespace gongxin::ingest::testing {

// sheet [\x01 shared strings [\x01 styles [\x01 workbook]]] -> a stored (not
// deflated) package made by MinimalXlsxParts.
inline std::string PackageFromPartsInput(std::string_view input) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (parts.size() < 3) {
    const size_t sep = input.find('\x01', start);
    if (sep == std::string_view::npos) break;
    parts.emplace_back(input.substr(start, sep - start));
    start = sep + 1;
  }
  parts.emplace_back(input.substr(start));
  parts.resize(4);
  return BuildZip(MinimalXlsxParts(parts[0], parts[1], parts[2], parts[3]), /*store=*/true);
}

}  // namespace gongxin::ingest::testing
