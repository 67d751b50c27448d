// The gongxin command line: one file per command, each adding itself to the app.
//
// A Register* function adds a subcommand to `app`. When the subcommand runs, its
// callback sets *exit_code (0 on success). Commands write results to stdout and
// diagnostics to stderr.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace gongxin::cli {

// Global options every command may read.
struct GlobalOptions {
  // Folder of the shipped rules (classes, code tables, calendar). Empty means: the
  // GONGXIN_CATALOG_DIR environment variable, else the catalog/ the binary was built from.
  std::string catalog_dir;
};

// Resolves the catalog folder from the options, the environment and the build default.
std::string ResolveCatalogDir(const GlobalOptions& options);

void RegisterCodeCommand(CLI::App& app, const GlobalOptions& options, int* exit_code);
void RegisterCatalogCommand(CLI::App& app, const GlobalOptions& options, int* exit_code);
void RegisterInitCommand(CLI::App& app, const GlobalOptions& options, int* exit_code);
void RegisterIngestCommand(CLI::App& app, const GlobalOptions& options, int* exit_code);
void RegisterGenCommand(CLI::App& app, const GlobalOptions& options, int* exit_code);
void RegisterKeyCommand(CLI::App& app, const GlobalOptions& options, int* exit_code);
void RegisterServeCommand(CLI::App& app, const GlobalOptions& options, int* exit_code);
void RegisterDemoCommand(CLI::App& app, const GlobalOptions& options, int* exit_code);

}  // namespace gongxin::cli
