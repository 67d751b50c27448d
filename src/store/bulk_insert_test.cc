// Store::BulkInsert on a real SQLite file: chunking, values, errors.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/store.h"
#include "support/golden.h"

namespace gongxin::store {
namespace {

namespace fs = std::filesystem;

class BulkInsertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir("gongxin-bulk");
    auto r = Store::Open("sqlite:" + dir_ + "/bulk.db");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    store_ = std::move(r).value();
    ASSERT_TRUE(store_
                    ->ExecScript("CREATE TABLE r(id INTEGER PRIMARY KEY, code TEXT NOT NULL, "
                                 "amount DOUBLE PRECISION, name TEXT, kind INTEGER, note TEXT, "
                                 "seq BIGINT)")
                    .ok());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  static std::vector<Value> Row(int64_t i) {
    return {Value{i},
            Value{"9144" + std::to_string(i * 7919)},
            i % 5 == 0 ? Value{} : Value{static_cast<double>(i) / 4},
            Value{"名称" + std::to_string(i)},
            Value{i % 13},
            i % 3 == 0 ? Value{} : Value{std::string(i % 17, 'x')},
            Value{i * 1000003}};
  }

  const std::vector<std::string> columns_ = {"id", "code", "amount", "name", "kind", "note", "seq"};
  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(BulkInsertTest, HundredThousandRowsAcrossChunkBoundaries) {
  constexpr int64_t kRows = 100000;  // 32766 / 7 = 4680 rows a statement: 21 chunks + rest
  std::vector<std::vector<Value>> rows;
  rows.reserve(kRows);
  int64_t sum_kind = 0, sum_seq = 0, note_len = 0, nulls = 0;
  double sum_amount = 0;
  for (int64_t i = 1; i <= kRows; ++i) {
    rows.push_back(Row(i));
    sum_kind += i % 13;
    sum_seq += i * 1000003;
    if (i % 5) sum_amount += static_cast<double>(i) / 4;
    if (i % 3) note_len += i % 17;
    nulls += (i % 5 == 0) + (i % 3 == 0);
  }
  Transaction tx(*store_);
  ASSERT_TRUE(tx.Begin().ok());
  Status s = store_->BulkInsert("r", columns_, rows);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE(tx.Commit().ok());

  auto q = store_->Prepare(
      "SELECT count(*), sum(kind), sum(seq), total(amount), total(length(note)), "
      "sum(amount IS NULL) + sum(note IS NULL), count(DISTINCT code) FROM r");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(*(*q)->Step());
  EXPECT_EQ((*q)->Int(0), kRows);
  EXPECT_EQ((*q)->Int(1), sum_kind);
  EXPECT_EQ((*q)->Int(2), sum_seq);
  EXPECT_DOUBLE_EQ((*q)->Double(3), sum_amount);
  EXPECT_EQ((*q)->Int(4), note_len);
  EXPECT_EQ((*q)->Int(5), nulls);
  EXPECT_EQ((*q)->Int(6), kRows);

  // Rows on either side of each chunk boundary hold their own values.
  auto one = store_->Prepare("SELECT code, name, seq FROM r WHERE id = $1");
  ASSERT_TRUE(one.ok());
  for (int64_t id : {1, 4680, 4681, 9360, 9361, 98280, 98281, 99999, 100000}) {
    (*one)->Bind(1, id);
    ASSERT_TRUE(*(*one)->Step()) << id;
    EXPECT_EQ((*one)->Text(0), "9144" + std::to_string(id * 7919));
    EXPECT_EQ((*one)->Text(1), "名称" + std::to_string(id));
    EXPECT_EQ((*one)->Int(2), id * 1000003);
    (*one)->Reset();
  }
}

TEST_F(BulkInsertTest, EveryRemainderSizeAndRepeatedCalls) {
  ASSERT_TRUE(store_->Begin().ok());
  int64_t next = 1, total = 0;
  for (int n : {0, 1, 2, 3, 7, 100, 4679, 4680, 4681, 9999}) {
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < n; ++i) rows.push_back(Row(next++));
    Status s = store_->BulkInsert("r", columns_, rows);
    ASSERT_TRUE(s.ok()) << n << ": " << s.ToString();
    total += n;
  }
  ASSERT_TRUE(store_->Commit().ok());
  auto q = store_->Prepare("SELECT count(*), min(id), max(id), sum(id) FROM r");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(*(*q)->Step());
  EXPECT_EQ((*q)->Int(0), total);
  EXPECT_EQ((*q)->Int(1), 1);
  EXPECT_EQ((*q)->Int(2), total);
  EXPECT_EQ((*q)->Int(3), total * (total + 1) / 2);
}

TEST_F(BulkInsertTest, OutsideATransactionIsAnError) {
  Status s = store_->BulkInsert("r", columns_, {Row(1)});
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("inside a transaction"), std::string::npos) << s.message();
}

TEST_F(BulkInsertTest, BadInputIsRejectedBeforeAnyRowIsWritten) {
  ASSERT_TRUE(store_->Begin().ok());
  std::vector<std::vector<Value>> rows = {Row(1), Row(2)};
  rows[1].pop_back();
  Status s = store_->BulkInsert("r", columns_, rows);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("row 1 has 6 values, expected 7"), std::string::npos) << s.message();
  EXPECT_FALSE(store_->BulkInsert("r; DROP TABLE r", columns_, {Row(1)}).ok());
  EXPECT_FALSE(store_->BulkInsert("r", {"id", "code)"}, {{Value{int64_t{1}}, Value{"x"}}}).ok());
  EXPECT_FALSE(store_->BulkInsert("r", {}, {}).ok());

  // A constraint failure names the table and the rows of the failing chunk.
  std::vector<std::vector<Value>> dup = {Row(5), Row(5)};
  Status d = store_->BulkInsert("r", columns_, dup);
  EXPECT_EQ(d.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(d.message().find("BulkInsert into r"), std::string::npos) << d.message();
  ASSERT_TRUE(store_->Rollback().ok());
}

TEST_F(BulkInsertTest, ManyColumnsStillFitOneStatement) {
  std::string ddl = "CREATE TABLE wide(";
  std::vector<std::string> cols;
  for (int c = 0; c < 300; ++c) {
    cols.push_back("c" + std::to_string(c));
    ddl += (c ? ", " : "") + cols.back() + " INTEGER";
  }
  ASSERT_TRUE(store_->ExecScript(ddl + ")").ok());
  std::vector<std::vector<Value>> rows(250, std::vector<Value>(300, Value{int64_t{1}}));
  ASSERT_TRUE(store_->Begin().ok());
  Status s = store_->BulkInsert("wide", cols, rows);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE(store_->Commit().ok());
  auto q = store_->Prepare("SELECT count(*), sum(c0 + c299) FROM wide");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(*(*q)->Step());
  EXPECT_EQ((*q)->Int(0), 250);
  EXPECT_EQ((*q)->Int(1), 500);
}

}  // namespace
}  // namespace gongxin::store
