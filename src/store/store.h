// Store: the one door to the database, for every capability.
//
// A capability owns its tables: it registers its migrations and runs its own
// portable SQL through this interface. The SQL is written once for both backends:
// parameters are $1, $2, ... (SQLite reads them as named parameters in order of
// first appearance; PostgreSQL natively), types are INTEGER / BIGINT / TEXT / BLOB /
// DOUBLE PRECISION, and anything backend-specific (bulk loading, upsert syntax,
// pragmas) sits behind a method here, not in a capability's SQL.
//
// Backends: "sqlite" (embedded default, WAL) now; "postgres" in a later issue.
// A Store is one connection: use it from one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "core/status.h"

namespace gongxin::store {

// A bound parameter or a column value. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

// A prepared statement. Bind parameters (1-based), then Step() through rows.
// Index N binds "$N" wherever it appears (on SQLite also the N-th "?"). A bad bind
// (index out of range) is reported by Step()/Exec() until Reset(). When Step() has
// returned false (done) or an error, the statement is ready to run again with the
// same bindings; binding while rows are pending starts it over. Errors name the SQL.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void Bind(int index, int64_t v) = 0;
  virtual void Bind(int index, double v) = 0;
  virtual void Bind(int index, std::string_view v) = 0;  // TEXT; the bytes are copied
  virtual void BindBlob(int index, std::string_view bytes) = 0;
  virtual void BindNull(int index) = 0;
  void Bind(int index, const Value& v);
  // Conveniences, so that Bind(1, 42), Bind(1, "text") and Bind(1, a_std_string)
  // are not ambiguous between the overloads above.
  void Bind(int index, int v) { Bind(index, int64_t{v}); }
  void Bind(int index, const char* v) { Bind(index, std::string_view(v)); }
  void Bind(int index, const std::string& v) { Bind(index, std::string_view(v)); }

  // Executes or advances: returns true iff a row is available.
  virtual Result<bool> Step() = 0;
  // Runs to completion, ignoring rows; returns the number of rows changed.
  virtual Result<int64_t> Exec() = 0;
  // Makes the statement ready to be bound and run again (bindings are cleared).
  virtual void Reset() = 0;

  virtual int ColumnCount() const = 0;
  virtual bool IsNull(int col) const = 0;  // 0-based
  virtual int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual std::string_view TextView(int col) const = 0;  // valid until the next Step/Reset
};

// One migration of one capability. Migrations of a capability run in version order,
// each in its own transaction, exactly once per database.
struct Migration {
  std::string capability;  // e.g. "archive"
  int version = 0;         // 1, 2, 3 ... within the capability
  std::string name;        // "create subjects and records"
  std::string sql;         // portable DDL; statements separated by ';'
};

// Registration: explicit, never by static initialiser alone.
//
// A capability keeps its migrations in its own code and exposes one function, e.g.
//   // archive/migrations.h
//   void RegisterArchiveMigrations();  // calls store::RegisterMigrations({...})
// and the program's composition root (the CLI; a test's setup) calls every
// capability's function before Store::Migrate(). Do not rely on
// `static bool registered = RegisterMigrations(...)` alone: every capability is a
// static library, and the linker drops an object file nobody references, with its
// initialiser (it would silently run no migrations). A static registrar is harmless
// in addition to the function, since registration is idempotent.

// Returns the migrations every capability registered (sorted by capability, version).
std::vector<Migration> AllMigrations();
// Adds migrations to the process-wide registry; thread-safe, callable at any time
// (also during static initialisation). Registering the same (capability, version)
// again with the same name and SQL is a no-op, so a Register*Migrations() function
// may be called any number of times. Returns false iff some migration conflicts with
// one registered before (same capability and version, different name or SQL); both
// are kept and Migrate() then fails naming them.
bool RegisterMigrations(std::vector<Migration> migrations);

class Store {
 public:
  virtual ~Store() = default;

  // Opens a store. `url` is "sqlite:PATH", a plain file path (SQLite), or later
  // "postgres://...". The SQLite file is created if missing (its folder is not).
  // "sqlite:PATH?synchronous=full" (off|normal|full|extra) sets the durability.
  // A postgres:// or postgresql:// URL is a FailedPrecondition ("not supported yet").
  static Result<std::unique_ptr<Store>> Open(const std::string& url);

  virtual std::string_view backend() const = 0;  // "sqlite" | "postgres"

  // Runs one or more statements without parameters (DDL, pragmas).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Prepares a statement; statements are cached per SQL text, so preparing the same
  // text again is cheap: it returns the same Statement, Reset (bindings cleared; a
  // caller still stepping through it loses its place). The Statement lives as long
  // as the Store.
  virtual Result<Statement*> Prepare(std::string_view sql) = 0;

  // Transactions do not nest. Commit makes the batch atomic and durable against a
  // process crash. Against power loss, SQLite's default synchronous=NORMAL may lose
  // the last commits (never consistency); "sqlite:PATH?synchronous=full" fsyncs the
  // WAL at every commit. Rollback without an open transaction is a no-op.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual bool InTransaction() const = 0;

  // Bulk-appends rows to a table (multi-row INSERT on SQLite, COPY on PostgreSQL).
  // Every row has columns.size() values. Must be called inside a transaction.
  virtual Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<std::vector<Value>>& rows) = 0;

  // The id that the last INSERT gave an INTEGER PRIMARY KEY / identity column.
  virtual int64_t LastInsertId() = 0;

  // Applies every registered migration not yet applied; returns how many ran.
  // Each migration runs in its own transaction together with its row in
  // schema_migrations(capability, version, name, applied_at): a failing migration
  // leaves nothing behind, and the error names its capability, version and name.
  // Fails before running anything if the list is inconsistent (a version below 1, a
  // conflicting duplicate) or the database has a newer version of a known capability
  // than this program. Must not be called inside a transaction.
  Result<int> Migrate();
  // The same with an explicit list instead of the registry (tests, tools).
  Result<int> Migrate(const std::vector<Migration>& migrations);
  // (capability, version) pairs applied so far, ordered by capability, version.
  Result<std::vector<std::pair<std::string, int>>> AppliedMigrations();
};

// RAII transaction: rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Store& store) : store_(store) {}
  ~Transaction() {
    if (open_) (void)store_.Rollback();
  }
  Status Begin() {
    GX_RETURN_IF_ERROR(store_.Begin());
    open_ = true;
    return Status::OK();
  }
  Status Commit() {
    Status s = store_.Commit();
    if (s.ok()) open_ = false;
    return s;
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  Store& store_;
  bool open_ = false;
};

}  // namespace gongxin::store
