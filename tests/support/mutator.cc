#include "support/mutator.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace gongxin::testing {

std::vector<std::string> ReadCorpus(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> seeds;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    seeds.push_back(ss.str());
  }
  return seeds;
}

std::string Mutator::Mutate(const std::vector<std::string>& seeds) {
  std::string s = seeds[Pick(seeds.size())];
  const size_t steps = 1 + Pick(8);
  for (size_t i = 0; i < steps; ++i) Step(&s, seeds);
  if (s.size() > max_size_) s.resize(max_size_);
  return s;
}

void Mutator::Step(std::string* s, const std::vector<std::string>& seeds) {
  const size_t at = Pick(s->size() + 1);
  switch (Pick(9)) {
    case 0:  // flip a bit
      if (!s->empty()) (*s)[Pick(s->size())] ^= static_cast<char>(1u << Pick(8));
      break;
    case 1:  // random byte
      s->insert(s->begin() + static_cast<ptrdiff_t>(at), static_cast<char>(Pick(256)));
      break;
    case 2:  // delete a run
      s->erase(at, std::min(s->size() - at, Pick(16)));
      break;
    case 3:  // a grammar token
      if (!tokens_.empty()) s->insert(at, tokens_[Pick(tokens_.size())]);
      break;
    case 4: {  // duplicate a chunk
      if (s->empty()) break;
      const size_t from = Pick(s->size());
      s->insert(at, s->substr(from, std::min(s->size() - from, 1 + Pick(64))));
      break;
    }
    case 5: {  // splice another seed
      const std::string& other = seeds[Pick(seeds.size())];
      if (other.empty()) break;
      s->insert(at, other.substr(Pick(other.size()), 1 + Pick(128)));
      break;
    }
    case 6:  // truncate
      s->resize(at);
      break;
    case 7: {  // repeat a byte many times (now and then past the size bounds)
      if (s->empty()) break;
      const char c = (*s)[Pick(s->size())];
      s->insert(at, std::string(1 + Pick(Pick(8) == 0 ? 20000 : 300), c));
      break;
    }
    default: {  // repeat a short chunk many times
      if (s->empty()) break;
      const std::string chunk = s->substr(Pick(s->size()), 1 + Pick(6));
      for (size_t n = 1 + Pick(200); n > 0; --n) s->insert(at, chunk);
      break;
    }
  }
}

void RunMutations(const std::string& name, const std::vector<std::string>& seeds, Mutator& mutator,
                  int iterations, const std::function<std::string(std::string_view)>& check) {
  ASSERT_FALSE(seeds.empty()) << name;
  int failures = 0;
  const int total = iterations + static_cast<int>(seeds.size());
  for (int i = 0; i < total; ++i) {
    const std::string input =
        i < static_cast<int>(seeds.size()) ? seeds[static_cast<size_t>(i)] : mutator.Mutate(seeds);
    const std::string why = check(input);
    if (why.empty() || ++failures > 3) continue;
    const std::string path =
        (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(i))).string();
    std::ofstream(path, std::ios::binary) << input;
    ADD_FAILURE() << name << " input " << i << ": " << why << " (saved to " << path << ")";
  }
  EXPECT_EQ(failures, 0) << name;
}

}  // namespace gongxin::testing
