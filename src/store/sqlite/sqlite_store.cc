#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <string_view>
#include <unordered_map>

#include "store/sqlite/sqlite_statement.h"

namespace gongxin::store::sqlite {
namespace {

// Table and column names go into SQL text unquoted: only plain identifiers.
bool IsIdentifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool IsWhitespaceOnly(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) || c == ';';
  });
}

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StatementCache =
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, StringHash, std::equal_to<>>;

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {
    max_variables_ = sqlite3_limit(db_, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
  }
  ~SqliteStore() override {
    cache_.clear();  // statements are finalised before the connection closes
    bulk_cache_.clear();
    sqlite3_close_v2(db_);
  }

  std::string_view backend() const override { return "sqlite"; }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);  // sqlite3_exec wants a terminated string
    char* message = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);  // sqlite3_errmsg says the same
    if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
    return Status::OK();
  }

  Result<Statement*> Prepare(std::string_view sql) override {
    GX_ASSIGN_OR_RETURN(SqliteStatement * statement, Cached(cache_, sql, sql));
    statement->Reset();
    return static_cast<Statement*>(statement);
  }

  Status Begin() override {
    if (InTransaction()) {
      return Status::FailedPrecondition("Begin: a transaction is already open (they do not nest)");
    }
    return ExecScript("BEGIN IMMEDIATE");
  }

  Status Commit() override {
    if (!InTransaction()) return Status::FailedPrecondition("Commit: no transaction is open");
    return ExecScript("COMMIT");
  }

  // A no-op without an open transaction: SQLite may already have rolled back by
  // itself after some errors (disk full, I/O error).
  Status Rollback() override {
    if (!InTransaction()) return Status::OK();
    return ExecScript("ROLLBACK");
  }

  bool InTransaction() const override { return sqlite3_get_autocommit(db_) == 0; }

  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<std::vector<Value>>& rows) override;

  int64_t LastInsertId() override { return sqlite3_last_insert_rowid(db_); }

  sqlite3* db() { return db_; }

 private:
  // Returns the cached statement for `key`, preparing `sql` on a miss.
  Result<SqliteStatement*> Cached(StatementCache& cache, std::string_view key,
                                  std::string_view sql);
  // Inserts rows[begin, begin + n) with the statement for n rows.
  Status InsertChunk(std::string_view table, const std::vector<std::string>& columns,
                     const std::vector<std::vector<Value>>& rows, size_t begin, size_t n);

  sqlite3* db_;
  int max_variables_ = 999;
  StatementCache cache_;       // by SQL text, for Prepare
  StatementCache bulk_cache_;  // by (table, columns, rows), for BulkInsert
};

Result<SqliteStatement*> SqliteStore::Cached(StatementCache& cache, std::string_view key,
                                             std::string_view sql) {
  if (auto it = cache.find(key); it != cache.end()) return it->second.get();
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
  if (!raw)
    return Status::InvalidArgument("Prepare: no statement in SQL '" + std::string(sql) + "'");
  std::string_view rest(tail, sql.data() + sql.size() - tail);
  if (!IsWhitespaceOnly(rest)) {
    // Comments may follow; another statement may not.
    sqlite3_stmt* next = nullptr;
    rc = sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &next, nullptr);
    sqlite3_finalize(next);
    if (rc != SQLITE_OK || next) {
      sqlite3_finalize(raw);
      return Status::InvalidArgument("Prepare takes one statement (use ExecScript for several): " +
                                     std::string(sql.substr(0, 200)));
    }
  }
  auto statement = std::make_unique<SqliteStatement>(db_, raw, std::string(sql));
  SqliteStatement* result = statement.get();
  cache.emplace(std::string(key), std::move(statement));
  return result;
}

Status SqliteStore::BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                               const std::vector<std::vector<Value>>& rows) {
  std::string where = "BulkInsert into " + std::string(table);
  if (!InTransaction()) {
    return Status::FailedPrecondition(where + ": must be called inside a transaction");
  }
  if (!IsIdentifier(table)) return Status::InvalidArgument(where + ": bad table name");
  if (columns.empty()) return Status::InvalidArgument(where + ": no columns");
  for (const auto& c : columns) {
    if (!IsIdentifier(c)) return Status::InvalidArgument(where + ": bad column name '" + c + "'");
  }
  if (columns.size() > static_cast<size_t>(max_variables_)) {
    return Status::InvalidArgument(where + ": too many columns");
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != columns.size()) {
      return Status::InvalidArgument(where + ": row " + std::to_string(i) + " has " +
                                     std::to_string(rows[i].size()) + " values, expected " +
                                     std::to_string(columns.size()));
    }
  }
  // Full chunks of as many rows as one statement may bind, then the rest in chunks
  // of decreasing powers of two: at most ~15 cached statements per (table, columns).
  const size_t chunk = static_cast<size_t>(max_variables_) / columns.size();
  size_t done = 0;
  while (rows.size() - done >= chunk) {
    GX_RETURN_IF_ERROR(InsertChunk(table, columns, rows, done, chunk));
    done += chunk;
  }
  for (size_t n = std::bit_floor(chunk); n > 0; n /= 2) {
    if (rows.size() - done >= n) {
      GX_RETURN_IF_ERROR(InsertChunk(table, columns, rows, done, n));
      done += n;
    }
  }
  return Status::OK();
}

Status SqliteStore::InsertChunk(std::string_view table, const std::vector<std::string>& columns,
                                const std::vector<std::vector<Value>>& rows, size_t begin,
                                size_t n) {
  std::string key(table);
  for (const auto& c : columns) key += '\x1f' + c;
  key += '\x1e' + std::to_string(n);
  SqliteStatement* statement = nullptr;
  if (auto it = bulk_cache_.find(key); it != bulk_cache_.end()) {
    statement = it->second.get();
  } else {
    std::string sql = "INSERT INTO " + std::string(table) + "(";
    for (size_t c = 0; c < columns.size(); ++c) sql += (c ? "," : "") + columns[c];
    sql += ") VALUES ";
    std::string tuple = "(";
    for (size_t c = 0; c < columns.size(); ++c) tuple += c ? ",?" : "?";
    tuple += ")";
    sql.reserve(sql.size() + n * (tuple.size() + 1));
    for (size_t r = 0; r < n; ++r) {
      if (r) sql += ',';
      sql += tuple;
    }
    GX_ASSIGN_OR_RETURN(statement, Cached(bulk_cache_, key, sql));
  }
  int index = 1;
  for (size_t r = begin; r < begin + n; ++r) {
    for (const Value& v : rows[r]) statement->BindNoCopy(index++, v);
  }
  Result<int64_t> changed = statement->Exec();
  statement->Reset();  // drops the bindings: they point into `rows`
  if (!changed.ok()) {
    return changed.status().WithContext("BulkInsert into " + std::string(table) + " rows " +
                                        std::to_string(begin) + ".." +
                                        std::to_string(begin + n - 1));
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path, const SqliteOptions& options) {
  std::string where = "cannot open sqlite database '" + path + "'";
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(db, rc, "");
    sqlite3_close_v2(db);
    return s.WithContext(where);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  auto store = std::make_unique<SqliteStore>(db);  // owns db from here on

  // The first statement reads the file: a missing folder or a file that is not a
  // database shows up here.
  GX_ASSIGN_OR_RETURN(Statement * wal, store->Prepare("PRAGMA journal_mode=WAL"));
  Result<bool> row = wal->Step();
  if (!row.ok()) return row.status().WithContext(where);
  std::string mode = *row ? wal->Text(0) : "";
  wal->Reset();
  if (mode != "wal" && mode != "memory") {
    return Status::FailedPrecondition(where + ": could not switch to WAL (journal_mode is '" +
                                      mode + "')");
  }
  std::string sync = options.synchronous;
  std::transform(sync.begin(), sync.end(), sync.begin(), ::toupper);
  if (sync != "OFF" && sync != "NORMAL" && sync != "FULL" && sync != "EXTRA") {
    return Status::InvalidArgument(where +
                                   ": synchronous must be off, normal, full or extra, not '" +
                                   options.synchronous + "'");
  }
  std::string pragmas = "PRAGMA synchronous=" + sync +
                        ";PRAGMA foreign_keys=ON"
                        ";PRAGMA temp_store=MEMORY"
                        ";PRAGMA cache_size=" +
                        std::to_string(options.cache_size) +
                        ";PRAGMA mmap_size=" + std::to_string(options.mmap_size) +
                        ";PRAGMA journal_size_limit=" + std::to_string(options.journal_size_limit);
  Status s = store->ExecScript(pragmas);
  if (!s.ok()) return s.WithContext(where);
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace gongxin::store::sqlite
