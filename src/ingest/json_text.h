// Minimal JSON writing for the hot path (record fields), where a DOM is too slow.
#pragma once

#include <string>
#include <string_view>

namespace gongxin::ingest {

// Appends `s` as a JSON string literal (quotes included), escaping per RFC 8259.
void AppendJsonString(std::string* out, std::string_view s);

}  // namespace gongxin::ingest
