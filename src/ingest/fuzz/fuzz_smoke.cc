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

namespace gongxin::ingest::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Seeds(const std::string& dir) {
  std::vector<fs::path> paths;
  for (const auto& entry :
       fs::directory_iterator(std::string(GONGXIN_INGEST_CORPUS_DIR) + "/" + dir)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());  // directory order is not stable
  std::vector<std::string> seeds;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    seeds.push_back(ss.str());
  }
  return seeds;
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

class Mutator {
 public:
  explicit Mutator(uint32_t seed) : rng_(seed) {}

  std::string Mutate(const std::vector<std::string>& seeds) {
    std::string s = seeds[Pick(seeds.size())];
    const size_t steps = 1 + Pick(8);
    for (size_t i = 0; i < steps; ++i) Step(&s, seeds);
    if (s.size() > 8192) s.resize(8192);
    return s;
  }

 private:
  size_t Pick(size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
  }

  void Step(std::string* s, const std::vector<std::string>& seeds) {
    const size_t at = Pick(s->size() + 1);
    switch (Pick(8)) {
      case 0:  // flip a bit
        if (!s->empty()) (*s)[Pick(s->size())] ^= static_cast<char>(1u << Pick(8));
        break;
      case 1:  // random byte
        s->insert(s->begin() + static_cast<ptrdiff_t>(at), static_cast<char>(Pick(256)));
        break;
      case 2: {  // delete a run
        const size_t n = std::min(s->size() - std::min(at, s->size()), Pick(16));
        s->erase(std::min(at, s->size()), n);
        break;
      }
      case 3: {  // a grammar token
        const char* t = kTokens[Pick(std::size(kTokens))];
        s->insert(at, t[0] == '\0' ? std::string(1, '\0') : std::string(t));
        break;
      }
      case 4: {  // duplicate a chunk
        if (s->empty()) break;
        const size_t from = Pick(s->size());
        const size_t n = std::min(s->size() - from, 1 + Pick(64));
        s->insert(at, s->substr(from, n));
        break;
      }
      case 5: {  // splice another seed
        const std::string& other = seeds[Pick(seeds.size())];
        if (other.empty()) break;
        const size_t from = Pick(other.size());
        s->insert(at, other.substr(from, 1 + Pick(128)));
        break;
      }
      case 6:  // truncate
        s->resize(at);
        break;
      default: {  // repeat a byte many times
        if (s->empty()) break;
        const char c = (*s)[Pick(s->size())];
        s->insert(at, std::string(1 + Pick(300), c));
        break;
      }
    }
  }

  std::mt19937 rng_;
};

using Reader = std::function<Result<ReadResult>(std::string_view, const ReaderLimits&)>;

void RunCorpus(const std::string& corpus, int iterations, uint32_t seed, Lines lines,
               const Reader& read) {
  const std::vector<std::string> seeds = Seeds(corpus);
  ASSERT_FALSE(seeds.empty()) << corpus;
  Mutator mutator(seed);
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
