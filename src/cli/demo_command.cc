// gongxin demo: a realistic demonstration platform in one command.
//
//   gongxin demo [--data DIR] [--subjects N] [--seed S] [--port 8080] [--quiet]
//
// Generates a made-up Guangdong (`gongxin gen`), initialises a platform in DIR, ingests
// every class through the real ingest path as each source department would, creates one
// API key per role, writes DIR/demo.json and serves. DIR is recreated on every run, and
// only if it is empty or a previous demo's folder (it holds demo.json), never otherwise.
//
// DIR/demo.json: {"url": "http://127.0.0.1:PORT", "example": {"code", "name"},
//                 "keys": {"enterprise": KEY, "source": KEY, ...}} — written once serving.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "access/access.h"
#include "archive/view.h"
#include "cli/commands.h"
#include "cli/platform.h"
#include "cli/serve.h"
#include "generator/generator.h"
#include "ingest/ingest.h"
#include "ingest/readers.h"

namespace gongxin::cli {
namespace {

namespace fs = std::filesystem;

struct DemoArgs {
  std::string data = "gongxin-demo";
  uint64_t subjects = 20000;
  uint64_t seed = 42;
  bool quiet = false;
  ServeArgs serve;
};

struct Example {
  std::string code, name, source;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Empties DIR if it is a previous demo's folder; refuses a folder with anything else.
Status PrepareFolder(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      return Status::FailedPrecondition(dir.string() + " exists and is not a folder",
                                        dir.string() + " 已存在且不是目录");
    }
    const bool empty = fs::is_empty(dir, ec);
    if (!empty && !fs::exists(dir / "demo.json", ec) && !fs::exists(dir / ".gongxin-demo", ec)) {
      return Status::FailedPrecondition(
          dir.string() + " is not empty and is not a demo folder; choose another --data",
          dir.string() + " 非空且不是演示目录，请另选 --data");
    }
    fs::remove_all(dir, ec);
    if (ec) return Status::IOError("cannot empty " + dir.string() + ": " + ec.message());
  }
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create " + dir.string() + ": " + ec.message());
  std::ofstream(dir / ".gongxin-demo") << "made by gongxin demo; emptied by the next run\n";
  return Status::OK();
}

// sources.csv: class,source_uscc,source_name
Result<std::vector<std::array<std::string, 3>>> ReadSources(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return Status::IOError("cannot read " + file.string());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  GX_ASSIGN_OR_RETURN(ingest::ReadResult read,
                      ingest::ReadCsv(bytes, ingest::Encoding::kUtf8, ingest::ReaderLimits{}));
  std::vector<std::array<std::string, 3>> out;
  for (size_t r = 0; r < read.table.num_rows(); ++r) {
    out.push_back({std::string(read.table.cell(r, 0)), std::string(read.table.cell(r, 1)),
                   std::string(read.table.cell(r, 2))});
  }
  return out;
}

// An enterprise with a penalty the public sees, whose record carries a (masked) ID
// number: what the README and the browser test look up.
Result<Example> PickExample(const fs::path& files, store::Store& store,
                            const catalog::Catalog& catalog, Date today,
                            const std::string& penalty_source) {
  std::ifstream in(files / "penalty.csv");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  GX_ASSIGN_OR_RETURN(ingest::ReadResult read,
                      ingest::ReadCsv(bytes, ingest::Encoding::kUtf8, ingest::ReaderLimits{}));
  const auto& header = read.table.header();
  auto column = [&](std::string_view name) -> int {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  const int code = column("CF_XDR_SHXYM"), name = column("CF_XDR_MC"), kind = column("CF_XDR_LB"),
            rep_id = column("CF_FR_ZJHM");
  if (code < 0 || name < 0 || kind < 0 || rep_id < 0) {
    return Status::Internal("penalty.csv lacks the columns the demo reads");
  }
  std::optional<Example> fallback;
  for (size_t r = read.table.num_rows(); r-- > 0;) {  // newest decisions last in the file
    if (read.table.cell(r, kind) != "法人及非法人组织" || read.table.cell(r, rep_id).empty()) {
      continue;
    }
    Example e{std::string(read.table.cell(r, code)), std::string(read.table.cell(r, name)),
              penalty_source};
    auto view = archive::BuildSubjectView(store, catalog, e.code, Viewer::Public(), today);
    if (!view.ok()) continue;
    auto doc = nlohmann::json::parse(view->json, nullptr, false);
    if (doc.is_discarded()) continue;
    for (const auto& c : doc["classes"]) {
      if (c["class"] != "penalty") continue;
      for (const auto& rec : c["records"]) {
        if (rec["publicity"]["status"] == "public") return e;
      }
    }
    if (!fallback) fallback = e;
  }
  if (fallback) return *fallback;
  return Status::NotFound("no enterprise with a penalty in the demo data; try more --subjects",
                          "演示数据中没有受过行政处罚的企业，请增加 --subjects");
}

int RunDemo(const DemoArgs& args, const GlobalOptions& options) {
  auto say = [&](const std::string& line) {
    if (!args.quiet) std::fprintf(stderr, "%s\n", line.c_str());
  };
  auto fail = [](const std::string& message) {
    std::fprintf(stderr, "gongxin demo: %s\n", message.c_str());
    return 1;
  };
  const auto started = std::chrono::steady_clock::now();
  auto catalog = LoadCatalog(ResolveCatalogDir(options));
  if (!catalog.ok()) return fail(catalog.status().message());
  auto fixed = ClockOf(args.serve);
  if (!fixed.ok()) return fail("--today: " + fixed.status().message());
  const Clock& clock = *fixed ? static_cast<const Clock&>(**fixed) : SystemClock::Get();

  const fs::path dir = fs::absolute(args.data);
  const fs::path files = dir / "files", platform = dir / "platform";
  if (Status s = PrepareFolder(dir); !s.ok()) return fail(s.message());

  // 1. Generate.
  generator::Options g;
  g.out_dir = files.string();
  g.subjects = args.subjects;
  g.seed = args.seed;
  g.as_of = clock.Today();
  auto generated = generator::Generate(*catalog, g);
  if (!generated.ok()) return fail(generated.status().message());
  say("generated " + std::to_string(generated->subjects) + " subjects and their records (" +
      std::to_string(static_cast<int>(Seconds(started) * 1000)) + " ms)");

  // 2. Initialise and ingest every class as its department would.
  auto init = InitPlatform(platform.string(), "");
  if (!init.ok()) return fail(init.status().message());
  auto store = OpenPlatform(platform.string());
  if (!store.ok()) return fail(store.status().message());
  auto sources = ReadSources(files / "sources.csv");
  if (!sources.ok()) return fail(sources.status().message());
  std::map<std::string, std::string> source_of;
  int64_t records = 0;
  for (const auto& [class_id, source, source_name] : *sources) {
    ingest::IngestOptions o;
    o.class_id = class_id;
    o.source = source;
    o.clock = &clock;
    const fs::path file = files / (class_id + ".csv");
    o.file_name = file.filename().string();
    auto summary = ingest::IngestFile(**store, *catalog, file.string(), o);
    if (!summary.ok()) return fail(class_id + ": " + summary.status().message());
    source_of[class_id] = source;
    records += summary->accepted;
    say("ingested " + class_id + " from " + source_name + ": " + std::to_string(summary->accepted) +
        " accepted, " + std::to_string(summary->rejected) + " rejected");
  }

  // 3. An example subject and one key per role.
  auto example = PickExample(files, **store, *catalog, clock.Today(),
                             source_of.count("penalty") ? source_of["penalty"] : "");
  if (!example.ok()) return fail(example.status().message());
  nlohmann::ordered_json keys;
  for (Role role : AllRoles()) {
    if (role == Role::kPublic) continue;
    const std::string source = role == Role::kSource ? example->source : "";
    const std::string subject = role == Role::kEnterprise ? example->code : "";
    auto made = access::CreateKey(**store, catalog->standard_tables(), role, source, subject,
                                  "demo " + std::string(RoleNameZh(role)), clock);
    if (!made.ok()) return fail(made.status().message());
    keys[std::string(RoleName(role))] = made->secret;
  }
  store->reset();

  // 4. Serve.
  auto server = StartServing(*catalog, clock, platform.string(), args.serve);
  if (!server.ok()) return fail(server.status().message());
  const std::string url = (*server)->url();
  nlohmann::ordered_json demo;
  demo["url"] = url;
  demo["data"] = platform.string();
  demo["example"] = {{"code", example->code}, {"name", example->name}};
  demo["keys"] = keys;
  {
    const fs::path tmp = dir / "demo.json.tmp";
    std::ofstream(tmp) << demo.dump(2) << "\n";
    std::error_code ec;
    fs::rename(tmp, dir / "demo.json", ec);
    if (ec) return fail("cannot write demo.json: " + ec.message());
  }
  std::printf(
      "\n公信 Gongxin demo platform — %llu subjects, %lld records, ready in %.1f s\n\n"
      "  Portal:   %s/\n"
      "  Example:  %s/subject.html?code=%s  (%s)\n"
      "  API:      %s/api/v1/search?q=%s\n"
      "            %s/api/v1/subjects/%s\n"
      "  OpenAPI:  %s/api/v1/openapi.json\n\n"
      "  API keys (send as 'Authorization: Bearer KEY'):\n",
      static_cast<unsigned long long>(generated->subjects), static_cast<long long>(records),
      Seconds(started), url.c_str(), url.c_str(), example->code.c_str(), example->name.c_str(),
      url.c_str(), example->name.c_str(), url.c_str(), example->code.c_str(), url.c_str());
  for (const auto& [role, key] : keys.items()) {
    std::printf("    %-14s %s\n", role.c_str(), key.get<std::string>().c_str());
  }
  std::printf(
      "\n  Try:  curl -H 'Authorization: Bearer %s' %s/api/v1/subjects/%s\n"
      "        (the credit office sees unmasked values and non-public records; the read is "
      "audited)\n\n"
      "  Data: %s (keys also in demo.json). Ctrl-C stops.\n\n",
      keys["credit_office"].get<std::string>().c_str(), url.c_str(), example->code.c_str(),
      dir.string().c_str());
  std::fflush(stdout);
  (*server)->Wait(/*handle_signals=*/true);
  return 0;
}

}  // namespace

void RegisterDemoCommand(CLI::App& app, const GlobalOptions& options, int* exit_code) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "A demonstration platform in one command: generate subjects and records, ingest them\n"
      "through the real ingest path, create an API key per role, and serve the portal and\n"
      "the API. Writes DATA/demo.json (address, example subject, keys).");
  cmd->add_option("--data", args->data,
                  "folder for the demo (default ./gongxin-demo); emptied first, and only if it "
                  "is empty or an earlier demo's");
  cmd->add_option("--subjects", args->subjects, "subjects to generate (default 20000)")
      ->check(CLI::Range(uint64_t{1000}, uint64_t{20000000}));
  cmd->add_option("--seed", args->seed, "random seed of the generated data (default 42)");
  cmd->add_flag("--quiet", args->quiet, "print only the summary");
  AddServeOptions(*cmd, args->serve);
  cmd->callback([args, &options, exit_code] { *exit_code = RunDemo(*args, options); });
}

}  // namespace gongxin::cli
