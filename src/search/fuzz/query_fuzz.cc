// libFuzzer target: Index::Search on a small index (the golden names plus a few), then
// ToJson. The first input byte picks limit and natural persons, the rest is the query.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "search/fuzz/checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongxin::search;
  static const Index* index = new Index(Index::Build(fuzz::FuzzEntries(GONGXIN_SEARCH_NAMES_CSV)));
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  fuzz::DieIf(fuzz::CheckSearch(*index, bytes));
  return 0;
}
