// The search capability's door: find subjects (信用主体) by name, former name or code.
//
// Behind GET /api/v1/search?q=...&limit=... (the route lives in http/; this library
// gives the index and the JSON it answers with).
//
// What a query finds:
//   * codes: a query that, upper-cased and stripped of white space, consists of 6 or
//     more ASCII letters and digits is first looked up exactly (hash) among subject
//     codes (uscc, ID number, other certificate) and other codes (registration number
//     注册号, old organisation code). If that finds a subject, only code hits are
//     returned (even if the natural-person filter then hides them all, so an ID
//     number never leads to a person by any other route). Otherwise the query is
//     searched as a name.
//   * names: current and former names, compared on their name key (text::NormalizeName:
//     NFKC, full-width and brackets folded, all white space removed, upper case,
//     traditional -> simplified). So "騰訊科技（深圳）有限公司", "腾讯科技(深圳)有限公司"
//     and "腾讯 科技" all find 腾讯科技（深圳）有限公司. Queries of one or two
//     characters work.
//
// Ranking (Hit::score, higher first; ties by shorter name, then code):
//   code or registration number, exact         5.0
//   name exact                                 4.5 .. 4.9   (former name: 0.5 less)
//   name prefix                                3.5 .. 3.9   (former name: 0.5 less)
//   name substring (the whole query in order)  2.5 .. 2.9   (former name: 0.5 less)
//   partial (query parts in any order)         0   .. 1.9   by the share of the query's
//       IDF mass found (character bigrams weighted by rarity, so a brand such as 腾讯
//       outweighs 有限公司 or 深圳市); more than half of the mass must be found, in
//       runs of 2+ characters that do not overlap.
// Within a tier the fraction grows with query length / name length (a tighter match).
// White space in a query separates parts: "腾讯 深圳" finds 腾讯科技（深圳）有限公司
// as a partial match with terms ["腾讯", "深圳"].
//
// Natural persons (kind "natural_person") are indexed but returned only when
// Options::include_natural_persons is set: the public must not find people.
//
// Cost: candidates come from an inverted index of character bigrams, rarest first,
// touching at most ~200k postings and verifying at most ~1000 names per query (the
// ones with the most enumerated bigram weight, shorter names first), so every query
// is bounded. Measured at 1M subjects (bench/search.sh, 2-core machine, load ~1.2):
// p50 0.13 ms, p99 2.0 ms, max 6.3 ms. Results::total is EXACT
// unless Results::total_is_lower_bound is set, which happens only when that work
// was capped (very common query parts such as 有限公司 or a city name); it is then a
// lower bound: the subjects verified to match plus unverified candidates that hold
// every query bigram.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "core/status.h"
#include "store/store.h"

namespace gongxin::search {

// One subject as the index sees it.
struct Entry {
  int64_t subject_id = 0;
  std::string code;  // uscc / id number / other certificate number
  std::string name;  // registered name
  std::vector<std::string> former_names;
  std::string kind;  // archive's Subject::kind: "enterprise", "natural_person"...
  std::vector<std::string>
      other_codes;  // registration number (注册号), old org code...: exact match
};

// What made a hit a hit.
struct Matched {
  std::string field;  // "name" | "former_name" | "code" | "registration_number" (any other code)
  std::string value;  // the matched name or code as stored
  std::string how;    // "exact" | "prefix" | "substring" | "partial"
  std::vector<std::string> terms;  // the query parts found in value (name-key form)
};

struct Hit {
  int64_t subject_id = 0;
  std::string code, name, kind;  // the subject's current code, name and kind
  double score = 0;              // see the ranking table above
  Matched matched;
};

struct Results {
  int64_t total = 0;  // matching subjects: exact, or a lower bound (see below)
  bool total_is_lower_bound = false;
  std::vector<Hit> items;        // best first, at most Options::limit
  std::string normalized_query;  // the query's name key (or code form for a code hit)
};

struct Options {
  int limit = 10;  // clamped to 1..100
  bool include_natural_persons = false;
};

// The in-memory index. Thread-safe: any number of concurrent Search calls, and
// Upsert may run concurrently with them (an internal shared mutex; Upsert waits for
// readers). Movable, not copyable; a moved-from Index must not be used.
class Index {
 public:
  Index();
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Builds the index of `entries` (a later entry with the same subject_id replaces an
  // earlier one). Name keys are computed on all cores. Measured: 1.3 s per million
  // entries on a 2-core machine (load ~1.2).
  static Index Build(std::vector<Entry> entries);
  // Adds `e`, or replaces the subject with the same subject_id (renames, new codes,
  // kind changes): the old names and codes no longer find it unless `e` keeps them
  // (a rename normally lists the old name among former_names).
  void Upsert(const Entry& e);
  // Searches; an empty query (after normalisation) gives no items and total 0.
  Results Search(std::string_view query, const Options& options = {}) const;
  // Number of subjects indexed (natural persons included).
  size_t size() const;
  // Approximate heap bytes held by the index (for benchmarks and statistics).
  size_t memory_bytes() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The search key of a name: text::NormalizeName, with a fast path for the common
// case (CJK and ASCII only) that skips the OpenCC conversion when no character can
// change under it. Always equal to text::NormalizeName(name).
std::string NameKey(std::string_view name);

// The form of a query as a code: NFKC, white space removed, ASCII upper-cased.
std::string CodeKey(std::string_view code);

// The whole index from the archive (every subject, former names, and the other
// codes in its registration facts: DJ_GSZCH registration number, DJ_ZZJGDM
// organisation code).
Result<Index> LoadFromArchive(store::Store& store);
// Upserts every subject created or updated at or after `changed_since`.
Status RefreshFromArchive(store::Store& store, Instant changed_since, Index& index);

// {"query":..,"total":..,"total_is_lower_bound":..,"items":[{"code","name","type",
//  "score","matched":{"field","value","how","terms"}}]} where "query" is the
// normalised query, "type" the subject kind and score is rounded to 3 decimals.
std::string ToJson(const Results& r);

}  // namespace gongxin::search
