// Name and code keys for the search index: text::NormalizeName with a fast path.
#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <string>
#include <string_view>

#include "core/text.h"
#include "search/search.h"
#include "search/search_internal.h"

namespace gongxin::search {
namespace {

// The CJK range whose characters are checked once against OpenCC's t2s conversion:
// Extension A and the Unified Ideographs block (NFKC leaves them all unchanged).
constexpr char32_t kCjkFirst = 0x3400;
constexpr char32_t kCjkLast = 0x9FFF;

// Bit i set iff ToSimplified of the single character kCjkFirst + i differs from it.
class T2sTable {
 public:
  static const T2sTable& Get() {
    static const T2sTable* table = new T2sTable();
    return *table;
  }
  bool Changes(char32_t c) const {
    const uint32_t i = c - kCjkFirst;
    return (bits_[i / 64] >> (i % 64)) & 1;
  }

 private:
  T2sTable() {
    // One conversion of every character, separated by line ends (no phrase spans them).
    std::string all;
    all.reserve((kCjkLast - kCjkFirst + 1) * 4);
    for (char32_t c = kCjkFirst; c <= kCjkLast; ++c) {
      AppendUtf8(&all, c);
      all.push_back('\n');
    }
    const std::string converted = text::ToSimplified(all);
    size_t pos = 0;
    char32_t c = kCjkFirst;
    bool aligned = true;
    for (; c <= kCjkLast; ++c) {
      const size_t end = converted.find('\n', pos);
      if (end == std::string::npos) {
        aligned = false;
        break;
      }
      std::string one;
      AppendUtf8(&one, c);
      if (converted.compare(pos, end - pos, one) != 0) Set(c);
      pos = end + 1;
    }
    if (!aligned || converted.find('\n', pos) != std::string::npos) {
      // Should not happen; be safe: convert whenever a CJK character is present.
      bits_.fill(~uint64_t{0});
    }
  }
  void Set(char32_t c) {
    const uint32_t i = c - kCjkFirst;
    bits_[i / 64] |= uint64_t{1} << (i % 64);
  }
  std::array<uint64_t, (kCjkLast - kCjkFirst + 1 + 63) / 64> bits_{};
};

}  // namespace

// Decodes valid UTF-8 (keys are valid: NormalizeName sanitises); returns false on a
// malformed sequence.
bool DecodeUtf8(std::string_view s, std::vector<char32_t>* out) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    char32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      cp = c & 0x1F;
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      cp = c & 0x0F;
      len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      cp = c & 0x07;
      len = 4;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are malformed too.
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    out->push_back(cp);
    i += len;
  }
  return true;
}

void NameKeyCodePoints(std::string_view name, std::vector<char32_t>* out) {
  // Fast path: ASCII, CJK ideographs, full-width ASCII, U+3000 and the lenticular and
  // tortoise-shell brackets, for which the steps of NormalizeName are simple maps; the
  // OpenCC conversion only when a character can change under it (T2sTable).
  thread_local std::vector<char32_t> cps;
  auto slow = [&] { DecodeUtf8(text::NormalizeName(name), out); };
  out->clear();
  if (!DecodeUtf8(name, &cps)) return slow();
  bool convert = false;
  for (char32_t c : cps) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    if (c < 0x80) {
      if (c == ' ' || (c >= 0x09 && c <= 0x0D)) continue;
      if (c < 0x20 || c == 0x7F) return slow();
      if (c == '[' || c == '{') c = '(';
      if (c == ']' || c == '}') c = ')';
      if (c >= 'a' && c <= 'z') c -= 32;
      out->push_back(c);
      continue;
    }
    if (c == 0x3000) continue;
    if (c == 0x3010 || c == 0x3014 || c == 0x3016) {
      out->push_back('(');
      continue;
    }
    if (c == 0x3011 || c == 0x3015 || c == 0x3017) {
      out->push_back(')');
      continue;
    }
    if (c < kCjkFirst || c > kCjkLast) return slow();
    if (!convert && T2sTable::Get().Changes(c)) convert = true;
    out->push_back(c);
  }
  if (convert) {
    std::string key;
    key.reserve(out->size() * 3);
    for (char32_t c : *out) AppendUtf8(&key, c);
    DecodeUtf8(text::ToSimplified(key), out);
  }
}

std::string NameKey(std::string_view name) {
  thread_local std::vector<char32_t> cps;
  NameKeyCodePoints(name, &cps);
  std::string key;
  key.reserve(cps.size() * 3);
  for (char32_t c : cps) AppendUtf8(&key, c);
  return key;
}

std::string CodeKey(std::string_view code) {
  const bool ascii = std::all_of(code.begin(), code.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string folded = ascii ? std::string(code) : text::Nfkc(code);
  std::string key;
  key.reserve(folded.size());
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    key.push_back(c);
  }
  return key;
}

}  // namespace gongxin::search
