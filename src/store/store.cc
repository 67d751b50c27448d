// Store::Open (dispatch by URL) and Statement::Bind(Value).
#include "store/store.h"

#include <algorithm>
#include <cctype>

#include "store/sqlite/sqlite_store.h"

namespace gongxin::store {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// True iff `url` begins with "scheme://".
bool HasScheme(std::string_view url) {
  size_t colon = url.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  return std::all_of(url.begin(), url.begin() + colon, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

// "PATH?key=value&key=value" -> PATH and options.
Result<std::string> ParseSqliteUrl(std::string_view rest, sqlite::SqliteOptions* options) {
  size_t q = rest.find('?');
  std::string path(rest.substr(0, q));
  if (q != std::string_view::npos) {
    std::string_view query = rest.substr(q + 1);
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      size_t eq = pair.find('=');
      std::string_view key = pair.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
      if (key == "synchronous") {
        options->synchronous = std::string(value);
      } else {
        return Status::InvalidArgument("unknown sqlite store option '" + std::string(key) +
                                       "' (known: synchronous)");
      }
    }
  }
  return path;
}

}  // namespace

void Statement::Bind(int index, const Value& v) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          BindNull(index);
        } else if constexpr (std::is_same_v<T, std::string>) {
          Bind(index, std::string_view(x));
        } else {
          Bind(index, x);
        }
      },
      v);
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& url) {
  if (StartsWith(url, "postgres://") || StartsWith(url, "postgresql://")) {
    return Status::FailedPrecondition(
        "the PostgreSQL store is not supported yet; use the embedded SQLite store "
        "(sqlite:PATH)",
        "暂不支持 PostgreSQL 存储，请使用内置 SQLite 存储（sqlite:路径）");
  }
  sqlite::SqliteOptions options;
  std::string path;
  if (StartsWith(url, "sqlite:")) {
    std::string_view rest = std::string_view(url).substr(7);
    if (StartsWith(rest, "//")) rest.remove_prefix(2);  // sqlite:///abs/path
    GX_ASSIGN_OR_RETURN(path, ParseSqliteUrl(rest, &options));
  } else if (HasScheme(url)) {
    return Status::InvalidArgument("unknown store URL '" + url +
                                   "': expected sqlite:PATH, a file path or postgres://...");
  } else {
    path = url;
  }
  if (path.empty()) return Status::InvalidArgument("store URL '" + url + "' names no file");
  return sqlite::OpenSqlite(path, options);
}

}  // namespace gongxin::store
