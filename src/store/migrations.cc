// The migration registry, Store::Migrate and Store::AppliedMigrations.
#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "core/clock.h"
#include "store/store.h"

namespace gongxin::store {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "capability TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL, PRIMARY KEY (capability, version))";

struct Registry {
  std::mutex mu;
  std::vector<Migration> migrations;
};

// Never destroyed, so that registration works in any static-initialisation order.
Registry& GetRegistry() {
  static Registry* registry = new Registry;
  return *registry;
}

bool SameContent(const Migration& a, const Migration& b) {
  return a.name == b.name && a.sql == b.sql;
}

std::string Describe(const Migration& m) {
  return m.capability + " v" + std::to_string(m.version) + " '" + m.name + "'";
}

void SortMigrations(std::vector<Migration>& list) {
  std::stable_sort(list.begin(), list.end(), [](const Migration& a, const Migration& b) {
    return std::tie(a.capability, a.version) < std::tie(b.capability, b.version);
  });
}

// Sorts, drops exact duplicates, and rejects what cannot be applied safely.
Result<std::vector<Migration>> Normalise(std::vector<Migration> list) {
  SortMigrations(list);
  std::vector<Migration> out;
  for (auto& m : list) {
    if (m.capability.empty()) {
      return Status::Internal("migration '" + m.name + "' names no capability");
    }
    if (m.version < 1) return Status::Internal("migration " + Describe(m) + ": version below 1");
    if (!out.empty() && out.back().capability == m.capability && out.back().version == m.version) {
      if (SameContent(out.back(), m)) continue;
      return Status::Internal("two different migrations " + m.capability + " v" +
                              std::to_string(m.version) + ": '" + out.back().name + "' and '" +
                              m.name + "'");
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

std::vector<Migration> AllMigrations() {
  Registry& r = GetRegistry();
  std::vector<Migration> copy;
  {
    std::lock_guard lock(r.mu);
    copy = r.migrations;
  }
  SortMigrations(copy);
  return copy;
}

bool RegisterMigrations(std::vector<Migration> migrations) {
  Registry& r = GetRegistry();
  std::lock_guard lock(r.mu);
  bool consistent = true;
  for (auto& m : migrations) {
    bool known = false;
    for (const auto& existing : r.migrations) {
      if (existing.capability != m.capability || existing.version != m.version) continue;
      if (SameContent(existing, m)) {
        known = true;
      } else {
        consistent = false;
      }
    }
    if (!known) r.migrations.push_back(std::move(m));
  }
  return consistent;
}

Result<std::vector<std::pair<std::string, int>>> Store::AppliedMigrations() {
  GX_RETURN_IF_ERROR(ExecScript(kCreateTable));
  GX_ASSIGN_OR_RETURN(Statement * select,
                      Prepare("SELECT capability, version FROM schema_migrations "
                              "ORDER BY capability, version"));
  std::vector<std::pair<std::string, int>> applied;
  while (true) {
    GX_ASSIGN_OR_RETURN(bool row, select->Step());
    if (!row) break;
    applied.emplace_back(select->Text(0), static_cast<int>(select->Int(1)));
  }
  return applied;
}

Result<int> Store::Migrate() { return Migrate(AllMigrations()); }

Result<int> Store::Migrate(const std::vector<Migration>& migrations) {
  if (InTransaction()) {
    return Status::FailedPrecondition("Migrate must not be called inside a transaction");
  }
  GX_ASSIGN_OR_RETURN(std::vector<Migration> todo, Normalise(migrations));
  GX_ASSIGN_OR_RETURN(auto applied_list, AppliedMigrations());
  std::set<std::pair<std::string, int>> applied(applied_list.begin(), applied_list.end());

  // A database written by a newer program: do not touch it.
  std::map<std::string, int> newest_known, newest_applied;
  for (const auto& m : todo) newest_known[m.capability] = m.version;
  for (const auto& [capability, version] : applied_list) {
    newest_applied[capability] = std::max(newest_applied[capability], version);
  }
  for (const auto& [capability, version] : newest_known) {
    auto it = newest_applied.find(capability);
    if (it != newest_applied.end() && it->second > version) {
      return Status::FailedPrecondition(
          "the database has " + capability + " migration v" + std::to_string(it->second) +
              " but this program knows only up to v" + std::to_string(version) +
              ": use a newer gongxin",
          "数据库版本高于本程序（" + capability + "），请升级 gongxin");
    }
  }

  int ran = 0;
  for (const auto& m : todo) {
    if (applied.count({m.capability, m.version})) continue;
    std::string what = "migration " + Describe(m) + " failed";
    GX_RETURN_IF_ERROR(Begin().WithContext(what));
    Status s = ExecScript(m.sql);
    if (s.ok() && !InTransaction()) {
      return Status::Internal(what +
                              ": its SQL ended the transaction (no BEGIN/COMMIT in "
                              "migrations)");
    }
    if (s.ok()) {
      Result<Statement*> insert = Prepare(
          "INSERT INTO schema_migrations (capability, version, name, applied_at) "
          "VALUES ($1, $2, $3, $4)");
      if (insert.ok()) {
        Statement* st = *insert;
        st->Bind(1, m.capability);
        st->Bind(2, int64_t{m.version});
        st->Bind(3, m.name);
        st->Bind(4, SystemClock::Get().Now().ToChinaIso());
        Result<int64_t> done = st->Exec();
        if (!done.ok()) s = done.status();
      } else {
        s = insert.status();
      }
    }
    if (s.ok()) s = Commit();
    if (!s.ok()) {
      (void)Rollback();
      return s.WithContext(what);
    }
    ++ran;
  }
  return ran;
}

}  // namespace gongxin::store
