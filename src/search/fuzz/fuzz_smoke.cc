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
#include "support/mutator.h"

namespace gongxin::search::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Seeds(const std::string& dir) {
  return gongxin::testing::ReadCorpus(std::string(GONGXIN_SEARCH_CORPUS_DIR) + "/" + dir);
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

void RunCorpus(const std::string& corpus, int iterations, uint32_t seed,
               const std::function<std::string(std::string_view)>& check) {
  gongxin::testing::Mutator mutator(seed, gongxin::testing::TokenList(kTokens), 4096);
  gongxin::testing::RunMutations("search-smoke-" + corpus, Seeds(corpus), mutator, iterations,
                                 check);
}

TEST(SearchFuzzSmoke, Search) {
  const Index index = Index::Build(FuzzEntries(GONGXIN_SEARCH_NAMES_CSV));
  ASSERT_GT(index.size(), 250u);
  RunCorpus("query", 6000, 1, [&](std::string_view b) { return CheckSearch(index, b); });
}

TEST(SearchFuzzSmoke, Keys) { RunCorpus("keys", 10000, 2, CheckKeys); }

}  // namespace
}  // namespace gongxin::search::fuzz
