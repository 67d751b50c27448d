// gongxin: the public credit information platform, one binary with many commands.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "cli/commands.h"

#ifndef GONGXIN_VERSION
#define GONGXIN_VERSION "0.0.0"
#endif
#ifndef GONGXIN_DEFAULT_CATALOG_DIR
#define GONGXIN_DEFAULT_CATALOG_DIR "catalog"
#endif

namespace gongxin::cli {

std::string ResolveCatalogDir(const GlobalOptions& options) {
  if (!options.catalog_dir.empty()) return options.catalog_dir;
  const char* env = std::getenv("GONGXIN_CATALOG_DIR");
  if (env && *env) return env;
  return GONGXIN_DEFAULT_CATALOG_DIR;
}

}  // namespace gongxin::cli

int main(int argc, char** argv) {
  using namespace gongxin::cli;
  CLI::App app{
      "gongxin (公信): a public credit information platform.\n"
      "Collects departments' records, keeps a credit archive per subject, publishes what\n"
      "the rules allow, scores enterprises, runs lists, repair and objections, and issues\n"
      "verifiable credit reports.",
      "gongxin"};
  app.set_version_flag("--version", std::string("gongxin ") + GONGXIN_VERSION);
  app.require_subcommand(1);
  GlobalOptions options;
  app.add_option("--catalog", options.catalog_dir,
                 "folder of the rules (classes, code tables, calendar); default: "
                 "$GONGXIN_CATALOG_DIR or the shipped catalog/")
      ->check(CLI::ExistingDirectory);

  int exit_code = 0;
  RegisterCodeCommand(app, options, &exit_code);
  RegisterCatalogCommand(app, options, &exit_code);
  RegisterInitCommand(app, options, &exit_code);
  RegisterIngestCommand(app, options, &exit_code);
  RegisterGenCommand(app, options, &exit_code);
  RegisterKeyCommand(app, options, &exit_code);
  RegisterServeCommand(app, options, &exit_code);
  RegisterDemoCommand(app, options, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
