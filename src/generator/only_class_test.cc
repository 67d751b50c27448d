// `gongxin gen --only CLASS [--records N]`: one class's file, exactly N records, the
// population scaled to them; deterministic whatever the thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "generator/generator.h"
#include "support/golden.h"

namespace gongxin::generator {
namespace {

const catalog::Catalog& TheCatalog() {
  static const catalog::Catalog* catalog = [] {
    auto loaded = catalog::Catalog::LoadDir(gongxin::testing::CatalogPath());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new catalog::Catalog(std::move(loaded).value());
  }();
  return *catalog;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Data lines of a generated file (the generator never writes line breaks in values).
std::vector<std::string> DataLines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(ReadAll(path));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class OnlyClassTest : public ::testing::Test {
 protected:
  void TearDown() override {
    std::error_code ec;
    for (const std::string& d : dirs_) std::filesystem::remove_all(d, ec);
  }
  Options Base(const std::string& name) {
    dirs_.push_back(gongxin::testing::MakeTempDir("gongxin-gen-only-" + name));
    Options o;
    o.out_dir = dirs_.back();
    o.seed = 7;
    o.only = "penalty";
    o.threads = 2;
    return o;
  }

 private:
  std::vector<std::string> dirs_;
};

TEST_F(OnlyClassTest, WritesExactlyTheRecordsAskedFor) {
  for (uint64_t n : {1ull, 777ull, 5000ull}) {
    SCOPED_TRACE(n);
    Options o = Base("n" + std::to_string(n));
    o.records = n;
    auto summary = Generate(TheCatalog(), o);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    ASSERT_EQ(summary->rows.size(), 1u);
    EXPECT_EQ(summary->rows[0].first, "penalty");
    EXPECT_EQ(summary->rows[0].second, n);
    EXPECT_TRUE(summary->skipped.empty());
    EXPECT_GT(summary->subjects, summary->government_bodies);
    EXPECT_EQ(FilesIn(o.out_dir), (std::vector<std::string>{"penalty.csv", "sources.csv"}));
    const std::vector<std::string> lines = DataLines(o.out_dir + "/penalty.csv");
    EXPECT_EQ(lines.size(), n);
    const std::string header = ReadAll(o.out_dir + "/penalty.csv").substr(0, 200);
    ASSERT_EQ(header.rfind("CF_XDR_MC,", 0), 0u) << header;
    const std::string sources = ReadAll(o.out_dir + "/sources.csv");
    EXPECT_EQ(sources.rfind("class,source_uscc,source_name\npenalty,", 0), 0u) << sources;
    EXPECT_EQ(std::count(sources.begin(), sources.end(), '\n'), 2);
  }
}

// The natural key (CF_WSH, the document number) is unique, so that a re-sent file is
// all unchanged rows: what the ingest benchmark relies on.
TEST_F(OnlyClassTest, DocumentNumbersAreUnique) {
  Options o = Base("unique");
  o.records = 20000;
  ASSERT_TRUE(Generate(TheCatalog(), o).ok());
  const std::string text = ReadAll(o.out_dir + "/penalty.csv");
  const std::string header = text.substr(0, text.find('\n'));
  int col = 0;
  for (size_t at = 0; header.compare(at, 7, "CF_WSH,") != 0; ++col) {
    at = header.find(',', at) + 1;
    ASSERT_NE(at, 0u) << header;
  }
  std::set<std::string> seen;
  for (const std::string& line : DataLines(o.out_dir + "/penalty.csv")) {
    // Split honouring quotes (a doubled quote toggles twice: harmless here).
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (char c : line) {
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        cells.emplace_back();
      else
        cells.back().push_back(c);
    }
    ASSERT_GT(cells.size(), static_cast<size_t>(col));
    EXPECT_TRUE(seen.insert(cells[col]).second) << "duplicate CF_WSH " << cells[col];
  }
  EXPECT_EQ(seen.size(), 20000u);
}

TEST_F(OnlyClassTest, SameBytesWhateverTheThreads) {
  Options one = Base("t1"), four = Base("t4");
  one.records = four.records = 9000;
  one.threads = 1;
  four.threads = 4;
  one.dirty = four.dirty = 0.05;  // the manifest is cut with the records
  auto a = Generate(TheCatalog(), one);
  auto b = Generate(TheCatalog(), four);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->ToJson(), b->ToJson());
  EXPECT_EQ(ReadAll(one.out_dir + "/penalty.csv"), ReadAll(four.out_dir + "/penalty.csv"));
  const std::string manifest = ReadAll(one.out_dir + "/dirty_manifest.csv");
  EXPECT_EQ(manifest, ReadAll(four.out_dir + "/dirty_manifest.csv"));
  EXPECT_GT(a->dirty_rows, 0u);
  // Every manifest line points at a line of the file (header = line 1).
  std::istringstream in(manifest);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const size_t c1 = line.find(','), c2 = line.find(',', c1 + 1);
    const uint64_t at = std::stoull(line.substr(c1 + 1, c2 - c1 - 1));
    EXPECT_GE(at, 2u);
    EXPECT_LE(at, 9001u);
  }
}

TEST_F(OnlyClassTest, GbkAndJsonLinesAreCutAtTheSameRecord) {
  Options o = Base("gbk");
  o.records = 3000;
  o.encoding = Encoding::kGbk;
  o.jsonl = true;
  ASSERT_TRUE(Generate(TheCatalog(), o).ok());
  const std::string csv = ReadAll(o.out_dir + "/penalty.csv");
  const std::string jsonl = ReadAll(o.out_dir + "/penalty.jsonl");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3001);
  EXPECT_EQ(std::count(jsonl.begin(), jsonl.end(), '\n'), 3000);
}

TEST_F(OnlyClassTest, WithoutRecordsTheSubjectsDecide) {
  Options o = Base("subjects");
  o.subjects = 20000;
  auto summary = Generate(TheCatalog(), o);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->subjects, 20000u);
  ASSERT_EQ(summary->rows.size(), 1u);
  EXPECT_GT(summary->rows[0].second, 500u);
  EXPECT_EQ(DataLines(o.out_dir + "/penalty.csv").size(), summary->rows[0].second);
  EXPECT_EQ(FilesIn(o.out_dir), (std::vector<std::string>{"penalty.csv", "sources.csv"}));
}

TEST_F(OnlyClassTest, BadOptionsAreRefused) {
  Options o = Base("bad");
  o.only = "no_such_class";
  o.records = 10;
  EXPECT_EQ(Generate(TheCatalog(), o).status().code(), StatusCode::kInvalidArgument);
  o.only.clear();
  EXPECT_EQ(Generate(TheCatalog(), o).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gongxin::generator
