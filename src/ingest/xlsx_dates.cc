#include "ingest/xlsx_dates.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/date.h"

namespace gongxin::ingest::internal {

DateKind BuiltinFormatKind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
      id == 57 || id == 58) {
    return DateKind::kDate;
  }
  if (id == 22) return DateKind::kDateTime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56) {
    return DateKind::kTime;
  }
  return DateKind::kNone;
}

DateKind CustomFormatKind(std::string_view code) {
  // The date and time letters of the first section, runs collapsed ("yyyy" -> y).
  std::string letters;
  auto push = [&](char c) {
    if (letters.empty() || letters.back() != c) letters.push_back(c);
  };
  bool time = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char raw = code[i];
    const char c = (raw >= 'A' && raw <= 'Z') ? static_cast<char>(raw - 'A' + 'a') : raw;
    if (c == ';') break;
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string_view::npos) {
        time = true;  // elapsed time: [h], [mm], [ss]
        push('h');
      }
      i = close;
    } else if (code.substr(i, 5) == "AM/PM" || code.substr(i, 5) == "am/pm") {
      time = true;
      i += 4;
    } else if (code.substr(i, 3) == "A/P" || code.substr(i, 3) == "a/p") {
      time = true;
      i += 2;
    } else if (c == 'y' || c == 'd' || c == 'h' || c == 's' || c == 'm') {
      push(c);
    } else if (c >= 'a' && c <= 'z') {
      // Other letters ("General", "E+" of scientific notation) are no date part,
      // but a word like "General" must not lend its letters to one.
      while (i + 1 < code.size() && std::isalpha(static_cast<unsigned char>(code[i + 1]))) ++i;
    }
  }
  bool date = false;
  for (size_t k = 0; k < letters.size(); ++k) {
    const char c = letters[k];
    if (c == 'y' || c == 'd') date = true;
    if (c == 'h' || c == 's') time = true;
    if (c == 'm') {
      const bool minutes =
          (k > 0 && letters[k - 1] == 'h') || (k + 1 < letters.size() && letters[k + 1] == 's');
      (minutes ? time : date) = true;
    }
  }
  if (date && time) return DateKind::kDateTime;
  if (date) return DateKind::kDate;
  if (time) return DateKind::kTime;
  return DateKind::kNone;
}

std::optional<std::string> FormatSerial(std::string_view number, DateKind kind, bool date1904) {
  if (kind == DateKind::kNone) return std::nullopt;
  double serial = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), serial);
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(serial) ||
      serial < 0 || serial >= 2958466.0) {
    return std::nullopt;
  }
  int64_t day = static_cast<int64_t>(std::floor(serial));
  int64_t seconds = std::llround((serial - static_cast<double>(day)) * 86400.0);
  if (seconds >= 86400) {
    ++day;
    seconds -= 86400;
  }
  const std::string clock =
      fmt::format("{:02}:{:02}:{:02}", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  if (kind == DateKind::kTime) {
    if (day != 0) return std::nullopt;
    return clock;
  }
  int32_t offset;  // days from 1970-01-01 to serial day 0
  if (date1904) {
    offset = -24107;  // 1904-01-01 is day 0
  } else {
    if (day < 1 || day == 60) return std::nullopt;
    offset = day < 60 ? -25568 : -25569;  // 1899-12-31 / 1899-12-30 as day 0
  }
  const Date date = Date::FromDays(static_cast<int32_t>(day) + offset);
  if (date.year() > 9999) return std::nullopt;
  if (kind == DateKind::kDateTime) return date.ToIso() + " " + clock;
  return date.ToIso();
}

}  // namespace gongxin::ingest::internal
