// gongxin serve: the platform's HTTP API and public portal over a data folder.
//
//   gongxin serve --data DIR [--host 127.0.0.1] [--port 8080] [--web DIR] [--today DATE]
//
// Serves until SIGTERM or SIGINT, then stops gracefully (in-flight requests finish).
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/platform.h"
#include "cli/serve.h"
#include "core/clock.h"
#include "http/routes/platform_server.h"

#ifndef GONGXIN_VERSION
#define GONGXIN_VERSION "0.0.0"
#endif
#ifndef GONGXIN_DEFAULT_WEB_DIR
#define GONGXIN_DEFAULT_WEB_DIR "web"
#endif

namespace gongxin::cli {

std::string ResolveWebDir(const std::string& given) {
  if (!given.empty()) return given;
  const char* env = std::getenv("GONGXIN_WEB_DIR");
  if (env && *env) return env;
  return GONGXIN_DEFAULT_WEB_DIR;
}

void AddServeOptions(CLI::App& cmd, ServeArgs& args) {
  cmd.add_option("--host", args.host, "address to listen on (default 127.0.0.1)");
  cmd.add_option("--port", args.port, "port to listen on (default 8080; 0: any free port)");
  cmd.add_option("--web", args.web,
                 "folder of the portal's files (default: $GONGXIN_WEB_DIR or the shipped web/)");
  cmd.add_option("--threads", args.threads, "request worker threads (default 4)")
      ->check(CLI::Range(1, 256));
  cmd.add_option("--access-log", args.access_log,
                 "access log file ('-' stdout, 'off'; default stderr)");
  cmd.add_option("--today", args.today,
                 "pretend today is this date (YYYY-MM-DD) for publicity and deadlines; for "
                 "demonstrations and tests");
}

Result<std::unique_ptr<Clock>> ClockOf(const ServeArgs& args) {
  if (args.today.empty()) return std::unique_ptr<Clock>();
  GX_ASSIGN_OR_RETURN(Instant at, Instant::Parse(args.today + "T12:00:00+08:00"));
  return std::unique_ptr<Clock>(new FixedClock(at));
}

Result<std::unique_ptr<http::routes::PlatformServer>> StartServing(const catalog::Catalog& catalog,
                                                                   const Clock& clock,
                                                                   const std::string& data_dir,
                                                                   const ServeArgs& args) {
  {
    // Applies pending migrations before any connection of the pool is opened.
    GX_ASSIGN_OR_RETURN(auto store, OpenPlatform(data_dir));
  }
  http::routes::PlatformOptions o;
  o.store_url = StoreUrlOf(data_dir);
  o.server.host = args.host;
  o.server.port = args.port;
  o.server.static_dir = ResolveWebDir(args.web);
  o.server.access_log_path = args.access_log;
  o.server.worker_threads = args.threads;
  o.server.io_threads = 1;
  o.server.version = GONGXIN_VERSION;
  o.store_connections = static_cast<size_t>(args.threads) + 2;
  return http::routes::PlatformServer::Start(catalog, clock, std::move(o));
}

void RegisterServeCommand(CLI::App& app, const GlobalOptions& options, int* exit_code) {
  struct Args {
    std::string data;
    ServeArgs serve;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the platform: the HTTP API (/api/v1/..., OpenAPI at /api/v1/openapi.json) and\n"
      "the public portal. Stops gracefully on SIGTERM or Ctrl-C.");
  cmd->add_option("--data", args->data, "platform data folder (made by `gongxin init`)")
      ->required();
  AddServeOptions(*cmd, args->serve);
  cmd->callback([args, &options, exit_code] {
    auto catalog = LoadCatalog(ResolveCatalogDir(options));
    if (!catalog.ok()) {
      std::fprintf(stderr, "gongxin serve: %s\n", catalog.status().message().c_str());
      *exit_code = 2;
      return;
    }
    auto fixed = ClockOf(args->serve);
    if (!fixed.ok()) {
      std::fprintf(stderr, "gongxin serve: --today: %s\n", fixed.status().message().c_str());
      *exit_code = 2;
      return;
    }
    const Clock& clock = *fixed ? static_cast<const Clock&>(**fixed) : SystemClock::Get();
    auto server = StartServing(*catalog, clock, args->data, args->serve);
    if (!server.ok()) {
      std::fprintf(stderr, "gongxin serve: %s\n", server.status().message().c_str());
      *exit_code = 1;
      return;
    }
    std::printf("gongxin serving %s on %s (%zu subjects searchable)\n", args->data.c_str(),
                (*server)->url().c_str(), (*server)->indexed_subjects());
    std::fflush(stdout);
    (*server)->Wait(/*handle_signals=*/true);
    std::printf("gongxin stopped\n");
    *exit_code = 0;
  });
}

}  // namespace gongxin::cli
