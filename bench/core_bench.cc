// Core rules beside the obvious way to do the same job, measured in the same run.
// Every benchmark walks a fixed set of 1024 inputs (made here, deterministically) so
// that the branch predictor cannot learn one value; items/s is inputs per second.
//
//   uscc::Check           vs std::regex shape check + naive check-character loop
//   id_number::Check      vs std::regex shape check + naive check-digit loop + strptime
//   text::NormalizeName   vs ICU Normalizer2 NFKC alone (simplified and traditional names)
//   text::NormalizeValue  vs ICU Normalizer2 NFKC alone
//   Money::ParseWanYuan   vs strtod and rounding to fen
//
// The peers do less than ours (no code tables, no dates in range, no bracket or
// whitespace rules, no exact decimals): the ratio is what our rules cost over the
// obvious shortcut. Run: build/bench/core_bench (scripts/bench.sh passes
// --benchmark_min_time).
#include <benchmark/benchmark.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <regex>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/money.h"
#include "core/text.h"
#include "core/uscc.h"

namespace {

using namespace gongxin;

constexpr size_t kInputs = 1024;

const catalog::Catalog& TheCatalog() {
  static const catalog::Catalog* catalog = [] {
    auto loaded = catalog::Catalog::LoadDir(GONGXIN_CATALOG_DIR);
    if (!loaded.ok()) {
      std::fprintf(stderr, "core_bench: %s\n", loaded.status().ToString().c_str());
      std::exit(2);
    }
    return new catalog::Catalog(std::move(loaded).value());
  }();
  return *catalog;
}

// A tiny deterministic generator (splitmix64) for the inputs.
struct Mix {
  uint64_t s;
  uint64_t Next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

constexpr const char* kDivisions[] = {"440106", "440104", "440303", "440604",
                                      "441900", "442000", "440111", "440511"};
constexpr const char* kPrefixes[] = {"91", "92", "93", "51", "52", "12", "11"};

// Codes as departments send them: 1 in 16 has a wrong check character.
const std::vector<std::string>& UsccInputs() {
  static const std::vector<std::string> inputs = [] {
    std::vector<std::string> v;
    Mix m{1};
    for (size_t i = 0; i < kInputs; ++i) {
      std::string code =
          uscc::Generate(kPrefixes[m.Next() % std::size(kPrefixes)],
                         kDivisions[m.Next() % std::size(kDivisions)], m.Next() % 1000000000);
      if (i % 16 == 7) code.back() = code.back() == 'A' ? 'B' : 'A';
      v.push_back(code);
    }
    return v;
  }();
  return inputs;
}

const std::vector<std::string>& IdInputs() {
  static const std::vector<std::string> inputs = [] {
    std::vector<std::string> v;
    Mix m{2};
    for (size_t i = 0; i < kInputs; ++i) {
      const Date birth =
          Date::FromYmd(1950 + static_cast<int>(m.Next() % 55), 1 + static_cast<int>(m.Next() % 12),
                        1 + static_cast<int>(m.Next() % 28))
              .value();
      std::string id = id_number::Generate(kDivisions[m.Next() % std::size(kDivisions)], birth,
                                           static_cast<int>(m.Next() % 1000));
      if (i % 16 == 7) id.back() = id.back() == '1' ? '2' : '1';
      v.push_back(id);
    }
    return v;
  }();
  return inputs;
}

std::vector<std::string> Cycle(std::initializer_list<const char*> items) {
  std::vector<std::string> v;
  while (v.size() < kInputs) {
    for (const char* s : items) v.emplace_back(s);
  }
  v.resize(kInputs);
  return v;
}

const std::vector<std::string>& SimplifiedNames() {
  static const std::vector<std::string> v = Cycle(
      {"广州市天河区穗粤信息科技有限公司", "广州市越秀区陈记粥铺", "广东粤海建设工程有限公司",
       "深圳市南山区华强电子商行（个体工商户）", "佛山市顺德区美的家电销售有限公司",
       "东莞市长安镇恒通五金制品厂", "陈伟强", "欧阳·娜娜", "中山市小榄镇Ａ＆Ｂ服饰店",
       "珠海格力电器股份有限公司 ", "汕头市金平区 潮味食品商行", "惠州市惠城区鸿运物流有限公司"});
  return v;
}

const std::vector<std::string>& TraditionalNames() {
  static const std::vector<std::string> v = Cycle(
      {"廣州市（白雲）科技 有限公司", "廣州市越秀區陳記粥鋪", "廣東粵海建設工程有限公司",
       "深圳市南山區華強電子商行（個體工商戶）", "佛山市順德區美的家電銷售有限公司",
       "東莞市長安鎮恆通五金製品廠", "陳偉強", "歐陽・娜娜", "中山市小欖鎮Ａ＆Ｂ服飾店",
       "珠海格力電器股份有限公司 ", "汕頭市金平區 潮味食品商行", "惠州市惠城區鴻運物流有限公司"});
  return v;
}

const std::vector<std::string>& Values() {
  static const std::vector<std::string> v =
      Cycle({"罚款人民币5000元", "穗天市监处罚〔2026〕1021号", "91440106MA59C0XK3J",
             "  广州市天河区市场监督管理局 ", "《中华人民共和国广告法》第五十五条第一款",
             "2026-11-16", "９１４４０１０６ＭＡ５９Ｃ０ＸＫ３Ｊ",
             "当事人在其网店首页发布“全网销量第一”等无法证实的广告用语", "罚款;没收违法所得", "0.5",
             "020-38861234", "林志强"});
  return v;
}

const std::vector<std::string>& Amounts() {
  static const std::vector<std::string> v =
      Cycle({"0.5", "1", "0.082", "12.345", "3000", "0.000001", "150", "2.25", "0.3", "88"});
  return v;
}

template <typename F>
void Walk(benchmark::State& state, const std::vector<std::string>& inputs, F f) {
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f(inputs[i]));
    i = (i + 1) & (kInputs - 1);
  }
  state.SetItemsProcessed(state.iterations());
}

// --- uscc ---------------------------------------------------------------------------

void BM_Uscc_Ours(benchmark::State& state) {
  const CodeTables& tables = TheCatalog().standard_tables();
  Walk(state, UsccInputs(), [&](const std::string& s) { return uscc::Check(s, tables).valid(); });
}

bool UsccPeer(const std::string& s) {
  static const std::regex shape("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$");
  if (!std::regex_match(s, shape)) return false;
  static const std::string charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += static_cast<int>(charset.find(s[i])) * weights[i];
  return charset[(31 - sum % 31) % 31] == s[17];
}

void BM_Uscc_PeerRegex(benchmark::State& state) { Walk(state, UsccInputs(), UsccPeer); }

// --- id number -----------------------------------------------------------------------

void BM_IdNumber_Ours(benchmark::State& state) {
  const CodeTables& tables = TheCatalog().standard_tables();
  const Date today = Date::FromYmd(2026, 11, 23).value();
  Walk(state, IdInputs(),
       [&](const std::string& s) { return id_number::Check(s, tables, today).valid(); });
}

bool IdPeer(const std::string& s) {
  static const std::regex shape("^[0-9]{17}[0-9X]$");
  if (!std::regex_match(s, shape)) return false;
  std::tm tm{};
  const std::string birth = s.substr(6, 8);
  if (strptime(birth.c_str(), "%Y%m%d", &tm) == nullptr) return false;
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (s[i] - '0') * weights[i];
  return "10X98765432"[sum % 11] == s[17];
}

void BM_IdNumber_PeerRegex(benchmark::State& state) { Walk(state, IdInputs(), IdPeer); }

// --- names and values ----------------------------------------------------------------

std::string Nfkc(const std::string& s) {
  static const icu::Normalizer2* nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) std::abort();
    return n;
  }();
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  nfkc->normalizeUTF8(0, s, sink, nullptr, status);
  return out;
}

void BM_NormalizeName_Simplified_Ours(benchmark::State& state) {
  Walk(state, SimplifiedNames(), [](const std::string& s) { return text::NormalizeName(s); });
}
void BM_NormalizeName_Simplified_PeerNfkc(benchmark::State& state) {
  Walk(state, SimplifiedNames(), Nfkc);
}
void BM_NormalizeName_Traditional_Ours(benchmark::State& state) {
  Walk(state, TraditionalNames(), [](const std::string& s) { return text::NormalizeName(s); });
}
void BM_NormalizeName_Traditional_PeerNfkc(benchmark::State& state) {
  Walk(state, TraditionalNames(), Nfkc);
}
void BM_NormalizeValue_Ours(benchmark::State& state) {
  Walk(state, Values(), [](const std::string& s) { return text::NormalizeValue(s); });
}
void BM_NormalizeValue_PeerNfkc(benchmark::State& state) { Walk(state, Values(), Nfkc); }

// --- amounts -------------------------------------------------------------------------

void BM_ParseWanYuan_Ours(benchmark::State& state) {
  Walk(state, Amounts(), [](const std::string& s) {
    auto m = Money::ParseWanYuan(s);
    return m.ok() ? m->fen() : int64_t{-1};
  });
}

void BM_ParseWanYuan_PeerStrtod(benchmark::State& state) {
  Walk(state, Amounts(), [](const std::string& s) {
    char* end = nullptr;
    const double wan = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0') return int64_t{-1};
    return static_cast<int64_t>(std::llround(wan * 1000000.0));
  });
}

BENCHMARK(BM_Uscc_Ours);
BENCHMARK(BM_Uscc_PeerRegex);
BENCHMARK(BM_IdNumber_Ours);
BENCHMARK(BM_IdNumber_PeerRegex);
BENCHMARK(BM_NormalizeName_Simplified_Ours);
BENCHMARK(BM_NormalizeName_Simplified_PeerNfkc);
BENCHMARK(BM_NormalizeName_Traditional_Ours);
BENCHMARK(BM_NormalizeName_Traditional_PeerNfkc);
BENCHMARK(BM_NormalizeValue_Ours);
BENCHMARK(BM_NormalizeValue_PeerNfkc);
BENCHMARK(BM_ParseWanYuan_Ours);
BENCHMARK(BM_ParseWanYuan_PeerStrtod);

}  // namespace

BENCHMARK_MAIN();
