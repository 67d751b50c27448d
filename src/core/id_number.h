// 居民身份证号码 (id_number), GB 11643-1999: validation, 15-to-18 conversion, generation.
//
// Layout (1-based positions): 1-6 address code (GB/T 2260 division, possibly retired),
// 7-14 birth date YYYYMMDD, 15-17 sequence (odd = male, even = female), 18 check
// character (0-9 or X).
#pragma once

#include <string>
#include <string_view>

#include "core/code_tables.h"
#include "core/date.h"
#include "core/result.h"

namespace gongxin::id_number {

enum class IdError {
  kNone,
  kLength,
  kCharset,
  kDivision,
  kBirthDate,
  kFutureBirthDate,
  kCheckDigit
};

// "none", "length", "charset", "division", "birth_date", "future_birth_date", "check_digit".
std::string_view ErrorName(IdError error);

enum class Sex { kMale, kFemale };

// "male", "female".
std::string_view SexName(Sex sex);

struct IdVerdict {
  IdError error = IdError::kNone;
  // Empty iff valid; otherwise one precise sentence in English and in Chinese, e.g.
  // "check digit should be 1, found 5" / "校验码应为1，实为5".
  std::string reason_en, reason_zh;
  // Set iff positions 7-14 form a real date (so also when the only failure is
  // future_birth_date or check_digit); 1970-01-01 otherwise.
  Date birth_date;
  // From position 17; set iff length and charset pass.
  Sex sex = Sex::kMale;
  // Quality flag: the full 6-digit address code is in the table (old numbers carry
  // retired codes). Computed iff length and charset pass.
  bool division_known = false;
  bool valid() const { return error == IdError::kNone; }
};

// Earliest birth year accepted: birth dates before 1800-01-01 are rejected. The
// standard sets no bound; 1800 is the bound of the widely used (18|19|20)YY pattern and
// admits the STANDARDS.md §2.2 vector 440524188001010014 (born 1880-01-01).
inline constexpr int kEarliestBirthYear = 1800;

// Validates `id` exactly as given (no trimming; a lower-case x is rejected), stopping at
// the first failure in this order:
//   length            18 characters (UTF-8 code points);
//   charset           positions 1-17 digits, position 18 a digit or X;
//   division          the province (positions 1-2) is a province of tables.divisions
//                     (an unknown full code is only the division_known flag);
//   birth_date        positions 7-14 are a real date, in or after kEarliestBirthYear;
//   future_birth_date the birth date is not after `today`;
//   check_digit       position 18 equals CheckDigit(positions 1-17).
// `today` is injected by the caller; this never reads a clock.
IdVerdict Check(std::string_view id, const CodeTables& tables, Date today);

// The GB 11643 check character of the first 17 digits: Σ digit × weight (7 9 10 5 8 4
// 2 1 6 3 7 9 10 5 8 4 2) mod 11 mapped through "10X98765432". Precondition: 17 digits.
char CheckDigit(std::string_view first17);

// Converts a legacy 15-digit number (YYMMDD birth date, no check character) to 18
// digits by inserting "19" before the year and appending the check character. Returns
// kInvalidArgument iff `id15` is not 15 digits or its birth date is not a real date.
// The address code is not looked up: run Check() on the result for that.
Result<std::string> From15(std::string_view id15);

// The 18-character number for `division6`, `birth` and `sequence` (0..999; odd = male),
// with its check character. Preconditions: division6 is 6 digits, birth is in years
// 1000..9999, 0 <= sequence <= 999.
std::string Generate(std::string_view division6, Date birth, int sequence);

// The sex coded by position 17. Precondition: `valid_id18` has passed length and charset.
Sex SexOf(std::string_view valid_id18);

}  // namespace gongxin::id_number
