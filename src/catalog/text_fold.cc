#include "catalog/text_fold.h"

#include <algorithm>

#include "core/text.h"

namespace gongxin::catalog {
namespace {

// Length in bytes of the UTF-8 sequence starting with `lead`, or 1 if it is not a
// valid lead byte (the byte is then copied alone).
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// Decodes a 2- or 3-byte sequence; returns 0 for anything else.
char32_t DecodeShort(std::string_view s) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  if (s.size() == 2 && (b(1) & 0xC0) == 0x80) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (s.size() == 3 && (b(1) & 0xC0) == 0x80 && (b(2) & 0xC0) == 0x80) {
    return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  }
  return 0;
}

// The length of one white-space character at the start of `s`, or 0.
size_t SpaceAt(std::string_view s) {
  const unsigned char lead = static_cast<unsigned char>(s[0]);
  if (lead < 0x80) return text::IsWhiteSpace(lead) ? 1 : 0;
  const size_t n = SequenceLength(lead);
  if (n > 1 && n <= 3 && n <= s.size() && text::IsWhiteSpace(DecodeShort(s.substr(0, n)))) {
    return n;
  }
  return 0;
}

}  // namespace

std::string FoldForMatch(std::string_view input) {
  // FoldWidth maps full-width forms and 〔〕【】 to ASCII; CollapseWhitespace trims and
  // leaves single ASCII spaces, which are then dropped with the case folding.
  const std::string collapsed = text::CollapseWhitespace(text::FoldWidth(input));
  std::string out;
  out.reserve(collapsed.size());
  for (char c : collapsed) {
    if (c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::string_view TrimSpace(std::string_view view) {
  while (!view.empty()) {
    const size_t n = SpaceAt(view);
    if (n == 0) break;
    view.remove_prefix(n);
  }
  // Trailing: walk back over whole characters.
  while (!view.empty()) {
    size_t start = view.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(view[start]) & 0xC0) == 0x80) --start;
    if (SpaceAt(view.substr(start)) != view.size() - start) break;
    view.remove_suffix(view.size() - start);
  }
  return view;
}

}  // namespace gongxin::catalog
