// The problems found while loading a catalog, each naming the file, the line and
// the class, code table or field it concerns. Internal to the loader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace gongxin::catalog {

// Where a problem is: a file (shown relative to the catalog folder's parent, e.g.
// "catalog/classes/penalty.yaml"), a 1-based line (0 = unknown) and the nested
// scopes it is in, each in English and Chinese ("class penalty" / "信息类 penalty").
struct Site {
  struct Scope {
    std::string en;
    std::string zh;
  };
  std::string file;
  int line = 0;
  std::vector<Scope> scopes;

  // A copy with one more scope.
  Site In(std::string en, std::string zh) const;
  // A copy pointing at another line (kept if `line_number` is 0).
  Site At(int line_number) const;
};

// Collects problems in the order they are found.
class LoadErrors {
 public:
  // Adds "<file>:<line>: <scopes>: <message>" in both languages.
  void Add(const Site& site, std::string_view en, std::string_view zh);
  bool empty() const { return en_.empty(); }
  size_t size() const { return en_.size(); }

  // Corruption status whose messages are the problems, one per line; at most
  // kMaxShown are listed, then "... and N more".
  // Precondition: !empty().
  Status ToStatus() const;

  static constexpr size_t kMaxShown = 50;

 private:
  std::vector<std::string> en_;
  std::vector<std::string> zh_;
};

// The candidate closest to `word` by edit distance (transpositions count once),
// if it is close enough to be a likely typo; "" otherwise.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c"
std::string JoinList(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace gongxin::catalog
