// ingest_readers_fuzz_smoke: a deterministic stand-in for the fuzzers that runs
// in every build. Each reader gets a few thousand inputs mutated from the seed
// corpus (fixed seed, so failures reproduce) and must neither crash nor return
// anything outside its bounds (check_result.h). A failing input is written to
// the temp folder for replay with the libFuzzer target.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/fuzz/check_result.h"
#include "ingest/fuzz/xlsx_parts_input.h"
#include "ingest/readers.h"
#include "support/mutator.h"

namespace gongxin::ingest::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Seeds(const std::string& dir) {
  return gongxin::testing::ReadCorpus(std::string(GONGXIN_INGEST_CORPUS_DIR) + "/" + dir);
}

// Bytes that matter to the readers' grammars.
const char* const kTokens[] = {"\"",
                               ",",
                               "\n",
                               "\r\n",
                               "\r",
                               "\"\"",
                               "{",
                               "}",
                               "[",
                               ":",
                               "\\",
                               "\\u",
                               "\xFF",
                               "\x80",
                               "\xE4\xB8",
                               "\x00",
                               "\xEF\xBB\xBF",
                               "<",
                               ">",
                               "</c>",
                               "</row>",
                               "<row>",
                               "<c t=\"s\"><v>",
                               "_x000D_",
                               "&amp;",
                               "\x84\x31\x95\x33",
                               "\x81\x30",
                               "null",
                               "1e999",
                               "-",
                               "0"};

using Reader = std::function<Result<ReadResult>(std::string_view, const ReaderLimits&)>;

void RunCorpus(const std::string& corpus, int iterations, uint32_t seed, Lines lines,
               const Reader& read) {
  const std::vector<std::string> seeds = Seeds(corpus);
  ASSERT_FALSE(seeds.empty()) << corpus;
  gongxin::testing::Mutator mutator(seed, gongxin::testing::TokenList(kTokens), 8192);
  int failures = 0;
  for (int i = 0; i < iterations + static_cast<int>(seeds.size()); ++i) {
    const std::string input =
        i < static_cast<int>(seeds.size()) ? seeds[static_cast<size_t>(i)] : mutator.Mutate(seeds);
    for (const ReaderLimits& limits : {ReaderLimits{}, SmallLimits()}) {
      const std::string why = CheckResult(read(input, limits), limits, lines, CountLines(input));
      if (!why.empty() && ++failures <= 3) {
        const std::string path =
            (fs::temp_directory_path() / ("ingest-smoke-" + corpus + "-" + std::to_string(i)))
                .string();
        std::ofstream(path, std::ios::binary) << input;
        ADD_FAILURE() << corpus << " input " << i << ": " << why << " (saved to " << path << ")";
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(FuzzSmoke, Csv) {
  for (Encoding e : {Encoding::kAuto, Encoding::kUtf8, Encoding::kGb18030}) {
    RunCorpus("csv", 2000, 1 + static_cast<uint32_t>(e), Lines::kPhysical,
              [e](std::string_view b, const ReaderLimits& l) { return ReadCsv(b, e, l); });
  }
}

TEST(FuzzSmoke, JsonLines) {
  RunCorpus("jsonl", 4000, 7, Lines::kPhysical,
            [](std::string_view b, const ReaderLimits& l) { return ReadJsonLines(b, l); });
}

TEST(FuzzSmoke, XlsxBytes) {
  RunCorpus("xlsx", 2000, 11, Lines::kSheetRows,
            [](std::string_view b, const ReaderLimits& l) { return ReadXlsx(b, l); });
}

TEST(FuzzSmoke, XlsxParts) {
  RunCorpus("xlsx_parts", 3000, 13, Lines::kSheetRows,
            [](std::string_view b, const ReaderLimits& l) {
              return ReadXlsx(PackageFromPartsInput(b), l);
            });
}

}  // namespace
}  // namespace gongxin::ingest::testing
