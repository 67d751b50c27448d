// Deterministic byte-level mutations for the always-built fuzz smoke tests (the
// libFuzzer targets explore far more; these keep a few thousand cases in every ctest run).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace gongxin::testing {

// The files of a seed corpus folder, in name order (directory order is not stable).
std::vector<std::string> ReadCorpus(const std::string& dir);

// Tokens as written in a `const char*` table: "" stands for one NUL byte.
template <size_t N>
std::vector<std::string> TokenList(const char* const (&table)[N]) {
  std::vector<std::string> out;
  for (const char* t : table) out.push_back(t[0] == '\0' ? std::string(1, '\0') : t);
  return out;
}

class Mutator {
 public:
  // `tokens`: byte strings that matter to the grammar under test, inserted at random.
  // Results are cut to `max_size` bytes.
  Mutator(uint32_t seed, std::vector<std::string> tokens, size_t max_size = 8192)
      : rng_(seed), tokens_(std::move(tokens)), max_size_(max_size) {}

  // One of `seeds` (non-empty), changed by 1 to 8 steps: bit flips, random bytes, deleted
  // runs, tokens, duplicated chunks, pieces of other seeds, truncation, long repeats.
  std::string Mutate(const std::vector<std::string>& seeds);

  // A uniform number in [0, n); 0 if n == 0.
  size_t Pick(size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
  }

 private:
  void Step(std::string* s, const std::vector<std::string>& seeds);

  std::mt19937 rng_;
  std::vector<std::string> tokens_;
  size_t max_size_;
};

// Runs `check` on every seed, then on `iterations` mutations of them; `check` answers
// "" for a good result, else why it is wrong. Each failure is a test failure; the first
// three failing inputs are saved as <temp folder>/<name>-<i> to replay.
void RunMutations(const std::string& name, const std::vector<std::string>& seeds, Mutator& mutator,
                  int iterations, const std::function<std::string(std::string_view)>& check);

}  // namespace gongxin::testing
