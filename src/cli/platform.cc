#include "cli/platform.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "ingest/ingest.h"

namespace gongxin::cli {

void RegisterAllMigrations() {
  ingest::RegisterMigrations();
  access::RegisterMigrations();
}

std::string StoreUrlOf(const std::string& data_dir) {
  std::ifstream in(data_dir + "/platform.json");
  if (in) {
    try {
      auto j = nlohmann::json::parse(in);
      if (j.contains("store") && j["store"].is_string()) return j["store"].get<std::string>();
    } catch (const std::exception&) {
      // fall through to the default
    }
  }
  return "sqlite:" + data_dir + "/gongxin.db";
}

Result<std::unique_ptr<store::Store>> OpenPlatform(const std::string& data_dir) {
  if (!std::filesystem::exists(data_dir + "/platform.json")) {
    return Status::FailedPrecondition(
        data_dir + " holds no platform; create one with: gongxin init --data " + data_dir,
        data_dir + " 不是平台数据目录；请先运行 gongxin init --data " + data_dir);
  }
  RegisterAllMigrations();
  GX_ASSIGN_OR_RETURN(auto store, store::Store::Open(StoreUrlOf(data_dir)));
  GX_RETURN_IF_ERROR(store->Migrate().status());
  return store;
}

Result<catalog::Catalog> LoadCatalog(const std::string& catalog_dir) {
  auto loaded = catalog::Catalog::LoadDir(catalog_dir);
  if (!loaded.ok()) return loaded.status().WithContext("catalog " + catalog_dir);
  return loaded;
}

}  // namespace gongxin::cli
