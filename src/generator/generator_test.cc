#include "generator/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/money.h"
#include "core/text.h"
#include "core/uscc.h"
#include "generator/rng.h"
#include "generator/words.h"
#include "support/golden.h"

namespace gongxin::generator {
namespace {

using catalog::Catalog;
using catalog::FieldSpec;
using catalog::FieldType;
using catalog::InfoClass;
using catalog::Requirement;

const Date kAsOf = Date::FromYmd(2026, 11, 1).value();

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Splits one CSV line (RFC 4180; the generator never writes line breaks in values).
std::vector<std::string> SplitCsv(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // rows[i] is on line i + 2
  int Col(std::string_view name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
};

Table ReadTable(const std::string& path) {
  Table t;
  const std::vector<std::string> lines = Lines(ReadAll(path));
  if (lines.empty()) return t;
  t.header = SplitCsv(lines[0]);
  for (size_t i = 1; i < lines.size(); ++i) t.rows.push_back(SplitCsv(lines[i]));
  return t;
}

const Catalog& TheCatalog() {
  static const Catalog* catalog = [] {
    auto loaded = Catalog::LoadDir(gongxin::testing::CatalogPath());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().ToString();
      std::abort();
    }
    return new Catalog(std::move(loaded).value());
  }();
  return *catalog;
}

// Folders the tests write, removed when the test program ends.
std::string TempDir(const std::string& name) {
  struct Dirs {
    std::vector<std::string> all;
    ~Dirs() {
      for (const std::string& d : all) {
        std::error_code ec;
        std::filesystem::remove_all(d, ec);
      }
    }
  };
  static Dirs dirs;
  dirs.all.push_back(gongxin::testing::MakeTempDir(name));
  return dirs.all.back();
}

struct GenRun {
  std::string dir;
  Summary summary;
};

GenRun Make(const std::string& name, Options options) {
  GenRun run;
  run.dir = TempDir("gen_" + name);
  options.out_dir = run.dir;
  auto summary = Generate(TheCatalog(), options);
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  if (summary.ok()) run.summary = *summary;
  return run;
}

Options Base(uint64_t subjects, uint64_t seed) {
  Options o;
  o.subjects = subjects;
  o.seed = seed;
  o.csv = true;
  o.jsonl = true;
  return o;
}

// The main data set: 20,000 subjects, clean, both formats.
const GenRun& Clean() {
  static const GenRun run = [] {
    Options o = Base(20000, 11);
    o.threads = 2;
    return Make("clean", o);
  }();
  return run;
}

// 5,000 subjects with one error in 20% of the records.
const GenRun& Dirty() {
  static const GenRun run = [] {
    Options o = Base(5000, 5);
    o.dirty = 0.2;
    o.threads = 2;
    return Make("dirty", o);
  }();
  return run;
}

std::vector<std::string> ClassFiles(const GenRun& run) {
  std::vector<std::string> ids;
  for (const auto& [id, rows] : run.summary.rows) ids.push_back(id);
  return ids;
}

std::vector<std::string> AllFiles(const GenRun& run) {
  std::vector<std::string> files = {"subjects.csv", "sources.csv"};
  for (const std::string& id : ClassFiles(run)) {
    for (const char* ext : {".csv", ".jsonl"}) {
      if (std::filesystem::exists(run.dir + "/" + id + ext)) files.push_back(id + ext);
    }
  }
  if (std::filesystem::exists(run.dir + "/dirty_manifest.csv"))
    files.push_back("dirty_manifest.csv");
  return files;
}

void ExpectSameFiles(const GenRun& a, const GenRun& b) {
  const std::vector<std::string> files = AllFiles(a);
  EXPECT_EQ(files, AllFiles(b));
  for (const std::string& f : files) {
    EXPECT_TRUE(ReadAll(a.dir + "/" + f) == ReadAll(b.dir + "/" + f)) << f << " differs";
  }
}

// ---------------------------------------------------------------------------------
// Small parts

TEST(GeneratorPartsTest, PermutationIsABijection) {
  for (uint64_t n : {1ull, 2ull, 7ull, 100ull, 4097ull}) {
    Permutation p(n, 42);
    std::set<uint64_t> seen;
    for (uint64_t x = 0; x < n; ++x) {
      const uint64_t y = p(x);
      EXPECT_LT(y, std::max<uint64_t>(n, 2));
      seen.insert(y);
    }
    EXPECT_EQ(seen.size(), n);
  }
}

TEST(GeneratorPartsTest, RngIsReproducible) {
  Rng a(StreamSeed(1, 2)), b(StreamSeed(1, 2)), c(StreamSeed(1, 3));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Next(), b.Next());
  EXPECT_NE(Rng(StreamSeed(1, 2)).Next(), c.Next());
}

TEST(GeneratorPartsTest, BrandCharactersAreVaried) {
  const auto chars = words::BrandChars();
  EXPECT_GE(chars.size(), 150u);
  std::set<std::string_view> unique(chars.begin(), chars.end());
  EXPECT_EQ(unique.size(), chars.size());
  EXPECT_EQ(words::Numeral(3), "三");
  EXPECT_EQ(words::Numeral(10), "十");
  EXPECT_EQ(words::Numeral(21), "二十一");
}

TEST(GeneratorPartsTest, RejectsBadOptions) {
  Options o = Base(10, 1);
  o.out_dir = TempDir("gen_bad");
  auto too_few = Generate(TheCatalog(), o);
  ASSERT_FALSE(too_few.ok());
  EXPECT_EQ(too_few.status().code(), StatusCode::kInvalidArgument);
  EXPECT_GT(GovernmentBodyCount(TheCatalog()), 300u);
  o.subjects = 5000;
  o.dirty = 1.5;
  EXPECT_FALSE(Generate(TheCatalog(), o).ok());
  o.dirty = 0;
  o.csv = o.jsonl = false;
  EXPECT_FALSE(Generate(TheCatalog(), o).ok());
}

// ---------------------------------------------------------------------------------
// Determinism

TEST(GeneratorTest, SameSeedSameBytesWhateverTheThreads) {
  Options o = Base(20000, 11);
  o.threads = 1;
  ExpectSameFiles(Clean(), Make("clean_t1", o));
}

TEST(GeneratorTest, SameSeedSameBytesWithErrors) {
  Options o = Base(5000, 5);
  o.dirty = 0.2;
  o.threads = 3;
  ExpectSameFiles(Dirty(), Make("dirty_t3", o));
}

TEST(GeneratorTest, AnotherSeedOtherData) {
  Options o = Base(5000, 6);
  o.dirty = 0.2;
  const GenRun other = Make("seed6", o);
  EXPECT_NE(ReadAll(Dirty().dir + "/subjects.csv"), ReadAll(other.dir + "/subjects.csv"));
}

TEST(GeneratorTest, CleanRecordsAreTheSameWithAndWithoutErrors) {
  // The errors come from their own random stream: a dirty run's untouched rows are
  // the clean run's rows.
  Options o = Base(5000, 5);
  o.csv = true;
  o.jsonl = false;
  const GenRun clean = Make("clean5", o);
  EXPECT_EQ(ReadAll(clean.dir + "/subjects.csv"), ReadAll(Dirty().dir + "/subjects.csv"));
  const std::vector<std::string> a = Lines(ReadAll(clean.dir + "/penalty.csv"));
  const std::vector<std::string> b = Lines(ReadAll(Dirty().dir + "/penalty.csv"));
  std::set<std::string> dirty_lines(b.begin(), b.end());
  size_t found = 0;
  for (const std::string& line : a) found += dirty_lines.count(line);
  EXPECT_GT(found, a.size() * 7 / 10);
}

// ---------------------------------------------------------------------------------
// The catalog's fields

TEST(GeneratorTest, WritesEveryKnownClassAndNoPlaceholders) {
  const GenRun& run = Clean();
  EXPECT_TRUE(run.summary.skipped.empty());
  EXPECT_TRUE(run.summary.placeholder_fields.empty())
      << "generator does not know: " << ::testing::PrintToString(run.summary.placeholder_fields);
  for (const InfoClass& c : TheCatalog().classes()) {
    EXPECT_TRUE(std::filesystem::exists(run.dir + "/" + c.id + ".csv")) << c.id;
  }
  for (const auto& [id, rows] : run.summary.rows) EXPECT_GT(rows, 0u) << id;
  const std::string json = run.summary.ToJson();
  EXPECT_NE(json.find("\"subjects\":20000"), std::string::npos) << json;
  EXPECT_NE(json.find("\"penalty\":"), std::string::npos) << json;
}

// Every header is a field of the class; every mandatory field and every conditional
// one whose condition holds is filled; codes and enums take allowed values; uscc and
// id numbers pass their checks.
void CheckRecords(const GenRun& run, Date as_of) {
  const Catalog& cat = TheCatalog();
  const CodeTables& tables = cat.standard_tables();
  for (const InfoClass& c : cat.classes()) {
    SCOPED_TRACE(c.id);
    const Table t = ReadTable(run.dir + "/" + c.id + ".csv");
    ASSERT_FALSE(t.header.empty());
    std::vector<const FieldSpec*> fields;
    for (const std::string& h : t.header) {
      const FieldSpec* f = c.FindField(h);
      ASSERT_NE(f, nullptr) << "header " << h << " is not a field of " << c.id;
      fields.push_back(f);
    }
    for (const catalog::FieldSpec& f : c.fields) {
      if (f.required == Requirement::kMandatory) {
        EXPECT_NE(t.Col(f.code), -1) << "mandatory " << f.code << " missing from the header";
      }
    }
    const int decision = c.decision_date_field.empty() ? -1 : t.Col(c.decision_date_field);
    size_t checked = 0;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      ASSERT_EQ(row.size(), t.header.size()) << "line " << r + 2;
      std::optional<Date> on;
      if (decision >= 0 && !row[decision].empty()) {
        auto d = Date::Parse(row[decision]);
        ASSERT_TRUE(d.ok()) << row[decision];
        on = *d;
        EXPECT_LT(*d, as_of) << "line " << r + 2;
      }
      for (size_t i = 0; i < fields.size(); ++i) {
        const FieldSpec& f = *fields[i];
        const std::string& v = row[i];
        if (f.required == Requirement::kMandatory) {
          EXPECT_FALSE(v.empty()) << f.code << " empty on line " << r + 2;
        } else if (f.required == Requirement::kConditional && f.when) {
          const int wc = t.Col(f.when->field);
          ASSERT_GE(wc, 0);
          const FieldSpec* wf = c.FindField(f.when->field);
          if (f.when->Holds(cat.SplitValues(*wf, row[wc]))) {
            EXPECT_FALSE(v.empty())
                << f.code << " (" << f.RequirementText() << ") empty on line " << r + 2;
          }
        }
        if (v.empty()) continue;
        ++checked;
        switch (f.type) {
          case FieldType::kUscc: {
            const auto verdict = uscc::Check(v, tables);
            EXPECT_TRUE(verdict.valid()) << f.code << "=" << v << ": " << verdict.reason_en;
            break;
          }
          case FieldType::kIdNumber:
          case FieldType::kCertificateNumber: {
            const auto verdict = id_number::Check(v, tables, as_of);
            EXPECT_TRUE(verdict.valid()) << f.code << "=" << v << ": " << verdict.reason_en;
            break;
          }
          case FieldType::kDate:
          case FieldType::kDateOrLongterm:
            EXPECT_TRUE(Date::Parse(v).ok()) << f.code << "=" << v;
            break;
          case FieldType::kMoneyWanYuan:
            EXPECT_TRUE(Money::ParseWanYuan(v).ok()) << f.code << "=" << v;
            break;
          case FieldType::kEnum:
            EXPECT_NE(std::find(f.values.begin(), f.values.end(), v), f.values.end())
                << f.code << "=" << v;
            break;
          case FieldType::kCode: {
            const catalog::CodeTable* table = cat.TableOf(f);
            if (table == nullptr) {
              EXPECT_NE(tables.divisions.Find(v), nullptr) << f.code << "=" << v;
              break;
            }
            for (const std::string& value : cat.SplitValues(f, v)) {
              EXPECT_TRUE(table->Lookup(value, on).has_value())
                  << f.code << "=" << value << " not in " << table->id << " on line " << r + 2;
            }
            break;
          }
          default:
            break;
        }
        if (f.max_length > 0) {
          EXPECT_LE(text::CodePointCount(v), static_cast<size_t>(f.max_length))
              << f.code << "=" << v;
        }
      }
    }
    EXPECT_GT(checked, 0u);
  }
}

TEST(GeneratorTest, RecordsFollowTheCatalog) { CheckRecords(Clean(), kAsOf); }

// The catalog's cross-field rules (uscc prefix against category, date order) hold for
// every clean record.
TEST(GeneratorTest, RecordsPassTheCatalogRules) {
  const Catalog& cat = TheCatalog();
  size_t evaluated = 0;
  for (const InfoClass& c : cat.classes()) {
    SCOPED_TRACE(c.id);
    const Table t = ReadTable(Clean().dir + "/" + c.id + ".csv");
    for (const catalog::ValidationRule& rule : c.rules) {
      SCOPED_TRACE(rule.id);
      const int col = t.Col(rule.check.field);
      ASSERT_GE(col, 0);
      const int other = rule.check.other_field.empty() ? -1 : t.Col(rule.check.other_field);
      const int when = rule.when ? t.Col(rule.when->field) : -1;
      for (size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        if (rule.when &&
            !rule.when->Holds(cat.SplitValues(*c.FindField(rule.when->field), row[when]))) {
          continue;
        }
        const std::string& v = row[col];
        if (v.empty()) continue;
        ++evaluated;
        const auto& values = rule.check.values;
        auto prefixed = [&] {
          return std::any_of(values.begin(), values.end(),
                             [&](const std::string& p) { return v.starts_with(p); });
        };
        auto listed = [&] { return std::find(values.begin(), values.end(), v) != values.end(); };
        bool ok = true;
        switch (rule.check.op) {
          case catalog::Check::Op::kPrefixIn:
            ok = prefixed();
            break;
          case catalog::Check::Op::kPrefixNotIn:
            ok = !prefixed();
            break;
          case catalog::Check::Op::kIn:
            ok = listed();
            break;
          case catalog::Check::Op::kNotIn:
            ok = !listed();
            break;
          case catalog::Check::Op::kAmountMatchesText: {
            if (other < 0 || row[other].empty()) break;
            const auto stated = AmountStatedAfter(row[other], rule.check.values);
            const auto field_type = c.FindField(rule.check.field)->type;
            const auto amount = field_type == catalog::FieldType::kMoneyWanYuan
                                    ? Money::ParseWanYuan(v)
                                    : Money::ParseYuan(v);
            ok = !stated || (amount.ok() && *amount == *stated);
            break;
          }
          case catalog::Check::Op::kNotBefore:
          case catalog::Check::Op::kNotAfter: {
            if (other < 0 || row[other].empty()) break;
            const Date a = Date::Parse(v).value(), b = Date::Parse(row[other]).value();
            ok = rule.check.op == catalog::Check::Op::kNotBefore ? a >= b : a <= b;
            break;
          }
        }
        EXPECT_TRUE(ok) << rule.check.ToString() << " fails on line " << r + 2 << ": " << v;
      }
    }
  }
  EXPECT_GT(evaluated, 1000u);
}

TEST(GeneratorTest, RecordsFollowTheCatalogUnderOlderRules) {
  // Decisions before 2021-07-15 take the Art. 8 penalty categories.
  Options o = Base(6000, 3);
  o.jsonl = false;
  o.as_of = Date::FromYmd(2021, 3, 1).value();
  const GenRun run = Make("older", o);
  CheckRecords(run, o.as_of);
  const std::string penalties = ReadAll(run.dir + "/penalty.csv");
  EXPECT_NE(penalties.find("暂扣或者吊销许可证、暂扣或者吊销执照"), std::string::npos);
  EXPECT_EQ(penalties.find("吊销许可证件"), std::string::npos);
  o.as_of = Date::FromYmd(2001, 1, 1).value();
  EXPECT_FALSE(Generate(TheCatalog(), o).ok());
}

TEST(GeneratorTest, NaturalKeysAreUnique) {
  const GenRun& run = Clean();
  for (const InfoClass& c : TheCatalog().classes()) {
    SCOPED_TRACE(c.id);
    const Table t = ReadTable(run.dir + "/" + c.id + ".csv");
    std::vector<int> cols;
    for (const std::string& k : c.natural_key) cols.push_back(t.Col(k));
    std::set<std::string> keys;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      std::string key;
      for (int col : cols) key += t.rows[r][col] + "\x1f";
      EXPECT_TRUE(keys.insert(key).second) << "duplicate key " << key << " on line " << r + 2;
    }
  }
}

// ---------------------------------------------------------------------------------
// Subjects

TEST(GeneratorTest, SubjectsHaveValidUniqueCodesAndPlausibleShares) {
  const GenRun& run = Clean();
  const Table t = ReadTable(run.dir + "/subjects.csv");
  ASSERT_EQ(t.rows.size(), 20000u);
  const int code = t.Col("code"), kind = t.Col("kind"), name = t.Col("name"),
            status = t.Col("status"), former = t.Col("former_names"),
            rep_id = t.Col("legal_rep_id"), birth = t.Col("birth_date"), sex = t.Col("sex"),
            division = t.Col("division"), industry = t.Col("industry_code");
  const CodeTables& tables = TheCatalog().standard_tables();
  std::set<std::string> codes, ids;
  std::map<std::string, int> kinds;
  std::map<std::string, int> enterprise_status;
  std::set<std::string> enterprise_names;
  int enterprises = 0, with_former = 0;
  for (const auto& row : t.rows) {
    ++kinds[row[kind]];
    EXPECT_TRUE(codes.insert(row[code]).second) << "duplicate code " << row[code];
    EXPECT_EQ(row[division].substr(0, 2), "44") << row[division];
    if (row[kind] == "natural_person") {
      const auto v = id_number::Check(row[code], tables, kAsOf);
      ASSERT_TRUE(v.valid()) << row[code] << ": " << v.reason_en;
      EXPECT_GE(v.birth_date.year(), 1950);
      EXPECT_LE(v.birth_date.year(), 2005);
      EXPECT_EQ(row[birth], v.birth_date.ToIso());
      EXPECT_EQ(row[sex], v.sex == id_number::Sex::kMale ? "男" : "女");
      EXPECT_TRUE(ids.insert(row[code]).second) << "duplicate id number " << row[code];
    } else {
      const auto v = uscc::Check(row[code], tables);
      ASSERT_TRUE(v.valid()) << row[code] << ": " << v.reason_en;
      ASSERT_NE(v.prefix, nullptr);
      EXPECT_EQ(SubjectKindName(v.prefix->kind), row[kind]) << row[code];
      if (!row[rep_id].empty()) {
        const auto r = id_number::Check(row[rep_id], tables, kAsOf);
        EXPECT_TRUE(r.valid()) << row[rep_id] << ": " << r.reason_en;
        EXPECT_TRUE(ids.insert(row[rep_id]).second) << "duplicate id number " << row[rep_id];
      }
      EXPECT_FALSE(row[industry].empty());
    }
    if (row[kind] == "enterprise") {
      ++enterprises;
      ++enterprise_status[row[status]];
      enterprise_names.insert(row[name]);
      with_former += !row[former].empty();
    }
  }
  const double others = 20000.0 - kinds["government_body"];
  EXPECT_GT(kinds["government_body"], 300);
  EXPECT_GT(kinds["enterprise"] / others, 0.50);  // the majority
  EXPECT_LT(kinds["enterprise"] / others, 0.62);
  EXPECT_GT(kinds["individual_business"] / others, 0.18);
  EXPECT_GT(kinds["natural_person"] / others, 0.10);
  for (const char* k : {"farmer_cooperative", "social_organisation", "public_institution"}) {
    EXPECT_GT(kinds[k], 20) << k;
  }
  EXPECT_GT(enterprise_names.size(), enterprises * 0.98);  // names mostly distinct
  const double live = enterprise_status["存续"] + enterprise_status["在业"];
  EXPECT_GT(live / enterprises, 0.80);
  EXPECT_GT(enterprise_status["注销"], 0);
  EXPECT_GT(enterprise_status["吊销"], 0);
  EXPECT_GT(with_former / double(enterprises), 0.03);
  EXPECT_LT(with_former / double(enterprises), 0.08);
}

TEST(GeneratorTest, NamesLookReal) {
  const Table t = ReadTable(Clean().dir + "/subjects.csv");
  const int kind = t.Col("kind"), name = t.Col("name");
  std::map<std::string, std::vector<std::string>> by_kind;
  for (const auto& row : t.rows) by_kind[row[kind]].push_back(row[name]);
  auto ends = [](const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  int companies = 0;
  for (const std::string& n : by_kind["enterprise"]) {
    companies += ends(n, "公司") || ends(n, "（有限合伙）") || ends(n, "商行") ||
                 ends(n, "经营部") || ends(n, "厂");
  }
  EXPECT_EQ(companies, static_cast<int>(by_kind["enterprise"].size()));
  for (const std::string& n : by_kind["farmer_cooperative"])
    EXPECT_TRUE(ends(n, "专业合作社")) << n;
  for (const std::string& n : by_kind["government_body"]) {
    EXPECT_TRUE(ends(n, "局") || ends(n, "厅") || ends(n, "委员会") || ends(n, "人民政府") ||
                ends(n, "法院") || ends(n, "办公室") || ends(n, "支队") || ends(n, "总队"))
        << n;
  }
  const auto& gov = by_kind["government_body"];
  EXPECT_NE(std::find(gov.begin(), gov.end(), "广州市市场监督管理局"), gov.end());
  EXPECT_NE(std::find(gov.begin(), gov.end(), "广州市天河区人民法院"), gov.end());
  for (const std::string& n : by_kind["natural_person"]) {
    EXPECT_GE(text::CodePointCount(n), 2u) << n;
    EXPECT_LE(text::CodePointCount(n), 4u) << n;
  }
}

// ---------------------------------------------------------------------------------
// Records

TEST(GeneratorTest, PenaltiesArePlausible) {
  const GenRun& run = Clean();
  const Table subjects = ReadTable(run.dir + "/subjects.csv");
  std::map<std::string, std::string> kind_of;
  std::set<std::string> government;
  int enterprises = 0;
  for (const auto& row : subjects.rows) {
    kind_of[row[subjects.Col("code")]] = row[subjects.Col("kind")];
    if (row[subjects.Col("kind")] == "government_body")
      government.insert(row[subjects.Col("code")]);
    enterprises += row[subjects.Col("kind")] == "enterprise";
  }
  const Table t = ReadTable(run.dir + "/penalty.csv");
  const int uscc = t.Col("CF_XDR_SHXYM"), nr = t.Col("CF_NR"), fk = t.Col("CF_NR_FK"),
            cflb = t.Col("CF_CFLB"), jdrq = t.Col("CF_JDRQ"), gsjzq = t.Col("CF_GSJZQ"),
            yxq = t.Col("CF_YXQ"), jgdm = t.Col("CF_CFJGDM"), lydm = t.Col("CF_SJLYDM"),
            yj = t.Col("CF_YJ"), lb = t.Col("CF_XDR_LB"), zjhm = t.Col("CF_XDR_ZJHM");
  std::set<std::string> penalised;
  int severe = 0, natural = 0, small = 0;
  for (const auto& row : t.rows) {
    const auto it = kind_of.find(row[uscc]);
    if (it != kind_of.end() && it->second == "enterprise") penalised.insert(row[uscc]);
    EXPECT_TRUE(government.count(row[jgdm]))
        << "authority " << row[jgdm] << " is no generated body";
    EXPECT_TRUE(government.count(row[lydm]));
    EXPECT_TRUE(row[yj].starts_with("《")) << row[yj];
    const Date decided = Date::Parse(row[jdrq]).value();
    EXPECT_GE(decided, kAsOf.AddYears(-5));
    EXPECT_LT(decided, kAsOf);
    EXPECT_GE(Date::Parse(row[gsjzq]).value(), decided);
    EXPECT_EQ(row[gsjzq], row[yxq]);
    if (row[cflb].find("罚款") != std::string::npos) {
      // 万元 in CF_NR_FK; the same amount in 元 in CF_NR.
      const Money wan = Money::ParseWanYuan(row[fk]).value();
      const std::string yuan = wan.ToYuanString();
      const std::string whole = yuan.substr(0, yuan.size() - 3);
      EXPECT_NE(row[nr].find("罚款" + whole + "元"), std::string::npos)
          << row[nr] << " vs " << row[fk];
      small += wan.fen() < 100000;
    }
    severe += row[cflb].find("吊销") != std::string::npos ||
              row[cflb].find("停产停业") != std::string::npos;
    if (row[lb] == "自然人") {
      ++natural;
      EXPECT_EQ(kind_of[row[zjhm]], "natural_person");
    }
  }
  const double share = penalised.size() / double(enterprises);
  EXPECT_GT(share, 0.06);
  EXPECT_LT(share, 0.13);
  EXPECT_GT(severe, 0);
  EXPECT_LT(severe, static_cast<int>(t.rows.size()) / 8);  // rare
  EXPECT_GT(natural, 0);
  EXPECT_GT(small, 0);  // some fines below 1,000 元
}

TEST(GeneratorTest, OtherClassesArePlausible) {
  const GenRun& run = Clean();
  const Table subjects = ReadTable(run.dir + "/subjects.csv");
  std::map<std::string, std::string> kind_of;
  int enterprises = 0;
  for (const auto& row : subjects.rows) {
    kind_of[row[subjects.Col("code")]] = row[subjects.Col("kind")];
    enterprises += row[subjects.Col("kind")] == "enterprise";
  }
  auto kind = [&](const std::string& code) {
    const auto it = kind_of.find(code);
    return it == kind_of.end() ? std::string() : it->second;
  };
  auto share_of_enterprises = [&](const std::string& cls, const std::string& field) {
    const Table t = ReadTable(run.dir + "/" + cls + ".csv");
    std::set<std::string> seen;
    for (const auto& row : t.rows) {
      if (kind(row[t.Col(field)]) == "enterprise") seen.insert(row[t.Col(field)]);
    }
    return seen.size() / double(enterprises);
  };
  const double licensed = share_of_enterprises("license", "XK_XDR_SHXYM");
  EXPECT_GT(licensed, 0.22);
  EXPECT_LT(licensed, 0.45);
  const double a_grade = share_of_enterprises("tax_a_grade", "NS_NSRSBH");
  EXPECT_GT(a_grade, 0.06);
  EXPECT_LT(a_grade, 0.13);

  const Table lic = ReadTable(run.dir + "/license.csv");
  int long_term = 0;
  for (const auto& row : lic.rows) {
    const std::string& until = row[lic.Col("XK_YXQZI")];
    long_term += until == "2099-12-31";
    const bool valid = Date::Parse(until).value() >= kAsOf;
    if (row[lic.Col("XK_ZT")] == "1") {
      EXPECT_TRUE(valid) << until;
    }
    EXPECT_GE(Date::Parse(until).value(), Date::Parse(row[lic.Col("XK_YXQZ")]).value());
  }
  EXPECT_GT(long_term, 0);
  EXPECT_LT(long_term, static_cast<int>(lic.rows.size()) / 2);

  const Table sx = ReadTable(run.dir + "/judgment_defaulter.csv");
  int persons = 0;
  for (const auto& row : sx.rows) {
    const std::string& ah = row[sx.Col("SX_AH")];
    EXPECT_TRUE(ah.starts_with("（20")) << ah;
    EXPECT_NE(ah.find("）粤"), std::string::npos) << ah;
    EXPECT_NE(ah.find("执"), std::string::npos) << ah;
    EXPECT_GE(Date::Parse(row[sx.Col("SX_FBRQ")]).value(),
              Date::Parse(row[sx.Col("SX_LARQ")]).value());
    persons += row[sx.Col("SX_BZXR_LB")] == "自然人";
  }
  const double defaulters = sx.rows.size() / 20000.0;
  EXPECT_GT(defaulters, 0.002);
  EXPECT_LT(defaulters, 0.012);
  EXPECT_GT(persons, 0);

  for (const char* cls :
       {"inspection", "coercion", "levy", "requisition", "commitment", "honour"}) {
    const Table t = ReadTable(run.dir + "/" + std::string(cls) + ".csv");
    EXPECT_GT(t.rows.size(), 5u) << cls;
    EXPECT_LT(t.rows.size(), 2500u) << cls;  // small rates
  }
  const Table reg = ReadTable(run.dir + "/registration.csv");
  size_t organisations = 0;
  for (const auto& [code, kind] : kind_of)
    organisations += kind != "natural_person" && kind != "government_body";
  EXPECT_EQ(reg.rows.size(), organisations);
}

TEST(GeneratorTest, SourcesAreGovernmentBodies) {
  const GenRun& run = Clean();
  const Table sources = ReadTable(run.dir + "/sources.csv");
  const Table subjects = ReadTable(run.dir + "/subjects.csv");
  std::map<std::string, std::string> government;
  for (const auto& row : subjects.rows) {
    if (row[subjects.Col("kind")] == "government_body")
      government[row[0]] = row[subjects.Col("name")];
  }
  EXPECT_EQ(sources.rows.size(), TheCatalog().classes().size());
  for (const auto& row : sources.rows) {
    ASSERT_EQ(row.size(), 3u);
    ASSERT_TRUE(government.count(row[1])) << row[1];
    EXPECT_EQ(government[row[1]], row[2]);
  }
}

TEST(GeneratorTest, JsonLinesCarryTheSameRecords) {
  const GenRun& run = Clean();
  const std::string csv = ReadAll(run.dir + "/penalty.csv");
  const std::vector<std::string> jsonl = Lines(ReadAll(run.dir + "/penalty.jsonl"));
  const std::vector<std::string> csv_lines = Lines(csv);
  ASSERT_EQ(jsonl.size() + 1, csv_lines.size());
  const std::vector<std::string> header = SplitCsv(csv_lines[0]);
  const std::vector<std::string> first = SplitCsv(csv_lines[1]);
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string pair = "\"" + header[i] + "\":\"" + first[i] + "\"";
    if (first[i].empty()) {
      EXPECT_EQ(jsonl[0].find("\"" + header[i] + "\":"), std::string::npos);
    } else {
      EXPECT_NE(jsonl[0].find(pair), std::string::npos) << pair;
    }
  }
  EXPECT_EQ(jsonl[0].front(), '{');
  EXPECT_EQ(jsonl[0].back(), '}');
}

TEST(GeneratorTest, GbkFilesMatchTheUtf8Run) {
  Options o = Base(20000, 11);
  o.jsonl = false;
  o.encoding = Encoding::kGbk;
  o.threads = 3;
  const GenRun gbk = Make("gbk", o);
  for (const InfoClass& c : TheCatalog().classes()) {
    SCOPED_TRACE(c.id);
    const std::string bytes = ReadAll(gbk.dir + "/" + c.id + ".csv");
    EXPECT_FALSE(text::IsValidUtf8(bytes)) << "Chinese text in GB18030 is not UTF-8";
    auto decoded = text::Gb18030ToUtf8(bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    const std::string utf8 = ReadAll(Clean().dir + "/" + c.id + ".csv");
    const size_t a = decoded->find('\n'), b = utf8.find('\n');
    EXPECT_EQ(decoded->substr(a), utf8.substr(b));
    std::string names;
    for (const FieldSpec& f : c.fields) names += (names.empty() ? "" : ",") + f.names.zh;
    EXPECT_EQ(decoded->substr(0, a), names);
  }
  EXPECT_EQ(ReadAll(gbk.dir + "/subjects.csv"), ReadAll(Clean().dir + "/subjects.csv"));
}

// ---------------------------------------------------------------------------------
// Injected errors

struct ManifestRow {
  std::string cls;
  size_t line;
  std::string kind, field;
};

std::vector<ManifestRow> ReadManifest(const GenRun& run) {
  const Table t = ReadTable(run.dir + "/dirty_manifest.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"class", "line", "kind", "field"}));
  std::vector<ManifestRow> out;
  for (const auto& row : t.rows) out.push_back({row[0], std::stoul(row[1]), row[2], row[3]});
  return out;
}

TEST(GeneratorDirtyTest, EveryKindIsInjectedAndListed) {
  const GenRun& run = Dirty();
  const std::vector<ManifestRow> manifest = ReadManifest(run);
  EXPECT_EQ(manifest.size(), run.summary.dirty_rows);
  std::map<std::string, int> kinds;
  for (const ManifestRow& m : manifest) ++kinds[m.kind];
  for (const char* k :
       {"uscc_check_character", "id_number_check_digit", "missing_mandatory", "impossible_date",
        "future_date", "amount_in_yuan", "unknown_code", "category_mismatch", "full_width",
        "stray_whitespace", "duplicate_row", "correction"}) {
    EXPECT_GT(kinds[k], 0) << k;
  }
  // About 20% of the records.
  uint64_t rows = 0;
  for (const auto& [id, n] : run.summary.rows) rows += n;
  EXPECT_GT(manifest.size(), rows * 0.15);
  EXPECT_LT(manifest.size(), rows * 0.25);
}

TEST(GeneratorDirtyTest, TheManifestPointsAtTheErrors) {
  const GenRun& run = Dirty();
  const CodeTables& tables = TheCatalog().standard_tables();
  std::map<std::string, Table> files;
  for (const ManifestRow& m : ReadManifest(run)) {
    SCOPED_TRACE(m.cls + ":" + std::to_string(m.line) + " " + m.kind + " " + m.field);
    if (!files.count(m.cls)) files[m.cls] = ReadTable(run.dir + "/" + m.cls + ".csv");
    const Table& t = files[m.cls];
    ASSERT_GE(m.line, 2u);
    ASSERT_LE(m.line - 2, t.rows.size() - 1);
    const auto& row = t.rows[m.line - 2];
    const int col = m.field.empty() ? -1 : t.Col(m.field);
    if (!m.field.empty()) {
      ASSERT_GE(col, 0);
    }
    const std::string v = col >= 0 ? row[col] : "";
    if (m.kind == "uscc_check_character") {
      EXPECT_EQ(uscc::Check(v, tables).error, uscc::UsccError::kCheckCharacter) << v;
    } else if (m.kind == "id_number_check_digit") {
      EXPECT_EQ(id_number::Check(v, tables, kAsOf).error, id_number::IdError::kCheckDigit) << v;
    } else if (m.kind == "missing_mandatory") {
      EXPECT_TRUE(v.empty());
    } else if (m.kind == "impossible_date") {
      EXPECT_FALSE(Date::Parse(v).ok()) << v;
    } else if (m.kind == "future_date") {
      EXPECT_GT(Date::Parse(v).value(), kAsOf) << v;
    } else if (m.kind == "amount_in_yuan") {
      EXPECT_GE(Money::ParseWanYuan(v).value().fen(), Money::kFenPerWanYuan) << v;
    } else if (m.kind == "full_width") {
      EXPECT_NE(text::FoldWidth(v), v) << v;
    } else if (m.kind == "stray_whitespace") {
      EXPECT_TRUE(v.find_first_of(" \t") != std::string::npos ||
                  v.find("\u3000") != std::string::npos)
          << v;
    } else if (m.kind == "duplicate_row") {
      EXPECT_EQ(row, t.rows[m.line - 3]);
    } else if (m.kind == "correction") {
      const auto& before = t.rows[m.line - 3];
      int differences = 0;
      for (size_t i = 0; i < row.size(); ++i) differences += row[i] != before[i];
      EXPECT_EQ(differences, 1);
      EXPECT_NE(row[col], before[col]);
    } else if (m.kind == "category_mismatch") {
      EXPECT_TRUE(v == "自然人" || v == "法人及非法人组织") << v;
    }
  }
}

TEST(GeneratorDirtyTest, NaturalKeysAreUniqueExceptDuplicatesAndCorrections) {
  const GenRun& run = Dirty();
  std::map<std::string, std::set<size_t>> dirty_lines, repeat_lines;
  for (const ManifestRow& m : ReadManifest(run)) {
    dirty_lines[m.cls].insert(m.line);
    if (m.kind == "duplicate_row" || m.kind == "correction") repeat_lines[m.cls].insert(m.line);
  }
  size_t repeats = 0;
  for (const InfoClass& c : TheCatalog().classes()) {
    SCOPED_TRACE(c.id);
    const Table t = ReadTable(run.dir + "/" + c.id + ".csv");
    std::map<std::string, size_t> first_line;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const size_t line = r + 2;
      std::string key;
      for (const std::string& k : c.natural_key) key += t.rows[r][t.Col(k)] + "\x1f";
      auto [it, inserted] = first_line.emplace(key, line);
      if (inserted) continue;
      if (repeat_lines[c.id].count(line)) {
        ++repeats;
        EXPECT_EQ(it->second, line - 1);
      } else {
        // Only an injected error (e.g. a blanked key field) may collide.
        EXPECT_TRUE(dirty_lines[c.id].count(line) || dirty_lines[c.id].count(it->second))
            << "duplicate key on line " << line << " and " << it->second;
      }
    }
  }
  EXPECT_GT(repeats, 0u);
}

}  // namespace
}  // namespace gongxin::generator
