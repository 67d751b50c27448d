// 统一社会信用代码 (uscc), GB 32100-2015: validation and generation.
//
// Layout (positions are 1-based): 1 registration authority, 2 organisation type,
// 3-8 administrative division (GB/T 2260), 9-17 organisation code (GB 11714: 8 body
// characters and their own check character), 18 check character. Characters come from
// the 31-symbol set 0123456789ABCDEFGHJKLMNPQRTUWXY (no I, O, S, V, Z); a character's
// value is its index in that set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/code_tables.h"

namespace gongxin::uscc {

// The 31 symbols, in value order.
inline constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

enum class UsccError { kNone, kLength, kCharset, kPrefix, kDivision, kCheckCharacter };

// "none", "length", "charset", "prefix", "division", "check_character".
std::string_view ErrorName(UsccError error);

struct UsccVerdict {
  UsccError error = UsccError::kNone;
  // Empty iff valid; otherwise one precise sentence in English and in Chinese, e.g.
  // "check character should be 6, found 5" / "校验码应为6，实为5".
  std::string reason_en, reason_zh;
  // Quality flag, never a rejection: positions 9-17 pass the GB 11714 check (letters
  // A=10 .. Z=35). Computed iff length and charset pass.
  bool org_code_ok = false;
  // Quality flag: the full 6-digit division is in the table. Computed iff length and
  // charset pass.
  bool division_known = false;
  // The table row of positions 1-2; set iff length and charset pass and the prefix is
  // known. Points into the CodeTables passed to Check().
  const UsccPrefix* prefix = nullptr;
  bool valid() const { return error == UsccError::kNone; }
};

// Validates `code` exactly as given (no trimming, no case folding), stopping at the
// first failure in this order:
//   length          18 characters (UTF-8 code points);
//   charset         every character in the 31-symbol set (lower case is rejected);
//   prefix          positions 1-2 are a row of tables.uscc_prefixes;
//   division        positions 3-8 are 6 digits whose province (first 2) is a province
//                   of tables.divisions, or the national code 100000 of central bodies;
//                   an unknown full code is only the division_known flag;
//   check_character position 18 equals CheckCharacter(positions 1-17).
// So 00000000000000000X fails with kPrefix ("00" is no prefix), not kCheckCharacter.
UsccVerdict Check(std::string_view code, const CodeTables& tables);

// The GB 32100 check character of the first 17 characters: 31 - (Σ value × 3^(i-1)
// mod 31) mod 31, as a symbol. Precondition: 17 characters from kCharset.
char CheckCharacter(std::string_view first17);

// The GB 11714 check character of an 8-character organisation-code body, weights
// 3 7 9 10 5 8 4 2, digits at face value and letters A=10 .. Z=35; C = 11 - (Σ mod 11),
// written 'X' for 10 and '0' for 11. Precondition: 8 characters from 0-9, A-Z.
char OrgCodeCheckCharacter(std::string_view body8);

// A valid code for `prefix2` + `division6`, deterministic in `serial`. Positions 9-16
// are "MA" (the style of codes issued since 2015) followed by 6 symbols that encode a
// bijective scramble of serial mod 31^6, so distinct serials below 31^6 (> 10^8) give
// distinct codes for the same prefix and division. Position 17 is the GB 11714 check
// character and position 18 the GB 32100 check character.
// Preconditions: prefix2 is 2 and division6 6 characters from kCharset. Whether the
// result passes Check() depends on the tables knowing the prefix and the province.
std::string Generate(std::string_view prefix2, std::string_view division6, uint64_t serial);

}  // namespace gongxin::uscc
