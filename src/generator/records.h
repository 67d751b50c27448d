// Records of the catalog's classes: the column layout of each class as the catalog
// defines it, the row being built, and what one chunk of subjects produces.
// Internal to src/generator.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "generator/generator.h"
#include "generator/model.h"
#include "generator/rng.h"

namespace gongxin::generator {

// The classes the generator knows how to fill. Classes of the catalog not listed
// here are skipped (reported in the summary).
enum class ClassId : uint8_t {
  kRegistration,
  kLicense,
  kPenalty,
  kInspection,
  kCoercion,
  kLevy,
  kRequisition,
  kJudgmentDefaulter,
  kTaxAGrade,
  kCommitment,
  kHonour,
  kCount
};
inline constexpr int kClassCount = static_cast<int>(ClassId::kCount);
std::string_view ClassIdName(ClassId id);  // "penalty"

// Where each field of a class is in a row, and which fields carry the subject.
struct Layout {
  ClassId id;
  const catalog::InfoClass* info = nullptr;
  std::vector<const catalog::FieldSpec*> fields;  // catalog order = column order
  // Subject columns (-1 when the class has none).
  int name = -1, category = -1, uscc = -1, id_number = -1;
  int frdb = -1, fr_zjlx = -1, fr_zjhm = -1, xdr_zjlx = -1, zzjg = -1;
  int source_name = -1, source_code = -1;
  int decision_date = -1;
  std::vector<int> natural_key;
  // Fields that must be filled: mandatory ones, and conditional ones with the column
  // and field their condition reads.
  struct Required {
    int col;
    const catalog::Condition* when = nullptr;  // null: mandatory
    int when_col = -1;
    const catalog::FieldSpec* when_field = nullptr;
  };
  std::vector<Required> required;
  int source_authority = -1;  // roster index of the class's submitting department

  int Col(std::string_view code) const;
};

using Row = std::vector<std::string>;

// What the rows a chunk writes say about injected errors.
struct ManifestEntry {
  uint32_t local_row;  // 0-based row of the chunk's part of the class file
  uint8_t kind;        // DirtyKind
  int16_t col;         // -1: the whole row
};

enum class DirtyKind : uint8_t {
  kUsccCheck,
  kIdNumberCheck,
  kMissingMandatory,
  kImpossibleDate,
  kFutureDate,
  kAmountInYuan,
  kUnknownCode,
  kCategoryMismatch,
  kFullWidth,
  kStrayWhitespace,
  kDuplicateRow,
  kCorrection,
  kCount
};
inline constexpr int kDirtyKindCount = static_cast<int>(DirtyKind::kCount);
std::string_view DirtyKindName(DirtyKind kind);

struct ClassOutput {
  std::string csv, jsonl;
  uint32_t rows = 0;
  std::vector<ManifestEntry> manifest;
};

struct ChunkOutput {
  uint64_t chunk = 0;
  uint64_t subjects = 0;
  std::string subjects_csv;
  std::array<ClassOutput, kClassCount> classes;
  std::array<uint64_t, kClassCount> fallback_fills{};
  // Columns that got a placeholder, per class (the generator does not know them).
  std::array<std::vector<int>, kClassCount> placeholder_cols;
};

// Everything the chunks share, read-only once built.
struct Shared {
  const catalog::Catalog* catalog = nullptr;
  Options options;
  Geography geo;
  Roster roster;
  std::unique_ptr<SubjectMaker> maker;
  std::array<std::unique_ptr<Layout>, kClassCount> layouts;  // null: class absent
  uint64_t subjects = 0;                                     // total, roster included
  uint64_t num_chunks = 0;
  Date window_start;                   // decisions are drawn from [window_start, as_of)
  std::shared_ptr<const void> makers;  // the class generators (classes.cc)
};

// The per-chunk state of generation.
class ChunkContext {
 public:
  ChunkContext(const Shared& shared, uint64_t chunk, ChunkOutput& out);

  const Shared& shared() const { return shared_; }
  Rng& rng() { return rng_; }
  Date as_of() const { return shared_.options.as_of; }
  const Roster& roster() const { return shared_.roster; }
  const Geography& geo() const { return shared_.geo; }

  // A number unique per (authority, year, series) over the whole run: the k-th number
  // a chunk asks for is k * num_chunks + chunk + 1, so chunks never collide and the
  // result does not depend on the thread count.
  uint64_t Number(int authority, int year, int series);

  // The layout of `id`, or null if the catalog has no such class.
  const Layout* layout(ClassId id) const { return shared_.layouts[static_cast<int>(id)].get(); }
  // A cleared row for `layout`.
  Row& NewRow(const Layout& layout);
  // Writes the row (after filling the data source, placeholders and maybe an error).
  void Emit(const Layout& layout, Row& row);

  // Counterpart columns from the subject: name, category, codes, representative.
  void FillCounterpart(const Layout& layout, const Subject& s, Row& row);

 private:
  void FillPlaceholders(const Layout& layout, Row& row);
  void Write(const Layout& layout, const Row& row);
  // Applies one error of a kind applicable to the row; returns false if none applies.
  // `copy` receives the extra row for duplicates and corrections.
  bool Dirty(const Layout& layout, Row& row, Row& copy, DirtyKind& kind, int& col);

  const Shared& shared_;
  uint64_t chunk_;
  ChunkOutput& out_;
  Rng rng_;
  Rng dirty_rng_;
  std::unordered_map<uint64_t, uint32_t> counters_;
  Row row_, copy_;
};

// Generates everything of one chunk of subjects (the roster's chunk is chunk 0's
// prefix: subjects.csv lists the government bodies first).
void GenerateChunk(const Shared& shared, uint64_t chunk, ChunkOutput& out);

// The class generators (classes.cc), built once per run after the layouts.
std::shared_ptr<const void> BuildRecordMakers(const Shared& shared);
// Writes the records of every class about one subject.
void GenerateRecords(const Subject& s, ChunkContext& ctx);

// CSV and JSON helpers.
void AppendCsvField(std::string& out, std::string_view value);
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace gongxin::generator
