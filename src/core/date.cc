#include "core/date.h"

#include <cstdio>

namespace gongxin {
namespace {

// Days from civil, after H. Hinnant's public-domain algorithm description.
int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(int32_t z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
  const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
  *y = yy + (mm <= 2);
  *m = static_cast<int>(mm);
  *d = static_cast<int>(dd);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_len digits at text[*pos]; returns -1 when there are none.
int ReadNumber(std::string_view text, size_t* pos, size_t max_len) {
  size_t start = *pos;
  int value = 0;
  while (*pos < text.size() && IsDigit(text[*pos]) && *pos - start < max_len) {
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
  }
  return *pos == start ? -1 : value;
}

bool ConsumePrefix(std::string_view text, size_t* pos, std::string_view token) {
  if (text.substr(*pos, token.size()) == token) {
    *pos += token.size();
    return true;
  }
  return false;
}

Status BadFormat(std::string_view text) {
  return Status::InvalidArgument(
      "not a date: '" + std::string(text) + "' (expected YYYY-MM-DD or YYYY/MM/DD)",
      "日期格式错误：'" + std::string(text) + "'（应为 YYYY-MM-DD 或 YYYY/MM/DD）");
}

}  // namespace

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[m - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999) {
    return Status::InvalidArgument("year " + std::to_string(year) + " is out of range",
                                   "年份 " + std::to_string(year) + " 超出范围");
  }
  if (month < 1 || month > 12) {
    return Status::InvalidArgument("month " + std::to_string(month) + " does not exist",
                                   "月份 " + std::to_string(month) + " 不存在");
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    return Status::InvalidArgument("day " + std::to_string(day) + " does not exist in " +
                                       std::to_string(year) + "-" + (month < 10 ? "0" : "") +
                                       std::to_string(month),
                                   std::to_string(year) + "年" + std::to_string(month) + "月没有" +
                                       std::to_string(day) + "日");
  }
  return Date(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Result<Date> Date::Parse(std::string_view text) {
  size_t pos = 0;
  int y = -1, m = -1, d = -1;
  // Compact form YYYYMMDD.
  if (text.size() >= 8 && IsDigit(text[4])) {
    for (size_t i = 0; i < 8; ++i) {
      if (!IsDigit(text[i])) return BadFormat(text);
    }
    y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    m = (text[4] - '0') * 10 + (text[5] - '0');
    d = (text[6] - '0') * 10 + (text[7] - '0');
    pos = 8;
  } else {
    y = ReadNumber(text, &pos, 4);
    if (y < 0 || pos != 4) return BadFormat(text);
    bool chinese = false;
    char sep = 0;
    if (ConsumePrefix(text, &pos, "年")) {
      chinese = true;
    } else if (pos < text.size() && (text[pos] == '-' || text[pos] == '/' || text[pos] == '.')) {
      sep = text[pos++];
    } else {
      return BadFormat(text);
    }
    m = ReadNumber(text, &pos, 2);
    if (m < 0) return BadFormat(text);
    if (chinese) {
      if (!ConsumePrefix(text, &pos, "月")) return BadFormat(text);
    } else if (pos >= text.size() || text[pos++] != sep) {
      return BadFormat(text);
    }
    d = ReadNumber(text, &pos, 2);
    if (d < 0) return BadFormat(text);
    if (chinese) ConsumePrefix(text, &pos, "日");
  }
  if (pos < text.size()) {
    // Allow a trailing time of day only.
    char c = text[pos];
    if (c != ' ' && c != 'T') return BadFormat(text);
    std::string_view rest = text.substr(pos + 1);
    for (char r : rest) {
      if (!IsDigit(r) && r != ':' && r != '.' && r != ' ') return BadFormat(text);
    }
  }
  return FromYmd(y, m, d);
}

int Date::year() const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  return y;
}
int Date::month() const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  return m;
}
int Date::day() const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  return d;
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO 4).
  int w = (days_ % 7 + 7) % 7;  // 0 = Thursday
  return (w + 3) % 7 + 1;
}

std::string Date::ToIso() const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

Date Date::AddMonths(int n) const {
  int y, m, d;
  CivilFromDays(days_, &y, &m, &d);
  int total = y * 12 + (m - 1) + n;
  int ny = total / 12;
  int nm = total % 12 + 1;
  int nd = d > DaysInMonth(ny, nm) ? DaysInMonth(ny, nm) : d;
  return Date(DaysFromCivil(ny, static_cast<unsigned>(nm), static_cast<unsigned>(nd)));
}

namespace {
constexpr int64_t kMicrosPerDay = 86400LL * 1000000;
constexpr int64_t kChinaOffsetMicros = 8LL * 3600 * 1000000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

Date Instant::ChinaDate() const {
  return Date::FromDays(static_cast<int32_t>(FloorDiv(micros + kChinaOffsetMicros, kMicrosPerDay)));
}

std::string Instant::ToChinaIso() const {
  int64_t local = micros + kChinaOffsetMicros;
  Date date = Date::FromDays(static_cast<int32_t>(FloorDiv(local, kMicrosPerDay)));
  int64_t secs_of_day = (local - FloorDiv(local, kMicrosPerDay) * kMicrosPerDay) / 1000000;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+08:00", date.ToIso().c_str(),
                static_cast<int>(secs_of_day / 3600), static_cast<int>(secs_of_day / 60 % 60),
                static_cast<int>(secs_of_day % 60));
  return buf;
}

Result<Instant> Instant::Parse(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument(
        "not an instant: '" + std::string(text) + "' (expected YYYY-MM-DDTHH:MM:SS+08:00)",
        "时间格式错误：'" + std::string(text) + "'");
  };
  if (text.size() < 10) return bad();
  GX_ASSIGN_OR_RETURN(Date date, Date::Parse(text.substr(0, 10)));
  int64_t offset = kChinaOffsetMicros;  // a bare date or a time without offset is China time
  int64_t secs = 0;
  if (text.size() > 10) {
    if (text[10] != 'T' && text[10] != ' ') return bad();
    if (text.size() < 19 || text[13] != ':' || text[16] != ':') return bad();
    auto num = [&](size_t at) -> int {
      if (!IsDigit(text[at]) || !IsDigit(text[at + 1])) return -1;
      return (text[at] - '0') * 10 + (text[at + 1] - '0');
    };
    int hh = num(11), mm = num(14), ss = num(17);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) return bad();
    secs = hh * 3600 + mm * 60 + ss;
    std::string_view tz = text.substr(19);
    if (tz.empty()) {
      offset = kChinaOffsetMicros;
    } else if (tz == "Z") {
      offset = 0;
    } else if (tz.size() == 6 && (tz[0] == '+' || tz[0] == '-') && tz[3] == ':') {
      int oh = (tz[1] - '0') * 10 + (tz[2] - '0');
      int om = (tz[4] - '0') * 10 + (tz[5] - '0');
      offset = (tz[0] == '-' ? -1 : 1) * (oh * 3600LL + om * 60LL) * 1000000;
    } else {
      return bad();
    }
  }
  return Instant{date.days() * kMicrosPerDay + secs * 1000000 - offset};
}

}  // namespace gongxin
