// The search index: display names and codes stored once in an arena, name keys as
// pre-decoded code points, a character-bigram inverted index (CSR arrays built once,
// plus an ordered delta for upserts), and hash tables for exact names, codes and
// subject ids.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "search/search.h"
#include "search/search_internal.h"

namespace gongxin::search {
namespace {

constexpr char32_t kEnd = 0x1FFFFF;  // the gram (last character, kEnd) ends every name
constexpr uint64_t kGramLow = 0x1FFFFF;
uint64_t Gram(char32_t a, char32_t b) { return (uint64_t{a} << 21) | b; }

// Work bounds per query (see search.h).
constexpr size_t kPostingBudget = 200000;
constexpr size_t kVerifyBudget = 1000;
constexpr double kPartialMinCoverage = 0.5;

enum SlotFlag : uint8_t { kFormer = 1, kPerson = 2, kDead = 4 };
enum CodeField : uint8_t { kCodeField = 0, kOtherCodeField = 1 };

uint64_t Hash(std::string_view s) {
  // FNV-1a with a final mix: stable, fast for short keys.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

// The hash of a name key (code points).
uint64_t Hash(std::u32string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char32_t c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

// The distinct grams of a name key (sorted).
void GramsOf(std::u32string_view cps, std::vector<uint64_t>* grams) {
  grams->clear();
  if (cps.empty()) return;
  for (size_t i = 0; i + 1 < cps.size(); ++i) grams->push_back(Gram(cps[i], cps[i + 1]));
  grams->push_back(Gram(cps.back(), kEnd));
  std::sort(grams->begin(), grams->end());
  grams->erase(std::unique(grams->begin(), grams->end()), grams->end());
}

struct Span {
  const uint32_t* data = nullptr;
  size_t size = 0;
};

// A candidate before verification: what orders it (enumerated weight, then shorter
// key), copied out of the big arrays so that selecting the best is cache friendly.
struct Pre {
  float acc;
  uint16_t len;
  uint32_t slot;
};

// Per-thread buffers reused by every query.
struct Scratch {
  std::vector<float> acc;  // 0 = not a candidate; < 0 = verified (while counting)
  std::vector<uint32_t> touched;
  std::vector<Pre> pre;
  std::vector<uint32_t> verify;
};

}  // namespace

struct Index::Impl {
  struct Slot {
    uint32_t doc = 0;
    uint32_t key_off = 0;  // in keys (code points)
    uint32_t disp_off = 0;
    uint16_t cps = 0;  // code points in the key
    uint16_t disp_len = 0;
  };
  struct Doc {
    int64_t subject_id = 0;
    uint32_t first_slot = 0;
    uint32_t code_off = 0;
    uint32_t other_off = 0;  // other codes joined by '\n'
    uint16_t nslots = 0;
    uint16_t code_len = 0;
    uint16_t other_len = 0;
    uint16_t kind = 0;
    bool alive = true;
  };
  struct CodeRef {
    uint64_t hash;
    uint32_t doc;
    uint8_t field;
    bool operator<(const CodeRef& o) const { return hash < o.hash; }
  };

  mutable std::shared_mutex mu;
  std::string arena;           // display names, codes
  std::vector<char32_t> keys;  // name keys
  std::vector<Slot> slots;
  std::vector<uint8_t> slot_flags;
  std::vector<Doc> docs;
  std::vector<std::string> kinds;
  size_t live_docs = 0;

  // Bigram postings: base (CSR) plus delta (upserts; slot ids above every base one).
  std::vector<uint64_t> gram_keys;
  std::vector<uint32_t> gram_off{0};
  std::vector<uint32_t> postings;
  std::map<uint64_t, std::vector<uint32_t>> delta;

  // Exact name keys -> slot, codes -> doc, subject ids -> doc: sorted base + delta.
  std::vector<std::pair<uint64_t, uint32_t>> name_hash;
  std::unordered_multimap<uint64_t, uint32_t> name_hash_delta;
  std::vector<CodeRef> code_hash;
  std::unordered_multimap<uint64_t, std::pair<uint32_t, uint8_t>> code_hash_delta;
  std::vector<std::pair<int64_t, uint32_t>> subject_docs;
  std::unordered_map<int64_t, uint32_t> subject_docs_delta;

  std::string_view Text(uint32_t off, uint32_t len) const {
    return std::string_view(arena).substr(off, len);
  }
  std::u32string_view Key(const Slot& s) const { return {keys.data() + s.key_off, s.cps}; }
  std::string_view Display(const Slot& s) const { return Text(s.disp_off, s.disp_len); }
  std::string_view Code(const Doc& d) const { return Text(d.code_off, d.code_len); }

  uint32_t Append(std::string_view s) {
    const auto off = static_cast<uint32_t>(arena.size());
    arena.append(s);
    return off;
  }

  uint16_t KindId(const std::string& kind) {
    for (size_t i = 0; i < kinds.size(); ++i)
      if (kinds[i] == kind) return static_cast<uint16_t>(i);
    kinds.push_back(kind);
    return static_cast<uint16_t>(kinds.size() - 1);
  }

  // Appends the doc and its slots (name, then distinct former names); returns its id.
  // key_of(k) gives the key of name k (0: the name, k > 0: former name k - 1).
  template <typename KeyOf>
  uint32_t AddDoc(const Entry& e, KeyOf key_of) {
    Doc d;
    d.subject_id = e.subject_id;
    d.first_slot = static_cast<uint32_t>(slots.size());
    d.code_off = Append(e.code);
    d.code_len = static_cast<uint16_t>(std::min<size_t>(e.code.size(), 0xFFFF));
    std::string others;
    for (const auto& o : e.other_codes) {
      const std::string k = CodeKey(o);
      if (k.empty()) continue;
      if (!others.empty()) others.push_back('\n');
      others += k;
    }
    d.other_off = Append(others);
    d.other_len = static_cast<uint16_t>(std::min<size_t>(others.size(), 0xFFFF));
    d.kind = KindId(e.kind);
    const auto doc = static_cast<uint32_t>(docs.size());
    const uint8_t person = e.kind == "natural_person" ? kPerson : 0;
    auto add_slot = [&](const std::string& display, std::u32string_view key, uint8_t flags) {
      if (key.empty() || key.size() > 0xFFFF || display.size() > 0xFFFF) return;
      for (size_t s = d.first_slot; s < slots.size(); ++s)
        if (Key(slots[s]) == key) return;
      Slot s;
      s.doc = doc;
      s.disp_off = Append(display);
      s.disp_len = static_cast<uint16_t>(display.size());
      s.key_off = static_cast<uint32_t>(keys.size());
      s.cps = static_cast<uint16_t>(key.size());
      keys.insert(keys.end(), key.begin(), key.end());
      slots.push_back(s);
      slot_flags.push_back(flags | person);
    };
    add_slot(e.name, key_of(0), 0);
    for (size_t k = 0; k < e.former_names.size(); ++k)
      add_slot(e.former_names[k], key_of(k + 1), kFormer);
    d.nslots = static_cast<uint16_t>(slots.size() - d.first_slot);
    docs.push_back(d);
    ++live_docs;
    return doc;
  }
  uint32_t AddDoc(const Entry& e) {
    std::vector<char32_t> key;
    return AddDoc(e, [&](size_t k) {
      NameKeyCodePoints(k == 0 ? e.name : e.former_names[k - 1], &key);
      return std::u32string_view(key.data(), key.size());
    });
  }

  std::vector<std::pair<uint64_t, uint8_t>> CodeHashes(const Doc& d) const {
    std::vector<std::pair<uint64_t, uint8_t>> out;
    const std::string code = CodeKey(Code(d));
    if (!code.empty()) out.emplace_back(Hash(code), kCodeField);
    std::string_view others = Text(d.other_off, d.other_len);
    while (!others.empty()) {
      const size_t nl = others.find('\n');
      out.emplace_back(Hash(others.substr(0, nl)), kOtherCodeField);
      others = nl == std::string_view::npos ? std::string_view() : others.substr(nl + 1);
    }
    return out;
  }

  std::optional<uint32_t> FindDoc(int64_t subject_id) const {
    if (auto it = subject_docs_delta.find(subject_id); it != subject_docs_delta.end())
      return it->second;
    auto it = std::lower_bound(subject_docs.begin(), subject_docs.end(),
                               std::make_pair(subject_id, uint32_t{0}));
    if (it != subject_docs.end() && it->first == subject_id) return it->second;
    return std::nullopt;
  }

  Span Base(uint64_t gram) const {
    auto it = std::lower_bound(gram_keys.begin(), gram_keys.end(), gram);
    if (it == gram_keys.end() || *it != gram) return {};
    const size_t g = it - gram_keys.begin();
    return {postings.data() + gram_off[g], gram_off[g + 1] - gram_off[g]};
  }
  Span Delta(uint64_t gram) const {
    auto it = delta.find(gram);
    if (it == delta.end()) return {};
    return {it->second.data(), it->second.size()};
  }
  size_t Df(uint64_t gram) const { return Base(gram).size + Delta(gram).size; }

  Results Search(std::string_view query, const Options& options) const;
};

Index::Index() : impl_(std::make_unique<Impl>()) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

size_t Index::size() const {
  std::shared_lock lock(impl_->mu);
  return impl_->live_docs;
}

size_t Index::memory_bytes() const {
  std::shared_lock lock(impl_->mu);
  const Impl& m = *impl_;
  size_t n = m.arena.capacity() + m.keys.capacity() * 4 + m.slots.capacity() * sizeof(Impl::Slot) +
             m.slot_flags.capacity() + m.docs.capacity() * sizeof(Impl::Doc) +
             m.gram_keys.capacity() * 8 + m.gram_off.capacity() * 4 + m.postings.capacity() * 4 +
             m.name_hash.capacity() * 16 + m.code_hash.capacity() * sizeof(Impl::CodeRef) +
             m.subject_docs.capacity() * 16;
  for (const auto& [k, v] : m.delta) n += 64 + v.capacity() * 4;
  n += (m.name_hash_delta.size() + m.code_hash_delta.size() + m.subject_docs_delta.size()) * 48;
  return n;
}

namespace {

// Name keys of a range of entries, computed on a worker thread: for each entry its
// name's key, then its former names' keys, in one pool.
struct KeyBatch {
  std::vector<char32_t> pool;
  std::vector<uint32_t> end;  // end of each key in pool
};

void ComputeKeys(const std::vector<Entry>& entries, const uint32_t* ids, size_t n, KeyBatch* out) {
  std::vector<char32_t> key;
  out->pool.reserve(n * 16);
  out->end.reserve(n + n / 4);
  auto add = [&](const std::string& name) {
    NameKeyCodePoints(name, &key);
    out->pool.insert(out->pool.end(), key.begin(), key.end());
    out->end.push_back(static_cast<uint32_t>(out->pool.size()));
  };
  for (size_t i = 0; i < n; ++i) {
    const Entry& e = entries[ids[i]];
    add(e.name);
    for (const auto& f : e.former_names) add(f);
  }
}

// Runs fn(t) for t in [0, threads) on `threads` threads (the calling one included).
template <typename Fn>
void Parallel(size_t threads, Fn fn) {
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(fn, t);
  fn(0);
  for (auto& th : pool) th.join();
}

size_t BuildThreads(size_t items) {
  const size_t hw = std::max(1u, std::thread::hardware_concurrency());
  return items < 20000 ? 1 : std::min<size_t>(hw, 8);
}

// Stable LSD radix sort of `v` by its upper 32 bits (`bits` of them in use).
void RadixSortHigh(std::vector<uint64_t>* v, int bits) {
  std::vector<uint64_t> tmp(v->size());
  const int pass_bits = bits <= 16 ? std::max(bits, 1) : (bits + 1) / 2;
  std::vector<uint32_t> count(size_t{1} << pass_bits);
  for (int shift = 32; shift < 32 + bits; shift += pass_bits) {
    const uint64_t mask = (uint64_t{1} << pass_bits) - 1;
    std::fill(count.begin(), count.end(), 0);
    for (uint64_t x : *v) ++count[(x >> shift) & mask];
    uint32_t sum = 0;
    for (auto& c : count) {
      const uint32_t k = c;
      c = sum;
      sum += k;
    }
    for (uint64_t x : *v) tmp[count[(x >> shift) & mask]++] = x;
    v->swap(tmp);
  }
}

}  // namespace

Index Index::Build(std::vector<Entry> entries) {
  Index index;
  Impl& m = *index.impl_;
  // A later entry with the same subject id replaces an earlier one.
  std::vector<uint32_t> keep(entries.size());
  for (uint32_t i = 0; i < keep.size(); ++i) keep[i] = i;
  bool increasing = true;
  for (size_t i = 1; i < entries.size() && increasing; ++i)
    increasing = entries[i - 1].subject_id < entries[i].subject_id;
  if (!increasing) {
    std::vector<uint32_t> order = keep;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return entries[a].subject_id < entries[b].subject_id;
    });
    keep.clear();
    for (size_t i = 0; i < order.size(); ++i) {
      if (i + 1 < order.size() && entries[order[i]].subject_id == entries[order[i + 1]].subject_id)
        continue;
      keep.push_back(order[i]);
    }
    std::sort(keep.begin(), keep.end());  // input order
  }

  // Name keys, on all cores.
  const size_t threads = BuildThreads(keep.size());
  std::vector<KeyBatch> batches(threads);
  Parallel(threads, [&](size_t t) {
    const size_t lo = keep.size() * t / threads, hi = keep.size() * (t + 1) / threads;
    ComputeKeys(entries, keep.data() + lo, hi - lo, &batches[t]);
  });

  m.docs.reserve(keep.size());
  m.slots.reserve(keep.size() * 5 / 4);
  m.slot_flags.reserve(keep.size() * 5 / 4);
  size_t bytes = 0, cps = 0;
  for (uint32_t i : keep) bytes += entries[i].name.size() * 5 / 4 + entries[i].code.size() + 24;
  for (const auto& b : batches) cps += b.pool.size();
  m.arena.reserve(bytes);
  m.keys.reserve(cps);
  m.subject_docs.reserve(keep.size());
  for (size_t t = 0, k = 0; t < threads; ++t) {
    const size_t lo = keep.size() * t / threads, hi = keep.size() * (t + 1) / threads;
    const KeyBatch& b = batches[t];
    size_t name = 0;  // index into b.end
    for (size_t j = lo; j < hi; ++j, ++k) {
      Entry& e = entries[keep[j]];
      const size_t first = name;
      const uint32_t doc = m.AddDoc(e, [&](size_t n) {
        const uint32_t from = first + n == 0 ? 0 : b.end[first + n - 1];
        return std::u32string_view(b.pool.data() + from, b.end[first + n] - from);
      });
      name += 1 + e.former_names.size();
      m.subject_docs.emplace_back(e.subject_id, doc);
      e = Entry();
    }
    batches[t] = KeyBatch();
  }
  std::vector<Entry>().swap(entries);
  std::vector<uint32_t>().swap(keep);

  // Exact codes, names and subject ids (another thread) beside the postings.
  std::thread hashes([&m] {
    std::sort(m.subject_docs.begin(), m.subject_docs.end());
    m.name_hash.reserve(m.slots.size());
    for (uint32_t s = 0; s < m.slots.size(); ++s)
      m.name_hash.emplace_back(Hash(m.Key(m.slots[s])), s);
    std::sort(m.name_hash.begin(), m.name_hash.end());
    for (uint32_t d = 0; d < m.docs.size(); ++d)
      for (auto [h, field] : m.CodeHashes(m.docs[d])) m.code_hash.push_back({h, d, field});
    std::sort(m.code_hash.begin(), m.code_hash.end());
  });

  // Postings: characters numbered densely in code point order (kEnd last), so that
  // a gram is a 32-bit number ordered as Gram(); (gram, slot) pairs made in slot
  // order, radix sorted by gram (stable: slots stay ascending), then cut into CSR.
  std::vector<uint32_t> char_id(0x110000, 0);
  for (char32_t c : m.keys) char_id[c] = 1;
  std::vector<char32_t> chars;
  for (char32_t c = 0; c < 0x110000; ++c)
    if (char_id[c]) {
      char_id[c] = static_cast<uint32_t>(chars.size());
      chars.push_back(c);
    }
  const auto end_id = static_cast<uint32_t>(chars.size());
  chars.push_back(kEnd);
  const uint64_t nchars = chars.size();
  std::vector<uint64_t> pairs;
  if (nchars <= 0xFFFF) {
    pairs.reserve(m.keys.size() + m.slots.size());
    std::vector<uint32_t> grams;
    const auto nc = static_cast<uint32_t>(nchars);
    for (uint32_t s = 0; s < m.slots.size(); ++s) {
      const std::u32string_view key = m.Key(m.slots[s]);
      grams.clear();
      for (size_t i = 0; i + 1 < key.size(); ++i)
        grams.push_back(char_id[key[i]] * nc + char_id[key[i + 1]]);
      grams.push_back(char_id[key.back()] * nc + end_id);
      std::sort(grams.begin(), grams.end());
      grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
      for (uint32_t g : grams) pairs.push_back((uint64_t{g} << 32) | s);
    }
    RadixSortHigh(&pairs, std::bit_width(nchars * nchars - 1));
    m.postings.resize(pairs.size());
    m.gram_off.clear();
    uint64_t last = ~uint64_t{0};
    for (size_t i = 0; i < pairs.size(); ++i) {
      const uint64_t g = pairs[i] >> 32;
      if (g != last) {
        m.gram_keys.push_back(Gram(chars[g / nchars], chars[g % nchars]));
        m.gram_off.push_back(static_cast<uint32_t>(i));
        last = g;
      }
      m.postings[i] = static_cast<uint32_t>(pairs[i]);
    }
    m.gram_off.push_back(static_cast<uint32_t>(pairs.size()));
  } else {
    // More distinct characters than 16 bits number: (gram, slot) pairs sorted.
    std::vector<std::pair<uint64_t, uint32_t>> all;
    std::vector<uint64_t> grams;
    for (uint32_t s = 0; s < m.slots.size(); ++s) {
      GramsOf(m.Key(m.slots[s]), &grams);
      for (uint64_t g : grams) all.emplace_back(g, s);
    }
    std::sort(all.begin(), all.end());
    m.postings.resize(all.size());
    m.gram_off.clear();
    for (size_t i = 0; i < all.size(); ++i) {
      if (i == 0 || all[i].first != all[i - 1].first) {
        m.gram_keys.push_back(all[i].first);
        m.gram_off.push_back(static_cast<uint32_t>(i));
      }
      m.postings[i] = all[i].second;
    }
    m.gram_off.push_back(static_cast<uint32_t>(all.size()));
  }
  std::vector<uint64_t>().swap(pairs);
  hashes.join();
  m.arena.shrink_to_fit();
  return index;
}

void Index::Upsert(const Entry& e) {
  std::unique_lock lock(impl_->mu);
  Impl& m = *impl_;
  if (auto old = m.FindDoc(e.subject_id)) {
    Impl::Doc& d = m.docs[*old];
    if (d.alive) {
      d.alive = false;
      --m.live_docs;
      for (uint32_t s = d.first_slot; s < d.first_slot + d.nslots; ++s) m.slot_flags[s] |= kDead;
    }
  }
  const uint32_t doc = m.AddDoc(e);
  m.subject_docs_delta[e.subject_id] = doc;
  const Impl::Doc& d = m.docs[doc];
  std::vector<uint64_t> grams;
  for (uint32_t s = d.first_slot; s < d.first_slot + d.nslots; ++s) {
    const std::u32string_view key = m.Key(m.slots[s]);
    m.name_hash_delta.emplace(Hash(key), s);
    GramsOf(key, &grams);
    for (uint64_t g : grams) m.delta[g].push_back(s);
  }
  for (auto [h, field] : m.CodeHashes(d)) m.code_hash_delta.emplace(h, std::make_pair(doc, field));
}

Results Index::Search(std::string_view query, const Options& options) const {
  std::shared_lock lock(impl_->mu);
  return impl_->Search(query, options);
}

namespace {

struct QueryGram {
  uint64_t gram;
  std::string utf8;
  size_t df = 0;
  double weight = 0;
};

// The query parts found in `key` as greedy longest runs of 2+ characters, left to
// right, and the mass of the query bigrams inside them (`weights[p][i]` is the
// weight of the bigram at position i of part p). Runs do not overlap, so a query
// character counts once: "粤海珠海" in 广州市海珠区粤海酒店 is 粤海 only. Works on the
// bigram positions of the key (no string search): a run is a chain of query bigrams
// found at consecutive positions of the key.
double PartialMass(const std::vector<std::vector<char32_t>>& parts,
                   const std::vector<std::vector<double>>& weights, std::u32string_view key,
                   std::vector<std::string>* terms) {
  // The chain of bigrams that starts at a key position where the query bigram at i
  // occurs is the common prefix of the query from i and the key from there; the run
  // is the longest such chain.
  const size_t n = key.size();
  const char32_t* k = key.data();
  double mass = 0;
  for (size_t pi = 0; pi < parts.size(); ++pi) {
    const auto& p = parts[pi];
    const size_t m = p.size();
    size_t i = 0;
    while (i + 1 < m) {
      const char32_t a = p[i], b = p[i + 1];
      size_t best = 0;  // characters in the run
      for (size_t j = 0; j + 1 < n; ++j) {
        if (k[j] != a || k[j + 1] != b) continue;
        size_t l = 2;
        while (i + l < m && j + l < n && k[j + l] == p[i + l]) ++l;
        best = std::max(best, l);
        if (i + best == m) break;
      }
      if (best == 0) {
        ++i;
        continue;
      }
      for (size_t q = i; q + 1 < i + best; ++q) mass += weights[pi][q];
      if (terms) {
        std::string run;
        for (size_t q = i; q < i + best; ++q) AppendUtf8(&run, p[q]);
        terms->push_back(std::move(run));
      }
      i += best;
    }
  }
  return mass;
}

}  // namespace

Results Index::Impl::Search(std::string_view query, const Options& options) const {
  Results r;
  const size_t limit = static_cast<size_t>(std::clamp(options.limit, 1, 100));
  auto visible = [&](uint32_t doc) {
    return docs[doc].alive &&
           (options.include_natural_persons || kinds[docs[doc].kind] != "natural_person");
  };
  auto make_hit = [&](uint32_t doc) {
    Hit h;
    const Doc& d = docs[doc];
    h.subject_id = d.subject_id;
    h.code = std::string(Code(d));
    h.name = std::string(Display(slots[d.first_slot]));
    h.kind = kinds[d.kind];
    return h;
  };
  auto better = [&](const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.name.size() != b.name.size()) return a.name.size() < b.name.size();
    return a.code < b.code;
  };

  // 1. Codes.
  const std::string code = CodeKey(query);
  const bool code_like = code.size() >= 6 && std::all_of(code.begin(), code.end(), [](char c) {
                           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
                         });
  if (code_like) {
    const uint64_t h = Hash(code);
    std::vector<std::pair<uint32_t, uint8_t>> found;
    for (auto it = std::lower_bound(code_hash.begin(), code_hash.end(), CodeRef{h, 0, 0});
         it != code_hash.end() && it->hash == h; ++it)
      found.emplace_back(it->doc, it->field);
    auto [lo, hi] = code_hash_delta.equal_range(h);
    for (auto it = lo; it != hi; ++it) found.push_back(it->second);
    bool any = false;
    std::unordered_set<uint32_t> seen;
    for (auto [doc, field] : found) {
      const Doc& d = docs[doc];
      std::string value;
      if (field == kCodeField) {
        if (CodeKey(Code(d)) != code) continue;
        value = std::string(Code(d));
      } else {
        std::string_view others = Text(d.other_off, d.other_len);
        bool hit = false;
        while (!others.empty()) {
          const size_t nl = others.find('\n');
          if (others.substr(0, nl) == code) hit = true;
          others = nl == std::string_view::npos ? std::string_view() : others.substr(nl + 1);
        }
        if (!hit) continue;
        value = code;
      }
      if (!d.alive) continue;
      any = true;
      if (!visible(doc) || !seen.insert(doc).second) continue;
      Hit hit = make_hit(doc);
      hit.score = 5.0;
      hit.matched = {field == kCodeField ? "code" : "registration_number", value, "exact", {code}};
      r.items.push_back(std::move(hit));
    }
    if (any) {
      r.normalized_query = code;
      r.total = static_cast<int64_t>(r.items.size());
      std::sort(r.items.begin(), r.items.end(), better);
      if (r.items.size() > limit) r.items.resize(limit);
      return r;
    }
  }

  // 2. Names. Parts split at white space; the key is their concatenation.
  std::vector<std::vector<char32_t>> parts;
  {
    std::string piece;
    std::vector<char32_t> cps;
    auto flush = [&] {
      NameKeyCodePoints(piece, &cps);
      piece.clear();
      if (!cps.empty()) parts.push_back(cps);
    };
    std::vector<char32_t> all;
    DecodeUtf8(text::SanitizeUtf8(query), &all);
    for (char32_t c : all) {
      if (text::IsWhiteSpace(c)) {
        flush();
      } else {
        AppendUtf8(&piece, c);
      }
    }
    flush();
  }
  std::vector<std::string> part_keys;
  std::vector<char32_t> joined_cps;
  std::string joined;
  for (const auto& p : parts) {
    part_keys.emplace_back();
    for (char32_t c : p) AppendUtf8(&part_keys.back(), c);
    joined += part_keys.back();
    joined_cps.insert(joined_cps.end(), p.begin(), p.end());
  }
  const std::u32string_view jq(joined_cps.data(), joined_cps.size());
  r.normalized_query = joined;
  if (joined.empty()) return r;

  // Query grams: bigrams of each part; of the whole key if no part has two characters.
  // A gram in no name cannot match but still counts in the query's mass, weighing as
  // much as its nearest known neighbour (the lighter one if both sides have one): the
  // junction 讯深 of "腾讯深圳" costs little, an unknown word as much as its neighbour.
  std::vector<QueryGram> seq;
  std::vector<std::vector<char32_t>> gram_parts;  // the parts the bigrams come from
  auto add_grams = [&](const std::vector<char32_t>& p) {
    if (p.size() >= 2) gram_parts.push_back(p);
    for (size_t i = 0; i + 1 < p.size(); ++i) {
      QueryGram q;
      q.gram = Gram(p[i], p[i + 1]);
      AppendUtf8(&q.utf8, p[i]);
      AppendUtf8(&q.utf8, p[i + 1]);
      seq.push_back(std::move(q));
    }
  };
  for (const auto& p : parts) add_grams(p);
  if (seq.empty()) add_grams(joined_cps);
  const bool unigram = seq.empty();  // one character
  const double n = static_cast<double>(slots.size()) + 1;
  for (auto& q : seq) {
    q.df = Df(q.gram);
    q.weight = q.df == 0 ? 0 : std::max(0.01, std::log(n / (q.df + 0.5)));
  }
  {
    std::vector<double> left(seq.size(), -1), right(seq.size(), -1);
    double last = -1;
    for (size_t i = 0; i < seq.size(); ++i) {
      left[i] = last;
      if (seq[i].df > 0) last = seq[i].weight;
    }
    last = -1;
    for (size_t i = seq.size(); i-- > 0;) {
      right[i] = last;
      if (seq[i].df > 0) last = seq[i].weight;
    }
    for (size_t i = 0; i < seq.size(); ++i) {
      if (seq[i].df > 0) continue;
      const double l = left[i], r = right[i];
      seq[i].weight = l < 0 ? r : r < 0 ? l : std::min(l, r);
      if (seq[i].weight < 0) seq[i].weight = std::log(n / 0.5);
    }
  }
  std::vector<std::vector<double>> pos_weights;
  {
    size_t k = 0;
    for (const auto& p : gram_parts) {
      pos_weights.emplace_back();
      for (size_t i = 0; i + 1 < p.size(); ++i) pos_weights.back().push_back(seq[k++].weight);
    }
  }
  std::vector<QueryGram> qgrams;  // distinct
  for (auto& q : seq) {
    auto it = std::find_if(qgrams.begin(), qgrams.end(),
                           [&](const QueryGram& g) { return g.gram == q.gram; });
    if (it == qgrams.end()) {
      qgrams.push_back(std::move(q));
    } else {
      it->weight += q.weight;  // a repeated bigram counts at every position
    }
  }
  double total_mass = 0;
  for (const auto& q : qgrams) total_mass += q.weight;
  std::sort(qgrams.begin(), qgrams.end(),
            [](const QueryGram& a, const QueryGram& b) { return a.df < b.df; });

  // 3. Candidates: postings of the rarest grams until no slot outside them can reach
  // the partial threshold (MaxScore); all within the slot range [0, limit_slot) that
  // keeps the work under kPostingBudget.
  struct Source {
    Span base, delta;
    double weight;
  };
  std::vector<Source> sources;
  size_t work = 0;
  double done = 0;        // weight of the enumerated grams
  double rest_known = 0;  // weight of the grams found in some name but not enumerated
  if (unigram) {
    const uint64_t lo = uint64_t{joined_cps[0]} << 21, hi = lo | kGramLow;
    for (auto it = std::lower_bound(gram_keys.begin(), gram_keys.end(), lo);
         it != gram_keys.end() && *it <= hi; ++it) {
      const size_t g = it - gram_keys.begin();
      sources.push_back({{postings.data() + gram_off[g], gram_off[g + 1] - gram_off[g]}, {}, 1.0});
      work += sources.back().base.size;
    }
    for (auto it = delta.lower_bound(lo); it != delta.end() && it->first <= hi; ++it) {
      sources.push_back({{}, {it->second.data(), it->second.size()}, 1.0});
      work += it->second.size();
    }
    total_mass = 1.0;
  } else {
    for (const auto& q : qgrams) {
      if (q.df == 0) continue;
      if (total_mass - done <= kPartialMinCoverage * total_mass + 1e-9) break;
      sources.push_back({Base(q.gram), Delta(q.gram), q.weight});
      work += q.df;
      done += q.weight;
    }
    for (const auto& q : qgrams) rest_known += q.df > 0 ? q.weight : 0;
    rest_known -= done;
  }
  uint32_t limit_slot = static_cast<uint32_t>(slots.size());
  bool capped = false;
  if (work > kPostingBudget) {
    capped = true;
    limit_slot = static_cast<uint32_t>(static_cast<double>(slots.size()) * kPostingBudget / work);
  }
  thread_local Scratch scratch;
  if (scratch.acc.size() < slots.size()) scratch.acc.resize(slots.size(), 0.f);
  float* acc = scratch.acc.data();
  std::vector<uint32_t>& touched = scratch.touched;
  touched.clear();
  const uint8_t skip = kDead | (options.include_natural_persons ? 0 : kPerson);
  const uint8_t* flags = slot_flags.data();
  auto take = [&](Span span, float w) {
    const uint32_t* end = std::lower_bound(span.data, span.data + span.size, limit_slot);
    for (const uint32_t* p = span.data; p != end; ++p) {
      const uint32_t s = *p;
      if (flags[s] & skip) continue;
      if (acc[s] == 0.f) touched.push_back(s);
      acc[s] += w;
    }
  };
  for (const auto& src : sources) {
    take(src.base, static_cast<float>(src.weight));
    take(src.delta, static_cast<float>(src.weight));
  }
  // Exact names are always candidates, whatever the caps.
  std::vector<uint32_t> exact_slots;
  {
    const uint64_t h = Hash(jq);
    for (auto it = std::lower_bound(name_hash.begin(), name_hash.end(), std::make_pair(h, 0u));
         it != name_hash.end() && it->first == h; ++it)
      exact_slots.push_back(it->second);
    auto [lo, hi] = name_hash_delta.equal_range(h);
    for (auto it = lo; it != hi; ++it) exact_slots.push_back(it->second);
  }

  // 4. Verify the best candidates by (accumulated weight, shorter name).
  const float sure = static_cast<float>(kPartialMinCoverage * total_mass + 1e-6);
  std::vector<Pre>& pre = scratch.pre;
  pre.clear();
  pre.reserve(touched.size());
  for (uint32_t s : touched) pre.push_back({acc[s], slots[s].cps, s});
  auto pre_better = [](const Pre& a, const Pre& b) {
    if (a.acc != b.acc) return a.acc > b.acc;
    if (a.len != b.len) return a.len < b.len;
    return a.slot < b.slot;
  };
  if (pre.size() > kVerifyBudget) {
    capped = true;
    std::nth_element(pre.begin(), pre.begin() + kVerifyBudget, pre.end(), pre_better);
    pre.resize(kVerifyBudget);
  }
  std::sort(pre.begin(), pre.end(), pre_better);
  std::vector<uint32_t>& verify = scratch.verify;
  verify.clear();
  for (uint32_t s : exact_slots)
    if (!(flags[s] & skip)) verify.push_back(s);
  const size_t exact_count = verify.size();
  for (const Pre& p : pre) verify.push_back(p.slot);

  // Scores only; hits are made for the few that are returned.
  enum How : uint8_t { kExact, kPrefix, kSubstring, kPartial };
  static constexpr const char* kHowNames[] = {"exact", "prefix", "substring", "partial"};
  struct Cand {
    uint32_t slot, doc;
    double score;
    How how;
  };
  std::vector<Cand> cands;
  cands.reserve(verify.size());
  const double qlen = static_cast<double>(joined_cps.size());
  // Candidates come best-first by accumulated weight. One that lacks an enumerated gram
  // can only be partial, scoring at most (acc + rest_known) / total * 1.9; once
  // `limit` subjects score at least that, the rest cannot enter the answer, and
  // verification stops (the total then becomes a lower bound).
  std::unordered_map<uint32_t, double> best_of_doc;
  size_t verified = 0;
  for (size_t vi = 0; vi < verify.size(); ++vi) {
    verified = vi + 1;
    const uint32_t s = verify[vi];
    if (!unigram && vi >= exact_count && vi % 32 == 0 && best_of_doc.size() >= limit &&
        acc[s] < done - 1e-4) {
      const double bound = std::min(1.0, (acc[s] + rest_known) / total_mass) * (1.5 + 0.4) + 1e-9;
      size_t above = 0;
      for (const auto& [d, sc] : best_of_doc) above += sc >= bound;
      if (above >= limit) {
        verified = vi;
        capped = true;
        break;
      }
    }
    const Slot& slot = slots[s];
    const std::u32string_view key = Key(slot);
    const bool former = flags[s] & kFormer;
    const double ratio = std::min(1.0, qlen / std::max<double>(1, slot.cps));
    const double field_adj = former ? -0.5 : 0.0;
    if (key == jq) {
      cands.push_back({s, slot.doc, 4.5 + 0.4 * ratio + field_adj, kExact});
    } else if (key.starts_with(jq)) {
      cands.push_back({s, slot.doc, 3.5 + 0.4 * ratio + field_adj, kPrefix});
    } else if (key.find(jq) != std::u32string_view::npos) {
      cands.push_back({s, slot.doc, 2.5 + 0.4 * ratio + field_adj, kSubstring});
    } else if (!unigram) {
      const double mass = PartialMass(gram_parts, pos_weights, key, nullptr);
      const double coverage = total_mass > 0 ? mass / total_mass : 0;
      if (mass <= 0 || coverage <= kPartialMinCoverage + 1e-9) continue;
      cands.push_back(
          {s, slot.doc, coverage * (1.5 + 0.4 * ratio) * (former ? 0.75 : 1.0), kPartial});
    }
    if (!cands.empty() && cands.back().slot == s) {
      double& b = best_of_doc[slot.doc];
      b = std::max(b, cands.back().score);
    }
  }
  verify.resize(verified);
  // Best slot per subject.
  std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
    if (a.doc != b.doc) return a.doc < b.doc;
    if (a.score != b.score) return a.score > b.score;
    return a.slot < b.slot;
  });
  cands.erase(std::unique(cands.begin(), cands.end(),
                          [](const Cand& a, const Cand& b) { return a.doc == b.doc; }),
              cands.end());
  int64_t total = static_cast<int64_t>(cands.size());
  if (capped) {
    // Unverified candidates whose enumerated weight alone reaches the threshold match
    // too; each subject is counted once, by its current-name slot. Verified slots and
    // the current-name slots of matched subjects are marked (negative) to skip them.
    for (uint32_t s : verify)
      if (acc[s] > 0) acc[s] = -1.f;
    for (const Cand& c : cands) {
      const uint32_t f = docs[c.doc].first_slot;
      if (acc[f] > 0) acc[f] = -1.f;
    }
    for (uint32_t s : touched) total += acc[s] > sure && !(flags[s] & kFormer);
  }
  for (uint32_t s : touched) acc[s] = 0.f;
  touched.clear();

  auto cand_better = [&](const Cand& a, const Cand& b) {
    if (a.score != b.score) return a.score > b.score;
    const Doc& da = docs[a.doc];
    const Doc& db = docs[b.doc];
    const uint16_t la = slots[da.first_slot].disp_len, lb = slots[db.first_slot].disp_len;
    if (la != lb) return la < lb;
    return Code(da) < Code(db);
  };
  const size_t k = std::min(limit, cands.size());
  std::partial_sort(cands.begin(), cands.begin() + k, cands.end(), cand_better);
  r.total = total;
  r.total_is_lower_bound = capped;
  for (size_t i = 0; i < k; ++i) {
    const Cand& c = cands[i];
    const Slot& slot = slots[c.slot];
    Hit hit = make_hit(c.doc);
    hit.score = c.score;
    std::vector<std::string> terms = part_keys;
    if (c.how == kPartial) {
      terms.clear();
      PartialMass(gram_parts, pos_weights, Key(slot), &terms);
    }
    hit.matched = {(slot_flags[c.slot] & kFormer) ? "former_name" : "name",
                   std::string(Display(slot)), kHowNames[c.how], std::move(terms)};
    r.items.push_back(std::move(hit));
  }
  return r;
}

}  // namespace gongxin::search
