// Code tables the identifier rules read: administrative divisions (GB/T 2260) and the
// registration-authority / organisation-type prefixes of the uscc (GB 32100-2015).
//
// The tables are data (catalog/codes/*.csv), parsed here from text; reading the files
// happens at the edge (cli, catalog). Pointers returned by Find() stay valid for the
// life of the table object they came from (moving a table keeps them valid).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace gongxin {

enum class DivisionLevel { kNational, kProvince, kPrefecture, kCounty };

// "national", "province", "prefecture", "county".
std::string_view DivisionLevelName(DivisionLevel level);
// Returns the level iff `name` is one of the names above.
Result<DivisionLevel> ParseDivisionLevel(std::string_view name);

struct Division {
  std::string code;  // 6 digits
  std::string name;  // Chinese name, e.g. 天河区
  DivisionLevel level;
};

class DivisionTable {
 public:
  // Parses the text of catalog/codes/divisions.csv: lines starting with '#' and blank
  // lines are ignored; the first other line must be the header `code,name,level`;
  // every row has a 6-digit code (unique), a non-empty name and a level. A malformed
  // text gives kCorruption whose message names the line ("line 12: ...").
  static Result<DivisionTable> ParseCsv(std::string_view text);

  // Returns the division with this 6-digit code; nullptr iff absent.
  const Division* Find(std::string_view code6) const;
  // Returns true iff the table has a province-level row "<two_digits>0000", e.g. "44".
  // The national row 100000 is not a province.
  bool HasProvince(std::string_view two_digits) const;
  // Every row, in file order.
  const std::vector<Division>& all() const { return divisions_; }
  // County-level rows whose code starts with `prefix` (e.g. "44" or "4403"), in file
  // order. An empty prefix gives every county.
  std::vector<const Division*> CountiesUnder(std::string_view prefix) const;

 private:
  std::vector<Division> divisions_;
  std::map<std::string, std::size_t, std::less<>> index_;  // code -> position
};

// The kind of subject (信用主体) a record is about.
enum class SubjectKind {
  kEnterprise,
  kIndividualBusiness,
  kFarmerCooperative,
  kSocialOrganisation,
  kPublicInstitution,
  kGovernmentBody,
  kOtherOrganisation,
  kNaturalPerson
};

// "enterprise", "individual_business", "farmer_cooperative", "social_organisation",
// "public_institution", "government_body", "other_organisation", "natural_person".
std::string_view SubjectKindName(SubjectKind kind);
// Returns the kind iff `name` is exactly one of the names above.
Result<SubjectKind> ParseSubjectKind(std::string_view name);

// One row of the GB 32100-2015 table of registration authority (position 1) and
// organisation type (position 2).
struct UsccPrefix {
  std::string code;  // 2 characters, e.g. "91"
  std::string authority_zh, authority_en;
  std::string type_zh, type_en;
  SubjectKind kind;
};

class UsccPrefixTable {
 public:
  // Parses the text of catalog/codes/uscc_prefixes.csv: '#' lines and blank lines are
  // ignored; header `code,authority_zh,authority_en,type_zh,type_en,kind`; every code is
  // 2 characters of the uscc character set (unique), names are non-empty, kind parses
  // with ParseSubjectKind. Fields may be double-quoted (RFC 4180). A malformed text
  // gives kCorruption whose message names the line.
  static Result<UsccPrefixTable> ParseCsv(std::string_view text);

  // Returns the prefix row for these 2 characters; nullptr iff absent.
  const UsccPrefix* Find(std::string_view two_chars) const;
  // Every row, in file order.
  const std::vector<UsccPrefix>& all() const { return prefixes_; }

 private:
  std::vector<UsccPrefix> prefixes_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

struct CodeTables {
  DivisionTable divisions;
  UsccPrefixTable uscc_prefixes;
};

}  // namespace gongxin
