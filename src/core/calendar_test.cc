#include "core/calendar.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "support/golden.h"

namespace gongxin {

// Readable dates in failure messages (internal linkage: one per test file).
static void PrintTo(const Date& d, std::ostream* os) { *os << d.ToIso(); }

namespace {

Date D(std::string_view iso) {
  Result<Date> d = Date::Parse(iso);
  EXPECT_TRUE(d.ok()) << iso;
  return d.ok() ? *d : Date();
}

// All shipped years, each file parsed on its own and merged, as the catalog loader does.
WorkingDayCalendar Shipped() {
  WorkingDayCalendar all;
  for (int year = 2023; year <= 2027; ++year) {
    const std::string path = testing::CatalogPath("calendar/" + std::to_string(year) + ".yaml");
    Result<WorkingDayCalendar> one = WorkingDayCalendar::ParseYaml(testing::ReadFileOrFail(path));
    EXPECT_TRUE(one.ok()) << path << ": " << one.status().ToString();
    if (one.ok()) {
      Status merged = all.Merge(*one);
      EXPECT_TRUE(merged.ok()) << merged.ToString();
    }
  }
  return all;
}

const WorkingDayCalendar& Cal() {
  static const WorkingDayCalendar* cal = new WorkingDayCalendar(Shipped());
  return *cal;
}

// ---- The State Council notices, transcribed independently of the YAML files ----

struct HolidayRun {
  const char* from;
  const char* to;
};
struct Notice {
  int year;
  std::vector<HolidayRun> holidays;
  std::vector<const char*> makeups;
};

const std::vector<Notice>& Notices() {
  static const std::vector<Notice> kNotices = {
      {2023,
       {{"2023-01-01", "2023-01-02"},
        {"2023-01-21", "2023-01-27"},
        {"2023-04-05", "2023-04-05"},
        {"2023-04-29", "2023-05-03"},
        {"2023-06-22", "2023-06-24"},
        {"2023-09-29", "2023-10-06"}},
       {"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07",
        "2023-10-08"}},
      {2024,
       {{"2024-01-01", "2024-01-01"},
        {"2024-02-10", "2024-02-17"},
        {"2024-04-04", "2024-04-06"},
        {"2024-05-01", "2024-05-05"},
        {"2024-06-10", "2024-06-10"},
        {"2024-09-15", "2024-09-17"},
        {"2024-10-01", "2024-10-07"}},
       {"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
        "2024-09-29", "2024-10-12"}},
      {2025,
       {{"2025-01-01", "2025-01-01"},
        {"2025-01-28", "2025-02-04"},
        {"2025-04-04", "2025-04-06"},
        {"2025-05-01", "2025-05-05"},
        {"2025-05-31", "2025-06-02"},
        {"2025-10-01", "2025-10-08"}},
       {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}},
      {2026,
       {{"2026-01-01", "2026-01-03"},
        {"2026-02-15", "2026-02-23"},
        {"2026-04-04", "2026-04-06"},
        {"2026-05-01", "2026-05-05"},
        {"2026-06-19", "2026-06-21"},
        {"2026-09-25", "2026-09-27"},
        {"2026-10-01", "2026-10-07"}},
       {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}},
      {2027,
       {{"2027-01-01", "2027-01-01"},
        {"2027-02-05", "2027-02-08"},
        {"2027-04-05", "2027-04-05"},
        {"2027-05-01", "2027-05-02"},
        {"2027-06-09", "2027-06-09"},
        {"2027-09-15", "2027-09-15"},
        {"2027-10-01", "2027-10-03"}},
       {}},
  };
  return kNotices;
}

TEST(CalendarShippedTest, YearsAndProvenance) {
  const WorkingDayCalendar& cal = Cal();
  EXPECT_EQ(cal.years(), (std::vector<int>{2023, 2024, 2025, 2026, 2027}));
  for (int y = 2023; y <= 2026; ++y) {
    EXPECT_EQ(cal.YearStatus(y), "official") << y;
    EXPECT_NE(cal.YearSource(y).find("国办发明电"), std::string_view::npos) << y;
  }
  EXPECT_EQ(cal.YearStatus(2027), "provisional");
  EXPECT_NE(cal.YearSource(2027).find("必须替换"), std::string_view::npos);
  EXPECT_EQ(cal.YearSource(2025),
            "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）");
  EXPECT_EQ(cal.YearStatus(2022), "");
  EXPECT_EQ(cal.YearSource(2030), "");
}

// Every day of every shipped year has the kind the notice gives it.
TEST(CalendarShippedTest, EveryDayMatchesTheNotices) {
  const WorkingDayCalendar& cal = Cal();
  for (const Notice& n : Notices()) {
    std::set<int32_t> off, makeup;
    for (const HolidayRun& r : n.holidays) {
      for (Date d = D(r.from); d <= D(r.to); d = d.AddDays(1)) off.insert(d.days());
    }
    for (const char* m : n.makeups) {
      Date d = D(m);
      EXPECT_GE(d.weekday(), 6) << m << " is not a weekend day";
      makeup.insert(d.days());
    }
    int holidays = 0;
    for (Date d = Date::FromYmd(n.year, 1, 1).value(); d.year() == n.year; d = d.AddDays(1)) {
      DayKind want = off.count(d.days())      ? DayKind::kHoliday
                     : makeup.count(d.days()) ? DayKind::kMakeupWorkday
                     : d.weekday() >= 6       ? DayKind::kWeekend
                                              : DayKind::kWorkday;
      EXPECT_EQ(cal.KindOf(d), want) << d.ToIso();
      EXPECT_EQ(cal.HolidayName(d).empty(), want != DayKind::kHoliday) << d.ToIso();
      EXPECT_EQ(cal.MakeupFor(d).empty(), want != DayKind::kMakeupWorkday) << d.ToIso();
      holidays += want == DayKind::kHoliday;
    }
    EXPECT_EQ(holidays, static_cast<int>(off.size())) << n.year;
  }
}

// One line per date: reviewed against the notices (2025: 国办发明电〔2024〕12号,
// 2026: 国办发明电〔2025〕7号).
std::string DayList(const WorkingDayCalendar& cal, int year) {
  static const char* kWeekdays[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::string out = "# " + std::to_string(year) + " " + std::string(cal.YearStatus(year)) + " " +
                    std::string(cal.YearSource(year)) + "\n";
  for (Date d = Date::FromYmd(year, 1, 1).value(); d.year() == year; d = d.AddDays(1)) {
    DayKind kind = cal.KindOf(d);
    out += d.ToIso() + " " + kWeekdays[d.weekday()] + " " + std::string(DayKindName(kind));
    if (kind == DayKind::kHoliday) out += " " + std::string(cal.HolidayName(d));
    if (kind == DayKind::kMakeupWorkday) out += " for " + std::string(cal.MakeupFor(d));
    out += "\n";
  }
  return out;
}

TEST(CalendarGoldenTest, Year2025) {
  EXPECT_TRUE(testing::MatchesGolden(DayList(Cal(), 2025), "golden/calendar/2025.txt"));
}

TEST(CalendarGoldenTest, Year2026) {
  EXPECT_TRUE(testing::MatchesGolden(DayList(Cal(), 2026), "golden/calendar/2026.txt"));
}

TEST(CalendarTest, NamesOfDays) {
  const WorkingDayCalendar& cal = Cal();
  EXPECT_EQ(cal.HolidayName(D("2026-02-17")), "春节");
  EXPECT_EQ(cal.HolidayName(D("2025-10-06")), "国庆节、中秋节");
  EXPECT_EQ(cal.HolidayName(D("2023-09-29")), "中秋节、国庆节");
  EXPECT_EQ(cal.HolidayName(D("2026-02-14")), "");
  EXPECT_EQ(cal.MakeupFor(D("2026-02-14")), "春节");
  EXPECT_EQ(cal.HolidayName(D("2026-03-02")), "");
  EXPECT_EQ(DayKindName(DayKind::kMakeupWorkday), "makeup_workday");
}

TEST(CalendarTest, MakeupSaturdaysAndSundaysAreWorkingDays) {
  const WorkingDayCalendar& cal = Cal();
  EXPECT_EQ(D("2026-02-14").weekday(), 6);
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-02-14")));
  EXPECT_EQ(cal.KindOf(D("2026-02-14")), DayKind::kMakeupWorkday);
  EXPECT_EQ(D("2025-09-28").weekday(), 7);
  EXPECT_TRUE(cal.IsWorkingDay(D("2025-09-28")));
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-02-21")));  // Saturday inside 春节
  EXPECT_EQ(cal.KindOf(D("2026-02-21")), DayKind::kHoliday);
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-02-16")));  // Monday inside 春节
  EXPECT_FALSE(cal.IsWorkingDay(D("2026-03-01")));  // ordinary Sunday
  EXPECT_EQ(cal.KindOf(D("2026-03-01")), DayKind::kWeekend);
  EXPECT_TRUE(cal.IsWorkingDay(D("2026-03-02")));
}

TEST(CalendarTest, AddWorkingDaysAcrossSpringFestival2026) {
  const WorkingDayCalendar& cal = Cal();
  const Date start = D("2026-02-12");  // Thursday
  // Fri 02-13 (1), make-up Sat 02-14 (2), 春节 02-15..02-23, Tue 02-24 (3) .. Fri 02-27 (6),
  // make-up Sat 02-28 (7).
  EXPECT_EQ(cal.AddWorkingDays(start, 1), D("2026-02-13"));
  EXPECT_EQ(cal.AddWorkingDays(start, 2), D("2026-02-14"));
  EXPECT_EQ(cal.AddWorkingDays(start, 3), D("2026-02-24"));
  EXPECT_EQ(cal.AddWorkingDays(start, 7), D("2026-02-28"));
  EXPECT_EQ(cal.AddWorkingDays(start, 8), D("2026-03-02"));
  EXPECT_EQ(cal.AddWorkingDays(start, 0), start);
  // Starting on a holiday: the count starts the next day.
  EXPECT_EQ(cal.AddWorkingDays(D("2026-02-15"), 1), D("2026-02-24"));
}

TEST(CalendarTest, DoublePublicityDeadlineAcrossNationalDay2025) {
  const WorkingDayCalendar& cal = Cal();
  // Decision Fri 2025-09-26: make-up Sun 09-28 (1), 09-29 (2), 09-30 (3), holiday
  // 10-01..10-08, 10-09 (4), 10-10 (5), make-up Sat 10-11 (6), Mon 10-13 (7).
  EXPECT_EQ(cal.AddWorkingDays(D("2025-09-26"), 7), D("2025-10-13"));
  EXPECT_EQ(cal.WorkingDaysBetween(D("2025-09-26"), D("2025-10-13")), 7);
}

TEST(CalendarTest, AddWorkingDaysBackwards) {
  const WorkingDayCalendar& cal = Cal();
  EXPECT_EQ(cal.AddWorkingDays(D("2026-03-09"), -1), D("2026-03-06"));  // Mon -> Fri
  EXPECT_EQ(cal.AddWorkingDays(D("2026-03-02"), -1), D("2026-02-28"));  // Mon -> make-up Sat
  EXPECT_EQ(cal.AddWorkingDays(D("2026-02-24"), -1), D("2026-02-14"));  // over 春节
  EXPECT_EQ(cal.AddWorkingDays(D("2026-03-01"), -1), D("2026-02-28"));  // Sun -> make-up Sat
}

TEST(CalendarTest, WorkingDaysBetweenAndMirror) {
  const WorkingDayCalendar& cal = Cal();
  const Date friday = D("2026-03-06");
  const Date monday = D("2026-03-09");
  EXPECT_EQ(cal.WorkingDaysBetween(friday, monday), 1);
  EXPECT_EQ(cal.WorkingDaysBetween(monday, friday), -1);
  EXPECT_EQ(cal.WorkingDaysBetween(friday, friday), 0);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-02-12"), D("2026-02-28")), 7);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-02-28"), D("2026-02-12")), -7);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2026-02-14"), D("2026-02-23")), 0);
  // A whole year: 2026 has 365 days, 104 weekend days, 6 make-up days, and
  // 19 holiday weekdays (2+6+1+3+1+1+5).
  EXPECT_EQ(cal.WorkingDaysBetween(D("2025-12-31"), D("2026-12-31")), 365 - 104 + 6 - 19);
}

TEST(CalendarTest, OutsideCoverageOnlyWeekends) {
  const WorkingDayCalendar& cal = Cal();
  EXPECT_FALSE(cal.Covers(D("2030-10-01")));
  EXPECT_TRUE(cal.Covers(D("2027-12-31")));
  EXPECT_FALSE(cal.Covers(D("2022-12-31")));
  EXPECT_TRUE(cal.CoversRange(D("2026-12-20"), D("2023-01-05")));
  EXPECT_FALSE(cal.CoversRange(D("2027-12-20"), D("2028-01-05")));
  EXPECT_EQ(cal.KindOf(D("2030-10-01")), DayKind::kWorkday);  // a Tuesday, no file
  EXPECT_EQ(cal.KindOf(D("2030-10-05")), DayKind::kWeekend);
  EXPECT_EQ(cal.KindOf(D("2022-12-31")), DayKind::kWeekend);  // 元旦 2023, but no 2022 file
  EXPECT_EQ(cal.AddWorkingDays(D("2030-10-04"), 1), D("2030-10-07"));        // Fri -> Mon
  EXPECT_EQ(cal.AddWorkingDays(D("2027-12-29"), 7), D("2028-01-07"));        // runs off the end
  EXPECT_EQ(cal.WorkingDaysBetween(D("2030-01-01"), D("2030-12-31")), 260);  // 2030-01-01 excluded

  WorkingDayCalendar empty;
  EXPECT_TRUE(empty.years().empty());
  EXPECT_EQ(empty.AddWorkingDays(D("2026-02-12"), 7), D("2026-02-23"));
  EXPECT_EQ(empty.WorkingDaysBetween(D("2026-03-06"), D("2026-03-09")), 1);
  EXPECT_EQ(empty.WorkingDaysBetween(D("1969-12-26"), D("1970-01-05")), 6);  // around the epoch
}

// The fast arithmetic equals counting day by day, everywhere near the data.
TEST(CalendarTest, AgreesWithDayByDayCounting) {
  const WorkingDayCalendar& cal = Cal();
  auto slow_add = [&](Date start, int n) {
    Date d = start;
    int step = n > 0 ? 1 : -1;
    for (int left = n > 0 ? n : -n; left > 0;) {
      d = d.AddDays(step);
      if (cal.IsWorkingDay(d)) --left;
    }
    return d;
  };
  const Date first = D("2022-11-01");
  const Date last = D("2028-02-28");
  int checked = 0;
  for (Date start = first; start <= last; start = start.AddDays(1)) {
    for (int n = -25; n <= 25; n += (n > -3 && n < 3 ? 1 : 4)) {
      Date want = n == 0 ? start : slow_add(start, n);
      ASSERT_EQ(cal.AddWorkingDays(start, n), want) << start.ToIso() << " " << n;
      if (n > 0) {
        ASSERT_EQ(cal.WorkingDaysBetween(start, want), n) << start.ToIso();
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 10000);
  // WorkingDaysBetween counts (from, to].
  for (Date from = first; from <= last; from = from.AddDays(37)) {
    int count = 0;
    for (Date d = from.AddDays(1); d <= last; d = d.AddDays(1)) {
      count += cal.IsWorkingDay(d);
      if ((d.days() - from.days()) % 11 == 0) {
        ASSERT_EQ(cal.WorkingDaysBetween(from, d), count) << from.ToIso() << ".." << d.ToIso();
        ASSERT_EQ(cal.WorkingDaysBetween(d, from), -count);
      }
    }
  }
}

TEST(CalendarParseTest, SeveralDocumentsMerge) {
  Result<WorkingDayCalendar> cal = WorkingDayCalendar::ParseYaml(R"(
year: 2030
status: provisional
source: test
holidays:
  - {name: 元旦, from: 2030-01-01, to: 2030-01-01}
makeup_workdays: []
---
year: 2031
status: official
source: test
holidays: []
makeup_workdays:
---
)");
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_EQ(cal->years(), (std::vector<int>{2030, 2031}));
  EXPECT_EQ(cal->KindOf(D("2030-01-01")), DayKind::kHoliday);
  EXPECT_EQ(cal->KindOf(D("2031-01-01")), DayKind::kWorkday);

  WorkingDayCalendar shipped = Shipped();
  EXPECT_TRUE(shipped.Merge(*cal).ok());
  EXPECT_EQ(shipped.years().size(), 7u);
  Status again = shipped.Merge(*cal);
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.message(), "calendar 2030 is defined in both calendars being merged");
  EXPECT_EQ(shipped.years().size(), 7u);  // unchanged
}

// Error texts for broken files, reviewed in tests/golden/calendar/errors.txt.
TEST(CalendarParseTest, GoldenErrors) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"duplicate date", R"(year: 2026
status: official
source: test
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03}
  - {name: 春节, from: 2026-01-03, to: 2026-01-04}
makeup_workdays: []
)"},
      {"date outside the year", R"(year: 2026
status: official
source: test
holidays:
  - {name: 元旦, from: 2025-12-31, to: 2026-01-01}
makeup_workdays: []
)"},
      {"holiday on a make-up day", R"(year: 2026
status: official
source: test
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-04}
makeup_workdays:
  - {date: 2026-01-04, for: 元旦}
)"},
      {"make-up day twice", R"(year: 2026
status: official
source: test
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03}
makeup_workdays:
  - {date: 2026-01-04, for: 元旦}
  - {date: 2026-01-04, for: 元旦}
)"},
      {"make-up day on a weekday", R"(year: 2026
status: official
source: test
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03}
makeup_workdays:
  - {date: 2026-01-05, for: 元旦}
)"},
      {"make-up day for an unknown holiday", R"(year: 2026
status: official
source: test
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03}
makeup_workdays:
  - {date: 2026-01-04, for: 元宵节}
)"},
      {"not a real date", R"(year: 2026
status: official
source: test
holidays:
  - {name: 春节, from: 2026-02-28, to: 2026-02-30}
makeup_workdays: []
)"},
      {"date not written YYYY-MM-DD", R"(year: 2026
status: official
source: test
holidays:
  - {name: 元旦, from: 2026/1/1, to: 2026-01-01}
makeup_workdays: []
)"},
      {"from after to", R"(year: 2026
status: official
source: test
holidays:
  - {name: 春节, from: 2026-02-23, to: 2026-02-15}
makeup_workdays: []
)"},
      {"unknown key", R"(year: 2026
status: official
source: test
holiday: []
makeup_workdays: []
)"},
      {"missing key", R"(year: 2026
status: official
holidays: []
makeup_workdays: []
)"},
      {"bad status", R"(year: 2026
status: draft
source: test
holidays: []
makeup_workdays: []
)"},
      {"bad year", R"(year: twenty
status: official
source: test
holidays: []
makeup_workdays: []
)"},
      {"year twice", R"(year: 2026
status: official
source: a
holidays: []
makeup_workdays: []
---
year: 2026
status: official
source: b
holidays: []
makeup_workdays: []
)"},
      {"holidays not a list", R"(year: 2026
status: official
source: test
holidays: {name: 元旦}
makeup_workdays: []
)"},
      {"YAML syntax", "year: 2026\nholidays: [\n"},
      {"empty text", ""},
      {"not a mapping", "- 2026\n"},
  };
  std::string out;
  for (const auto& [name, yaml] : cases) {
    Result<WorkingDayCalendar> r = WorkingDayCalendar::ParseYaml(yaml);
    out += "## " + name + "\n";
    if (r.ok()) {
      out += "(accepted)\n";
      ADD_FAILURE() << name << " was accepted";
      continue;
    }
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << name;
    out += r.status().message() + "\n" + r.status().message_zh() + "\n";
  }
  EXPECT_TRUE(testing::MatchesGolden(out, "golden/calendar/errors.txt"));
}

}  // namespace
}  // namespace gongxin
