// Internal helpers of the search library (not part of its door).
#pragma once

#include "core/text.h"

#include <string>
#include <string_view>
#include <vector>

namespace gongxin::search {

// Appends the UTF-8 encoding of `c`.
using text::AppendUtf8;
// Decodes `s` into code points; false iff `s` is not well-formed UTF-8.
bool DecodeUtf8(std::string_view s, std::vector<char32_t>* out);
// NameKey(name) as code points (what the index stores and compares).
void NameKeyCodePoints(std::string_view name, std::vector<char32_t>* out);

}  // namespace gongxin::search
