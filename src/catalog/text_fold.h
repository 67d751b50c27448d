// Folding of headers and code values before they are compared.
//
// Departments' files spell the same header or code value in many ways: with
// full-width letters and brackets, stray spaces, a byte-order mark, lower-case
// field codes. The catalog compares such text only after folding it.
#pragma once

#include <string>
#include <string_view>

namespace gongxin::catalog {

// Returns `text` folded for matching (built on core/text.h):
//  - width variants fold to ASCII (text::FoldWidth): "（" becomes "(", "〔" becomes
//    "[", "ＣＦ＿ＷＳＨ" becomes "CF_WSH";
//  - every white space is dropped (text::IsWhiteSpace, which includes U+3000, U+00A0
//    and a byte-order mark);
//  - ASCII letters are upper-cased.
// Everything else (Chinese characters included) is kept. Invalid UTF-8 becomes U+FFFD.
std::string FoldForMatch(std::string_view text);

// Returns `text` without leading and trailing white space (text::IsWhiteSpace).
std::string_view TrimSpace(std::string_view text);

}  // namespace gongxin::catalog
