// SqliteStatement: a Statement over one sqlite3_stmt, owned by a SqliteStore.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace gongxin::store::sqlite {

// Builds the Status for a failed SQLite call: sqlite's message and extended code,
// then the first 200 characters of `sql`. The code maps to a StatusCode (unique
// violation -> already_exists, other constraints -> invalid_argument, I/O -> io_error,
// damage -> corruption, busy -> failed_precondition, the rest -> internal).
Status SqliteError(sqlite3* db, int rc, std::string_view sql);

class SqliteStatement final : public Statement {
 public:
  // Takes ownership of `stmt`, prepared on `db` from `sql`.
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::string sql);
  ~SqliteStatement() override;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  using Statement::Bind;
  void Bind(int index, int64_t v) override;
  void Bind(int index, double v) override;
  void Bind(int index, std::string_view v) override;
  void BindBlob(int index, std::string_view bytes) override;
  void BindNull(int index) override;

  Result<bool> Step() override;
  Result<int64_t> Exec() override;
  void Reset() override;

  int ColumnCount() const override;
  bool IsNull(int col) const override;
  int64_t Int(int col) const override;
  double Double(int col) const override;
  std::string Text(int col) const override;
  std::string_view TextView(int col) const override;

  const std::string& sql() const { return sql_; }

  // Binds the "?" at sqlite index `slot` without copying: `v` must stay alive and
  // unchanged until the statement is Reset. For BulkInsert's own statements.
  void BindNoCopy(int slot, const Value& v);

 private:
  // The sqlite parameter index that `index` binds: the index of "$index" when the
  // SQL uses $N parameters, else `index` itself ("?" by position). 0 if none.
  int Slot(int index) const;
  // Resets the statement if it is mid-run, so that binding is allowed.
  void ReadyToBind();
  // Remembers the first failed bind; Step() reports it.
  void Check(int rc, int index);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
  std::vector<int> dollar_;  // dollar_[N] = sqlite index of "$N" (0: absent)
  Status bind_error_;
};

}  // namespace gongxin::store::sqlite
