#include "core/text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>

#include <cstdio>
#include <exception>
#include <limits>
#include <memory>
#include <vector>

namespace gongxin::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at p[0..n) (n >= 1). Returns the code point, or -1 for an
// ill-formed sequence; *len receives the bytes consumed, which for an ill-formed
// sequence is its maximal subpart (at least 1), as Unicode 15 §3.9 recommends.
int32_t Decode(const unsigned char* p, size_t n, size_t* len) {
  const unsigned char b0 = p[0];
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  }
  int need;
  int32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // no overlong forms
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *len = 1;
    return -1;
  }
  size_t i = 1;
  for (int k = 0; k < need; ++k, ++i) {
    if (i >= n || p[i] < lo || p[i] > hi) {
      *len = i;
      return -1;
    }
    lo = 0x80;
    hi = 0xBF;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  *len = i;
  return cp;
}

// Calls fn(code_point) for every code point of `s`, with U+FFFD for each ill-formed
// sequence.
template <typename Fn>
void ForEachCodePoint(std::string_view s, Fn fn) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    size_t len;
    int32_t c = Decode(p + i, s.size() - i, &len);
    fn(c < 0 ? kReplacement : static_cast<char32_t>(c));
    i += len;
  }
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

char32_t FoldWidthChar(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  switch (c) {
    case 0x3000:
      return U' ';
    case 0x3010:  // 【
    case 0x3014:  // 〔
    case 0x3016:  // 〖
      return U'[';
    case 0x3011:  // 】
    case 0x3015:  // 〕
    case 0x3017:  // 〗
      return U']';
    default:
      return c;
  }
}

std::string HexBytes(std::string_view bytes) {
  std::string out;
  char buf[8];
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s0x%02X", i ? " " : "",
                  static_cast<unsigned>(static_cast<unsigned char>(bytes[i])));
    out += buf;
  }
  return out;
}

// The process-wide OpenCC t2s converter, loaded on first use. Never destroyed, so
// that threads still running at exit can use it.
//
// OpenCC costs some 25 microseconds per name even on text it leaves alone, and
// most names reaching the platform are already simplified. So at load time we
// collect the "trigger" code points: those that some dictionary entry changes
// (for an entry whose value has the key's length, the key's code points at the
// positions that differ; for any other changing entry, all its key's code points).
// Conversion is a concatenation of entries' values and unmatched code points, so
// text without a trigger is its own conversion and skips OpenCC.
struct T2sConverter {
  opencc::ConverterPtr converter;
  std::vector<bool> triggers;  // indexed by code point; empty: no fast path
  Status status;
};

std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  ForEachCodePoint(s, [&](char32_t c) { out.push_back(c); });
  return out;
}

std::vector<bool> CollectTriggers(const opencc::Converter& converter) {
  std::vector<bool> triggers(0x110000, false);
  for (const opencc::ConversionPtr& conversion : converter.GetConversionChain()->GetConversions()) {
    const opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();
    for (const auto& entry : *lexicon) {
      const std::string key = entry->Key();
      const std::string value = entry->GetDefault();
      if (key == value) continue;
      const std::vector<char32_t> k = CodePoints(key);
      const std::vector<char32_t> v = CodePoints(value);
      for (size_t i = 0; i < k.size(); ++i) {
        if (k.size() != v.size() || k[i] != v[i]) triggers[k[i]] = true;
      }
    }
  }
  return triggers;
}

const T2sConverter& GetT2s() {
  static const T2sConverter* const instance = [] {
    auto* t = new T2sConverter;
    std::string why;
    try {
      // OpenCC finds t2s.json and its .ocd2 dictionaries in its data folder
      // (/usr/share/opencc on Debian).
      opencc::Config config;
      t->converter = config.NewFromFile("t2s.json");
      t->triggers = CollectTriggers(*t->converter);
    } catch (const opencc::Exception& e) {
      why = e.what();
    } catch (const std::exception& e) {
      why = e.what();
    } catch (...) {
      why = "unknown error";
    }
    if (!t->converter) {
      t->status = Status::FailedPrecondition(
          "cannot load the OpenCC traditional-to-simplified dictionaries (t2s.json): " + why,
          "无法加载 OpenCC 繁简转换词典（t2s.json）：" + why);
    }
    return t;
  }();
  return *instance;
}

bool NeedsT2s(const T2sConverter& t2s, std::string_view s) {
  if (t2s.triggers.empty()) return true;
  bool needed = false;
  ForEachCodePoint(s, [&](char32_t c) { needed = needed || t2s.triggers[c]; });
  return needed;
}

std::string ConvertT2s(const opencc::Converter& converter, std::string_view s) {
  // OpenCC stops at NUL, so convert the pieces between NULs.
  std::string out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nul = s.find('\0', start);
    size_t end = nul == std::string_view::npos ? s.size() : nul;
    if (end > start) out += converter.Convert(std::string(s.substr(start, end - start)));
    if (nul == std::string_view::npos) break;
    out.push_back('\0');
    start = nul + 1;
  }
  return out;
}

using ConverterPtr = std::unique_ptr<UConverter, void (*)(UConverter*)>;

Result<ConverterPtr> OpenConverter(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(name, &status), ucnv_close);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("cannot open the ICU converter ") + name + ": " +
                            u_errorName(status));
  }
  return cnv;
}

// Converts all of `in` from the encoding of `from` to that of `to`, appending to *out,
// in bounded pieces (any input size). Returns the ICU status; *consumed receives how
// many bytes of `in` were read, which on error is just past the offending sequence.
UErrorCode ConvertAll(UConverter* to, UConverter* from, std::string_view in, std::string* out,
                      size_t* consumed) {
  UChar pivot[1024];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* source = in.data();
  const char* const source_limit = in.data() + in.size();
  char buffer[16384];
  bool reset = true;
  for (;;) {
    UErrorCode status = U_ZERO_ERROR;
    char* target = buffer;
    ucnv_convertEx(to, from, &target, buffer + sizeof buffer, &source, source_limit, pivot,
                   &pivot_source, &pivot_target, pivot + 1024, reset, /*flush=*/true, &status);
    reset = false;
    out->append(buffer, static_cast<size_t>(target - buffer));
    *consumed = static_cast<size_t>(source - in.data());
    if (status != U_BUFFER_OVERFLOW_ERROR) return status;
  }
}

}  // namespace

void AppendUtf8(std::string* out, char32_t c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

size_t FirstInvalidUtf8Offset(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    if (Decode(p + i, s.size() - i, &len) < 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view s) { return FirstInvalidUtf8Offset(s) == std::string_view::npos; }

std::string SanitizeUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  ForEachCodePoint(s, [&](char32_t c) { AppendUtf8(&out, c); });
  return out;
}

std::string Nfkc(std::string_view utf8) {
  std::string input = SanitizeUtf8(utf8);
  if (IsAscii(input)) return input;  // ASCII is its own NFKC.
  if (input.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) return input;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return input;  // ICU data missing: a broken installation.
  std::string out;
  out.reserve(input.size());
  icu::StringByteSink<std::string> sink(&out);
  nfkc->normalizeUTF8(0, icu::StringPiece(input.data(), static_cast<int32_t>(input.size())), sink,
                      nullptr, status);
  if (U_FAILURE(status)) return input;
  return out;
}

std::string FoldWidth(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  ForEachCodePoint(utf8, [&](char32_t c) { AppendUtf8(&out, FoldWidthChar(c)); });
  return out;
}

std::string ToSimplified(std::string_view utf8) {
  std::string input = SanitizeUtf8(utf8);
  if (IsAscii(input)) return input;
  const T2sConverter& t2s = GetT2s();
  if (!t2s.converter || !NeedsT2s(t2s, input)) return input;
  try {
    return ConvertT2s(*t2s.converter, input);
  } catch (...) {
    return input;  // OpenCC only throws on invalid UTF-8, which was replaced above.
  }
}

Status SimplifiedConverterStatus() { return GetT2s().status; }

bool IsWhiteSpace(char32_t c) {
  if (c == 0x200B || c == 0x2060 || c == 0xFEFF) return true;
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

std::string CollapseWhitespace(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  ForEachCodePoint(utf8, [&](char32_t c) {
    if (IsWhiteSpace(c)) {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    AppendUtf8(&out, c);
  });
  return out;
}

std::string NormalizeName(std::string_view utf8) {
  std::string folded = FoldWidth(Nfkc(utf8));
  std::string key;
  key.reserve(folded.size());
  ForEachCodePoint(folded, [&](char32_t c) {
    if (IsWhiteSpace(c)) return;
    switch (c) {
      case U'[':
      case U'{':
        c = U'(';
        break;
      case U']':
      case U'}':
        c = U')';
        break;
      case 0x2022:  // • bullet
      case 0x2027:  // ‧ hyphenation point
      case 0x2219:  // ∙ bullet operator
      case 0x22C5:  // ⋅ dot operator
      case 0x30FB:  // ・ katakana middle dot
      case 0xFF65:  // ･ half-width katakana middle dot
        c = 0x00B7;
        break;
      default:
        c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
    }
    AppendUtf8(&key, c);
  });
  return ToSimplified(key);
}

namespace {
// True iff NormalizeValue(s) == s: valid UTF-8, no leading, trailing or doubled
// spaces, no other white space, and nothing that folds (full-width letters and
// digits). A byte scan, so that the common case costs no decoding.
bool IsAlreadyNormalValue(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  if (n == 0) return true;
  if (p[0] == ' ' || p[n - 1] == ' ') return false;
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) return false;        // tabs, line ends, controls
      if (c == ' ' && p[i + 1] == ' ') return false;  // i + 1 < n: no trailing space
      ++i;
      continue;
    }
    size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
    }
    const unsigned char b1 = p[i + 1], b2 = len > 2 ? p[i + 2] : 0;
    if (c == 0xE0 && b1 < 0xA0) return false;   // overlong
    if (c == 0xED && b1 >= 0xA0) return false;  // surrogates
    if (c == 0xF0 && b1 < 0x90) return false;
    if (c == 0xF4 && b1 >= 0x90) return false;
    if (c == 0xC2 && (b1 == 0x85 || b1 == 0xA0)) return false;  // U+0085, U+00A0
    if (c == 0xE1 && b1 == 0x9A && b2 == 0x80) return false;    // U+1680
    if (c == 0xE2 && b1 == 0x80 && (b2 <= 0x8B || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) {
      return false;  // U+2000..200B, U+2028, U+2029, U+202F
    }
    if (c == 0xE2 && b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0)) return false;  // U+205F, 2060
    if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) return false;                  // U+3000
    if (c == 0xEF && b1 == 0xBB && b2 == 0xBF) return false;                  // U+FEFF
    if (c == 0xEF && b1 == 0xBC && b2 >= 0x90) return false;                  // U+FF10..FF3F
    if (c == 0xEF && b1 == 0xBD && b2 <= 0x9A) return false;                  // U+FF40..FF5A
    i += len;
  }
  return true;
}
}  // namespace

std::string NormalizeValue(std::string_view utf8) {
  if (IsAlreadyNormalValue(utf8)) return std::string(utf8);
  return NormalizeValueReference(utf8);
}

std::string NormalizeValueReference(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  ForEachCodePoint(utf8, [&](char32_t c) {
    const bool alnum = (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
                       (c >= 0xFF41 && c <= 0xFF5A);
    AppendUtf8(&out, alnum ? c - 0xFEE0 : c);
  });
  return CollapseWhitespace(out);
}

size_t CodePointCount(std::string_view utf8) {
  size_t n = 0;
  ForEachCodePoint(utf8, [&](char32_t) { ++n; });
  return n;
}

Result<std::string> Gb18030ToUtf8(std::string_view bytes) {
  GX_ASSIGN_OR_RETURN(ConverterPtr gb18030, OpenConverter("GB18030"));
  GX_ASSIGN_OR_RETURN(ConverterPtr utf8, OpenConverter("UTF-8"));
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(gb18030.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  size_t consumed = 0;
  status = ConvertAll(utf8.get(), gb18030.get(), bytes, &out, &consumed);
  if (U_FAILURE(status)) {
    char invalid[32];
    int8_t invalid_len = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(gb18030.get(), invalid, &invalid_len, &ignored);
    if (U_FAILURE(ignored) || invalid_len < 0 || static_cast<size_t>(invalid_len) > consumed) {
      invalid_len = 0;
    }
    const size_t offset = consumed - static_cast<size_t>(invalid_len);
    const std::string shown = HexBytes(std::string_view(invalid, static_cast<size_t>(invalid_len)));
    if (status == U_TRUNCATED_CHAR_FOUND) {
      return Status::InvalidArgument("invalid GB18030 byte sequence at byte offset " +
                                         std::to_string(offset) + " (" + shown +
                                         ": truncated at the end of the input)",
                                     "GB18030 编码无效：第 " + std::to_string(offset) +
                                         " 字节起（从 0 计）的字节 " + shown + " 在输入末尾被截断");
    }
    return Status::InvalidArgument("invalid GB18030 byte sequence at byte offset " +
                                       std::to_string(offset) + " (" + shown + ")",
                                   "GB18030 编码无效：第 " + std::to_string(offset) +
                                       " 字节起（从 0 计）的字节 " + shown + " 不是合法字符");
  }
  return out;
}

Result<std::string> Utf8ToGb18030(std::string_view utf8) {
  const size_t bad = FirstInvalidUtf8Offset(utf8);
  if (bad != std::string_view::npos) {
    const std::string shown = HexBytes(utf8.substr(bad, 1));
    return Status::InvalidArgument(
        "invalid UTF-8 byte sequence at byte offset " + std::to_string(bad) + " (" + shown + ")",
        "UTF-8 编码无效：第 " + std::to_string(bad) + " 字节（从 0 计，" + shown +
            "）起不是合法字符");
  }
  GX_ASSIGN_OR_RETURN(ConverterPtr gb18030, OpenConverter("GB18030"));
  GX_ASSIGN_OR_RETURN(ConverterPtr from_utf8, OpenConverter("UTF-8"));
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setFromUCallBack(gb18030.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
  std::string out;
  out.reserve(utf8.size());
  size_t consumed = 0;
  status = ConvertAll(gb18030.get(), from_utf8.get(), utf8, &out, &consumed);
  if (U_FAILURE(status)) {  // cannot happen: GB18030 encodes every code point
    return Status::Internal("UTF-8 to GB18030 conversion failed at byte offset " +
                            std::to_string(consumed) + ": " + u_errorName(status));
  }
  return out;
}

}  // namespace gongxin::text
