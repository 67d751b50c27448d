// Pure helpers of http: decoding, JSON escaping, error shapes, OpenAPI. No sockets.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/http.h"

namespace gongxin::http {
namespace {

TEST(HttpPercentDecode, DecodesUtf8AndPlus) {
  EXPECT_EQ(PercentDecode("%E5%B9%BF", false).value(), "广");
  EXPECT_EQ(PercentDecode("a+b", true).value(), "a b");
  EXPECT_EQ(PercentDecode("a+b", false).value(), "a+b");
  EXPECT_EQ(PercentDecode("%2f%2F", false).value(), "//");
  EXPECT_FALSE(PercentDecode("%zz", false).has_value());
  EXPECT_FALSE(PercentDecode("abc%", false).has_value());
  EXPECT_FALSE(PercentDecode("abc%4", false).has_value());
}

TEST(HttpUtf8, ValidatesWellFormedness) {
  EXPECT_TRUE(IsValidUtf8("腾讯 abc 😀"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE8\x85"));      // truncated
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(HttpJson, EscapesAndReplacesInvalidUtf8) {
  std::string out;
  AppendJsonEscaped(out, "a\"b\\c\n\x01 广 \xFF");
  EXPECT_EQ(out, "a\\\"b\\\\c\\n\\u0001 广 \xEF\xBF\xBD");
}

TEST(HttpResponses, ErrorShapeHasBothLanguages) {
  Response r = Response::Error(404, "not_found", "No \"such\" thing", "没有");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["status"], 404);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_EQ(j["error"]["message"], "No \"such\" thing");
  EXPECT_EQ(j["error"]["message_zh"], "没有");
}

TEST(HttpResponses, FromStatusMapsCodes) {
  EXPECT_EQ(Response::FromStatus(Status::InvalidArgument("x")).status, 400);
  EXPECT_EQ(Response::FromStatus(Status::PermissionDenied("x")).status, 403);
  EXPECT_EQ(Response::FromStatus(Status::NotFound("x")).status, 404);
  EXPECT_EQ(Response::FromStatus(Status::AlreadyExists("x")).status, 409);
  EXPECT_EQ(Response::FromStatus(Status::FailedPrecondition("x")).status, 409);
  EXPECT_EQ(Response::FromStatus(Status::ResourceExhausted("x")).status, 413);
  EXPECT_EQ(Response::FromStatus(Status::Corruption("x")).status, 500);
  EXPECT_EQ(Response::FromStatus(Status::Internal("x")).status, 500);
  Response r = Response::FromStatus(Status::NotFound("no subject 123", "无此主体 123"));
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_EQ(j["error"]["message"], "no subject 123");
  EXPECT_EQ(j["error"]["message_zh"], "无此主体 123");
  // A missing Chinese message gets a generic one.
  auto k = nlohmann::json::parse(Response::FromStatus(Status::InvalidArgument("bad")).body);
  EXPECT_FALSE(k["error"]["message_zh"].get<std::string>().empty());
}

TEST(HttpOpenApi, ListsRoutesParamsRolesAndBuiltins) {
  Router router;
  RouteDoc doc;
  doc.summary = "One subject";
  doc.tag = "subjects";
  doc.roles = {"public", "regulator"};
  doc.params = {{"code", "path", "统一社会信用代码", true},
                {"view", "query", "public|full", false}};
  doc.responses = {{200, "The subject"}, {404, "No such subject"}};
  router.Add(
      "GET", "/api/v1/subjects/{code}", [](Request&) { return Response::Json(200, "{}"); }, doc);
  RouteDoc batch;
  batch.summary = "Upload a batch";
  batch.roles = {"source"};
  batch.request_types = {"text/csv", "application/json"};
  batch.max_body = 64 << 20;
  router.Add(
      "POST", "/api/v1/batches/{source}/{class}",
      [](Request&) { return Response::Json(200, "{}"); }, batch);

  auto j = nlohmann::json::parse(router.OpenApiJson("T", "9.9"));
  EXPECT_EQ(j["openapi"], "3.0.3");
  EXPECT_EQ(j["info"]["version"], "9.9");
  ASSERT_TRUE(j["paths"].contains("/healthz"));
  ASSERT_TRUE(j["paths"].contains("/metrics"));
  ASSERT_TRUE(j["paths"].contains("/api/v1/openapi.json"));
  auto& get = j["paths"]["/api/v1/subjects/{code}"]["get"];
  EXPECT_EQ(get["x-roles"], nlohmann::json({"public", "regulator"}));
  EXPECT_EQ(get["tags"][0], "subjects");
  ASSERT_EQ(get["parameters"].size(), 2u);
  EXPECT_EQ(get["parameters"][0]["name"], "code");
  EXPECT_EQ(get["parameters"][0]["in"], "path");
  EXPECT_EQ(get["parameters"][0]["required"], true);
  EXPECT_EQ(get["parameters"][1]["in"], "query");
  EXPECT_TRUE(get["responses"].contains("404"));
  auto& post = j["paths"]["/api/v1/batches/{source}/{class}"]["post"];
  EXPECT_EQ(post["parameters"].size(), 2u);  // undocumented path params are added
  EXPECT_TRUE(post["requestBody"]["content"].contains("text/csv"));
  EXPECT_EQ(post["x-max-body-bytes"], 64 << 20);
  EXPECT_EQ(post["x-roles"], nlohmann::json({"source"}));
  EXPECT_TRUE(j["components"]["schemas"].contains("Error"));
}

}  // namespace
}  // namespace gongxin::http
