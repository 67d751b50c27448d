// Clock: the only way code learns what time it is.
//
// Everything that depends on "today" (publicity windows, deadlines, lists) takes a
// Clock&. Production passes SystemClock; tests pass a FixedClock set to the date
// they need. Nothing else in the project reads the system time.
#pragma once

#include <atomic>

#include "core/date.h"

namespace gongxin {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
  // Today's civil date in China Standard Time.
  Date Today() const { return Now().ChinaDate(); }
};

// Reads the operating system's real-time clock.
class SystemClock final : public Clock {
 public:
  Instant Now() const override;
  // A process-wide instance.
  static const SystemClock& Get();
};

// A clock that says what it is told; advances only when asked. Thread-safe.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant now) : now_(now.micros) {}
  // Midnight of `date`, China time.
  explicit FixedClock(Date date);
  Instant Now() const override { return Instant{now_.load()}; }
  void Set(Instant now) { now_.store(now.micros); }
  void Advance(int64_t micros) { now_.fetch_add(micros); }
  void AdvanceDays(int days) { Advance(int64_t{days} * 86400 * 1000000); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace gongxin
