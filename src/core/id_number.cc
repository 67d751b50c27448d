#include "core/id_number.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <utility>
#include <vector>

namespace gongxin::id_number {
namespace {

constexpr int kLength = 18;
constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckMap = "10X98765432";

// The characters of `text` as UTF-8 sequences. A byte that does not start a complete
// sequence (stray continuation byte, bad lead byte, truncated sequence) is one character.
std::vector<std::string_view> SplitCharacters(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    std::size_t n = lead < 0x80                     ? 1
                    : (lead >= 0xC2 && lead < 0xE0) ? 2
                    : (lead >= 0xE0 && lead < 0xF0) ? 3
                    : (lead >= 0xF0 && lead < 0xF5) ? 4
                                                    : 1;
    if (i + n > text.size()) n = 1;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        n = 1;
        break;
      }
    }
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

// 'x' for a printable character, U+0009 style for an ASCII control character, and
// "byte 0xFF" for a byte that is not UTF-8.
std::string Quote(std::string_view ch) {
  const unsigned char c = static_cast<unsigned char>(ch[0]);
  char buf[16];
  if (ch.size() == 1 && (c < 0x20 || c == 0x7F)) {
    std::snprintf(buf, sizeof buf, "U+%04X", c);
    return buf;
  }
  if (ch.size() == 1 && c >= 0x80) {
    std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
    return buf;
  }
  return "'" + std::string(ch) + "'";
}

bool IsDigit(std::string_view ch) { return ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9'; }

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ParseInt(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

IdVerdict Fail(IdVerdict v, IdError error, std::string en, std::string zh) {
  v.error = error;
  v.reason_en = std::move(en);
  v.reason_zh = std::move(zh);
  return v;
}

// The charset reason for character `ch` at 1-based `position`.
std::pair<std::string, std::string> CharsetReason(std::string_view ch, int position) {
  const std::string pos = std::to_string(position);
  const std::string q = Quote(ch);
  if (position == kLength) {
    if (ch == "x") {
      return {"position 18: 'x' is lower case (the check character is written X)",
              "第18位'x'为小写字母（校验码应写作大写X）"};
    }
    return {"position 18: " + q + " is not a digit or X", "第18位" + q + "不是数字或X"};
  }
  return {"position " + pos + ": " + q + " is not a digit", "第" + pos + "位" + q + "不是数字"};
}

}  // namespace

std::string_view ErrorName(IdError error) {
  switch (error) {
    case IdError::kNone:
      return "none";
    case IdError::kLength:
      return "length";
    case IdError::kCharset:
      return "charset";
    case IdError::kDivision:
      return "division";
    case IdError::kBirthDate:
      return "birth_date";
    case IdError::kFutureBirthDate:
      return "future_birth_date";
    case IdError::kCheckDigit:
      return "check_digit";
  }
  return "unknown";
}

std::string_view SexName(Sex sex) { return sex == Sex::kMale ? "male" : "female"; }

char CheckDigit(std::string_view first17) {
  assert(first17.size() == 17 && AllDigits(first17));
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckMap[sum % 11];
}

Sex SexOf(std::string_view valid_id18) {
  assert(valid_id18.size() >= 17);
  return (valid_id18[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
}

IdVerdict Check(std::string_view id, const CodeTables& tables, Date today) {
  IdVerdict v;
  const std::vector<std::string_view> chars = SplitCharacters(id);
  const int n = static_cast<int>(chars.size());
  if (n != kLength) {
    return Fail(std::move(v), IdError::kLength,
                "expected 18 characters, found " + std::to_string(n),
                "应为18位，实为" + std::to_string(n) + "位");
  }
  for (int i = 0; i < n; ++i) {
    const bool ok = IsDigit(chars[i]) || (i == kLength - 1 && chars[i] == "X");
    if (!ok) {
      auto [en, zh] = CharsetReason(chars[i], i + 1);
      return Fail(std::move(v), IdError::kCharset, std::move(en), std::move(zh));
    }
  }
  // From here `id` is 18 single-byte characters.
  const std::string_view division = id.substr(0, 6);
  v.sex = SexOf(id);
  v.division_known = tables.divisions.Find(division) != nullptr;

  if (!tables.divisions.HasProvince(division.substr(0, 2))) {
    const std::string d(division);
    const std::string province(division.substr(0, 2));
    return Fail(
        std::move(v), IdError::kDivision,
        "address code '" + d + "' (positions 1-6) has an unknown province '" + province + "'",
        "地址码'" + d + "'（第1-6位）的省级代码'" + province + "'不存在");
  }

  const std::string birth_text(id.substr(6, 8));
  auto birth = Date::FromYmd(ParseInt(birth_text.substr(0, 4)), ParseInt(birth_text.substr(4, 2)),
                             ParseInt(birth_text.substr(6, 2)));
  if (!birth.ok()) {
    return Fail(std::move(v), IdError::kBirthDate,
                "birth date " + birth_text + " (positions 7-14) is not a real date (" +
                    birth.status().message() + ")",
                "出生日期" + birth_text + "（第7-14位）不是有效日期（" +
                    birth.status().message_zh() + "）");
  }
  v.birth_date = *birth;
  if (birth->year() < kEarliestBirthYear) {
    const std::string earliest = std::to_string(kEarliestBirthYear) + "-01-01";
    return Fail(std::move(v), IdError::kBirthDate,
                "birth date " + birth->ToIso() + " is before " + earliest,
                "出生日期" + birth->ToIso() + "早于" + earliest);
  }
  if (*birth > today) {
    return Fail(std::move(v), IdError::kFutureBirthDate,
                "birth date " + birth->ToIso() + " is after today (" + today.ToIso() + ")",
                "出生日期" + birth->ToIso() + "晚于今天（" + today.ToIso() + "）");
  }

  const char expected = CheckDigit(id.substr(0, 17));
  if (id[17] != expected) {
    return Fail(std::move(v), IdError::kCheckDigit,
                std::string("check digit should be ") + expected + ", found " + id[17],
                std::string("校验码应为") + expected + "，实为" + id[17]);
  }
  return v;
}

Result<std::string> From15(std::string_view id15) {
  if (id15.size() != 15 || !AllDigits(id15)) {
    return Status::InvalidArgument(
        "a 15-digit id number must be exactly 15 digits, got '" + std::string(id15) + "'",
        "15位身份证号码应为15位数字，实为'" + std::string(id15) + "'");
  }
  auto birth = Date::FromYmd(1900 + ParseInt(id15.substr(6, 2)), ParseInt(id15.substr(8, 2)),
                             ParseInt(id15.substr(10, 2)));
  if (!birth.ok()) {
    const std::string yymmdd(id15.substr(6, 6));
    return Status::InvalidArgument("birth date 19" + yymmdd + " of '" + std::string(id15) +
                                       "' is not a real date (" + birth.status().message() + ")",
                                   "'" + std::string(id15) + "'的出生日期19" + yymmdd +
                                       "不是有效日期（" + birth.status().message_zh() + "）");
  }
  std::string id;
  id.reserve(18);
  id.append(id15.substr(0, 6)).append("19").append(id15.substr(6));
  id.push_back(CheckDigit(id));
  return id;
}

std::string Generate(std::string_view division6, Date birth, int sequence) {
  assert(division6.size() == 6 && AllDigits(division6));
  assert(sequence >= 0 && sequence <= 999);
  assert(birth.year() >= 1000);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%03d", birth.year(), birth.month(), birth.day(),
                sequence);
  std::string id(division6);
  id.append(buf);
  id.push_back(CheckDigit(id));
  return id;
}

}  // namespace gongxin::id_number
