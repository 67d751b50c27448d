// Opening a platform's data folder from the command line: the composition root
// where every capability's migrations are registered before the store migrates.
#pragma once

#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "core/result.h"
#include "store/store.h"

namespace gongxin::cli {

// Registers the migrations of every capability linked into the binary. Idempotent.
void RegisterAllMigrations();

// The store URL of the platform in `data_dir`: the "store" of DIR/platform.json, or
// "sqlite:DIR/gongxin.db".
std::string StoreUrlOf(const std::string& data_dir);

// Opens the platform in `data_dir` (made by `gongxin init`) and applies pending
// migrations. Fails with a clear message if the folder holds no platform.
Result<std::unique_ptr<store::Store>> OpenPlatform(const std::string& data_dir);

// Creates the platform's data folder (or brings it up to date): the store (default
// sqlite:DATA/gongxin.db), its tables and DATA/platform.json. Returns the line to show,
// e.g. "initialised DIR (sqlite, 5 migrations)". See `gongxin init`.
Result<std::string> InitPlatform(const std::string& data_dir, const std::string& store_url);

// Loads the catalog, prefixing errors with the folder.
Result<catalog::Catalog> LoadCatalog(const std::string& catalog_dir);

}  // namespace gongxin::cli
