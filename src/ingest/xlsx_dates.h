// Excel dates: which number formats show a date or a time, and the text of a
// serial number under such a format. Internal to src/ingest.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gongxin::ingest::internal {

enum class DateKind { kNone, kDate, kDateTime, kTime };

// The kind of a built-in number format id (0..163), including the zh-CN
// built-ins 27..36 and 50..58.
DateKind BuiltinFormatKind(int id);

// The kind of a custom format code such as "yyyy/m/d", "yyyy\"年\"m\"月\"d\"日\"",
// "h:mm:ss" or "[h]:mm". Only the first section (up to ';') counts; quoted
// text, escaped characters, [colour]/[$-804] brackets and AM/PM markers are
// skipped; "m" next to h or s means minutes.
DateKind CustomFormatKind(std::string_view code);

// "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "HH:MM:SS" for a serial number in the
// 1900 (with Excel's phantom 1900-02-29) or 1904 date system, rounded to the
// second. nullopt if `number` is not a finite decimal, is negative, lies past
// 9999-12-31, is the phantom day, or is a time of a day or more in a time-only
// format; the caller then keeps the number's text.
std::optional<std::string> FormatSerial(std::string_view number, DateKind kind, bool date1904);

}  // namespace gongxin::ingest::internal
