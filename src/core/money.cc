#include "core/money.h"

#include <cassert>
#include <cstdlib>

#include "core/text.h"

namespace gongxin {
namespace {

enum class Unit { kYuan, kWanYuan };

struct UnitInfo {
  const char* name;      // "元" / "万元"
  int max_decimals;      // 2 / 6
  int64_t fen_per_unit;  // 100 / 1000000
  const char* largest;   // INT64_MAX fen written in this unit
};

const UnitInfo& Info(Unit unit) {
  static const UnitInfo kYuan{"元", 2, Money::kFenPerYuan, "92233720368547758.07"};
  static const UnitInfo kWan{"万元", 6, Money::kFenPerWanYuan, "9223372036854.775807"};
  return unit == Unit::kYuan ? kYuan : kWan;
}

// The value as quoted in an error: at most 40 code points, then "…".
std::string Quote(std::string_view text) {
  constexpr size_t kMaxCodePoints = 40;
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && count++ == kMaxCodePoints) {
      return text::SanitizeUtf8(text.substr(0, i)) + "…";
    }
  }
  return text::SanitizeUtf8(text);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool ConsumeSuffix(std::string_view* s, std::string_view suffix) {
  if (s->size() >= suffix.size() && s->substr(s->size() - suffix.size()) == suffix) {
    s->remove_suffix(suffix.size());
    return true;
  }
  return false;
}

bool ConsumePrefix(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) == prefix) {
    s->remove_prefix(prefix.size());
    return true;
  }
  return false;
}

void TrimSpaces(std::string_view* s) {
  while (!s->empty() && s->front() == ' ') s->remove_prefix(1);
  while (!s->empty() && s->back() == ' ') s->remove_suffix(1);
}

Status NotANumber(std::string_view original, Unit unit) {
  const std::string q = Quote(original);
  if (unit == Unit::kYuan) {
    return Status::InvalidArgument(
        "amount '" + q +
            "' is not an amount in 元 (expected e.g. 2000, 2000.50, 2,000.00 or 2000元)",
        "金额“" + q + "”不是有效的元金额（应如 2000、2000.50、2,000.00 或 2000元）");
  }
  return Status::InvalidArgument(
      "amount '" + q + "' is not an amount in 万元 (expected e.g. 0.2, 0.200000 or 0.2万元)",
      "金额“" + q + "”不是有效的万元金额（应如 0.2、0.200000 或 0.2万元）");
}

Result<Money> Parse(std::string_view original, Unit unit) {
  const UnitInfo& info = Info(unit);
  const std::string q = Quote(original);
  const std::string normalized =
      text::CollapseWhitespace(text::FoldWidth(original));  // width, white space
  std::string_view s = normalized;
  if (s.empty()) {
    return Status::InvalidArgument("amount is empty", "金额为空");
  }

  // Unit suffix, then currency sign.
  Unit given = unit;
  bool has_unit = false;
  if (ConsumeSuffix(&s, "万元") || ConsumeSuffix(&s, "万")) {
    given = Unit::kWanYuan;
    has_unit = true;
  } else if (ConsumeSuffix(&s, "元")) {
    given = Unit::kYuan;
    has_unit = true;
  }
  if (has_unit && given != unit) {
    return Status::InvalidArgument(
        "amount '" + q + "' is in " + Info(given).name + " where " + info.name + " is expected",
        "金额“" + q + "”的单位是" + Info(given).name + "，此处应为" + info.name);
  }
  TrimSpaces(&s);
  if (!ConsumePrefix(&s, "\u00A5")) ConsumePrefix(&s, "\uFFE5");  // ¥ ￥
  TrimSpaces(&s);
  const bool negative = ConsumePrefix(&s, "-");

  // Integer part: digits, optionally grouped by commas in threes.
  size_t pos = 0;
  std::string digits;
  size_t group = 0;        // digits since the last comma
  bool grouped = false;    // a comma was seen
  bool bad_group = false;  // a group of the wrong size
  while (pos < s.size() && (IsDigit(s[pos]) || s[pos] == ',')) {
    if (s[pos] == ',') {
      if (digits.empty() || (grouped ? group != 3 : group > 3)) bad_group = true;
      grouped = true;
      group = 0;
    } else {
      digits.push_back(s[pos]);
      ++group;
    }
    ++pos;
  }
  if (grouped && group != 3) bad_group = true;
  if (digits.empty()) return NotANumber(original, unit);

  std::string_view fraction;
  if (pos < s.size() && s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    fraction = s.substr(start, pos - start);
    if (fraction.empty()) return NotANumber(original, unit);
  }
  if (pos != s.size()) return NotANumber(original, unit);
  if (bad_group) {
    return Status::InvalidArgument(
        "amount '" + q + "' has misplaced thousands separators (write 2,000.00 or 2000.00)",
        "金额“" + q + "”的千位分隔符位置错误（应写作 2,000.00 或 2000.00）");
  }
  if (negative) {
    return Status::InvalidArgument("amount '" + q + "' is negative", "金额“" + q + "”为负数");
  }
  // Extra decimals are fine when they are zeros (database exports write 2000.500000).
  while (fraction.size() > static_cast<size_t>(info.max_decimals) && fraction.back() == '0') {
    fraction.remove_suffix(1);
  }
  if (fraction.size() > static_cast<size_t>(info.max_decimals)) {
    const std::string n = std::to_string(fraction.size());
    const std::string max = std::to_string(info.max_decimals);
    return Status::InvalidArgument("amount '" + q + "' has " + n + " decimal places; amounts in " +
                                       info.name + " allow at most " + max + " (1 分)",
                                   "金额“" + q + "”有 " + n + " 位小数，以" + info.name +
                                       "为单位最多 " + max + " 位（精确到分）");
  }

  // fen = integer * fen_per_unit + fraction scaled to fen, without overflow.
  int64_t integer = 0;
  bool overflow = false;
  for (char c : digits) {
    overflow = overflow || __builtin_mul_overflow(integer, int64_t{10}, &integer) ||
               __builtin_add_overflow(integer, int64_t{c - '0'}, &integer);
    if (overflow) break;
  }
  int64_t frac = 0;
  for (int i = 0; i < info.max_decimals; ++i) {
    frac = frac * 10 + (static_cast<size_t>(i) < fraction.size() ? fraction[i] - '0' : 0);
  }
  int64_t fen = 0;
  overflow = overflow || __builtin_mul_overflow(integer, info.fen_per_unit, &fen) ||
             __builtin_add_overflow(fen, frac, &fen);
  if (overflow) {
    return Status::InvalidArgument(
        "amount '" + q + "' is too large: the largest amount is " + info.largest + " " + info.name,
        "金额“" + q + "”过大：最大为 " + info.largest + " " + info.name);
  }
  return Money::FromFen(fen);
}

// `fen` written with `decimals` decimals, where 10^decimals fen make one unit.
std::string Format(int64_t fen, int64_t fen_per_unit, int decimals) {
  const bool negative = fen < 0;
  // Magnitude as unsigned, so that INT64_MIN works too.
  const uint64_t magnitude =
      negative ? ~static_cast<uint64_t>(fen) + 1 : static_cast<uint64_t>(fen);
  const uint64_t per = static_cast<uint64_t>(fen_per_unit);
  std::string frac = std::to_string(magnitude % per);
  frac.insert(0, static_cast<size_t>(decimals) - frac.size(), '0');
  return (negative ? "-" : "") + std::to_string(magnitude / per) + "." + frac;
}

}  // namespace

Result<Money> Money::ParseYuan(std::string_view text) { return Parse(text, Unit::kYuan); }

Result<Money> Money::ParseWanYuan(std::string_view text) { return Parse(text, Unit::kWanYuan); }

std::string Money::ToYuanString() const { return Format(fen_, kFenPerYuan, 2); }

std::string Money::ToWanYuanString() const { return Format(fen_, kFenPerWanYuan, 6); }

Money Money::operator+(Money other) const {
  int64_t sum = 0;
  const bool overflow = __builtin_add_overflow(fen_, other.fen_, &sum);
  assert(!overflow && "Money overflow: the sum exceeds 2^63-1 fen");
  (void)overflow;
  return Money(sum);
}

std::optional<Money> AmountStatedAfter(std::string_view text,
                                       const std::vector<std::string>& keywords) {
  for (const auto& keyword : keywords) {
    if (keyword.empty()) continue;
    for (size_t at = text.find(keyword); at != std::string_view::npos;
         at = text.find(keyword, at + 1)) {
      size_t pos = at + keyword.size();
      if (text.substr(pos, 9) == "人民币") pos += 9;
      const size_t start = pos;
      while (pos < text.size() &&
             ((text[pos] >= '0' && text[pos] <= '9') || text[pos] == '.' || text[pos] == ',')) {
        ++pos;
      }
      if (pos == start) continue;
      const std::string_view number = text.substr(start, pos - start);
      if (text.substr(pos, 6) == "万元") {
        if (auto m = Money::ParseWanYuan(number); m.ok()) return *m;
      } else if (text.substr(pos, 3) == "元") {
        if (auto m = Money::ParseYuan(number); m.ok()) return *m;
      }
    }
  }
  return std::nullopt;
}

}  // namespace gongxin
