#include "core/id_number.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/golden.h"

namespace gongxin::id_number {
namespace {

using ::gongxin::testing::CatalogPath;
using ::gongxin::testing::MatchesGolden;
using ::gongxin::testing::ReadFileOrFail;
using ::gongxin::testing::ReadLinesOrFail;
using ::gongxin::testing::TestDataPath;

const CodeTables& Tables() {
  static const CodeTables* tables = [] {
    auto divisions = DivisionTable::ParseCsv(ReadFileOrFail(CatalogPath("codes/divisions.csv")));
    EXPECT_TRUE(divisions.ok()) << divisions.status().ToString();
    auto* t = new CodeTables;
    if (divisions.ok()) t->divisions = std::move(divisions).value();
    return t;
  }();
  return *tables;
}

Date Ymd(int y, int m, int d) { return Date::FromYmd(y, m, d).value(); }

// The "today" the vector files are written for.
const Date kToday = Ymd(2025, 6, 30);

// Independent check, ISO 7064 MOD 11-2 as GB 11643 states it: with weights
// W_i = 2^(18-i) mod 11 for positions i = 1..18 and X = 10, Σ a_i × W_i ≡ 1 (mod 11).
bool IndependentCheckHolds(const std::string& id) {
  int sum = 0;
  int weight = 1;  // 2^(18-i) mod 11, from position 18 backwards
  for (int i = 17; i >= 0; --i) {
    int a = id[i] == 'X' ? 10 : id[i] - '0';
    sum += a * weight;
    weight = weight * 2 % 11;
  }
  return sum % 11 == 1;
}

struct Vector {
  int line = 0;
  std::string id;
  bool valid = false;
  std::string error, reason;
};

std::vector<Vector> ReadVectors(const std::string& relative) {
  std::vector<Vector> out;
  int number = 0;
  for (const std::string& line : ReadLinesOrFail(TestDataPath(relative))) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    Vector v;
    v.line = number;
    v.id = f[0];
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

std::string Describe(const std::string& id) {
  IdVerdict v = Check(id, Tables(), kToday);
  if (v.valid()) return id + "\tvalid";
  return id + "\tinvalid\t" + std::string(ErrorName(v.error)) + "\t" + v.reason_en;
}

TEST(IdNumberTest, StandardsVectors) {
  IdVerdict a = Check("11010519491231002X", Tables(), kToday);
  EXPECT_TRUE(a.valid()) << a.reason_en;
  EXPECT_EQ(a.birth_date, Ymd(1949, 12, 31));
  EXPECT_EQ(a.sex, Sex::kFemale);  // sequence 002
  EXPECT_TRUE(a.division_known);   // 110105 朝阳区
  EXPECT_EQ(CheckDigit("11010519491231002"), 'X');

  IdVerdict b = Check("440524188001010014", Tables(), kToday);
  EXPECT_TRUE(b.valid()) << b.reason_en;
  EXPECT_FALSE(b.division_known);  // 440524 潮阳县 is retired
  EXPECT_EQ(b.birth_date, Ymd(1880, 1, 1));
  EXPECT_EQ(b.sex, Sex::kMale);  // sequence 001

  IdVerdict c = Check("110101199003077735", Tables(), kToday);
  EXPECT_EQ(c.error, IdError::kCheckDigit);
  EXPECT_EQ(c.reason_en, "check digit should be 1, found 5");
  EXPECT_EQ(c.reason_zh, "校验码应为1，实为5");
  EXPECT_EQ(CheckDigit("11010119900307773"), '1');
  EXPECT_TRUE(IndependentCheckHolds("110101199003077731"));
}

TEST(IdNumberTest, ErrorNames) {
  EXPECT_EQ(ErrorName(IdError::kNone), "none");
  EXPECT_EQ(ErrorName(IdError::kLength), "length");
  EXPECT_EQ(ErrorName(IdError::kCharset), "charset");
  EXPECT_EQ(ErrorName(IdError::kDivision), "division");
  EXPECT_EQ(ErrorName(IdError::kBirthDate), "birth_date");
  EXPECT_EQ(ErrorName(IdError::kFutureBirthDate), "future_birth_date");
  EXPECT_EQ(ErrorName(IdError::kCheckDigit), "check_digit");
  EXPECT_EQ(SexName(Sex::kMale), "male");
  EXPECT_EQ(SexName(Sex::kFemale), "female");
}

TEST(IdNumberTest, FutureBirthDateDependsOnTheInjectedToday) {
  const std::string id = Generate("440106", Ymd(2025, 7, 1), 11);
  IdVerdict before = Check(id, Tables(), Ymd(2025, 6, 30));
  EXPECT_EQ(before.error, IdError::kFutureBirthDate);
  EXPECT_EQ(before.reason_en, "birth date 2025-07-01 is after today (2025-06-30)");
  EXPECT_EQ(before.reason_zh, "出生日期2025-07-01晚于今天（2025-06-30）");
  EXPECT_EQ(before.birth_date, Ymd(2025, 7, 1));
  EXPECT_TRUE(Check(id, Tables(), Ymd(2025, 7, 1)).valid());  // born today
  EXPECT_TRUE(Check(id, Tables(), Ymd(2040, 1, 1)).valid());
}

TEST(IdNumberTest, FebruaryTwentyNinth) {
  IdVerdict v =
      Check(Generate("440106", Ymd(2024, 2, 29), 1).replace(6, 4, "2023"), Tables(), kToday);
  EXPECT_EQ(v.error, IdError::kBirthDate);
  EXPECT_EQ(v.reason_en,
            "birth date 20230229 (positions 7-14) is not a real date (day 29 does not exist in "
            "2023-02)");
  // 1900 is not a leap year (divisible by 100, not by 400); 2000 is.
  EXPECT_EQ(Check("440106190002290013", Tables(), kToday).error, IdError::kBirthDate);
  EXPECT_TRUE(Check(Generate("440106", Ymd(2000, 2, 29), 1), Tables(), kToday).valid());
  EXPECT_TRUE(Check(Generate("440106", Ymd(2024, 2, 29), 2), Tables(), kToday).valid());
}

TEST(IdNumberTest, BirthDateBounds) {
  // The earliest birth date accepted is 1800-01-01 (the standard sets no bound; the
  // STANDARDS.md vector 440524188001010014 is born in 1880).
  EXPECT_EQ(kEarliestBirthYear, 1800);
  EXPECT_TRUE(Check(Generate("440106", Ymd(1900, 1, 1), 5), Tables(), kToday).valid());
  EXPECT_TRUE(Check(Generate("440106", Ymd(1899, 12, 31), 5), Tables(), kToday).valid());
  EXPECT_TRUE(Check(Generate("440106", Ymd(1800, 1, 1), 5), Tables(), kToday).valid());
  IdVerdict v = Check(Generate("440106", Ymd(1799, 12, 31), 5), Tables(), kToday);
  EXPECT_EQ(v.error, IdError::kBirthDate);
  EXPECT_EQ(v.reason_en, "birth date 1799-12-31 is before 1800-01-01");
  EXPECT_EQ(v.reason_zh, "出生日期1799-12-31早于1800-01-01");
  EXPECT_EQ(Check("440106000001010013", Tables(), kToday).error, IdError::kBirthDate);
  EXPECT_EQ(Check("440106199000100013", Tables(), kToday).error, IdError::kBirthDate);
}

TEST(IdNumberTest, DivisionProvinceMustBeKnown) {
  IdVerdict v = Check("990105194912310023", Tables(), kToday);
  EXPECT_EQ(v.error, IdError::kDivision);
  EXPECT_EQ(v.reason_zh, "地址码'990105'（第1-6位）的省级代码'99'不存在");
  // The national code 100000 is not an address.
  EXPECT_EQ(Check("100000194912310020", Tables(), kToday).error, IdError::kDivision);
  IdVerdict retired = Check(Generate("440599", Ymd(1990, 1, 1), 1), Tables(), kToday);
  EXPECT_TRUE(retired.valid());
  EXPECT_FALSE(retired.division_known);
}

TEST(IdNumberTest, ChecksRunInOrder) {
  // Bad province, bad date and bad check digit: the province is reported.
  EXPECT_EQ(Check("990105202302290019", Tables(), kToday).error, IdError::kDivision);
  // Bad date and bad check digit: the date is reported.
  EXPECT_EQ(Check("110105202302290019", Tables(), kToday).error, IdError::kBirthDate);
  // Lower-case x is a charset error, not a check-digit one.
  EXPECT_EQ(Check("11010519491231002x", Tables(), kToday).error, IdError::kCharset);
}

TEST(IdNumberTest, From15) {
  auto id = From15("110105491231002");
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, "11010519491231002X");
  EXPECT_TRUE(Check(*id, Tables(), kToday).valid());

  auto old = From15("440524800101001");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(*old, "440524198001010013");
  EXPECT_TRUE(IndependentCheckHolds(*old));

  EXPECT_EQ(From15("11010549123100").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(From15("1101054912310021").ok());
  EXPECT_FALSE(From15("11010549123100X").ok());
  EXPECT_FALSE(From15("").ok());
  auto bad_date = From15("110105490231002");
  ASSERT_FALSE(bad_date.ok());
  EXPECT_EQ(bad_date.status().message(),
            "birth date 19490231 of '110105490231002' is not a real date (day 31 does not exist "
            "in 1949-02)");
  EXPECT_FALSE(bad_date.status().message_zh().empty());
}

TEST(IdNumberTest, GenerateAndSex) {
  const std::string male = Generate("440106", Ymd(1990, 1, 1), 123);
  EXPECT_EQ(male.substr(0, 17), "44010619900101123");
  EXPECT_EQ(male, "440106199001011235");
  EXPECT_TRUE(IndependentCheckHolds(male));
  EXPECT_EQ(SexOf(male), Sex::kMale);
  const std::string female = Generate("440106", Ymd(1990, 1, 1), 124);
  EXPECT_EQ(SexOf(female), Sex::kFemale);
  EXPECT_EQ(Check(female, Tables(), kToday).sex, Sex::kFemale);
  EXPECT_EQ(Generate("440106", Ymd(1990, 1, 1), 0).substr(14, 3), "000");
  EXPECT_EQ(Generate("440106", Ymd(1990, 1, 1), 999).substr(14, 3), "999");
  EXPECT_EQ(SexOf("11010519491231002X"), Sex::kFemale);
  EXPECT_EQ(SexOf("440524188001010014"), Sex::kMale);
}

// --- Golden files.

TEST(IdNumberGoldenTest, HandWrittenVectors) {
  auto vectors = ReadVectors("golden/id_number/vectors.txt");
  ASSERT_GE(vectors.size(), 25u);
  std::set<std::string> kinds_seen;
  for (const Vector& v : vectors) {
    SCOPED_TRACE("vectors.txt line " + std::to_string(v.line) + ": " + v.id);
    IdVerdict got = Check(v.id, Tables(), kToday);
    if (v.valid) {
      EXPECT_TRUE(got.valid()) << got.reason_en;
      EXPECT_TRUE(IndependentCheckHolds(v.id));
      kinds_seen.insert("valid");
    } else {
      EXPECT_FALSE(got.valid());
      EXPECT_EQ(ErrorName(got.error), v.error);
      EXPECT_EQ(got.reason_en, v.reason);
      EXPECT_FALSE(got.reason_zh.empty());
      kinds_seen.insert(v.error);
    }
  }
  EXPECT_EQ(kinds_seen, (std::set<std::string>{"valid", "length", "charset", "division",
                                               "birth_date", "future_birth_date", "check_digit"}));
}

TEST(IdNumberGoldenTest, GeneratedNumbers) {
  auto counties = Tables().divisions.CountiesUnder("44");
  ASSERT_GE(counties.size(), 12u);
  std::ostringstream out;
  out << "# Generated by IdNumberGoldenTest.GeneratedNumbers (src/core/id_number_test.cc), with\n"
         "# today = 2025-06-30: id_number::Generate() for Guangdong counties, then mutations\n"
         "# of two of them, one per error kind, with the exact reason. Same format as\n"
         "# vectors.txt. Regenerate with GONGXIN_UPDATE_GOLDEN=1 and review: the test\n"
         "# re-checks every valid line with an independent implementation.\n";
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) {
    const Division& d = *counties[(i * 11) % counties.size()];
    const Date birth = Ymd(1930, 1, 1).AddDays(i * 2203);
    const int sequence = (i * 137) % 1000;
    const std::string id = Generate(d.code, birth, sequence);
    out << "# " << d.code << " " << d.name << ", born " << birth.ToIso() << ", sequence "
        << sequence << " (" << SexName(sequence % 2 ? Sex::kMale : Sex::kFemale) << ")\n";
    out << Describe(id) << "\n";
    EXPECT_TRUE(IndependentCheckHolds(id)) << id;
    ids.push_back(id);
  }
  for (const std::string& base : {ids[0], ids[7]}) {
    out << "# mutations of " << base << "\n";
    std::vector<std::string> mutants;
    mutants.push_back(base.substr(0, 17));
    std::string s = base;
    s[3] = 'A';
    mutants.push_back(s);
    s = base;
    s[17] = s[17] == 'X' ? 'x' : 'Y';
    mutants.push_back(s);
    s = base;
    s.replace(0, 2, "99");
    mutants.push_back(s);
    s = base;
    s.replace(10, 2, "13");  // month 13
    mutants.push_back(s);
    s = base;
    s.replace(6, 4, "2026");  // after 2025-06-30
    s[17] = CheckDigit(s.substr(0, 17));
    mutants.push_back(s);
    s = base;
    s[17] = s[17] == '0' ? '1' : '0';
    mutants.push_back(s);
    for (const std::string& m : mutants) {
      std::string line = Describe(m);
      EXPECT_NE(line.find("\tinvalid\t"), std::string::npos) << line;
      out << line << "\n";
    }
  }
  EXPECT_TRUE(MatchesGolden(out.str(), "golden/id_number/generated.txt"));

  int valid = 0;
  for (const Vector& v : ReadVectors("golden/id_number/generated.txt")) {
    IdVerdict got = Check(v.id, Tables(), kToday);
    EXPECT_EQ(got.valid(), v.valid) << v.id;
    if (v.valid) {
      ++valid;
      EXPECT_TRUE(IndependentCheckHolds(v.id)) << v.id;
    } else {
      EXPECT_EQ(got.reason_en, v.reason) << v.id;
    }
  }
  EXPECT_EQ(valid, 12);
}

// --- Properties.

TEST(IdNumberPropertyTest, GeneratedNumbersAreValidAndEverySubstitutionIsCaught) {
  const CodeTables& t = Tables();
  auto counties = t.divisions.CountiesUnder("44");
  int mutants = 0;
  for (std::size_t c = 0; c < counties.size(); ++c) {
    const Date birth = Ymd(1920, 3, 1).AddDays(static_cast<int>(c) * 211);
    const int sequence = static_cast<int>(c * 37 % 1000);
    const std::string id = Generate(counties[c]->code, birth, sequence);
    IdVerdict v = Check(id, t, kToday);
    ASSERT_TRUE(v.valid()) << id << ": " << v.reason_en;
    EXPECT_EQ(v.birth_date, birth);
    EXPECT_EQ(v.sex, sequence % 2 ? Sex::kMale : Sex::kFemale);
    EXPECT_TRUE(v.division_known);
    for (int pos = 0; pos < 18; ++pos) {
      for (char sym : std::string("0123456789X")) {
        if (sym == id[pos] || (sym == 'X' && pos != 17)) continue;
        std::string m = id;
        m[pos] = sym;
        EXPECT_FALSE(Check(m, t, kToday).valid()) << id << " -> " << m;
        EXPECT_FALSE(IndependentCheckHolds(m)) << m;
        ++mutants;
      }
    }
  }
  EXPECT_EQ(mutants, static_cast<int>(counties.size()) * (17 * 9 + 10));
}

}  // namespace
}  // namespace gongxin::id_number
