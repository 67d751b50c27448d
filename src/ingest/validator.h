// The row validator of ingest: every row of a batch checked against its class in
// the catalog, and normalised. Rules come from the catalog only (fields, types,
// requirements, code tables, cross-field rules); nothing about a class is in code.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/date.h"
#include "core/result.h"
#include "ingest/violation.h"

namespace gongxin::ingest {

// How a record names its subject.
enum class SubjectCodeKind { kUscc, kIdNumber, kOtherCertificate };
// "uscc" | "id_number" | "other_certificate"
std::string_view SubjectCodeKindName(SubjectCodeKind kind);

// A row that passed validation, normalised. Values are in the class's field order.
struct ValidRow {
  uint32_t line = 0;
  std::vector<std::string> values;     // stored form; "" when empty
  std::vector<std::string> originals;  // as written, for fields whose stored form differs; else ""
  std::string subject_code;            // the subject's uscc / ID number / certificate number
  SubjectCodeKind subject_code_kind = SubjectCodeKind::kUscc;
  std::string subject_name;  // as normalised
  std::string natural_key;   // comparison form of the natural-key fields
  std::optional<Date> decision_date;
  std::string rule_version;  // the class's rule version in force on the decision date
  std::string content_hash;  // hex SHA-256 of (field code, stored value) pairs
};

class RowValidator {
 public:
  // Binds a file's header to the fields of `info_class`. Column problems (unknown
  // header: warning, its data is not stored; a single-valued field named twice:
  // error on the column, the first one is used; a mandatory field with no column)
  // are appended to `problems` with `header_line`. Columns naming the same
  // multi-valued field (CF_CFLB1 and CF_CFLB2) are joined. Fails iff no column names
  // a field of the class (the file is not of this class at all).
  // `today` is the receipt date: dates after it are in the future.
  static Result<RowValidator> Create(const catalog::Catalog& catalog,
                                     const catalog::InfoClass& info_class,
                                     const std::vector<std::string>& header, uint32_t header_line,
                                     Date today, std::vector<Violation>* problems);

  // Validates one row (cells in header order). Returns true iff the row is accepted;
  // then *out holds it. Every problem, including warnings on an accepted row, is
  // appended to `problems`. Thread-safe: const and without shared mutable state.
  bool Validate(std::span<const std::string_view> cells, uint32_t line, ValidRow* out,
                std::vector<Violation>* problems) const;

  // The natural key Validate would give the row (cells in header order), computed
  // from the key fields only: cheap enough for a pre-pass over a whole batch.
  std::string KeyOf(std::span<const std::string_view> cells) const;

  const catalog::InfoClass& info_class() const { return *class_; }

 private:
  RowValidator() = default;

  const catalog::Catalog* catalog_ = nullptr;
  const catalog::InfoClass* class_ = nullptr;
  Date today_;
  // For each field of the class, the header columns that feed it (empty: none).
  std::vector<std::vector<size_t>> columns_of_field_;
  int decision_date_index_ = -1;
  int name_index_ = -1, uscc_index_ = -1, id_index_ = -1, category_index_ = -1;
  std::vector<int> natural_key_indexes_;
};

}  // namespace gongxin::ingest
