// Serving, shared by `gongxin serve` and `gongxin demo`.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/result.h"
#include "http/routes/platform_server.h"

namespace gongxin::cli {

struct ServeArgs {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string web;
  int threads = 4;
  std::string access_log;
  std::string today;  // YYYY-MM-DD: a fixed clock; "" → the system clock
};

// Adds --host, --port, --web, --threads, --access-log, --today.
void AddServeOptions(CLI::App& cmd, ServeArgs& args);
// The folder of the portal's files: `given`, else $GONGXIN_WEB_DIR, else the shipped web/.
std::string ResolveWebDir(const std::string& given);
// A fixed clock at noon of args.today, or null for the system clock.
Result<std::unique_ptr<Clock>> ClockOf(const ServeArgs& args);
// Migrates the platform in `data_dir` and starts serving it.
Result<std::unique_ptr<http::routes::PlatformServer>> StartServing(const catalog::Catalog& catalog,
                                                                   const Clock& clock,
                                                                   const std::string& data_dir,
                                                                   const ServeArgs& args);

}  // namespace gongxin::cli
