#include <gtest/gtest.h>

#include "access/access.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/code_tables.h"
#include "support/golden.h"

namespace gongxin::access {
namespace {

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto catalog = catalog::Catalog::LoadDir(gongxin::testing::CatalogPath());
    ASSERT_TRUE(catalog.ok()) << catalog.status().message();
    tables_ = catalog->standard_tables();
    auto opened =
        store::Store::Open("sqlite:" + gongxin::testing::MakeTempDir("gongxin-access") + "/a.db");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(*opened);
    RegisterMigrations();
    ASSERT_TRUE(store_->Migrate().ok());
  }

  CodeTables tables_;
  std::unique_ptr<store::Store> store_;
  FixedClock clock_{Instant::Parse("2026-11-23T10:00:00+08:00").value()};
};

constexpr const char* kDept = "11440100MA7BGKPW22";  // a valid generated uscc

TEST_F(AccessTest, KeyIsShownOnceAndOnlyItsHashIsStored) {
  auto made = CreateKey(*store_, tables_, Role::kCreditOffice, "", "", "信用办值班", clock_);
  ASSERT_TRUE(made.ok()) << made.status().message();
  EXPECT_EQ(made->secret.rfind("gx_", 0), 0u);
  EXPECT_EQ(made->secret.size(), 43u);
  auto st = store_->Prepare("SELECT count(*) FROM api_keys WHERE hash = $1 OR prefix = $1");
  ASSERT_TRUE(st.ok());
  (*st)->Bind(1, made->secret);
  ASSERT_TRUE(*(*st)->Step());
  EXPECT_EQ((*st)->Int(0), 0) << "the secret itself must never be stored";
  (*st)->Reset();

  auto found = Authenticate(*store_, made->secret);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->role, Role::kCreditOffice);
  EXPECT_EQ((*found)->name, "信用办值班");
  EXPECT_EQ((*found)->ToViewer().key_id, made->key.id);

  auto wrong = Authenticate(*store_, made->secret + "0");
  ASSERT_TRUE(wrong.ok());
  EXPECT_FALSE(wrong->has_value());
}

TEST_F(AccessTest, RevokedKeyNoLongerAuthenticates) {
  auto made = CreateKey(*store_, tables_, Role::kRegulator, "", "", "监管", clock_);
  ASSERT_TRUE(made.ok());
  ASSERT_TRUE(RevokeKey(*store_, made->key.id, clock_).ok());
  ASSERT_TRUE(RevokeKey(*store_, made->key.id, clock_).ok()) << "revoking twice is a no-op";
  auto found = Authenticate(*store_, made->secret);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  EXPECT_EQ(RevokeKey(*store_, 999, clock_).code(), StatusCode::kNotFound);
  auto keys = ListKeys(*store_);
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_TRUE((*keys)[0].revoked_at.has_value());
}

TEST_F(AccessTest, BindingsAreCheckedPerRole) {
  auto src = CreateKey(*store_, tables_, Role::kSource, kDept, "", "市场监管局", clock_);
  ASSERT_TRUE(src.ok()) << src.status().message();
  EXPECT_EQ(src->key.ToViewer().source, kDept);

  auto no_source = CreateKey(*store_, tables_, Role::kSource, "", "", "x", clock_);
  EXPECT_EQ(no_source.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(no_source.status().message_zh().find("统一社会信用代码"), std::string::npos);

  auto bad_source =
      CreateKey(*store_, tables_, Role::kSource, "11440100MA7BGKPW23", "", "x", clock_);
  EXPECT_EQ(bad_source.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_source.status().message().find("check character"), std::string::npos);

  auto pub = CreateKey(*store_, tables_, Role::kPublic, "", "", "x", clock_);
  EXPECT_EQ(pub.status().code(), StatusCode::kInvalidArgument);

  auto stray = CreateKey(*store_, tables_, Role::kRegulator, kDept, "", "x", clock_);
  EXPECT_EQ(stray.status().code(), StatusCode::kInvalidArgument);

  auto person =
      CreateKey(*store_, tables_, Role::kEnterprise, "", "440524188001010014", "个人", clock_);
  ASSERT_TRUE(person.ok()) << person.status().message();
  EXPECT_TRUE(person->key.ToViewer().OwnsSubject("440524188001010014"));
  EXPECT_FALSE(person->key.ToViewer().OwnsSubject(kDept));
}

TEST_F(AccessTest, AuditEntriesAreReadBackNewestFirstAndFiltered) {
  auto at = [](const char* iso) { return Instant::Parse(iso).value(); };
  AuditEntry a;
  a.at = at("2026-11-20T09:00:00+08:00");
  a.key_id = 3;
  a.key_name = "监管";
  a.role = Role::kRegulator;
  a.action = "archive.read";
  a.object = kDept;
  a.detail = "record 12 penalty expired";
  a.request_id = "r1";
  a.remote = "127.0.0.1:5000";
  ASSERT_TRUE(WriteAudit(*store_, a).ok());
  AuditEntry b = a;
  b.at = at("2026-11-22T09:00:00+08:00");
  b.role = Role::kCreditOffice;
  b.object = "440524188001010014";
  ASSERT_TRUE(WriteAudit(*store_, b).ok());

  auto all = ReadAudit(*store_, {});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].object, "440524188001010014");
  EXPECT_EQ((*all)[1].detail, "record 12 penalty expired");
  EXPECT_EQ((*all)[1].at, a.at);

  AuditQuery by_object;
  by_object.object = kDept;
  auto one = ReadAudit(*store_, by_object);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].role, Role::kRegulator);

  AuditQuery since;
  since.since = at("2026-11-21T00:00:00+08:00");
  since.role = Role::kCreditOffice;
  auto recent = ReadAudit(*store_, since);
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1u);

  AuditQuery page;
  page.before_id = (*all)[0].id;
  auto older = ReadAudit(*store_, page);
  ASSERT_TRUE(older.ok());
  ASSERT_EQ(older->size(), 1u);
  EXPECT_EQ((*older)[0].id, (*all)[1].id);
}

}  // namespace
}  // namespace gongxin::access
