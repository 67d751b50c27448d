#include "core/uscc.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/golden.h"

namespace gongxin::uscc {
namespace {

using ::gongxin::testing::CatalogPath;
using ::gongxin::testing::MatchesGolden;
using ::gongxin::testing::ReadFileOrFail;
using ::gongxin::testing::ReadLinesOrFail;
using ::gongxin::testing::TestDataPath;

// The shipped tables, parsed once.
const CodeTables& Tables() {
  static const CodeTables* tables = [] {
    auto divisions = DivisionTable::ParseCsv(ReadFileOrFail(CatalogPath("codes/divisions.csv")));
    auto prefixes =
        UsccPrefixTable::ParseCsv(ReadFileOrFail(CatalogPath("codes/uscc_prefixes.csv")));
    EXPECT_TRUE(divisions.ok()) << divisions.status().ToString();
    EXPECT_TRUE(prefixes.ok()) << prefixes.status().ToString();
    auto* t = new CodeTables;
    if (divisions.ok()) t->divisions = std::move(divisions).value();
    if (prefixes.ok()) t->uscc_prefixes = std::move(prefixes).value();
    return t;
  }();
  return *tables;
}

// --- An independent implementation, written straight from GB 32100 / GB 11714 as
// quoted in STANDARDS.md §2.1, used to hand-check what the code under test produces.
constexpr int kStandardWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                      29, 25, 13, 8,  24, 10, 30, 28};
int SymbolValue(char c) {
  return static_cast<int>(std::string("0123456789ABCDEFGHJKLMNPQRTUWXY").find(c));
}
// A code is consistent iff Σ(value × weight) over positions 1-17 plus the check
// character's value is a multiple of 31 (that is what C18 = 31 - Σ mod 31 means).
bool IndependentCheckHolds(const std::string& code) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += SymbolValue(code[i]) * kStandardWeights[i];
  return (sum + SymbolValue(code[17])) % 31 == 0;
}
char IndependentCheckCharacter(const std::string& first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += SymbolValue(first17[i]) * kStandardWeights[i];
  int c = 31 - sum % 31;
  return "0123456789ABCDEFGHJKLMNPQRTUWXY"[c == 31 ? 0 : c];
}
// GB 11714: Σ(value × weight) + check value ≡ 0 (mod 11), with X = 10 and '0' for 11.
bool IndependentOrgCheckHolds(const std::string& nine) {
  const int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    char c = nine[i];
    sum += (c >= 'A' ? c - 'A' + 10 : c - '0') * w[i];
  }
  int check = nine[8] == 'X' ? 10 : nine[8] - '0';
  return (sum + check) % 11 == 0;
}

// One line of a vector file: CODE<TAB>valid or CODE<TAB>invalid<TAB>error<TAB>reason.
struct Vector {
  int line = 0;
  std::string code;
  bool valid = false;
  std::string error, reason;
};

std::vector<std::string> SplitTabs(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = s.find('\t', start);
    out.push_back(s.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

std::vector<Vector> ReadVectors(const std::string& relative) {
  std::vector<Vector> out;
  int number = 0;
  for (const std::string& line : ReadLinesOrFail(TestDataPath(relative))) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    auto f = SplitTabs(line);
    Vector v;
    v.line = number;
    v.code = f[0];
    if (f.size() == 2 && f[1] == "valid") {
      v.valid = true;
    } else if (f.size() == 4 && f[1] == "invalid") {
      v.error = f[2];
      v.reason = f[3];
    } else {
      ADD_FAILURE() << relative << " line " << number << " is malformed: " << line;
      continue;
    }
    out.push_back(v);
  }
  return out;
}

// The vector-file line Check() gives for `code`.
std::string Describe(const std::string& code) {
  UsccVerdict v = Check(code, Tables());
  if (v.valid()) return code + "\tvalid";
  return code + "\tinvalid\t" + std::string(ErrorName(v.error)) + "\t" + v.reason_en;
}

TEST(UsccTest, StandardsValidVectors) {
  for (const char* code :
       {"91230500MA1B3N1N2M", "11230500001755309F", "11420000MB15291767", "91330000717613656P",
        "9144030071526726XG", "914403001922038216", "91330100799655058B"}) {
    UsccVerdict v = Check(code, Tables());
    EXPECT_TRUE(v.valid()) << code << ": " << v.reason_en;
    EXPECT_TRUE(v.reason_en.empty());
    EXPECT_TRUE(v.reason_zh.empty());
    EXPECT_TRUE(v.org_code_ok) << code;  // all seven also pass the GB 11714 check
    ASSERT_NE(v.prefix, nullptr);
    EXPECT_EQ(v.prefix->code, std::string(code).substr(0, 2));
    EXPECT_EQ(CheckCharacter(std::string(code).substr(0, 17)), code[17]);
    EXPECT_TRUE(IndependentCheckHolds(code));
  }
}

TEST(UsccTest, StandardsInvalidVectorWithWrongCheckCharacter) {
  UsccVerdict v = Check("91110000MA001ABCX5", Tables());
  EXPECT_EQ(v.error, UsccError::kCheckCharacter);
  EXPECT_EQ(v.reason_en, "check character should be 6, found 5");
  EXPECT_EQ(v.reason_zh, "校验码应为6，实为5");
  EXPECT_EQ(CheckCharacter("91110000MA001ABCX"), '6');
  EXPECT_EQ(IndependentCheckCharacter("91110000MA001ABCX"), '6');
  // Its organisation code MA001ABC-X is wrong too (should be 8): only a flag.
  EXPECT_FALSE(v.org_code_ok);
  EXPECT_EQ(OrgCodeCheckCharacter("MA001ABC"), '8');
  EXPECT_TRUE(v.division_known);  // 110000 北京市
  ASSERT_NE(v.prefix, nullptr);
  EXPECT_EQ(v.prefix->kind, SubjectKind::kEnterprise);
  // With the right check character it is valid: a wrong organisation code never rejects.
  UsccVerdict fixed = Check("91110000MA001ABCX6", Tables());
  EXPECT_TRUE(fixed.valid()) << fixed.reason_en;
  EXPECT_FALSE(fixed.org_code_ok);
}

TEST(UsccTest, PlaceholderOfSeventeenZerosFailsOnPrefixFirst) {
  // Its check character should be 0, but the prefix "00" is checked first (order:
  // length, charset, prefix, division, check character), so the prefix is reported.
  EXPECT_EQ(CheckCharacter("00000000000000000"), '0');
  UsccVerdict v = Check("00000000000000000X", Tables());
  EXPECT_EQ(v.error, UsccError::kPrefix);
  EXPECT_EQ(v.reason_en,
            "prefix '00' (positions 1-2) is not a known registration authority and "
            "organisation type");
  EXPECT_EQ(v.reason_zh, "登记管理部门和机构类别代码'00'（第1-2位）不存在");
  EXPECT_EQ(v.prefix, nullptr);
  EXPECT_FALSE(v.division_known);
  EXPECT_TRUE(v.org_code_ok);  // 00000000 -> 11 -> '0'
}

TEST(UsccTest, ErrorNames) {
  EXPECT_EQ(ErrorName(UsccError::kNone), "none");
  EXPECT_EQ(ErrorName(UsccError::kLength), "length");
  EXPECT_EQ(ErrorName(UsccError::kCharset), "charset");
  EXPECT_EQ(ErrorName(UsccError::kPrefix), "prefix");
  EXPECT_EQ(ErrorName(UsccError::kDivision), "division");
  EXPECT_EQ(ErrorName(UsccError::kCheckCharacter), "check_character");
}

TEST(UsccTest, ChineseReasons) {
  EXPECT_EQ(Check("9144030019220382", Tables()).reason_zh, "应为18位，实为16位");
  EXPECT_EQ(Check("91440300I922038216", Tables()).reason_zh,
            "第9位'I'不合法（代码字符集不含I、O、S、V、Z）");
  EXPECT_EQ(Check("919903001922038216", Tables()).reason_zh,
            "行政区划码'990300'（第3-8位）的省级代码'99'不存在");
  EXPECT_EQ(Check("9144A3001922038216", Tables()).reason_zh,
            "行政区划码'44A300'（第3-8位）不是6位数字");
}

TEST(UsccTest, ControlCharactersAreNamedByCodePoint) {
  UsccVerdict v = Check("91440300\t922038216", Tables());
  EXPECT_EQ(v.error, UsccError::kCharset);
  EXPECT_EQ(v.reason_en,
            "position 9: U+0009 is not a code character (digits and upper-case letters except "
            "I, O, S, V, Z)");
}

TEST(UsccTest, MalformedUtf8BytesAreOneCharacterEach) {
  EXPECT_EQ(Check("\xff\xfe", Tables()).reason_en, "expected 18 characters, found 2");
  // A truncated 3-byte sequence: two characters, not one.
  EXPECT_EQ(Check("\xe4\xb8", Tables()).reason_en, "expected 18 characters, found 2");
  EXPECT_EQ(Check("\xe4\xb8\xad", Tables()).reason_en, "expected 18 characters, found 1");
  UsccVerdict v = Check(
      "\xff"
      "14403001922038216",
      Tables());
  EXPECT_EQ(v.error, UsccError::kCharset);
  EXPECT_EQ(v.reason_en,
            "position 1: byte 0xFF is not a code character (digits and upper-case letters "
            "except I, O, S, V, Z)");
}

TEST(UsccTest, FlagsAreNotComputedBeforeCharsetPasses) {
  for (const char* code : {"91440300192203821", "91440300I922038216"}) {
    UsccVerdict v = Check(code, Tables());
    EXPECT_FALSE(v.valid());
    EXPECT_FALSE(v.org_code_ok);
    EXPECT_FALSE(v.division_known);
    EXPECT_EQ(v.prefix, nullptr);
  }
}

TEST(UsccTest, UnknownCountyIsOnlyAFlag) {
  UsccVerdict v = Check("91440599MA4UL2Q662", Tables());
  EXPECT_TRUE(v.valid()) << v.reason_en;
  EXPECT_FALSE(v.division_known);
  EXPECT_TRUE(v.org_code_ok);
  EXPECT_TRUE(Check("914403001922038216", Tables()).division_known);  // 440300 深圳市
}

TEST(UsccTest, CentralBodiesUseTheNationalDivision) {
  UsccVerdict v = Check("11100000000013127D", Tables());
  EXPECT_TRUE(v.valid()) << v.reason_en;
  EXPECT_TRUE(v.division_known);
  ASSERT_NE(v.prefix, nullptr);
  EXPECT_EQ(v.prefix->kind, SubjectKind::kGovernmentBody);
}

TEST(UsccTest, OrgCodeCheckCharacter) {
  EXPECT_EQ(OrgCodeCheckCharacter("MA1B3N1N"), '2');
  EXPECT_EQ(OrgCodeCheckCharacter("00175530"), '9');
  EXPECT_EQ(OrgCodeCheckCharacter("MB152917"), '6');
  EXPECT_EQ(OrgCodeCheckCharacter("71526726"), 'X');  // 10 -> X
  EXPECT_EQ(OrgCodeCheckCharacter("00000000"), '0');  // 11 -> 0
  // Letters take A=10 .. Z=35 (not the 31-symbol index): with the symbol index, the
  // check of MA1B3N1N would differ.
  EXPECT_TRUE(IndependentOrgCheckHolds("MA1B3N1N2"));
}

TEST(UsccTest, GenerateIsDeterministicAndShaped) {
  std::string a = Generate("91", "440106", 12345);
  EXPECT_EQ(a, Generate("91", "440106", 12345));
  EXPECT_NE(a, Generate("91", "440106", 12346));
  ASSERT_EQ(a.size(), 18u);
  EXPECT_EQ(a.substr(0, 10), "91440106MA");
  EXPECT_TRUE(Check(a, Tables()).valid());
  // Serials wrap at 31^6.
  EXPECT_EQ(Generate("91", "440106", 7), Generate("91", "440106", 7 + 887503681ull));
}

// --- Golden files.

TEST(UsccGoldenTest, HandWrittenVectors) {
  auto vectors = ReadVectors("golden/uscc/vectors.txt");
  ASSERT_GE(vectors.size(), 30u);
  std::set<std::string> kinds_seen;
  for (const Vector& v : vectors) {
    SCOPED_TRACE("vectors.txt line " + std::to_string(v.line) + ": " + v.code);
    UsccVerdict got = Check(v.code, Tables());
    if (v.valid) {
      EXPECT_TRUE(got.valid()) << got.reason_en;
      EXPECT_TRUE(IndependentCheckHolds(v.code));
      kinds_seen.insert("valid");
    } else {
      EXPECT_FALSE(got.valid());
      EXPECT_EQ(ErrorName(got.error), v.error);
      EXPECT_EQ(got.reason_en, v.reason);
      EXPECT_FALSE(got.reason_zh.empty());
      kinds_seen.insert(v.error);
    }
  }
  EXPECT_EQ(kinds_seen, (std::set<std::string>{"valid", "length", "charset", "prefix", "division",
                                               "check_character"}));
}

// Mutations of a valid code, one per error kind (and a few variants).
std::vector<std::string> Mutations(const std::string& code) {
  std::vector<std::string> out;
  out.push_back(code.substr(0, 17));  // length
  out.push_back(code + "0");          // length
  std::string s = code;
  s[8] = 'I';  // charset: excluded letter
  out.push_back(s);
  s = code;
  s[9] = 'a';  // charset: lower case
  out.push_back(s);
  s = code;
  s[11] = '*';  // charset: not a code character
  out.push_back(s);
  s = code;
  s.replace(0, 2, "00");  // prefix
  out.push_back(s);
  s = code;
  s[4] = 'A';  // division: not digits
  out.push_back(s);
  s = code;
  s.replace(2, 2, "99");  // division: unknown province
  out.push_back(s);
  s = code;
  s[17] = kCharset[(kCharset.find(code[17]) + 1) % 31];  // check character
  out.push_back(s);
  return out;
}

TEST(UsccGoldenTest, GeneratedCodes) {
  const CodeTables& t = Tables();
  auto counties = t.divisions.CountiesUnder("44");
  ASSERT_FALSE(counties.empty());
  ASSERT_FALSE(t.uscc_prefixes.all().empty());
  std::ostringstream out;
  out << "# Generated by UsccGoldenTest.GeneratedCodes (src/core/uscc_test.cc): for every\n"
         "# prefix of catalog/codes/uscc_prefixes.csv, uscc::Generate(prefix, a Guangdong\n"
         "# county, serial) must be valid; then mutations of three of them, one per error\n"
         "# kind, with the exact reason. Same format as vectors.txt. Regenerate with\n"
         "# GONGXIN_UPDATE_GOLDEN=1 and review: the test re-checks every valid line and every\n"
         "# expected check character with an independent implementation.\n";
  std::vector<std::string> valid_codes;
  for (std::size_t i = 0; i < t.uscc_prefixes.all().size(); ++i) {
    const UsccPrefix& p = t.uscc_prefixes.all()[i];
    const Division& d = *counties[(i * 7) % counties.size()];
    const uint64_t serial = i * 1000003;
    std::string code = Generate(p.code, d.code, serial);
    out << "# " << p.code << " " << p.type_zh << ", " << d.code << " " << d.name << ", serial "
        << serial << "\n";
    out << Describe(code) << "\n";
    valid_codes.push_back(code);
    // Hand-check with the independent implementation.
    EXPECT_TRUE(IndependentCheckHolds(code)) << code;
    EXPECT_TRUE(IndependentOrgCheckHolds(code.substr(8, 9))) << code;
    EXPECT_EQ(code.substr(0, 8), p.code + d.code);
  }
  for (std::size_t k : {std::size_t{0}, valid_codes.size() / 2, valid_codes.size() - 1}) {
    const std::string& base = valid_codes[k];
    out << "# mutations of " << base << "\n";
    for (const std::string& m : Mutations(base)) {
      std::string line = Describe(m);
      out << line << "\n";
      EXPECT_NE(line.find("\tinvalid\t"), std::string::npos) << line;
      // The expected check character named in the reason is what the standard gives.
      if (line.find("check_character") != std::string::npos) {
        const std::string want = std::string("check character should be ") +
                                 IndependentCheckCharacter(m.substr(0, 17)) + ", found " + m[17];
        EXPECT_NE(line.find(want), std::string::npos) << line;
      }
    }
  }
  EXPECT_TRUE(MatchesGolden(out.str(), "golden/uscc/generated.txt"));

  // The reviewed golden file is itself a vector file: every line still holds.
  auto vectors = ReadVectors("golden/uscc/generated.txt");
  int valid = 0;
  for (const Vector& v : vectors) {
    UsccVerdict got = Check(v.code, t);
    EXPECT_EQ(got.valid(), v.valid) << v.code;
    if (v.valid) {
      ++valid;
      EXPECT_TRUE(got.org_code_ok) << v.code;
      EXPECT_TRUE(IndependentCheckHolds(v.code)) << v.code;
    } else {
      EXPECT_EQ(got.reason_en, v.reason) << v.code;
    }
  }
  EXPECT_EQ(valid, static_cast<int>(t.uscc_prefixes.all().size()));
}

// --- Properties.

TEST(UsccPropertyTest, GeneratedCodesAreValidForEveryGuangdongCounty) {
  const CodeTables& t = Tables();
  auto counties = t.divisions.CountiesUnder("44");
  const auto& prefixes = t.uscc_prefixes.all();
  ASSERT_GT(counties.size(), 100u);
  int checked = 0;
  for (std::size_t c = 0; c < counties.size(); ++c) {
    for (uint64_t k = 0; k < 40; ++k) {
      const uint64_t serial = (k * 2654435761u + c) % 100000000u;
      const UsccPrefix& p = prefixes[(c + k) % prefixes.size()];
      std::string code = Generate(p.code, counties[c]->code, serial);
      UsccVerdict v = Check(code, t);
      ASSERT_TRUE(v.valid()) << code << ": " << v.reason_en;
      EXPECT_TRUE(v.org_code_ok) << code;
      EXPECT_TRUE(v.division_known) << code;
      EXPECT_EQ(v.prefix, &p);
      EXPECT_TRUE(IndependentCheckHolds(code)) << code;
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(counties.size()) * 40);
}

TEST(UsccPropertyTest, DistinctSerialsGiveDistinctCodes) {
  std::set<std::string> seen;
  const int kCount = 200000;
  for (int s = 0; s < kCount; ++s) seen.insert(Generate("91", "440300", s));
  for (uint64_t s = 100000000 - 1000; s < 100000000; ++s) seen.insert(Generate("91", "440300", s));
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kCount + 1000));
}

TEST(UsccPropertyTest, EverySingleSubstitutionIsCaught) {
  const CodeTables& t = Tables();
  auto counties = t.divisions.CountiesUnder("44");
  int mutants = 0;
  for (std::size_t c = 0; c < counties.size(); ++c) {
    const std::string code = Generate(c % 2 ? "92" : "91", counties[c]->code, c * 977);
    ASSERT_TRUE(Check(code, t).valid()) << code;
    for (int pos = 0; pos < 18; ++pos) {
      for (char sym : kCharset) {
        if (sym == code[pos]) continue;
        std::string m = code;
        m[pos] = sym;
        EXPECT_FALSE(Check(m, t).valid()) << code << " -> " << m;
        // Independently of the tables, the check character alone catches it.
        EXPECT_FALSE(IndependentCheckHolds(m)) << m;
        ++mutants;
      }
    }
  }
  EXPECT_EQ(mutants, static_cast<int>(counties.size()) * 18 * 30);
}

TEST(UsccPropertyTest, EveryAdjacentTranspositionIsCaught) {
  const CodeTables& t = Tables();
  for (const Division* d : t.divisions.CountiesUnder("4401")) {
    for (uint64_t serial : {0ull, 1ull, 99999999ull}) {
      const std::string code = Generate("91", d->code, serial);
      for (int pos = 0; pos + 1 < 18; ++pos) {
        if (code[pos] == code[pos + 1]) continue;
        std::string m = code;
        std::swap(m[pos], m[pos + 1]);
        EXPECT_FALSE(Check(m, t).valid()) << code << " -> " << m;
      }
    }
  }
}

}  // namespace
}  // namespace gongxin::uscc
