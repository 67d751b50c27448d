// Text encodings at the edge of ingest: UTF-8 checks, GB18030 decoding and the
// detection rules of ReadCsv (see readers.h). Internal to src/ingest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "ingest/readers.h"

namespace gongxin::ingest::internal {

inline constexpr size_t kNpos = std::string_view::npos;

bool IsAscii(std::string_view s);

// How UTF-8-like some bytes are.
struct Utf8Census {
  size_t invalid = 0;    // ill-formed sequences
  size_t multibyte = 0;  // well-formed sequences of 2..4 bytes
  size_t first_invalid = kNpos;
};
Utf8Census CensusUtf8(std::string_view s);

// Offset just past a byte order mark the readers accept (UTF-8, GB18030), or 0.
struct Bom {
  Encoding encoding = Encoding::kAuto;  // kAuto: no BOM
  size_t length = 0;
};
Bom SniffBom(std::string_view bytes);

// InvalidArgument if the bytes are UTF-16 or UTF-32 (BOM or many NUL bytes).
Status RefuseWideEncodings(std::string_view bytes);

// Decides the encoding of CSV bytes (rules in readers.h). `eol` is the line end
// byte used to name lines in errors. Never returns kAuto. GB18030 goes through
// text::Gb18030ToUtf8 (core).
struct Detected {
  Encoding encoding = Encoding::kUtf8;
  size_t bom_length = 0;
  // For GB18030: the whole text after the BOM converted to UTF-8, if it all
  // converts; the reader then scans this instead of the bytes.
  std::optional<std::string> utf8;
};
Result<Detected> DetectEncoding(std::string_view bytes, Encoding requested, char eol);

// 1-based line holding bytes[offset], counting `eol` bytes before it.
uint32_t LineAt(std::string_view bytes, size_t offset, char eol);

}  // namespace gongxin::ingest::internal
