#include "store/sqlite/sqlite_statement.h"

#include <cassert>
#include <cstdlib>
#include <string>

namespace gongxin::store::sqlite {

Status SqliteError(sqlite3* db, int rc, std::string_view sql) {
  std::string message = "sqlite: ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  message += " (code " + std::to_string(rc) + ")";
  if (!sql.empty()) {
    message += " in SQL: ";
    message += sql.substr(0, 200);
    if (sql.size() > 200) message += "...";
  }
  StatusCode code = StatusCode::kInternal;
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      code = (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
                 ? StatusCode::kAlreadyExists
                 : StatusCode::kInvalidArgument;
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = StatusCode::kIOError;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = StatusCode::kCorruption;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = StatusCode::kFailedPrecondition;
      break;
    case SQLITE_NOMEM:
    case SQLITE_TOOBIG:
      code = StatusCode::kResourceExhausted;
      break;
    default:
      break;
  }
  return Status(code, std::move(message));
}

SqliteStatement::SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::string sql)
    : db_(db), stmt_(stmt), sql_(std::move(sql)) {
  int count = sqlite3_bind_parameter_count(stmt_);
  for (int i = 1; i <= count; ++i) {
    const char* name = sqlite3_bind_parameter_name(stmt_, i);
    if (!name || name[0] != '$' || name[1] == '\0') continue;
    char* end = nullptr;
    long n = std::strtol(name + 1, &end, 10);
    if (*end != '\0' || n < 1 || n > 1000000) continue;
    if (dollar_.size() <= static_cast<size_t>(n)) dollar_.resize(n + 1, 0);
    dollar_[n] = i;
  }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

int SqliteStatement::Slot(int index) const {
  if (dollar_.empty()) return index;
  if (index < 1 || static_cast<size_t>(index) >= dollar_.size()) return 0;
  return dollar_[index];
}

void SqliteStatement::ReadyToBind() {
  if (sqlite3_stmt_busy(stmt_)) sqlite3_reset(stmt_);
}

void SqliteStatement::Check(int rc, int index) {
  if (rc == SQLITE_OK || !bind_error_.ok()) return;
  std::string what = rc == SQLITE_RANGE ? "no parameter $" + std::to_string(index)
                                        : std::string(sqlite3_errstr(rc));
  bind_error_ =
      Status(rc == SQLITE_TOOBIG ? StatusCode::kResourceExhausted : StatusCode::kInvalidArgument,
             "sqlite: cannot bind parameter " + std::to_string(index) + ": " + what +
                 " in SQL: " + sql_.substr(0, 200));
}

void SqliteStatement::Bind(int index, int64_t v) {
  ReadyToBind();
  Check(sqlite3_bind_int64(stmt_, Slot(index), v), index);
}

void SqliteStatement::Bind(int index, double v) {
  ReadyToBind();
  Check(sqlite3_bind_double(stmt_, Slot(index), v), index);
}

void SqliteStatement::Bind(int index, std::string_view v) {
  ReadyToBind();
  // A null pointer would bind NULL; an empty string is still a string.
  const char* data = v.data() ? v.data() : "";
  Check(sqlite3_bind_text64(stmt_, Slot(index), data, v.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
        index);
}

void SqliteStatement::BindBlob(int index, std::string_view bytes) {
  ReadyToBind();
  const char* data = bytes.data() ? bytes.data() : "";
  Check(sqlite3_bind_blob64(stmt_, Slot(index), data, bytes.size(), SQLITE_TRANSIENT), index);
}

void SqliteStatement::BindNull(int index) {
  ReadyToBind();
  Check(sqlite3_bind_null(stmt_, Slot(index)), index);
}

void SqliteStatement::BindNoCopy(int slot, const Value& v) {
  int rc = SQLITE_OK;
  switch (v.index()) {
    case 0:
      rc = sqlite3_bind_null(stmt_, slot);
      break;
    case 1:
      rc = sqlite3_bind_int64(stmt_, slot, std::get<int64_t>(v));
      break;
    case 2:
      rc = sqlite3_bind_double(stmt_, slot, std::get<double>(v));
      break;
    default: {
      const std::string& s = std::get<std::string>(v);
      rc = sqlite3_bind_text64(stmt_, slot, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
  }
  Check(rc, slot);
}

Result<bool> SqliteStatement::Step() {
  if (!bind_error_.ok()) return bind_error_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    sqlite3_reset(stmt_);  // ready to run again; bindings are kept
    return false;
  }
  Status error = SqliteError(db_, rc, sql_);
  sqlite3_reset(stmt_);  // releases locks the failed run may hold
  return error;
}

Result<int64_t> SqliteStatement::Exec() {
  while (true) {
    GX_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  return sqlite3_stmt_readonly(stmt_) ? int64_t{0} : int64_t{sqlite3_changes64(db_)};
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = Status::OK();
}

int SqliteStatement::ColumnCount() const { return sqlite3_column_count(stmt_); }

bool SqliteStatement::IsNull(int col) const {
  assert(col >= 0 && col < ColumnCount());
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

int64_t SqliteStatement::Int(int col) const {
  assert(col >= 0 && col < ColumnCount());
  return sqlite3_column_int64(stmt_, col);
}

double SqliteStatement::Double(int col) const {
  assert(col >= 0 && col < ColumnCount());
  return sqlite3_column_double(stmt_, col);
}

std::string SqliteStatement::Text(int col) const { return std::string(TextView(col)); }

std::string_view SqliteStatement::TextView(int col) const {
  assert(col >= 0 && col < ColumnCount());
  // Text first, then bytes: the order sqlite documents for a stable length.
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

}  // namespace gongxin::store::sqlite
