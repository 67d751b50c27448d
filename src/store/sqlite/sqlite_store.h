// The SQLite backend of Store: one connection to one database file, in WAL mode.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace gongxin::store::sqlite {

struct SqliteOptions {
  // PRAGMA synchronous: "OFF", "NORMAL" (default: a crash of the process loses no
  // commit, a power failure may lose the last ones) , "FULL" or "EXTRA".
  std::string synchronous = "NORMAL";
  int busy_timeout_ms = 5000;               // how long to wait for another writer
  int64_t cache_size = -65536;              // PRAGMA cache_size: negative = KiB (64 MiB)
  int64_t mmap_size = 256ll << 20;          // PRAGMA mmap_size, bytes
  int64_t journal_size_limit = 64ll << 20;  // WAL file kept after a checkpoint, bytes
};

// Opens (creating if missing) the database file at `path` with journal_mode=WAL,
// foreign_keys=ON, temp_store=MEMORY and the options above. Fails with io_error if
// the file cannot be opened or created (e.g. its folder is missing), corruption if it
// is not a SQLite database.
Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path,
                                          const SqliteOptions& options = {});

}  // namespace gongxin::store::sqlite
