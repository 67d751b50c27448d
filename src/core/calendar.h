// China's working-day calendar: weekends, public holidays (法定节假日 with the State
// Council's 调休) and make-up working days (调休上班).
//
// Deadlines in the field are counted in working days (工作日), e.g. 双公示 "within 7
// working days of the decision". Everything else in the project counts calendar days
// (core/date.h). The calendar's data is one YAML file per year under
// catalog/calendar/ (format in catalog/calendar/README.md); this class only parses
// text handed to it and does no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/status.h"

namespace gongxin {

enum class DayKind {
  kWorkday,        // Monday..Friday, not a holiday
  kWeekend,        // Saturday or Sunday, neither holiday nor make-up day
  kHoliday,        // a day off of a public holiday, whatever the weekday
  kMakeupWorkday,  // 调休上班: a Saturday or Sunday that is a working day
};

// "workday", "weekend", "holiday", "makeup_workday".
std::string_view DayKindName(DayKind kind);

// Which days are working days. Built by ParseYaml (and Merge); after that every
// const member is safe to call from many threads at once. Queries are O(log n) in
// the number of holiday and make-up days, whatever the distance between dates.
class WorkingDayCalendar {
 public:
  // An empty calendar: covers no year; Saturdays and Sundays are the only days off.
  WorkingDayCalendar() = default;

  // Parses one or more YAML documents (separated by "---"), one per year, and merges
  // them. Fails iff the text is not YAML or a document breaks the format: missing,
  // unknown or repeated key; year not in 1..9999; status not "official" or
  // "provisional"; empty source or name; a date not written YYYY-MM-DD or not a real
  // day; a date outside the document's year; from after to; a date listed twice;
  // a holiday on a make-up day; a make-up day that is not a Saturday or Sunday; a
  // make-up day "for" a holiday the document does not name; a year defined twice;
  // no document at all. The error (code invalid_argument) names the year and the
  // date or key, in English and Chinese; the first problem found is reported.
  static Result<WorkingDayCalendar> ParseYaml(std::string_view text);

  // Adds the years of `other`. Fails iff a year is in both calendars; then this
  // calendar is unchanged.
  Status Merge(const WorkingDayCalendar& other);

  // Returns true iff the year of `d` has a file (official or provisional).
  bool Covers(Date d) const;
  // Returns true iff every year from from.year() to to.year() is covered (either
  // order). A deadline computed over a range that is not covered is only a weekend
  // estimate.
  bool CoversRange(Date from, Date to) const;

  // The kind of day `d` is. Outside covered years: Saturday and Sunday are kWeekend,
  // other days kWorkday.
  DayKind KindOf(Date d) const;
  // Returns true iff `d` is kWorkday or kMakeupWorkday.
  bool IsWorkingDay(Date d) const;
  // The holiday's name ("春节", "国庆节、中秋节") iff `d` is kHoliday, else empty.
  // The view lives as long as this calendar and its years are not changed.
  std::string_view HolidayName(Date d) const;
  // The holiday a make-up working day makes up for iff `d` is kMakeupWorkday, else
  // empty. Same lifetime as HolidayName.
  std::string_view MakeupFor(Date d) const;

  // The deadline "within n working days of start": the n-th working day after
  // `start`, counting from the day after start (start itself never counts, whatever
  // its kind). n == 0 returns start. For n < 0, the |n|-th working day before start,
  // counting back from the day before start. The result of n != 0 is always a
  // working day, and for n > 0 WorkingDaysBetween(start, result) == n.
  // Precondition: the result lies within years 1..9999.
  Date AddWorkingDays(Date start, int n) const;

  // The number of working days d with from < d <= to; when to < from, minus the
  // number with to < d <= from. Decision Friday, receipt next Monday: 1. Same day: 0.
  int WorkingDaysBetween(Date from, Date to) const;

  // Covered years, ascending.
  std::vector<int> years() const;
  // "official" or "provisional" for a covered year; empty otherwise.
  std::string_view YearStatus(int year) const;
  // The source text of a covered year (the State Council notice, or why the year is
  // provisional); empty otherwise.
  std::string_view YearSource(int year) const;

 private:
  struct YearInfo {
    std::string status;
    std::string source;
  };
  // A day whose kind is not what its weekday alone says.
  struct SpecialDay {
    int32_t day = 0;  // Date::days()
    DayKind kind = DayKind::kHoliday;
    int8_t delta = 0;   // working-day count change vs. the weekday rule: -1, 0 or +1
    uint32_t name = 0;  // index into names_ (holiday, or holiday made up for)
  };

  const SpecialDay* Find(Date d) const;
  // Working days in a fixed distant past .. d, inclusive; only differences mean anything.
  int64_t CumulativeWorkingDays(int32_t day) const;
  // The smallest day whose CumulativeWorkingDays >= target, searching from `near`.
  int32_t FirstDayReaching(int64_t target, int32_t near) const;
  void Reindex();

  std::map<int, YearInfo> years_;
  std::vector<std::string> names_;
  std::vector<SpecialDay> specials_;  // sorted by day
  std::vector<int64_t> prefix_;       // prefix_[i] = sum of delta of specials_[0..i]
};

}  // namespace gongxin
