#include "core/code_tables.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace gongxin {
namespace {

constexpr std::string_view kUsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One non-comment line of a CSV text, with its 1-based line number.
struct CsvLine {
  int number = 0;
  std::vector<std::string> fields;
};

Status LineError(int line, const std::string& en, const std::string& zh) {
  return Status::Corruption("line " + std::to_string(line) + ": " + en,
                            "第" + std::to_string(line) + "行：" + zh);
}

// Splits one line into fields. Fields may be double-quoted; a doubled quote inside a
// quoted field is a literal quote. Returns an error iff a quote is left open or text
// follows a closing quote.
Result<std::vector<std::string>> SplitCsvLine(std::string_view line, int number) {
  std::vector<std::string> fields;
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field.push_back(line[i++]);
      }
      if (!closed) return LineError(number, "unclosed quote", "引号未闭合");
      if (i < line.size() && line[i] != ',') {
        return LineError(number, "text after a closing quote", "引号后有多余字符");
      }
    } else {
      while (i < line.size() && line[i] != ',') field.push_back(line[i++]);
    }
    fields.push_back(field);
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

// Parses the lines of `text` that are neither blank nor '#' comments. The first one
// must equal `header`; it is checked and not returned.
Result<std::vector<CsvLine>> ParseCsvText(std::string_view text, std::string_view header) {
  std::vector<CsvLine> rows;
  bool seen_header = false;
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // BOM
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!seen_header) {
      if (line != header) {
        return LineError(number, "expected the header '" + std::string(header) + "'",
                         "表头应为'" + std::string(header) + "'");
      }
      seen_header = true;
      continue;
    }
    GX_ASSIGN_OR_RETURN(auto fields, SplitCsvLine(line, number));
    rows.push_back(CsvLine{number, std::move(fields)});
  }
  if (!seen_header) {
    return Status::Corruption("missing the header '" + std::string(header) + "'",
                              "缺少表头'" + std::string(header) + "'");
  }
  return rows;
}

Status CheckFieldCount(const CsvLine& row, std::size_t want) {
  if (row.fields.size() == want) return Status::OK();
  return LineError(
      row.number,
      "expected " + std::to_string(want) + " fields, found " + std::to_string(row.fields.size()),
      "应有" + std::to_string(want) + "个字段，实有" + std::to_string(row.fields.size()) + "个");
}

}  // namespace

std::string_view DivisionLevelName(DivisionLevel level) {
  switch (level) {
    case DivisionLevel::kNational:
      return "national";
    case DivisionLevel::kProvince:
      return "province";
    case DivisionLevel::kPrefecture:
      return "prefecture";
    case DivisionLevel::kCounty:
      return "county";
  }
  return "unknown";
}

Result<DivisionLevel> ParseDivisionLevel(std::string_view name) {
  for (DivisionLevel level : {DivisionLevel::kNational, DivisionLevel::kProvince,
                              DivisionLevel::kPrefecture, DivisionLevel::kCounty}) {
    if (DivisionLevelName(level) == name) return level;
  }
  return Status::InvalidArgument("unknown division level '" + std::string(name) +
                                     "' (expected national, province, prefecture or county)",
                                 "未知的行政区划级别'" + std::string(name) + "'");
}

Result<DivisionTable> DivisionTable::ParseCsv(std::string_view text) {
  GX_ASSIGN_OR_RETURN(auto rows, ParseCsvText(text, "code,name,level"));
  DivisionTable table;
  table.divisions_.reserve(rows.size());
  for (const CsvLine& row : rows) {
    GX_RETURN_IF_ERROR(CheckFieldCount(row, 3));
    const std::string& code = row.fields[0];
    if (code.size() != 6 || !AllDigits(code)) {
      return LineError(row.number, "code '" + code + "' is not 6 digits",
                       "代码'" + code + "'不是6位数字");
    }
    if (row.fields[1].empty()) {
      return LineError(row.number, "empty name", "名称为空");
    }
    auto level = ParseDivisionLevel(row.fields[2]);
    if (!level.ok()) {
      return LineError(row.number, level.status().message(), level.status().message_zh());
    }
    if (table.index_.count(code) != 0) {
      return LineError(row.number, "duplicate code '" + code + "'", "代码'" + code + "'重复");
    }
    table.index_.emplace(code, table.divisions_.size());
    table.divisions_.push_back(Division{code, row.fields[1], *level});
  }
  return table;
}

const Division* DivisionTable::Find(std::string_view code6) const {
  auto it = index_.find(code6);
  return it == index_.end() ? nullptr : &divisions_[it->second];
}

bool DivisionTable::HasProvince(std::string_view two_digits) const {
  if (two_digits.size() != 2) return false;
  const Division* d = Find(std::string(two_digits) + "0000");
  return d != nullptr && d->level == DivisionLevel::kProvince;
}

std::vector<const Division*> DivisionTable::CountiesUnder(std::string_view prefix) const {
  std::vector<const Division*> out;
  for (const Division& d : divisions_) {
    if (d.level == DivisionLevel::kCounty && std::string_view(d.code).starts_with(prefix)) {
      out.push_back(&d);
    }
  }
  return out;
}

namespace {
constexpr std::array<SubjectKind, 8> kAllSubjectKinds = {
    SubjectKind::kEnterprise,        SubjectKind::kIndividualBusiness,
    SubjectKind::kFarmerCooperative, SubjectKind::kSocialOrganisation,
    SubjectKind::kPublicInstitution, SubjectKind::kGovernmentBody,
    SubjectKind::kOtherOrganisation, SubjectKind::kNaturalPerson};
}  // namespace

std::string_view SubjectKindName(SubjectKind kind) {
  switch (kind) {
    case SubjectKind::kEnterprise:
      return "enterprise";
    case SubjectKind::kIndividualBusiness:
      return "individual_business";
    case SubjectKind::kFarmerCooperative:
      return "farmer_cooperative";
    case SubjectKind::kSocialOrganisation:
      return "social_organisation";
    case SubjectKind::kPublicInstitution:
      return "public_institution";
    case SubjectKind::kGovernmentBody:
      return "government_body";
    case SubjectKind::kOtherOrganisation:
      return "other_organisation";
    case SubjectKind::kNaturalPerson:
      return "natural_person";
  }
  return "unknown";
}

Result<SubjectKind> ParseSubjectKind(std::string_view name) {
  for (SubjectKind kind : kAllSubjectKinds) {
    if (SubjectKindName(kind) == name) return kind;
  }
  return Status::InvalidArgument(
      "unknown subject kind '" + std::string(name) +
          "' (expected enterprise, individual_business, farmer_cooperative, "
          "social_organisation, public_institution, government_body, other_organisation or "
          "natural_person)",
      "未知的信用主体类别'" + std::string(name) + "'");
}

Result<UsccPrefixTable> UsccPrefixTable::ParseCsv(std::string_view text) {
  GX_ASSIGN_OR_RETURN(auto rows,
                      ParseCsvText(text, "code,authority_zh,authority_en,type_zh,type_en,kind"));
  UsccPrefixTable table;
  table.prefixes_.reserve(rows.size());
  for (const CsvLine& row : rows) {
    GX_RETURN_IF_ERROR(CheckFieldCount(row, 6));
    const std::string& code = row.fields[0];
    if (code.size() != 2 || kUsccCharset.find(code[0]) == std::string_view::npos ||
        kUsccCharset.find(code[1]) == std::string_view::npos) {
      return LineError(row.number,
                       "code '" + code + "' is not 2 characters of the uscc character set",
                       "代码'" + code + "'不是2位统一社会信用代码字符");
    }
    for (std::size_t i = 1; i <= 4; ++i) {
      if (row.fields[i].empty()) {
        return LineError(row.number, "empty field " + std::to_string(i + 1),
                         "第" + std::to_string(i + 1) + "个字段为空");
      }
    }
    auto kind = ParseSubjectKind(row.fields[5]);
    if (!kind.ok()) {
      return LineError(row.number, kind.status().message(), kind.status().message_zh());
    }
    if (table.index_.count(code) != 0) {
      return LineError(row.number, "duplicate code '" + code + "'", "代码'" + code + "'重复");
    }
    table.index_.emplace(code, table.prefixes_.size());
    table.prefixes_.push_back(
        UsccPrefix{code, row.fields[1], row.fields[2], row.fields[3], row.fields[4], *kind});
  }
  return table;
}

const UsccPrefix* UsccPrefixTable::Find(std::string_view two_chars) const {
  auto it = index_.find(two_chars);
  return it == index_.end() ? nullptr : &prefixes_[it->second];
}

}  // namespace gongxin
