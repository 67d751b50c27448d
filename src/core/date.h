// Civil dates (proleptic Gregorian, no time zone) and instants.
//
// A Date counts calendar days since 1970-01-01. Deadlines that count working days
// live in calendar.h; everything here is in calendar days.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongxin {

class Date {
 public:
  constexpr Date() = default;  // 1970-01-01
  static constexpr Date FromDays(int32_t days_since_epoch) { return Date(days_since_epoch); }

  // Returns the date iff year/month/day name a real day (year 1..9999).
  static Result<Date> FromYmd(int year, int month, int day);

  // Parses the date formats found in departments' files: 2019-10-10, 2019/10/10,
  // 2019/1/5, 2019.10.10, 20191010, 2019年10月10日. A trailing time of day
  // ("2019-10-10 08:30:00", "2019-10-10T08:30:00") is accepted and ignored.
  // The error names the part that is wrong (format, month, day).
  static Result<Date> Parse(std::string_view text);

  int32_t days() const { return days_; }
  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  // ISO weekday: 1 = Monday ... 7 = Sunday.
  int weekday() const;

  // "2026-04-01"
  std::string ToIso() const;

  // Calendar-day arithmetic.
  Date AddDays(int32_t n) const { return Date(days_ + n); }
  // Adds months, clamping the day to the end of the target month (Jan 31 + 1 = Feb 28/29).
  Date AddMonths(int n) const;
  Date AddYears(int n) const { return AddMonths(12 * n); }
  int32_t DaysUntil(Date later) const { return later.days_ - days_; }

  auto operator<=>(const Date&) const = default;

 private:
  explicit constexpr Date(int32_t d) : days_(d) {}
  int32_t days_ = 0;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// An instant: microseconds since 1970-01-01T00:00:00Z.
struct Instant {
  int64_t micros = 0;
  auto operator<=>(const Instant&) const = default;

  static Instant FromSeconds(int64_t s) { return Instant{s * 1000000}; }
  // The civil date of this instant in China Standard Time (UTC+8, no daylight saving).
  Date ChinaDate() const;
  // "2026-11-23T08:00:00+08:00" in China Standard Time.
  std::string ToChinaIso() const;
  // Parses "YYYY-MM-DDTHH:MM:SS" with a trailing Z or +08:00 style offset, or a bare date
  // (midnight China time).
  static Result<Instant> Parse(std::string_view text);
};

}  // namespace gongxin
