// gongxin init: create a platform's data folder, or bring an existing one up to date.
//
//   gongxin init --data DIR [--store URL]
//
// Creates DIR if needed, opens the store (default sqlite:DIR/gongxin.db), applies every
// migration not yet applied and writes DIR/platform.json:
//   {"format": 1, "store": URL, "created_at": "2026-11-23T08:00:00+08:00"}
// The store URL is recorded with an absolute path, so that other commands can open it
// from anywhere. On a folder already initialised it only applies new migrations, with
// the recorded store. Exit codes: 0 on success, 1 on any error (message on stderr).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/platform.h"
#include "core/clock.h"
#include "store/store.h"

namespace gongxin::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kPlatformFormat = 1;

struct InitArgs {
  std::string data;
  std::string store;
};

int Fail(const std::string& message) {
  std::cerr << "gongxin init: " << message << "\n";
  return 1;
}

std::string Plural(int n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// The file of a SQLite URL or plain path, made absolute; nullopt for other schemes.
std::optional<fs::path> SqliteFile(const std::string& url) {
  if (url.rfind("sqlite:", 0) != 0) {
    if (url.find("://") != std::string::npos) return std::nullopt;
    return fs::absolute(url).lexically_normal();
  }
  std::string rest = url.substr(7);
  if (rest.rfind("//", 0) == 0) rest = rest.substr(2);
  rest = rest.substr(0, rest.find('?'));
  if (rest.empty()) return std::nullopt;
  return fs::absolute(rest).lexically_normal();
}

// The URL as recorded: sqlite paths absolute, options kept; other URLs unchanged.
std::string NormaliseUrl(const std::string& url) {
  auto file = SqliteFile(url);
  if (!file) return url;
  size_t q = url.rfind("sqlite:", 0) == 0 ? url.find('?') : std::string::npos;
  return "sqlite:" + file->string() + (q == std::string::npos ? "" : url.substr(q));
}

// The store URL recorded in an existing platform.json.
Result<std::string> ReadPlatform(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return Status::IOError("cannot read '" + path.string() + "'");
  auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object() || !json.contains("store") ||
      !json["store"].is_string() || !json.contains("format") || !json["format"].is_number()) {
    return Status::Corruption("'" + path.string() +
                              "' is damaged (expected {\"format\":1,\"store\":...})");
  }
  if (json["format"] != kPlatformFormat) {
    return Status::FailedPrecondition("'" + path.string() + "' has format " +
                                      json["format"].dump() + "; this gongxin reads format " +
                                      std::to_string(kPlatformFormat));
  }
  return json["store"].get<std::string>();
}

// Writes platform.json through a temporary file, so it is whole or absent.
Status WritePlatform(const fs::path& path, const std::string& url) {
  nlohmann::ordered_json json;
  json["format"] = kPlatformFormat;
  json["store"] = url;
  json["created_at"] = SystemClock::Get().Now().ToChinaIso();
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << json.dump(2) << "\n";
    out.close();
    if (!out) return Status::IOError("cannot write '" + tmp.string() + "'");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::IOError("cannot write '" + path.string() + "': " + ec.message());
  return Status::OK();
}

}  // namespace

Result<std::string> InitPlatform(const std::string& data, const std::string& store_url) {
  const InitArgs args{data, store_url};
  const fs::path dir(args.data);
  std::error_code ec;
  const bool existed = fs::exists(dir, ec);
  if (existed && !fs::is_directory(dir, ec)) {
    return Status::FailedPrecondition("'" + args.data + "' exists and is not a directory");
  }
  if (!existed) {
    fs::create_directories(dir, ec);
    if (ec) return Status::FailedPrecondition("cannot create '" + args.data + "': " + ec.message());
  }
  if (access(dir.c_str(), W_OK | X_OK) != 0) {
    return Status::FailedPrecondition("'" + args.data + "' is not writable");
  }

  const fs::path platform = dir / "platform.json";
  std::optional<std::string> recorded;
  if (fs::exists(platform, ec)) {
    auto url = ReadPlatform(platform);
    if (!url.ok()) return Status::FailedPrecondition(url.status().message());
    recorded = *url;
  }
  std::string url;
  if (!args.store.empty()) {
    url = NormaliseUrl(args.store);
    if (recorded && url != *recorded) {
      return Status::FailedPrecondition("'" + args.data + "' was initialised with store " +
                                        *recorded + ", not " + url);
    }
  } else {
    url = recorded ? *recorded : NormaliseUrl("sqlite:" + (dir / "gongxin.db").string());
  }
  if (recorded) {
    auto file = SqliteFile(url);
    if (file && !fs::exists(*file, ec)) {
      return Status::FailedPrecondition("the store of '" + args.data +
                                        "' is missing: " + file->string());
    }
  }

  auto store = store::Store::Open(url);
  if (!store.ok()) {
    if (!existed) fs::remove(dir, ec);  // leave no empty folder behind
    return Status::FailedPrecondition(store.status().message());
  }
  RegisterAllMigrations();
  auto ran = (*store)->Migrate();
  if (!ran.ok()) return Status::FailedPrecondition(ran.status().message());
  if (!recorded) {
    Status s = WritePlatform(platform, url);
    if (!s.ok()) return Status::FailedPrecondition(s.message());
    return "initialised " + args.data + " (" + std::string((*store)->backend()) + ", " +
           Plural(*ran, "migration") + ")";
  }
  return "already initialised " + args.data + " (" + std::string((*store)->backend()) + ", " +
         Plural(*ran, "new migration") + ")";
}

void RegisterInitCommand(CLI::App& app, const GlobalOptions& options, int* exit_code) {
  auto args = std::make_shared<InitArgs>();
  CLI::App* init = app.add_subcommand(
      "init",
      "Create a platform's data folder (or bring it up to date): the store, its tables "
      "and platform.json.");
  init->add_option("--data", args->data, "the platform's data folder (created if missing)")
      ->required();
  init->add_option("--store", args->store,
                   "store URL: sqlite:PATH (default: sqlite:DATA/gongxin.db); "
                   "postgres://... is not supported yet");
  init->callback([args, exit_code] {
    auto done = InitPlatform(args->data, args->store);
    if (!done.ok()) {
      *exit_code = Fail(done.status().message());
      return;
    }
    std::cout << *done << "\n";
    *exit_code = 0;
  });
}

}  // namespace gongxin::cli
