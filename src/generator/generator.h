// The synthetic data generator (`gongxin gen`): a made-up Guangdong with subjects of
// every kind and the records departments would hand in for them, one file per class
// of the catalog. No real data may be shipped; this is what tests, benchmarks and the
// demo run on.
//
// Output folder:
//   <class>.csv           UTF-8, header = the catalog's field codes (RFC 4180 quoting);
//                         with Encoding::kGbk GB18030 bytes and the fields' Chinese
//                         names (names.zh) as header
//   <class>.jsonl         one JSON object per line, keys = field codes, empty fields
//                         left out (always UTF-8)
//   subjects.csv          every subject: the truth tests and search relevance use
//   sources.csv           class,source_uscc,source_name: the submitting department
//   dirty_manifest.csv    class,line,kind,field: every injected error (only if dirty > 0);
//                         `line` is the line of <class>.csv (header = line 1); the same
//                         record is on line - 1 of <class>.jsonl
//
// Determinism: the output depends only on the catalog and the options other than
// `threads` and `progress`. Subjects are generated in chunks of kChunkSubjects, each
// from its own random stream, and written in chunk order. Injected errors come from a
// second stream per chunk, so the untouched records of a dirty run are the clean run's.
//
// Everything is invented: names, codes (valid check characters, Guangdong divisions),
// people, dates, amounts. The government bodies of the roster (provincial departments,
// each city's departments, each county's market regulator and court) decide and submit
// the records; sources.csv names one submitting department per class file.
//
// UNSURE (plausible, not authoritative): rates per class and kind of subject; the
// article and item numbers of the legal bases (written as we know the laws, not checked
// against the official texts); the document-number formats (穗市监罚〔2024〕123号,
// JY/SC licence numbers, （2024）粤0106执1234号); CF_YXQ set equal to CF_GSJZQ (the
// departments' meaning of 处罚有效期 varies); publicity ends of 1 year (3 for severe
// penalties, 3 months for minor ones from 2026-04-01); the sources chosen per class.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "core/result.h"

namespace gongxin::generator {

inline constexpr uint64_t kChunkSubjects = 4096;

enum class Encoding { kUtf8, kGbk };

struct Options {
  std::string out_dir;
  uint64_t subjects = 10000;  // rows of subjects.csv, the government bodies included
  uint64_t seed = 1;
  Date as_of = Date::FromYmd(2026, 11, 1).value();
  Encoding encoding = Encoding::kUtf8;
  bool csv = true;
  bool jsonl = false;
  double dirty = 0;  // probability that a record carries one injected error
  // Only this class's file (a class id of the catalog, e.g. "penalty"); empty: every
  // class. With `only`, subjects.csv is not written and sources.csv lists that class.
  std::string only;
  // With `only`: exactly this many records (0: as many as `subjects` yield). The
  // population is then scaled to the records: subjects are made in chunk order, as
  // in a full run, until the class has `records` rows (`subjects` is ignored); the
  // summary's `subjects` is the population drawn. Deterministic like everything else.
  uint64_t records = 0;
  int threads = 0;  // 0: the hardware's
  // Called from the writing thread after each chunk: (subjects written, total).
  std::function<void(uint64_t, uint64_t)> progress;
};

struct Summary {
  uint64_t subjects = 0;
  uint64_t government_bodies = 0;
  // Rows per class file, in catalog order.
  std::vector<std::pair<std::string, uint64_t>> rows;
  uint64_t dirty_rows = 0;  // manifest entries
  // Classes of the catalog the generator has no generator for.
  std::vector<std::string> skipped;
  // Fields filled with a placeholder because the generator does not know them
  // ("class.FIELD"); empty when the generator and the catalog agree.
  std::vector<std::string> placeholder_fields;

  // {"subjects":N,"government_bodies":G,"files":{"penalty":123,...},...}
  std::string ToJson() const;
};

// The number of government bodies the run creates (they are part of `subjects`).
uint64_t GovernmentBodyCount(const catalog::Catalog& catalog);

// Writes the files into options.out_dir (created if missing). Fails with
// kInvalidArgument on bad options (fewer subjects than government bodies, dirty
// outside [0, 1], no format, `only` not a class the generator knows, `records`
// without `only`) and kIOError when a file cannot be written.
Result<Summary> Generate(const catalog::Catalog& catalog, const Options& options);

}  // namespace gongxin::generator
