// Text normalisation for Chinese administrative data: encodings, width, traditional
// characters, white space, and the comparison key for names.
//
// All strings are UTF-8. Functions that return std::string never fail: where their
// input is not valid UTF-8, each ill-formed sequence (maximal subpart, as Unicode
// recommends) is replaced by U+FFFD before anything else happens. Callers that must
// reject bad input check IsValidUtf8 (or convert with Gb18030ToUtf8) first.
//
// Everything here is thread-safe. ToSimplified (and NormalizeName, which uses it)
// loads OpenCC's dictionaries from the system's OpenCC data folder on first use,
// once per process; that is the only file access in this module.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/status.h"

namespace gongxin::text {

// Returns true iff `s` is well-formed UTF-8: no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence. The empty string
// is valid.
bool IsValidUtf8(std::string_view s);

// Returns the 0-based byte offset of the first ill-formed sequence in `s`, or
// std::string_view::npos iff `s` is valid UTF-8.
size_t FirstInvalidUtf8Offset(std::string_view s);

// Returns `s` with every ill-formed UTF-8 sequence replaced by U+FFFD; returns `s`
// unchanged iff it is valid.
std::string SanitizeUtf8(std::string_view s);

// Unicode Normalization Form KC (ICU). Among other things it turns full-width ASCII
// into ASCII, U+3000 into a space, circled digits into digits and CJK compatibility
// ideographs into their unified forms.
std::string Nfkc(std::string_view utf8);

// Folds width variants and CJK brackets to ASCII. Nothing else changes. The mappings:
//   U+FF01..U+FF5E  full-width ASCII (！..～, incl. （）［］｛｝，：；．)  -> U+0021..U+007E
//   U+3000          ideographic space                                -> U+0020 space
//   U+3010 【 U+3011 】  black lenticular brackets                    -> [ ]
//   U+3014 〔 U+3015 〕  tortoise shell brackets (used in 文号)        -> [ ]
//   U+3016 〖 U+3017 〗  white lenticular brackets                    -> [ ]
// Not folded: 《》〈〉 (book-title marks), 。、 (Chinese punctuation), ￥ and the other
// full-width signs U+FFE0..U+FFE6, half-width katakana.
std::string FoldWidth(std::string_view utf8);

// Traditional -> Simplified Chinese with OpenCC's t2s conversion (phrases first,
// then characters): 廣東省 -> 广东省, 臺灣 -> 台湾. Simplified text and non-Chinese
// text pass through. If OpenCC's dictionaries cannot be loaded the input is
// returned unchanged; SimplifiedConverterStatus() says why.
std::string ToSimplified(std::string_view utf8);

// OK iff the OpenCC t2s converter is loaded (loads it if not yet done). A program
// that relies on name matching should call this at start and refuse to run on error.
Status SimplifiedConverterStatus();

// Returns true iff the code point counts as white space for CollapseWhitespace and
// NormalizeName: Unicode White_Space (tab, LF, VT, FF, CR, space, U+0085, U+00A0,
// U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) plus the invisible
// U+200B (zero width space), U+2060 (word joiner) and U+FEFF (BOM / ZWNBSP), which
// copy-paste leaves in data.
bool IsWhiteSpace(char32_t c);

// Trims white space (see IsWhiteSpace) at both ends and replaces every inner run of
// it by one ASCII space. "  广州\u3000\u3000市\t\n" -> "广州 市".
std::string CollapseWhitespace(std::string_view utf8);

// The key every comparison of subject names uses. Two names denote the same
// subject name iff their keys are equal. Steps, in order:
//   1. NFKC (full-width -> ASCII, compatibility forms -> canonical);
//   2. FoldWidth (【】〔〕〖〗 -> []);
//   3. remove ALL white space (IsWhiteSpace), anywhere in the name;
//   4. unify brackets: ( [ { -> "(" and ) ] } -> ")";
//   5. unify middle dots in transliterated names (U+00B7, U+2022, U+2027, U+2219,
//      U+22C5, U+30FB, U+FF65) -> U+00B7 "·";
//   6. upper-case letters (Unicode simple case mapping: a -> A, é -> É);
//   7. traditional -> simplified (ToSimplified).
// NormalizeName("廣州市（白雲）科技 有限公司") == NormalizeName("广州市(白云)科技有限公司").
// The key is for comparing and indexing, never for display. It depends on the
// OpenCC dictionary version: a store that persists keys should record
// kNameKeyVersion and rebuild keys when it changes.
std::string NormalizeName(std::string_view utf8);
inline constexpr int kNameKeyVersion = 1;

// What ingest applies to every field value: full-width Latin letters and digits
// (U+FF10..FF19, U+FF21..FF3A, U+FF41..FF5A) become ASCII, then CollapseWhitespace
// (which also turns U+3000 into a space). Punctuation is kept as written: official
// names use （）and document numbers 〔2024〕, and both are evidence. Traditional
// characters are kept too. Comparisons use NormalizeName, never this.
std::string NormalizeValue(std::string_view utf8);
// NormalizeValue without its fast path for values that are already normal: the
// reference the fast path is tested against.
std::string NormalizeValueReference(std::string_view utf8);

// Number of Unicode code points; each ill-formed sequence counts as one.
size_t CodePointCount(std::string_view utf8);

// GB18030 (a superset of GBK and GB2312) bytes -> UTF-8, with ICU's "GB18030"
// converter. Fails iff `bytes` holds a sequence that is not GB18030; the error
// names the 0-based byte offset of the first such sequence and its bytes. Note that
// byte 0x80 (the euro sign in Windows code page 936) is not GB18030 and is an error.
Result<std::string> Gb18030ToUtf8(std::string_view bytes);

// UTF-8 -> GB18030 bytes. Fails iff `utf8` is not valid UTF-8 (the error names the
// byte offset); every Unicode code point has a GB18030 encoding.
Result<std::string> Utf8ToGb18030(std::string_view utf8);

// Appends code point `c` to `out` as UTF-8. Precondition: c is a Unicode scalar value.
void AppendUtf8(std::string* out, char32_t c);

}  // namespace gongxin::text
