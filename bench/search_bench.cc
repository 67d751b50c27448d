// Subject search at scale: our index (src/search) beside SQLite FTS5 with the trigram
// tokenizer on the same names, per query kind: latency percentiles and recall@10 (the
// subject the query was made from is among the first 10 answers).
//
// Data: the generator's registration file (`gongxin gen --only registration --records
// N`, made in process here if DIR/registration.csv is missing): registered names,
// former names (DJ_CYM), codes and registration numbers (DJ_GSZCH).
//
// The peer: one FTS5 table (name, former names) with tokenize='trigram', ranked by
// bm25 (ORDER BY rank), plus a B-tree table of codes for exact code look-ups. Trigram
// FTS5 cannot match a term of fewer than 3 characters: such queries fall back to
// `name LIKE '%q%' OR former LIKE '%q%'`, a scan of the table (LIMIT 10 stops it at the
// 10th match). The peer gets the query as typed: it has no traditional/full-width
// normalisation; white space separates terms (all must match).
//
// Usage: search_bench --dir DIR [--subjects N] [--queries Q] [--seed S] [--peer 0|1]
//                     [--slowest K]
// --peer 0 skips the FTS5 peer (for profiling our index alone); --slowest K lists our
// K slowest queries on stderr. Prints a Markdown report on stdout; progress on stderr.
#include <opencc/opencc.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "generator/generator.h"
#include "search/search.h"

namespace {

using Clock = std::chrono::steady_clock;
using gongxin::search::Entry;
using gongxin::search::Index;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long RssKb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

// RFC 4180 CSV rows (quoted fields may hold commas, quotes and line breaks).
bool NextRow(std::istream& in, std::vector<std::string>* row) {
  row->clear();
  std::string field;
  bool quoted = false, any = false;
  char c;
  while (in.get(c)) {
    any = true;
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') {
          in.get(c);
          field.push_back('"');
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row->push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  if (!any) return false;
  row->push_back(std::move(field));
  return true;
}

std::vector<std::string> SplitFormer(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ';') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      ++i;
    } else if (s.compare(i, 3, "；") == 0) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      i += 3;
    } else {
      cur.push_back(s[i++]);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// UTF-8 code points as strings.
std::vector<std::string> Chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}
std::string Join(const std::vector<std::string>& v, size_t from, size_t to) {
  std::string s;
  for (size_t i = from; i < to && i < v.size(); ++i) s += v[i];
  return s;
}

// The place prefix of a generated name: up to the last 市/区/县/镇 among the first 10
// characters, or 广东. Returns its length in characters (0 if none).
size_t PlaceLength(const std::vector<std::string>& ch) {
  if (ch.size() > 2 && ch[0] == "广" && ch[1] == "东" && ch[2] != "省") return 2;
  size_t end = 0;
  for (size_t i = 0; i < ch.size() && i < 10; ++i)
    if (ch[i] == "市" || ch[i] == "区" || ch[i] == "县" || ch[i] == "镇") end = i + 1;
  return end;
}

struct Query {
  std::string kind, text;
  size_t target;  // entry index
};

struct Timing {
  std::vector<double> ms;
  double Pct(double p) {
    if (ms.empty()) return 0;
    std::sort(ms.begin(), ms.end());
    const size_t i = std::min(ms.size() - 1, static_cast<size_t>(p * (ms.size() - 1) + 0.5));
    return ms[i];
  }
};

bool CodeLike(const std::string& q) {
  std::string k;
  for (char c : q)
    if (c != ' ') k.push_back(c);
  return k.size() >= 6 && std::all_of(k.begin(), k.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
         });
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "sqlite %s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  uint64_t subjects = 1000000, seed = 20261123;
  size_t nqueries = 2000, slowest = 0;
  bool with_peer = true;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--dir") dir = argv[i + 1];
    if (a == "--subjects") subjects = std::stoull(argv[i + 1]);
    if (a == "--queries") nqueries = std::stoull(argv[i + 1]);
    if (a == "--seed") seed = std::stoull(argv[i + 1]);
    if (a == "--peer") with_peer = std::string(argv[i + 1]) != "0";
    if (a == "--slowest") slowest = std::stoull(argv[i + 1]);
  }
  if (dir.empty()) {
    std::fprintf(stderr, "usage: search_bench --dir DIR [--subjects N] [--queries Q]\n");
    return 2;
  }
  const std::string csv = dir + "/registration.csv";
  if (!std::filesystem::exists(csv)) {
    std::fprintf(stderr, "== search: generating %llu registration rows into %s\n",
                 static_cast<unsigned long long>(subjects), dir.c_str());
    auto catalog = gongxin::catalog::Catalog::LoadDir(GONGXIN_CATALOG_DIR);
    if (!catalog.ok()) {
      std::fprintf(stderr, "catalog: %s\n", catalog.status().message().c_str());
      return 1;
    }
    gongxin::generator::Options o;
    o.out_dir = dir;
    o.only = "registration";
    o.records = subjects;
    o.seed = 1;
    auto s = gongxin::generator::Generate(*catalog, o);
    if (!s.ok()) {
      std::fprintf(stderr, "gen: %s\n", s.status().message().c_str());
      return 1;
    }
  }

  // 1. Entries: one per code; a later row (a re-registration) wins, its old name kept
  // as a former name.
  std::vector<Entry> entries;
  {
    std::ifstream in(csv, std::ios::binary);
    std::vector<std::string> row;
    NextRow(in, &row);
    std::map<std::string, int> col;
    for (size_t i = 0; i < row.size(); ++i) col[row[i]] = static_cast<int>(i);
    for (const char* need : {"DJ_ZTMC", "DJ_SHXYM", "DJ_CYM", "DJ_GSZCH"})
      if (!col.count(need)) {
        std::fprintf(stderr, "registration.csv: no column %s\n", need);
        return 1;
      }
    std::unordered_map<std::string, size_t> by_code;
    while (NextRow(in, &row)) {
      if (row.size() < col.size()) continue;
      Entry e;
      e.code = row[col["DJ_SHXYM"]];
      e.name = row[col["DJ_ZTMC"]];
      e.former_names = SplitFormer(row[col["DJ_CYM"]]);
      e.kind = "enterprise";
      if (!row[col["DJ_GSZCH"]].empty()) e.other_codes.push_back(row[col["DJ_GSZCH"]]);
      auto [it, fresh] = by_code.emplace(e.code, entries.size());
      if (fresh) {
        e.subject_id = static_cast<int64_t>(entries.size()) + 1;
        entries.push_back(std::move(e));
      } else {
        Entry& old = entries[it->second];
        if (old.name != e.name && std::find(e.former_names.begin(), e.former_names.end(),
                                            old.name) == e.former_names.end())
          e.former_names.push_back(old.name);
        e.subject_id = old.subject_id;
        old = std::move(e);
      }
    }
  }
  std::fprintf(stderr, "== search: %zu subjects read\n", entries.size());

  // 2. Queries derived from the data.
  opencc_t s2t = opencc_open("s2t.json");
  auto traditional = [&](const std::string& s) {
    if (s2t == reinterpret_cast<opencc_t>(-1)) return s;
    char* out = opencc_convert_utf8(s2t, s.c_str(), s.size());
    std::string r = out ? out : s;
    if (out) opencc_convert_utf8_free(out);
    return r;
  };
  std::mt19937_64 rng(seed);
  const std::vector<std::string> kinds = {
      "full name",    "brand (2 chars)",     "brand + industry",
      "without city", "traditional",         "full-width + spaces",
      "former name",  "registration number", "brand + city, scrambled"};
  std::vector<Query> queries;
  const size_t per_kind = std::max<size_t>(1, nqueries / kinds.size());
  for (const auto& kind : kinds) {
    size_t made = 0, tries = 0;
    while (made < per_kind && tries++ < per_kind * 200) {
      const size_t t = rng() % entries.size();
      const Entry& e = entries[t];
      const auto ch = Chars(e.name);
      const size_t place = PlaceLength(ch);
      std::string q;
      if (kind == "full name") {
        q = e.name;
      } else if (kind == "brand (2 chars)") {
        if (place == 0 || ch.size() < place + 4) continue;
        q = Join(ch, place, place + 2);
      } else if (kind == "brand + industry") {
        if (place == 0 || ch.size() < place + 6) continue;
        q = Join(ch, place, place + 4);
      } else if (kind == "without city") {
        if (place == 0 || ch.size() < place + 4) continue;
        q = Join(ch, place, ch.size());
      } else if (kind == "traditional") {
        q = traditional(e.name);
        if (q == e.name) continue;
      } else if (kind == "full-width + spaces") {
        if (place == 0) continue;
        std::string rest;
        for (const auto& c : std::vector<std::string>(ch.begin() + place, ch.end()))
          rest += c == "（" ? "(" : c == "）" ? ")" : c == "(" ? "（" : c == ")" ? "）" : c;
        q = " " + Join(ch, 0, place) + " " + rest + "\u3000";
      } else if (kind == "former name") {
        if (e.former_names.empty()) continue;
        q = e.former_names[rng() % e.former_names.size()];
      } else if (kind == "registration number") {
        if (e.other_codes.empty()) continue;
        q = e.other_codes[0];
      } else {  // brand + city, scrambled
        if (place < 3 || ch.size() < place + 4) continue;
        q = Join(ch, place, place + 2) + Join(ch, 0, 2);
      }
      queries.push_back({kind, q, t});
      ++made;
    }
  }
  std::shuffle(queries.begin(), queries.end(), rng);
  std::fprintf(stderr, "== search: %zu queries\n", queries.size());

  // 3. Our index.
  std::vector<std::pair<std::string, std::string>> peer_rows;  // name, former names
  std::vector<std::pair<std::string, int64_t>> peer_codes;
  peer_rows.reserve(entries.size());
  for (const auto& e : entries) {
    std::string former;
    for (const auto& f : e.former_names) former += (former.empty() ? "" : "；") + f;
    peer_rows.emplace_back(e.name, former);
    peer_codes.emplace_back(e.code, e.subject_id);
    for (const auto& o : e.other_codes) peer_codes.emplace_back(o, e.subject_id);
  }
  std::vector<int64_t> target_ids;
  for (const auto& q : queries) target_ids.push_back(entries[q.target].subject_id);
  const size_t n = entries.size();
  const long rss0 = RssKb();
  auto t0 = Clock::now();
  Index index = Index::Build(std::move(entries));
  const double build_ms = Ms(Clock::now() - t0);
  const long rss1 = RssKb();
  std::fprintf(stderr, "== search: index built in %.0f ms\n", build_ms);

  // 4. The peer.
  const std::string db_path = dir + "/peer-fts5.db";
  std::filesystem::remove(db_path);
  std::filesystem::remove(db_path + "-wal");
  sqlite3* db = nullptr;
  Check(sqlite3_open(db_path.c_str(), &db), db, "open");
  Check(sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
                     "CREATE VIRTUAL TABLE t USING fts5(name, former, tokenize='trigram');"
                     "CREATE TABLE codes(code TEXT PRIMARY KEY, id INTEGER) WITHOUT ROWID;",
                     nullptr, nullptr, nullptr),
        db, "schema");
  t0 = Clock::now();
  if (with_peer) {
    Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* ins = nullptr;
    Check(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, name, former) VALUES (?, ?, ?)", -1, &ins,
                             nullptr),
          db, "prepare");
    for (size_t i = 0; i < peer_rows.size(); ++i) {
      sqlite3_bind_int64(ins, 1, static_cast<int64_t>(i) + 1);
      sqlite3_bind_text(ins, 2, peer_rows[i].first.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 3, peer_rows[i].second.c_str(), -1, SQLITE_TRANSIENT);
      Check(sqlite3_step(ins), db, "insert");
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    Check(sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO codes VALUES (?, ?)", -1, &ins, nullptr),
          db, "prepare");
    for (const auto& [code, id] : peer_codes) {
      sqlite3_bind_text(ins, 1, code.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(ins, 2, id);
      Check(sqlite3_step(ins), db, "insert code");
      sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  }
  const double peer_build_ms = Ms(Clock::now() - t0);
  const double peer_mb = static_cast<double>(std::filesystem::file_size(db_path) +
                                             (std::filesystem::exists(db_path + "-wal")
                                                  ? std::filesystem::file_size(db_path + "-wal")
                                                  : 0)) /
                         (1 << 20);
  std::fprintf(stderr, "== search: FTS5 built in %.0f ms\n", peer_build_ms);
  std::vector<std::pair<std::string, std::string>>().swap(peer_rows);

  sqlite3_stmt *fts = nullptr, *code_st = nullptr;
  Check(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10", -1,
                           &fts, nullptr),
        db, "prepare fts");
  Check(sqlite3_prepare_v2(db, "SELECT id FROM codes WHERE code = ?", -1, &code_st, nullptr), db,
        "prepare code");
  std::map<int, sqlite3_stmt*> like_by_terms;
  auto peer_search = [&](const std::string& q, bool* scan) {
    std::vector<int64_t> ids;
    *scan = false;
    if (CodeLike(q)) {
      std::string k;
      for (char c : q)
        if (c != ' ') k.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      sqlite3_bind_text(code_st, 1, k.c_str(), -1, SQLITE_TRANSIENT);
      while (sqlite3_step(code_st) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(code_st, 0));
      sqlite3_reset(code_st);
      return ids;
    }
    std::vector<std::string> terms;
    {
      std::istringstream ss(q);
      std::string w;
      while (ss >> w) {  // ASCII white space
        // U+3000 is white space too
        size_t p;
        while ((p = w.find("\u3000")) != std::string::npos) w.erase(p, 3);
        if (!w.empty()) terms.push_back(w);
      }
    }
    if (terms.empty()) return ids;
    bool short_term = false;
    for (const auto& t : terms) short_term |= Chars(t).size() < 3;
    if (!short_term) {
      std::string match;
      for (const auto& t : terms) {
        std::string quoted = "\"";
        for (char c : t) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        match += (match.empty() ? "" : " AND ") + quoted + "\"";
      }
      sqlite3_bind_text(fts, 1, match.c_str(), -1, SQLITE_TRANSIENT);
      while (sqlite3_step(fts) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(fts, 0));
      sqlite3_reset(fts);
      return ids;
    }
    *scan = true;
    const int nt = static_cast<int>(terms.size());
    sqlite3_stmt*& st = like_by_terms[nt];
    if (st == nullptr) {
      std::string sql = "SELECT rowid FROM t WHERE ";
      for (int i = 0; i < nt; ++i)
        sql += (i ? " AND " : "") + std::string("(name LIKE ?") + std::to_string(i + 1) +
               " OR former LIKE ?" + std::to_string(i + 1) + ")";
      sql += " LIMIT 10";
      Check(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), db, "prepare like");
    }
    for (int i = 0; i < nt; ++i) {
      const std::string pat = "%" + terms[i] + "%";
      sqlite3_bind_text(st, i + 1, pat.c_str(), -1, SQLITE_TRANSIENT);
    }
    while (sqlite3_step(st) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    return ids;
  };

  // 5. Run: ours, then the peer, every query once after a warm-up pass of ours.
  for (const auto& q : queries) (void)index.Search(q.text);
  std::map<std::string, Timing> ours_t, peer_t;
  std::map<std::string, int> ours_hit, peer_hit, count, peer_scans;
  Timing ours_all, peer_all;
  std::vector<std::pair<double, size_t>> ours_by_query;
  for (size_t i = 0; i < queries.size(); ++i) {
    const auto& q = queries[i];
    auto a = Clock::now();
    auto r = index.Search(q.text);
    const double ms = Ms(Clock::now() - a);
    ours_by_query.emplace_back(ms, i);
    ours_t[q.kind].ms.push_back(ms);
    ours_all.ms.push_back(ms);
    ++count[q.kind];
    for (const auto& h : r.items)
      if (h.subject_id == target_ids[i]) {
        ++ours_hit[q.kind];
        break;
      }
  }
  std::sort(ours_by_query.rbegin(), ours_by_query.rend());
  for (size_t i = 0; i < slowest && i < ours_by_query.size(); ++i) {
    const Query& q = queries[ours_by_query[i].second];
    const auto r = index.Search(q.text);
    std::fprintf(stderr, "slow %.3f ms [%s] %s (total %lld%s)\n", ours_by_query[i].first,
                 q.kind.c_str(), q.text.c_str(), static_cast<long long>(r.total),
                 r.total_is_lower_bound ? "+" : "");
  }
  std::fprintf(stderr, "== search: ours done; the peer...\n");
  for (size_t i = 0; with_peer && i < queries.size(); ++i) {
    const auto& q = queries[i];
    bool scan = false;
    auto a = Clock::now();
    auto ids = peer_search(q.text, &scan);
    const double ms = Ms(Clock::now() - a);
    peer_t[q.kind].ms.push_back(ms);
    peer_all.ms.push_back(ms);
    if (scan) ++peer_scans[q.kind];
    if (std::find(ids.begin(), ids.end(), target_ids[i]) != ids.end()) ++peer_hit[q.kind];
  }

  // 6. Report.
  std::printf("### Subject search, %zu subjects, %zu queries (seed %llu)\n\n", n, queries.size(),
              static_cast<unsigned long long>(seed));
  std::printf("| system | build s | memory MB | p50 ms | p90 ms | p99 ms | max ms |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  std::printf(
      "| ours (gongxin_search, in process) | %.2f | %.0f (RSS +%.0f) | %.3f | %.3f | %.3f | %.3f "
      "|\n",
      build_ms / 1000, index.memory_bytes() / 1048576.0, (rss1 - rss0) / 1024.0, ours_all.Pct(0.5),
      ours_all.Pct(0.9), ours_all.Pct(0.99), ours_all.Pct(1.0));
  std::printf(
      "| peer: SQLite FTS5 trigram (+ LIKE scan < 3 chars) | %.2f | %.0f (file) | %.3f | %.3f | "
      "%.3f | %.3f |\n\n",
      peer_build_ms / 1000, peer_mb, peer_all.Pct(0.5), peer_all.Pct(0.9), peer_all.Pct(0.99),
      peer_all.Pct(1.0));
  std::printf(
      "| query kind | n | recall@10 ours | recall@10 peer | ours p50 / p90 / p99 / max ms | peer "
      "p50 / p99 ms | peer scans |\n");
  std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  int all_o = 0, all_p = 0, all_n = 0;
  for (const auto& kind : kinds) {
    const int c = count[kind];
    if (c == 0) continue;
    all_o += ours_hit[kind];
    all_p += peer_hit[kind];
    all_n += c;
    std::printf("| %s | %d | %.3f | %.3f | %.3f / %.3f / %.3f / %.3f | %.3f / %.3f | %d |\n",
                kind.c_str(), c, double(ours_hit[kind]) / c, double(peer_hit[kind]) / c,
                ours_t[kind].Pct(0.5), ours_t[kind].Pct(0.9), ours_t[kind].Pct(0.99),
                ours_t[kind].Pct(1.0), peer_t[kind].Pct(0.5), peer_t[kind].Pct(0.99),
                peer_scans[kind]);
  }
  std::printf("| **all** | %d | %.3f | %.3f | | | |\n", all_n, double(all_o) / all_n,
              double(all_p) / all_n);
  std::printf(
      "\nRecall@10: the subject a query was made from is among the first 10 answers. A\n"
      "2-character brand is shared by many subjects, so its recall is bounded for any\n"
      "system. Peer scans: queries with a term under 3 characters, answered by LIKE.\n");
  for (auto& [k, st] : like_by_terms) sqlite3_finalize(st);
  sqlite3_finalize(fts);
  sqlite3_finalize(code_st);
  sqlite3_close(db);
  if (s2t != reinterpret_cast<opencc_t>(-1)) opencc_close(s2t);
  return 0;
}
