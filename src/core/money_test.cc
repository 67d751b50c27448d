#include "core/money.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace gongxin {
namespace {

int64_t YuanFen(std::string_view text) {
  Result<Money> m = Money::ParseYuan(text);
  EXPECT_TRUE(m.ok()) << text << ": " << m.status().ToString();
  return m.ok() ? m->fen() : -1;
}

int64_t WanFen(std::string_view text) {
  Result<Money> m = Money::ParseWanYuan(text);
  EXPECT_TRUE(m.ok()) << text << ": " << m.status().ToString();
  return m.ok() ? m->fen() : -1;
}

TEST(MoneyTest, WanYuanIsTheNationalUnit) {
  // The Shuangyashan sample: CF_NR "罚款2000元", CF_NR_FK 0.2.
  Result<Money> fine = Money::ParseWanYuan("0.2");
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine->fen(), 200000);
  EXPECT_EQ(fine->ToYuanString(), "2000.00");
  EXPECT_EQ(fine->ToWanYuanString(), "0.200000");
  EXPECT_EQ(*fine, Money::ParseYuan("2000").value());
}

TEST(MoneyTest, WanYuanAllowsSixDecimals) {
  EXPECT_EQ(WanFen("0.000001"), 1);  // 1 分
  EXPECT_EQ(WanFen("12.345678"), 12345678);
  EXPECT_EQ(WanFen("0.200000"), 200000);
  EXPECT_EQ(WanFen("3"), 3000000);
  EXPECT_EQ(WanFen("1,000.5"), 1000500000);
  EXPECT_EQ(WanFen("0.2万元"), 200000);
  EXPECT_EQ(WanFen("0.2 万元"), 200000);
  EXPECT_EQ(WanFen("0.2万"), 200000);
  EXPECT_EQ(WanFen(" 0.2 "), 200000);
  EXPECT_EQ(Money::FromFen(1).ToWanYuanString(), "0.000001");
}

TEST(MoneyTest, WanYuanRejectsSevenDecimals) {
  Result<Money> m = Money::ParseWanYuan("0.0000001");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(m.status().message(),
            "amount '0.0000001' has 7 decimal places; amounts in 万元 allow at most 6 (1 分)");
  EXPECT_EQ(m.status().message_zh(),
            "金额“0.0000001”有 7 位小数，以万元为单位最多 6 位（精确到分）");
  // Even zeros: the contract is about the written precision.
  // Extra decimals are accepted only when they are zeros.
  EXPECT_EQ(Money::ParseWanYuan("0.2000000").value().ToYuanString(), "2000.00");
  EXPECT_FALSE(Money::ParseWanYuan("0.2000001").ok());
}

TEST(MoneyTest, YuanForms) {
  EXPECT_EQ(YuanFen("2000"), 200000);
  EXPECT_EQ(YuanFen("2000.5"), 200050);
  EXPECT_EQ(YuanFen("2000.50"), 200050);
  EXPECT_EQ(YuanFen("2,000.00"), 200000);
  EXPECT_EQ(YuanFen("1,234.5"), 123450);
  EXPECT_EQ(YuanFen("1,234,567.89"), 123456789);
  EXPECT_EQ(YuanFen("2000元"), 200000);
  EXPECT_EQ(YuanFen("2000 元"), 200000);
  EXPECT_EQ(YuanFen("￥2000"), 200000);
  EXPECT_EQ(YuanFen("¥ 2,000.00元"), 200000);
  EXPECT_EQ(YuanFen("２０００．５"), 200050);  // full-width digits and point
  EXPECT_EQ(YuanFen("\t0.05\n"), 5);
  EXPECT_EQ(YuanFen("0"), 0);
  EXPECT_EQ(YuanFen("007"), 700);
}

TEST(MoneyTest, YuanRejectsMoreThanTwoDecimals) {
  Result<Money> m = Money::ParseYuan("2000.123");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(),
            "amount '2000.123' has 3 decimal places; amounts in 元 allow at most 2 (1 分)");
  EXPECT_EQ(Money::ParseYuan("2000.500").value().ToYuanString(), "2000.50");
  EXPECT_FALSE(Money::ParseYuan("2000.505").ok());
}

TEST(MoneyTest, NegativeRejected) {
  Result<Money> m = Money::ParseYuan("-5");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(), "amount '-5' is negative");
  EXPECT_EQ(m.status().message_zh(), "金额“-5”为负数");
  EXPECT_FALSE(Money::ParseWanYuan("-0.2").ok());
  EXPECT_FALSE(Money::ParseYuan("-0").ok());
}

TEST(MoneyTest, TooLargeRejectedWithClearMessage) {
  Result<Money> m = Money::ParseYuan("123456789012345678901234567890");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(),
            "amount '123456789012345678901234567890' is too large: the largest amount is "
            "92233720368547758.07 元");
  EXPECT_EQ(m.status().message_zh(),
            "金额“123456789012345678901234567890”过大：最大为 92233720368547758.07 元");
  EXPECT_FALSE(Money::ParseWanYuan("123456789012345678901234567890").ok());

  // The exact bounds.
  EXPECT_EQ(YuanFen("92233720368547758.07"), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(Money::ParseYuan("92233720368547758.08").ok());
  EXPECT_EQ(WanFen("9223372036854.775807"), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(Money::ParseWanYuan("9223372036854.775808").ok());
  EXPECT_FALSE(Money::ParseWanYuan("9223372036855").ok());
}

TEST(MoneyTest, LongGarbageIsQuotedShortened) {
  std::string junk(10000, 'x');
  Result<Money> m = Money::ParseYuan(junk);
  ASSERT_FALSE(m.ok());
  EXPECT_LT(m.status().message().size(), 200u);
  EXPECT_NE(m.status().message().find("xxxx…"), std::string::npos);
}

TEST(MoneyTest, UnitMismatch) {
  Result<Money> a = Money::ParseYuan("0.2万元");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "amount '0.2万元' is in 万元 where 元 is expected");
  Result<Money> b = Money::ParseWanYuan("2000元");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "amount '2000元' is in 元 where 万元 is expected");
}

TEST(MoneyTest, NotNumbers) {
  for (std::string_view bad : {"", "   ", "abc", "1.", ".5", "1e3", "2E+3", "1.2.3", "+5", "12 34",
                               "元", "2000元元", "0x10", "NaN", "1,2,3", "2000.5a"}) {
    EXPECT_FALSE(Money::ParseYuan(bad).ok()) << "'" << bad << "'";
  }
  Result<Money> m = Money::ParseYuan("abc");
  EXPECT_EQ(
      m.status().message(),
      "amount 'abc' is not an amount in 元 (expected e.g. 2000, 2000.50, 2,000.00 or 2000元)");
  EXPECT_EQ(Money::ParseYuan("").status().message(), "amount is empty");
}

TEST(MoneyTest, ThousandsSeparatorsMustGroupByThree) {
  for (std::string_view bad : {"2,00", "20,00.00", "1234,567", ",200", "200,", "1,,000"}) {
    Result<Money> m = Money::ParseYuan(bad);
    EXPECT_FALSE(m.ok()) << bad;
  }
  EXPECT_EQ(Money::ParseYuan("2,00").status().message(),
            "amount '2,00' has misplaced thousands separators (write 2,000.00 or 2000.00)");
  EXPECT_EQ(YuanFen("200,000"), 20000000);
}

TEST(MoneyTest, Formatting) {
  EXPECT_EQ(Money().ToYuanString(), "0.00");
  EXPECT_EQ(Money().ToWanYuanString(), "0.000000");
  EXPECT_EQ(Money::FromFen(5).ToYuanString(), "0.05");
  EXPECT_EQ(Money::FromFen(-5).ToYuanString(), "-0.05");
  EXPECT_EQ(Money::FromFen(123456789).ToYuanString(), "1234567.89");
  EXPECT_EQ(Money::FromFen(123456789).ToWanYuanString(), "123.456789");
  EXPECT_EQ(Money::FromFen(std::numeric_limits<int64_t>::max()).ToYuanString(),
            "92233720368547758.07");
  EXPECT_EQ(Money::FromFen(std::numeric_limits<int64_t>::min()).ToYuanString(),
            "-92233720368547758.08");
}

TEST(MoneyTest, RoundTrips) {
  for (int64_t fen : {int64_t{0}, int64_t{1}, int64_t{99}, int64_t{100}, int64_t{200000},
                      int64_t{1234567890123}, std::numeric_limits<int64_t>::max()}) {
    Money m = Money::FromFen(fen);
    EXPECT_EQ(Money::ParseYuan(m.ToYuanString()).value(), m);
    EXPECT_EQ(Money::ParseWanYuan(m.ToWanYuanString()).value(), m);
  }
}

TEST(MoneyTest, ArithmeticAndOrder) {
  Money a = Money::FromFen(150);
  Money b = Money::FromFen(250);
  EXPECT_EQ((a + b).fen(), 400);
  EXPECT_LT(a, b);
  a += b;
  EXPECT_EQ(a.fen(), 400);
#ifndef NDEBUG
  EXPECT_DEATH(Money::FromFen(std::numeric_limits<int64_t>::max()) + Money::FromFen(1), "overflow");
#endif
}

}  // namespace
}  // namespace gongxin

namespace gongxin {
namespace {

TEST(MoneyTest, AmountStatedAfterKeyword) {
  const std::vector<std::string> fine = {"罚款"};
  EXPECT_EQ(AmountStatedAfter("罚款2000元", fine)->ToYuanString(), "2000.00");
  EXPECT_EQ(AmountStatedAfter("警告，并处罚款人民币0.5万元", fine)->ToYuanString(), "5000.00");
  EXPECT_EQ(AmountStatedAfter("没收违法所得300元，罚款1,200.50元", fine)->ToYuanString(),
            "1200.50");
  EXPECT_FALSE(AmountStatedAfter("警告", fine).has_value());
  EXPECT_FALSE(AmountStatedAfter("罚款", fine).has_value());
  EXPECT_FALSE(AmountStatedAfter("处以罚款，金额另行通知", fine).has_value());
  EXPECT_FALSE(AmountStatedAfter("罚款2000美元", fine).has_value());
  EXPECT_FALSE(AmountStatedAfter("没收违法所得300元", fine).has_value());
}

}  // namespace
}  // namespace gongxin
