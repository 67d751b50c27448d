#include "ingest/encoding.h"

#include <uchardet/uchardet.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "core/text.h"

namespace gongxin::ingest::internal {
namespace {

// Text a GB18030 file of Chinese records plausibly holds beyond ASCII.
bool LooksChinese(uint32_t cp) {
  return (cp >= 0x3000 && cp <= 0x303F) ||  // CJK symbols and punctuation
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // compatibility ideographs
         (cp >= 0xFF00 && cp <= 0xFFEF) ||  // full-width forms
         (cp >= 0x2010 && cp <= 0x203F) ||  // dashes, quotes, ellipsis
         (cp >= 0x2460 && cp <= 0x24FF) ||  // circled numbers
         (cp >= 0x2160 && cp <= 0x217F) ||  // roman numerals
         (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x00B7 || cp == 0x00D7 || cp == 0x00B0 ||
         cp == 0x2116;
}

// Counts the non-ASCII code points of valid UTF-8 and those that look Chinese.
void CountChinese(std::string_view utf8, size_t* non_ascii, size_t* chinese) {
  *non_ascii = *chinese = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    const size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (i + len > utf8.size()) break;
    uint32_t cp = b & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
    ++*non_ascii;
    if (LooksChinese(cp)) ++*chinese;
    i += len;
  }
}

std::string GuessCharset(std::string_view bytes) {
  uchardet_t detector = uchardet_new();
  if (detector == nullptr) return "";
  const size_t n = std::min<size_t>(bytes.size(), size_t{8} << 20);
  std::string name;
  if (uchardet_handle_data(detector, bytes.data(), n) == 0) {
    uchardet_data_end(detector);
    const char* charset = uchardet_get_charset(detector);
    if (charset != nullptr) name = charset;
  }
  uchardet_delete(detector);
  return name;
}

bool IsGbFamily(const std::string& charset) {
  return charset.size() >= 2 && (charset[0] == 'G' || charset[0] == 'g') &&
         (charset[1] == 'B' || charset[1] == 'b');
}

}  // namespace

bool IsAscii(std::string_view s) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  }
  return true;
}

Utf8Census CensusUtf8(std::string_view s) {
  Utf8Census c;
  size_t i = 0;
  while (i < s.size()) {
    const size_t rest = text::FirstInvalidUtf8Offset(s.substr(i));
    const size_t stop = rest == kNpos ? s.size() : i + rest;
    for (size_t k = i; k < stop; ++k) {
      if (static_cast<unsigned char>(s[k]) >= 0xC0) ++c.multibyte;  // lead bytes
    }
    if (rest == kNpos) break;
    if (c.first_invalid == kNpos) c.first_invalid = stop;
    ++c.invalid;
    i = stop + 1;
  }
  return c;
}

Bom SniffBom(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return {Encoding::kUtf8, 3};
  if (bytes.starts_with("\x84\x31\x95\x33")) return {Encoding::kGb18030, 4};
  return {};
}

Status RefuseWideEncodings(std::string_view bytes) {
  const bool utf16_bom = bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
  const size_t sample = std::min<size_t>(bytes.size(), 1024);
  const size_t nuls = static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + sample, '\0'));
  if (utf16_bom || (sample >= 2 && nuls * 4 >= sample)) {
    return Status::InvalidArgument(
        "the file is UTF-16 (\"Unicode text\"), which is not accepted; save it as CSV UTF-8",
        "文件是 UTF-16（“Unicode 文本”）编码，不予接受；请另存为 CSV UTF-8 格式");
  }
  return Status::OK();
}

Result<Detected> DetectEncoding(std::string_view bytes, Encoding requested, char eol) {
  GX_RETURN_IF_ERROR(RefuseWideEncodings(bytes));
  const Bom bom = SniffBom(bytes);
  if (bom.encoding == Encoding::kUtf8) return Detected{Encoding::kUtf8, bom.length, {}};
  if (requested == Encoding::kUtf8) return Detected{Encoding::kUtf8, 0, {}};
  if (requested == Encoding::kGb18030 || bom.encoding == Encoding::kGb18030) {
    Detected d{Encoding::kGb18030, bom.length, {}};
    Result<std::string> utf8 = text::Gb18030ToUtf8(bytes.substr(bom.length));
    if (utf8.ok()) d.utf8 = std::move(utf8).value();
    return d;
  }
  const Utf8Census census = CensusUtf8(bytes);
  if (census.invalid == 0) return Detected{Encoding::kUtf8, 0, {}};

  const std::string guess = GuessCharset(bytes);
  Result<std::string> utf8 = text::Gb18030ToUtf8(bytes);
  if (utf8.ok()) {
    size_t non_ascii = 0, chinese = 0;
    CountChinese(*utf8, &non_ascii, &chinese);
    const bool plausible = non_ascii > 0 && chinese * 10 >= non_ascii * 9;
    if (IsGbFamily(guess) || (guess.empty() && plausible)) {
      return Detected{Encoding::kGb18030, 0, std::move(utf8).value()};
    }
  }
  // Mostly UTF-8 with some damage: read it as UTF-8 and report the bad rows.
  if (census.multibyte > census.invalid) return Detected{Encoding::kUtf8, 0, {}};

  const uint32_t line = LineAt(bytes, census.first_invalid, eol);
  const auto byte = static_cast<unsigned char>(bytes[census.first_invalid]);
  const std::string looks_en = guess.empty() ? "" : fmt::format(" (it looks like {})", guess);
  const std::string looks_zh = guess.empty() ? "" : fmt::format("（疑似 {}）", guess);
  return Status::InvalidArgument(
      fmt::format("cannot tell the file's encoding{}: line {} has byte 0x{:02X}, which is neither "
                  "UTF-8 nor GB18030 text; save the file as UTF-8 or name its encoding",
                  looks_en, line, byte),
      fmt::format("无法识别文件编码{}：第 {} 行的字节 0x{:02X} 既不是 UTF-8 也不是 GB18030 "
                  "文本；请另存为 UTF-8 或指定文件编码",
                  looks_zh, line, byte));
}

uint32_t LineAt(std::string_view bytes, size_t offset, char eol) {
  offset = std::min(offset, bytes.size());
  const size_t n = static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + offset, eol));
  return static_cast<uint32_t>(std::min<size_t>(n + 1, UINT32_MAX));
}

}  // namespace gongxin::ingest::internal
