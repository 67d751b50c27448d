// Test helpers for the readers: a stable text dump of what a reader returned,
// compared against golden files under tests/golden/readers/.
#pragma once

#include <string>

#include "ingest/readers.h"

namespace gongxin::ingest::testing {

// One value made printable on one line: \ | CR LF TAB escaped.
std::string Escape(std::string_view value);

// "header@1: a | b" and "row@3: x | y" lines.
std::string DumpTable(const Table& table);

// The encoding, the table and the problems; or the error (code, en, zh).
std::string Dump(const Result<ReadResult>& result);

// Bytes of a test input under tests/golden/readers/.
std::string ReadInput(const std::string& name);

}  // namespace gongxin::ingest::testing
