#include "core/date.h"

#include <gtest/gtest.h>

namespace gongxin {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

TEST(DateTest, RoundTripsEveryDayOfFourCenturies) {
  // 1900-01-01 .. 2300-12-31 converts to days and back without loss.
  Date day = D(1900, 1, 1);
  for (int i = 0; i < 146097; ++i) {
    Date next = day.AddDays(1);
    ASSERT_EQ(day.DaysUntil(next), 1);
    auto again = Date::FromYmd(day.year(), day.month(), day.day());
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(*again, day) << day.ToIso();
    day = next;
  }
}

TEST(DateTest, EpochAndKnownWeekdays) {
  EXPECT_EQ(D(1970, 1, 1).days(), 0);
  EXPECT_EQ(D(1970, 1, 1).weekday(), 4);    // Thursday
  EXPECT_EQ(D(2026, 4, 1).weekday(), 3);    // Wednesday
  EXPECT_EQ(D(2026, 11, 23).weekday(), 1);  // Monday
  EXPECT_EQ(D(1969, 12, 31).weekday(), 3);
  EXPECT_EQ(D(2000, 2, 29).ToIso(), "2000-02-29");
}

TEST(DateTest, RejectsDaysThatDoNotExist) {
  EXPECT_FALSE(Date::FromYmd(2023, 2, 29).ok());
  EXPECT_TRUE(Date::FromYmd(2024, 2, 29).ok());
  EXPECT_FALSE(Date::FromYmd(1900, 2, 29).ok());
  EXPECT_FALSE(Date::FromYmd(2026, 13, 1).ok());
  EXPECT_FALSE(Date::FromYmd(2026, 4, 31).ok());
  auto bad = Date::FromYmd(2023, 2, 29);
  EXPECT_EQ(bad.status().message(), "day 29 does not exist in 2023-02");
  EXPECT_EQ(bad.status().message_zh(), "2023年2月没有29日");
}

TEST(DateTest, ParsesTheFormatsDepartmentsSend) {
  const Date want = D(2019, 10, 10);
  for (const char* text : {"2019-10-10", "2019/10/10", "2019.10.10", "20191010", "2019年10月10日",
                           "2019-10-10 08:30:00", "2019-10-10T08:30:00", "2019/10/10 0:00:00"}) {
    auto got = Date::Parse(text);
    ASSERT_TRUE(got.ok()) << text << ": " << got.status().ToString();
    EXPECT_EQ(*got, want) << text;
  }
  EXPECT_EQ(Date::Parse("2019/1/5").value(), D(2019, 1, 5));
  EXPECT_EQ(Date::Parse("2099/12/31").value(), D(2099, 12, 31));
}

TEST(DateTest, ParseErrorsSayWhatIsWrong) {
  EXPECT_EQ(Date::Parse("2019-13-01").status().message(), "month 13 does not exist");
  EXPECT_EQ(Date::Parse("2019-02-30").status().message(), "day 30 does not exist in 2019-02");
  for (const char* text : {"", "2019", "19-10-10", "2019-10", "2019-10-10x", "2019-10/10",
                           "abcd-ef-gh", "2019--10-10", "二〇一九年十月十日"}) {
    auto got = Date::Parse(text);
    EXPECT_FALSE(got.ok()) << text;
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument) << text;
  }
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(D(2026, 1, 31).AddMonths(1), D(2026, 2, 28));
  EXPECT_EQ(D(2024, 1, 31).AddMonths(1), D(2024, 2, 29));
  EXPECT_EQ(D(2019, 10, 10).AddMonths(3), D(2020, 1, 10));
  EXPECT_EQ(D(2024, 2, 29).AddYears(1), D(2025, 2, 28));
  EXPECT_EQ(D(2026, 3, 15).AddMonths(-3), D(2025, 12, 15));
}

TEST(InstantTest, ChinaDateIsUtcPlusEight) {
  // 2026-03-31T16:00:00Z is 2026-04-01 00:00 in Beijing.
  Instant at = Instant::Parse("2026-03-31T16:00:00Z").value();
  EXPECT_EQ(at.ChinaDate(), D(2026, 4, 1));
  EXPECT_EQ(Instant{at.micros - 1}.ChinaDate(), D(2026, 3, 31));
  EXPECT_EQ(at.ToChinaIso(), "2026-04-01T00:00:00+08:00");
  EXPECT_EQ(Instant::Parse("2026-04-01T00:00:00+08:00").value(), at);
  EXPECT_EQ(Instant::Parse("2026-04-01").value(), at);
  EXPECT_FALSE(Instant::Parse("2026-04-01T25:00:00Z").ok());
  EXPECT_FALSE(Instant::Parse("2026-04-01T10:00").ok());
}

}  // namespace
}  // namespace gongxin
