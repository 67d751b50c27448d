#include "core/status.h"

#include <gtest/gtest.h>

#include "core/result.h"

namespace gongxin {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd: " + std::to_string(x), "奇数");
  return x / 2;
}

Result<int> Quarter(int x) {
  GX_ASSIGN_OR_RETURN(int h, Half(x));
  GX_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int x) {
  GX_RETURN_IF_ERROR(Half(x).status());
  return Status::OK();
}

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status::OK().ok());
  EXPECT_EQ(Status::OK().ToString(), "ok");
  Status s = Status::NotFound("class 'x' is not in the catalog", "目录中没有信息类 'x'");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "not_found: class 'x' is not in the catalog");
  EXPECT_EQ(s.message_zh(), "目录中没有信息类 'x'");
  Status c = s.WithContext("penalty.yaml");
  EXPECT_EQ(c.message(), "penalty.yaml: class 'x' is not in the catalog");
  EXPECT_EQ(c.message_zh(), "penalty.yaml：目录中没有信息类 'x'");
}

TEST(ResultTest, PropagatesTheFirstError) {
  EXPECT_EQ(Quarter(8).value(), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd: 3");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gongxin
