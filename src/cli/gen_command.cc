// gongxin gen: write synthetic subjects and records of every catalog class (no real
// data may be shipped; tests, benchmarks and the demo use this).
//
//   gongxin gen --out DIR --subjects N --seed S [--as-of YYYY-MM-DD]
//               [--encoding utf8|gbk] [--format csv|jsonl|both] [--dirty RATE]
//               [--threads T] [--only CLASS [--records N]]
//
// Writes DIR/<class>.csv and/or DIR/<class>.jsonl, DIR/subjects.csv, DIR/sources.csv and,
// with --dirty > 0, DIR/dirty_manifest.csv (see generator/generator.h). With --only,
// only DIR/<CLASS>.* and DIR/sources.csv; --records N then makes exactly N records of
// that class, drawing as many subjects as that takes (benchmarks: 1M penalties
// without writing 12M subjects). Prints one summary JSON line on stdout and, for long
// runs, a progress bar on stderr.
//
// Exit codes: 0 on success; 2 when the arguments are wrong or the catalog does not
// load; 3 when a file cannot be written.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "catalog/catalog.h"
#include "cli/commands.h"
#include "core/date.h"
#include "generator/generator.h"

namespace gongxin::cli {
namespace {

constexpr int kExitUsage = 2;
constexpr int kExitIo = 3;

struct GenArgs {
  std::string out;
  uint64_t subjects = 10000;
  uint64_t seed = 1;
  std::string as_of = "2026-11-01";
  std::string encoding = "utf8";
  std::string format = "csv";
  double dirty = 0;
  int threads = 0;
  std::string only;
  uint64_t records = 0;
  bool quiet = false;
};

int RunGen(const GenArgs& args, const GlobalOptions& options) {
  auto as_of = Date::Parse(args.as_of);
  if (!as_of.ok()) {
    std::cerr << "gongxin gen: --as-of: " << as_of.status().ToString() << "\n";
    return kExitUsage;
  }
  const std::string dir = ResolveCatalogDir(options);
  auto catalog = catalog::Catalog::LoadDir(dir);
  if (!catalog.ok()) {
    std::cerr << "gongxin gen: catalog " << dir << ": " << catalog.status().ToString() << "\n";
    return kExitUsage;
  }
  generator::Options opt;
  opt.out_dir = args.out;
  opt.subjects = args.subjects;
  opt.seed = args.seed;
  opt.as_of = *as_of;
  opt.encoding = args.encoding == "gbk" ? generator::Encoding::kGbk : generator::Encoding::kUtf8;
  opt.csv = args.format != "jsonl";
  opt.jsonl = args.format != "csv";
  opt.dirty = args.dirty;
  opt.threads = args.threads;
  opt.only = args.only;
  opt.records = args.records;

  const auto start = std::chrono::steady_clock::now();
  const bool tty = isatty(STDERR_FILENO) != 0;
  const bool show =
      !args.quiet && (args.records > 0 ? args.records >= 20000 : args.subjects >= 50000);
  const char* unit = args.records > 0 ? "records" : "subjects";
  int last_shown = -1;
  if (show) {
    opt.progress = [&](uint64_t done, uint64_t total) {
      const int percent = static_cast<int>(done * 100 / total);
      if (percent == last_shown || (!tty && percent % 10 != 0 && done != total)) return;
      last_shown = percent;
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const int bar = percent * 30 / 100;
      std::fprintf(stderr, "%s[%.*s%*s] %3d%%  %llu/%llu %s  %.1fs%s", tty ? "\r" : "", bar,
                   "##############################", 30 - bar, "", percent,
                   static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                   unit, secs, tty ? "" : "\n");
      std::fflush(stderr);
    };
  }
  auto summary = generator::Generate(*catalog, opt);
  if (show && tty) std::fprintf(stderr, "\n");
  if (!summary.ok()) {
    std::cerr << "gongxin gen: " << summary.status().ToString() << "\n";
    return summary.status().code() == StatusCode::kIOError ? kExitIo : kExitUsage;
  }
  for (const std::string& field : summary->placeholder_fields) {
    std::cerr << "gongxin gen: warning: " << field
              << " was filled with a placeholder (the generator does not know this field)\n";
  }
  for (const std::string& id : summary->skipped) {
    std::cerr << "gongxin gen: warning: class " << id << " has no generator; no file written\n";
  }
  if (!args.quiet) {
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "gongxin gen: wrote %s in %.1fs\n", args.out.c_str(), secs);
  }
  std::cout << summary->ToJson() << std::endl;
  return 0;
}

}  // namespace

void RegisterGenCommand(CLI::App& app, const GlobalOptions& options, int* exit_code) {
  auto args = std::make_shared<GenArgs>();
  CLI::App* gen = app.add_subcommand(
      "gen", "write synthetic subjects and records of every catalog class (test and demo data)");
  gen->add_option("--out", args->out, "output folder (created if missing)")->required();
  gen->add_option("--subjects", args->subjects,
                  "number of subjects, the government bodies included (default 10000)")
      ->check(CLI::PositiveNumber);
  gen->add_option("--seed", args->seed, "random seed: same seed and options, same bytes");
  gen->add_option("--as-of", args->as_of, "the day the data describes (default 2026-11-01)");
  gen->add_option("--encoding", args->encoding,
                  "utf8 (header = field codes) or gbk (GB18030, header = Chinese names)")
      ->check(CLI::IsMember({"utf8", "gbk"}));
  gen->add_option("--format", args->format, "csv, jsonl or both (default csv)")
      ->check(CLI::IsMember({"csv", "jsonl", "both"}));
  gen->add_option("--dirty", args->dirty,
                  "share of records with one injected error, 0..1 (writes dirty_manifest.csv)")
      ->check(CLI::Range(0.0, 1.0));
  gen->add_option("--threads", args->threads, "worker threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  gen->add_option("--only", args->only,
                  "write only this class's file (and sources.csv), e.g. penalty");
  gen->add_option("--records", args->records,
                  "with --only: exactly N records of the class, the population scaled to them "
                  "(--subjects is then ignored)")
      ->check(CLI::PositiveNumber);
  gen->add_flag("--quiet", args->quiet, "no progress or timing on stderr");
  gen->callback([args, &options, exit_code] { *exit_code = RunGen(*args, options); });
}

}  // namespace gongxin::cli
