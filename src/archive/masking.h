// Masking (脱敏) of personal data in public views. Pure functions, UTF-8 safe: lengths
// and positions count code points, and a masked character becomes one '*'.
#pragma once

#include <string>
#include <string_view>

#include "catalog/info_class.h"

namespace gongxin::archive {

// The value as a masked view shows it; "" for kHidden (the field is left out) and for
// an empty value. Never reveals more than the rules below:
//   kIdNumber  18 characters: the first 6 (division) and the last 4
//              (440524188001010014 -> 440524********0014); 15 digits (old numbers): the
//              first 6 and the last 1 (440524800101001 -> 440524********1); any other
//              length n (passports, other certificates): at most n/2 characters, the
//              last min(4, n/4) and the first up to 6 of the rest
//              (E12345678 -> E1*****78); 3 characters or fewer: all masked.
//   kPhone     mobile (11 digits starting with 1, separators and a +86/86 prefix
//              allowed): the first 3 and the last 4 digits (13812345678 -> 138****5678);
//              landline starting with 0: the area code (010, 02X: 3 digits; else 4) and
//              the last 2 digits (020-38861234 -> 020-******34); anything else: as an
//              other-length certificate number. Separators are kept as written.
//   kAddress   the administrative prefix, up to 3 levels each ending in 省, 市, 区, 县,
//              旗, 州 or 盟 (广州市天河区天河路385号 -> 广州市天河区****); a level may not
//              contain a street marker (路 街 道 巷 弄 号 镇 乡 村) or a digit, nor end in
//              小区, 社区, 园区 or 开发区. The rest becomes "****"; no prefix: "****".
//   kName      the family name (two characters for common compound surnames such as
//              欧阳, 司马, 诸葛), one '*' per other character (张三丰 -> 张**); a
//              one-character name becomes "*".
//   kHidden    "".
std::string MaskValue(catalog::MaskKind kind, std::string_view value);

}  // namespace gongxin::archive
