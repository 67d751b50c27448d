// Builds a zip archive in memory from named parts, for tests and fuzzers that
// need .xlsx packages with hand-written (or mutated) XML.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gongxin::ingest::testing {

using ZipParts = std::vector<std::pair<std::string, std::string>>;  // name, content

// The bytes of a zip archive holding `parts` (deflated unless `store`). Returns
// "" if libzip fails.
std::string BuildZip(const ZipParts& parts, bool store = false);

// The parts of a minimal workbook whose first sheet is `sheet_xml`, with
// optional sharedStrings.xml and styles.xml (left out when empty).
ZipParts MinimalXlsxParts(const std::string& sheet_xml, const std::string& shared_strings_xml = "",
                          const std::string& styles_xml = "", const std::string& workbook_xml = "");

}  // namespace gongxin::ingest::testing
