#include "core/clock.h"

#include <chrono>

namespace gongxin {

Instant SystemClock::Now() const {
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Instant{std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

const SystemClock& SystemClock::Get() {
  static const SystemClock clock;
  return clock;
}

FixedClock::FixedClock(Date date)
    : now_(int64_t{date.days()} * 86400 * 1000000 - int64_t{8} * 3600 * 1000000) {}

}  // namespace gongxin
