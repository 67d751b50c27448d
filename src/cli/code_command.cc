// gongxin code: check and generate 统一社会信用代码 (uscc) and 居民身份证号码 (id_number).
//
//   gongxin code check [--json] CODE...
//   gongxin code gen --prefix 91 --division 440300 [--count N] [--seed S]
//   gongxin code gen --id --division 440106 --birth 1990-01-01 [--count N] [--seed S]
//
// Exit codes: 0 when every code checked is valid (or generation succeeded), 1 when a
// checked code is invalid, 2 when the arguments or the catalog are wrong.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/clock.h"
#include "core/code_tables.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/result.h"
#include "core/uscc.h"

namespace gongxin::cli {
namespace {

constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + path, "无法读取 " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Loads <catalog>/codes/divisions.csv and <catalog>/codes/uscc_prefixes.csv.
Result<CodeTables> LoadCodeTables(const std::string& catalog_dir) {
  CodeTables tables;
  const std::string divisions_path = catalog_dir + "/codes/divisions.csv";
  GX_ASSIGN_OR_RETURN(std::string divisions_text, ReadWholeFile(divisions_path));
  auto divisions = DivisionTable::ParseCsv(divisions_text);
  if (!divisions.ok()) return divisions.status().WithContext(divisions_path);
  tables.divisions = std::move(divisions).value();

  const std::string prefixes_path = catalog_dir + "/codes/uscc_prefixes.csv";
  GX_ASSIGN_OR_RETURN(std::string prefixes_text, ReadWholeFile(prefixes_path));
  auto prefixes = UsccPrefixTable::ParseCsv(prefixes_text);
  if (!prefixes.ok()) return prefixes.status().WithContext(prefixes_path);
  tables.uscc_prefixes = std::move(prefixes).value();
  return tables;
}

// How a code was judged: as the kind it is valid as, else as the kind that got further.
struct Judgement {
  bool valid = false;
  std::string kind;   // "uscc" or "id_number"
  std::string error;  // error name; empty iff valid
  std::string reason_en, reason_zh;
  std::optional<bool> org_code_ok;  // uscc only
  bool division_known = false;
};

// Number of checks passed, in the order each standard's Check() runs them.
int ChecksPassed(uscc::UsccError e) {
  switch (e) {
    case uscc::UsccError::kLength:
      return 0;
    case uscc::UsccError::kCharset:
      return 1;
    case uscc::UsccError::kPrefix:
      return 2;
    case uscc::UsccError::kDivision:
      return 3;
    case uscc::UsccError::kCheckCharacter:
      return 4;
    case uscc::UsccError::kNone:
      return 5;
  }
  return 0;
}
int ChecksPassed(id_number::IdError e) {
  switch (e) {
    case id_number::IdError::kLength:
      return 0;
    case id_number::IdError::kCharset:
      return 1;
    case id_number::IdError::kDivision:
      return 2;
    case id_number::IdError::kBirthDate:
      return 3;
    case id_number::IdError::kFutureBirthDate:
      return 4;
    case id_number::IdError::kCheckDigit:
      return 5;
    case id_number::IdError::kNone:
      return 6;
  }
  return 0;
}

// True iff `code` has the shape of an 18-character ID number: 17 digits, then a
// digit or X.
bool HasIdNumberShape(const std::string& code) {
  if (code.size() != 18) return false;
  for (size_t i = 0; i < 18; ++i) {
    const char c = code[i];
    if (!(c >= '0' && c <= '9') && !(i == 17 && c == 'X')) return false;
  }
  return true;
}

// A code valid as a uscc is a uscc; else one valid as an id_number is an id_number;
// else the failure reported is that of the kind that passed more checks. Ties go to
// id_number when the code has its shape (17 digits and a digit or X), else to uscc.
Judgement Judge(const std::string& code, const CodeTables& tables, Date today) {
  const uscc::UsccVerdict u = uscc::Check(code, tables);
  const id_number::IdVerdict id = id_number::Check(code, tables, today);
  Judgement j;
  const int u_passed = ChecksPassed(u.error), id_passed = ChecksPassed(id.error);
  const bool as_uscc =
      u.valid() ||
      (!id.valid() && (u_passed > id_passed || (u_passed == id_passed && !HasIdNumberShape(code))));
  if (as_uscc) {
    j.valid = u.valid();
    j.kind = "uscc";
    if (!u.valid()) j.error = uscc::ErrorName(u.error);
    j.reason_en = u.reason_en;
    j.reason_zh = u.reason_zh;
    j.org_code_ok = u.org_code_ok;
    j.division_known = u.division_known;
  } else {
    j.valid = id.valid();
    j.kind = "id_number";
    if (!id.valid()) j.error = id_number::ErrorName(id.error);
    j.reason_en = id.reason_en;
    j.reason_zh = id.reason_zh;
    j.division_known = id.division_known;
  }
  return j;
}

struct CheckArgs {
  std::vector<std::string> codes;
  bool json = false;
};

int RunCheck(const CheckArgs& args, const GlobalOptions& options) {
  auto tables = LoadCodeTables(ResolveCatalogDir(options));
  if (!tables.ok()) {
    std::cerr << "gongxin code check: " << tables.status().ToString() << "\n";
    return kExitUsage;
  }
  const Date today = SystemClock::Get().Today();
  bool all_valid = true;
  for (const std::string& code : args.codes) {
    const Judgement j = Judge(code, *tables, today);
    all_valid = all_valid && j.valid;
    if (args.json) {
      nlohmann::ordered_json out;
      out["code"] = code;
      out["valid"] = j.valid;
      out["kind"] = j.kind;
      out["error"] = j.valid ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(j.error);
      out["reason_en"] = j.reason_en;
      out["reason_zh"] = j.reason_zh;
      out["org_code_ok"] =
          j.org_code_ok ? nlohmann::ordered_json(*j.org_code_ok) : nlohmann::ordered_json(nullptr);
      out["division_known"] = j.division_known;
      // Replace, not throw, on input that is not UTF-8.
      std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else if (j.valid) {
      std::cout << code << "\tvalid\t" << j.kind << "\n";
    } else {
      std::cout << code << "\tinvalid\t" << j.kind << ": " << j.reason_en << "\n";
    }
  }
  std::cout.flush();
  return all_valid ? 0 : kExitInvalid;
}

struct GenArgs {
  bool id = false;
  std::string prefix;
  std::string division;
  std::string birth;
  int count = 1;
  uint64_t seed = 0;
};

// SplitMix64: spreads seeds so that nearby seeds start far apart.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

int RunGenUscc(const GenArgs& args, const CodeTables& tables) {
  if (args.prefix.empty()) {
    std::cerr << "gongxin code gen: --prefix is required (or --id for id numbers)\n";
    return kExitUsage;
  }
  if (tables.uscc_prefixes.Find(args.prefix) == nullptr) {
    std::cerr << "gongxin code gen: unknown prefix '" << args.prefix
              << "' (see codes/uscc_prefixes.csv)\n";
    return kExitUsage;
  }
  if (args.division.size() != 6 ||
      args.division.find_first_not_of("0123456789") != std::string::npos) {
    std::cerr << "gongxin code gen: --division must be 6 digits, got '" << args.division << "'\n";
    return kExitUsage;
  }
  // Consecutive serials from a seed-dependent start: distinct codes (Generate is
  // injective below 31^6 > 10^8 + 10^6).
  const uint64_t start = Mix(args.seed) % 100000000ull;
  for (int i = 0; i < args.count; ++i) {
    const std::string code = uscc::Generate(args.prefix, args.division, start + i);
    const uscc::UsccVerdict v = uscc::Check(code, tables);
    if (!v.valid()) {
      std::cerr << "gongxin code gen: " << code << " would be invalid: " << v.reason_en << "\n";
      return kExitUsage;
    }
    std::cout << code << "\n";
  }
  return 0;
}

int RunGenId(const GenArgs& args, const CodeTables& tables) {
  if (!args.prefix.empty()) {
    std::cerr << "gongxin code gen: --prefix is for uscc codes, not with --id\n";
    return kExitUsage;
  }
  if (args.division.size() != 6 ||
      args.division.find_first_not_of("0123456789") != std::string::npos) {
    std::cerr << "gongxin code gen: --division must be 6 digits, got '" << args.division << "'\n";
    return kExitUsage;
  }
  if (args.birth.empty()) {
    std::cerr << "gongxin code gen: --birth is required with --id\n";
    return kExitUsage;
  }
  auto birth = Date::Parse(args.birth);
  if (!birth.ok()) {
    std::cerr << "gongxin code gen: --birth: " << birth.status().message() << "\n";
    return kExitUsage;
  }
  if (birth->year() < id_number::kEarliestBirthYear) {
    std::cerr << "gongxin code gen: --birth must not be before " << id_number::kEarliestBirthYear
              << "-01-01\n";
    return kExitUsage;
  }
  if (args.count > 1000) {
    std::cerr << "gongxin code gen: at most 1000 id numbers share a division and birth date\n";
    return kExitUsage;
  }
  const Date today = SystemClock::Get().Today();
  const int start = static_cast<int>(args.seed % 1000);
  for (int i = 0; i < args.count; ++i) {
    const std::string id = id_number::Generate(args.division, *birth, (start + i) % 1000);
    const id_number::IdVerdict v = id_number::Check(id, tables, today);
    if (!v.valid()) {
      std::cerr << "gongxin code gen: " << id << " would be invalid: " << v.reason_en << "\n";
      return kExitUsage;
    }
    std::cout << id << "\n";
  }
  return 0;
}

int RunGen(const GenArgs& args, const GlobalOptions& options) {
  auto tables = LoadCodeTables(ResolveCatalogDir(options));
  if (!tables.ok()) {
    std::cerr << "gongxin code gen: " << tables.status().ToString() << "\n";
    return kExitUsage;
  }
  const int rc = args.id ? RunGenId(args, *tables) : RunGenUscc(args, *tables);
  std::cout.flush();
  return rc;
}

}  // namespace

void RegisterCodeCommand(CLI::App& app, const GlobalOptions& options, int* exit_code) {
  CLI::App* code = app.add_subcommand(
      "code", "check and generate 统一社会信用代码 (GB 32100) and 身份证号码 (GB 11643)");
  code->require_subcommand(1);

  auto check_args = std::make_shared<CheckArgs>();
  CLI::App* check =
      code->add_subcommand("check",
                           "check codes: one line per code, 'CODE<TAB>valid<TAB>uscc|id_number' or "
                           "'CODE<TAB>invalid<TAB>kind: reason'; exit 0 iff all are valid");
  check->add_flag("--json", check_args->json,
                  "one JSON object per line: code, valid, kind, error, reason_en, reason_zh, "
                  "org_code_ok, division_known");
  check->add_option("codes", check_args->codes, "uscc codes or 18-digit id numbers")->required();
  check->callback(
      [check_args, &options, exit_code] { *exit_code = RunCheck(*check_args, options); });

  auto gen_args = std::make_shared<GenArgs>();
  CLI::App* gen =
      code->add_subcommand("gen", "print valid test codes: uscc by default, id numbers with --id");
  gen->add_flag("--id", gen_args->id, "generate id numbers instead of uscc codes");
  gen->add_option("--prefix", gen_args->prefix, "uscc prefix (positions 1-2), e.g. 91");
  gen->add_option("--division", gen_args->division, "6-digit division, e.g. 440300")->required();
  gen->add_option("--birth", gen_args->birth, "birth date for --id, e.g. 1990-01-01");
  gen->add_option("--count", gen_args->count, "how many codes (default 1)")
      ->check(CLI::Range(1, 1000000));
  gen->add_option("--seed", gen_args->seed, "start of the deterministic sequence (default 0)");
  gen->callback([gen_args, &options, exit_code] { *exit_code = RunGen(*gen_args, options); });
}

}  // namespace gongxin::cli
