// search_fuzz_smoke: a deterministic stand-in for the fuzzers that runs in every build.
// Index::Search on a small index and NameKey/CodeKey get thousands of queries mutated from
// the seed corpus (fixed seed, so failures reproduce) and must keep the invariants of
// checks.h. A failing input is written to the temp folder for replay with the libFuzzer
// target.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "search/fuzz/checks.h"
#include "search/search.h"

namespace gongxin::search::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Seeds(const std::string& dir) {
  std::vector<fs::path> paths;
  for (const auto& entry :
       fs::directory_iterator(std::string(GONGXIN_SEARCH_CORPUS_DIR) + "/" + dir)) {
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

// Bytes that matter to normalisation: white space of every width, brackets, full-width and
// traditional forms, broken and overlong UTF-8, surrogates, combining marks.
const char* const kTokens[] = {" ",
                               "\t",
                               "\xE3\x80\x80",  // U+3000
                               "\xC2\xA0",      // NBSP
                               "\xE2\x80\x8B",  // zero-width space
                               "(",
                               ")",
                               "\xEF\xBC\x88",  // （
                               "【",
                               "〔",
                               "[",
                               "{",
                               "\xEF\xBC\xA1",  // Ａ
                               "騰訊",
                               "腾讯",
                               "有限公司",
                               "深圳",
                               "\xCC\x81",      // combining acute
                               "\xEF\xAC\x81",  // ﬁ
                               "\xE2\x91\xA0",  // ①
                               "\xFF",
                               "\x80",
                               "\xC0\xAF",
                               "\xED\xA0\x80",
                               "\xF4\x90\x80\x80",
                               "\xE8\x85",
                               "\x00",
                               "\xEF\xBB\xBF",
                               "\xF0\x9F\x98\x80",  // emoji
                               "\xF0\xA0\x80\x80",  // CJK extension B
                               "91440300MA5ABCDE1X",
                               "440101000000001",
                               "a"};

class Mutator {
 public:
  explicit Mutator(uint32_t seed) : rng_(seed) {}

  std::string Mutate(const std::vector<std::string>& seeds) {
    std::string s = seeds[Pick(seeds.size())];
    const size_t steps = 1 + Pick(8);
    for (size_t i = 0; i < steps; ++i) Step(&s, seeds);
    if (s.size() > 4096) s.resize(4096);
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
        const size_t n = std::min(s->size() - at, Pick(16));
        s->erase(at, n);
        break;
      }
      case 3: {  // a token
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
      default: {  // repeat a chunk many times
        if (s->empty()) break;
        const size_t from = Pick(s->size());
        const std::string chunk = s->substr(from, 1 + Pick(6));
        for (size_t n = 1 + Pick(200); n > 0; --n) s->insert(at, chunk);
        break;
      }
    }
  }

  std::mt19937 rng_;
};

void RunCorpus(const std::string& corpus, int iterations, uint32_t seed,
               const std::function<std::string(std::string_view)>& check) {
  const std::vector<std::string> seeds = Seeds(corpus);
  ASSERT_FALSE(seeds.empty()) << corpus;
  Mutator mutator(seed);
  int failures = 0;
  for (int i = 0; i < iterations + static_cast<int>(seeds.size()); ++i) {
    const std::string input =
        i < static_cast<int>(seeds.size()) ? seeds[static_cast<size_t>(i)] : mutator.Mutate(seeds);
    const std::string why = check(input);
    if (!why.empty() && ++failures <= 3) {
      const std::string path =
          (fs::temp_directory_path() / ("search-smoke-" + corpus + "-" + std::to_string(i)))
              .string();
      std::ofstream(path, std::ios::binary) << input;
      ADD_FAILURE() << corpus << " input " << i << ": " << why << " (saved to " << path << ")";
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(SearchFuzzSmoke, Search) {
  const Index index = Index::Build(FuzzEntries(GONGXIN_SEARCH_NAMES_CSV));
  ASSERT_GT(index.size(), 250u);
  RunCorpus("query", 6000, 1, [&](std::string_view b) { return CheckSearch(index, b); });
}

TEST(SearchFuzzSmoke, Keys) { RunCorpus("keys", 10000, 2, CheckKeys); }

}  // namespace
}  // namespace gongxin::search::fuzz
