// Money: exact amounts of renminbi, never binary floating point.
//
// The unit inside is the fen (分, 0.01 元) in a signed 64-bit integer. Amounts are
// shown and stored in 元 with 2 decimals, and exchanged in 万元 (the unit of the
// national 双公示 fields CF_NR_FK and CF_NR_WFFF) with 6 decimals:
//   1 元 = 100 分;  1 万元 = 10000 元 = 1,000,000 分;  0.000001 万元 = 1 分.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gongxin {

class Money {
 public:
  static constexpr int64_t kFenPerYuan = 100;
  static constexpr int64_t kFenPerWanYuan = 1000000;

  constexpr Money() = default;  // 0.00 元
  static constexpr Money FromFen(int64_t fen) { return Money(fen); }

  // Parses an amount in 元. Accepted: "2000", "2000.5", "2000.50", "2,000.00" (commas
  // only between groups of three digits), an optional "元" suffix ("2000元",
  // "2000 元"), an optional "¥"/"￥" prefix, white space around, full-width digits.
  // Fails iff the text is empty or not such a number (scientific notation such as
  // "2E3" is not accepted), has more than 2 decimal places (finer than 1 分, even
  // when the extra digits are zeros), is negative, carries the unit 万元 or 万, or
  // exceeds the largest amount (92233720368547758.07 元). Every error quotes the
  // value.
  static Result<Money> ParseYuan(std::string_view text);

  // Parses an amount in 万元, the national standard's unit: "0.2" is 2000.00 元.
  // Same syntax as ParseYuan, with an optional "万元" or "万" suffix instead of "元"
  // and up to 6 decimal places (0.000001 万元 = 1 分). Fails iff ParseYuan's
  // conditions hold with 6 in place of 2, or the text carries the unit 元 without 万.
  // The largest amount is 9223372036854.775807 万元.
  static Result<Money> ParseWanYuan(std::string_view text);

  constexpr int64_t fen() const { return fen_; }

  // The amount in 元 with exactly 2 decimals, no grouping: "2000.00", "-0.05".
  std::string ToYuanString() const;
  // The amount in 万元 with exactly 6 decimals: "0.200000".
  std::string ToWanYuanString() const;

  auto operator<=>(const Money&) const = default;

  // Overflow of the 64-bit fen count is a programmer error (assert).
  Money operator+(Money other) const;
  Money& operator+=(Money other) { return *this = *this + other; }

 private:
  explicit constexpr Money(int64_t fen) : fen_(fen) {}
  int64_t fen_ = 0;
};

// The amount a text states right after one of `keywords`, e.g. 2000.00 元 for
// ("罚款2000元", {"罚款"}) or ("处罚款人民币0.5万元", {"罚款"}): an optional 人民币, digits
// with optional thousands separators and decimals, then 元 or 万元. The first keyword
// occurrence followed by such an amount wins; nullopt iff there is none.
std::optional<Money> AmountStatedAfter(std::string_view text,
                                       const std::vector<std::string>& keywords);

}  // namespace gongxin
