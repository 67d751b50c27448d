#include "core/clock.h"

#include <gtest/gtest.h>

namespace gongxin {
namespace {

TEST(ClockTest, FixedClockStartsAtMidnightChinaTime) {
  Date d = Date::FromYmd(2026, 4, 1).value();
  FixedClock clock(d);
  EXPECT_EQ(clock.Today(), d);
  EXPECT_EQ(clock.Now().ToChinaIso(), "2026-04-01T00:00:00+08:00");
  clock.AdvanceDays(30);
  EXPECT_EQ(clock.Today(), Date::FromYmd(2026, 5, 1).value());
  clock.Advance(-1);
  EXPECT_EQ(clock.Today(), Date::FromYmd(2026, 4, 30).value());
}

TEST(ClockTest, SystemClockIsAfterThisCodeWasWritten) {
  // The real clock must at least be later than 2026-01-01 and move forward.
  Instant a = SystemClock::Get().Now();
  EXPECT_GT(a, Instant::Parse("2026-01-01T00:00:00Z").value());
  Instant b = SystemClock::Get().Now();
  EXPECT_GE(b, a);
}

}  // namespace
}  // namespace gongxin
