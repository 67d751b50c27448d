// Pieces every reader shares: the whole-file bounds, problems with their bound,
// header-name trimming. Internal to src/ingest.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ingest/readers.h"

namespace gongxin::ingest::internal {

// ResourceExhausted if `size` exceeds the file bound (or 4 GiB, which line
// numbers cannot span).
Status CheckFileSize(size_t size, const ReaderLimits& limits);

// ResourceExhausted once `rows` (data rows seen so far) exceeds max_rows.
Status CheckRowCount(size_t rows, const ReaderLimits& limits);

// Appends a problem; ResourceExhausted once there are more than max_problems.
Status AddProblem(ReadResult* result, const ReaderLimits& limits, uint32_t line, uint32_t column,
                  std::string en, std::string zh);

// InvalidArgument for a file with no row of data at all.
Status NoHeaderError();

// A header name without surrounding ASCII white space, ideographic spaces
// (U+3000) or a stray byte order mark (U+FEFF).
std::string_view TrimName(std::string_view name);

// True if `s` is empty or only ASCII spaces and tabs.
bool IsBlank(std::string_view s);

// "0x41 'A'" style rendering of one byte for messages.
std::string ByteName(unsigned char byte);

}  // namespace gongxin::ingest::internal
