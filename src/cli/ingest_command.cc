// gongxin ingest: hand a department's files to the platform, one batch per file.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/platform.h"
#include "core/clock.h"
#include "ingest/ingest.h"

namespace gongxin::cli {

void RegisterIngestCommand(CLI::App& app, const GlobalOptions& options, int* exit_code) {
  struct Args {
    std::string data, class_id, source, encoding = "auto";
    bool xlsx = false;
    bool validate_only = false;
    std::vector<std::string> files;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Ingest (归集) files of one class from one source department: every row is checked\n"
      "against the catalog; accepted rows are stored with their history; each file is one\n"
      "atomic batch. Prints one JSON summary line per file and writes FILE.feedback.csv.");
  cmd->add_option("--data", args->data,
                  "platform data folder (made by `gongxin init`); not needed with --validate-only");
  cmd->add_option("--class", args->class_id, "information class, e.g. penalty (see `catalog list`)")
      ->required();
  cmd->add_option("--source", args->source, "the source department's uscc")->required();
  cmd->add_option("--encoding", args->encoding, "CSV encoding: auto (default), utf-8, gbk")
      ->check(CLI::IsMember({"auto", "utf-8", "utf8", "gbk", "gb18030"}));
  cmd->add_flag("--feedback-xlsx", args->xlsx, "also write FILE.feedback.xlsx");
  cmd->add_flag("--validate-only", args->validate_only,
                "check the files and write their feedback, store nothing (batch 0 in the "
                "summary; accepted = rows that pass)");
  cmd->add_option("files", args->files, "CSV (UTF-8 or GBK), JSON lines or .xlsx files")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->callback([args, &options, exit_code] {
    auto catalog = LoadCatalog(ResolveCatalogDir(options));
    if (!catalog.ok()) {
      std::fprintf(stderr, "gongxin ingest: %s\n", catalog.status().message().c_str());
      *exit_code = 2;
      return;
    }
    if (args->data.empty() && !args->validate_only) {
      std::fprintf(stderr, "gongxin ingest: --data is required (unless --validate-only)\n");
      *exit_code = 2;
      return;
    }
    Result<std::unique_ptr<store::Store>> store = std::unique_ptr<store::Store>();
    if (!args->validate_only) store = OpenPlatform(args->data);
    if (!store.ok()) {
      std::fprintf(stderr, "gongxin ingest: %s\n", store.status().message().c_str());
      *exit_code = 2;
      return;
    }
    ingest::IngestOptions o;
    o.class_id = args->class_id;
    o.source = args->source;
    o.clock = &SystemClock::Get();
    if (args->encoding == "utf-8" || args->encoding == "utf8") o.encoding = ingest::Encoding::kUtf8;
    if (args->encoding == "gbk" || args->encoding == "gb18030") {
      o.encoding = ingest::Encoding::kGb18030;
    }
    for (const auto& file : args->files) {
      ingest::IngestOptions per_file = o;
      per_file.file_name = file;
      auto summary = args->validate_only ? ingest::ValidateFile(*catalog, file, per_file)
                                         : ingest::IngestFile(**store, *catalog, file, per_file);
      if (!summary.ok()) {
        std::fprintf(stderr, "gongxin ingest: %s: %s\n", file.c_str(),
                     summary.status().message().c_str());
        *exit_code = 1;
        continue;
      }
      const std::string feedback_path = file + ".feedback.csv";
      {
        std::ofstream out(feedback_path, std::ios::binary);
        out << ingest::FeedbackCsv(summary->feedback);
        if (!out) {
          std::fprintf(stderr, "gongxin ingest: cannot write %s\n", feedback_path.c_str());
          *exit_code = 1;
        }
      }
      if (args->xlsx) {
        auto xlsx = ingest::FeedbackXlsx(summary->feedback);
        if (xlsx.ok()) {
          std::ofstream(file + ".feedback.xlsx", std::ios::binary) << *xlsx;
        } else {
          std::fprintf(stderr, "gongxin ingest: %s\n", xlsx.status().message().c_str());
          *exit_code = 1;
        }
      }
      std::printf("%s\n", summary->ToJson(feedback_path).c_str());
      std::fflush(stdout);
    }
  });
}

}  // namespace gongxin::cli
