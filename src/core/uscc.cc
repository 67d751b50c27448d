#include "core/uscc.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <vector>

namespace gongxin::uscc {
namespace {

constexpr int kLength = 18;
constexpr std::string_view kExcludedLetters = "IOSVZ";

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

int Value(char c) { return static_cast<int>(kCharset.find(c)); }

// Value of a character in the GB 11714 organisation code: digits at face value,
// letters A=10 .. Z=35.
int OrgValue(char c) { return c <= '9' ? c - '0' : c - 'A' + 10; }

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

UsccVerdict Fail(UsccVerdict v, UsccError error, std::string en, std::string zh) {
  v.error = error;
  v.reason_en = std::move(en);
  v.reason_zh = std::move(zh);
  return v;
}

// The charset reason for character `ch` at 1-based `position`.
std::pair<std::string, std::string> CharsetReason(std::string_view ch, int position) {
  const std::string pos = std::to_string(position);
  const std::string q = Quote(ch);
  if (ch.size() == 1 && kExcludedLetters.find(ch[0]) != std::string_view::npos) {
    return {
        "position " + pos + ": " + q + " is not allowed (the character set omits I, O, S, V and Z)",
        "第" + pos + "位" + q + "不合法（代码字符集不含I、O、S、V、Z）"};
  }
  if (ch.size() == 1 && ch[0] >= 'a' && ch[0] <= 'z') {
    return {"position " + pos + ": " + q + " is lower case (codes use upper-case letters)",
            "第" + pos + "位" + q + "为小写字母（代码应使用大写字母）"};
  }
  return {"position " + pos + ": " + q +
              " is not a code character (digits and upper-case letters except I, O, S, V, Z)",
          "第" + pos + "位" + q + "不是代码字符（应为数字或除I、O、S、V、Z外的大写字母）"};
}

}  // namespace

std::string_view ErrorName(UsccError error) {
  switch (error) {
    case UsccError::kNone:
      return "none";
    case UsccError::kLength:
      return "length";
    case UsccError::kCharset:
      return "charset";
    case UsccError::kPrefix:
      return "prefix";
    case UsccError::kDivision:
      return "division";
    case UsccError::kCheckCharacter:
      return "check_character";
  }
  return "unknown";
}

char CheckCharacter(std::string_view first17) {
  assert(first17.size() == 17);
  int sum = 0;
  int weight = 1;  // 3^(i-1) mod 31
  for (char c : first17) {
    assert(Value(c) >= 0);
    sum = (sum + Value(c) * weight) % 31;
    weight = weight * 3 % 31;
  }
  return kCharset[(31 - sum) % 31];
}

char OrgCodeCheckCharacter(std::string_view body8) {
  assert(body8.size() == 8);
  static constexpr int kWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    char c = body8[i];
    assert((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
    sum += OrgValue(c) * kWeights[i];
  }
  int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

UsccVerdict Check(std::string_view code, const CodeTables& tables) {
  UsccVerdict v;
  const std::vector<std::string_view> chars = SplitCharacters(code);
  const int n = static_cast<int>(chars.size());
  if (n != kLength) {
    return Fail(std::move(v), UsccError::kLength,
                "expected 18 characters, found " + std::to_string(n),
                "应为18位，实为" + std::to_string(n) + "位");
  }
  for (int i = 0; i < n; ++i) {
    if (chars[i].size() != 1 || Value(chars[i][0]) < 0) {
      auto [en, zh] = CharsetReason(chars[i], i + 1);
      return Fail(std::move(v), UsccError::kCharset, std::move(en), std::move(zh));
    }
  }
  // From here `code` is 18 single-byte symbols.
  const std::string_view prefix = code.substr(0, 2);
  const std::string_view division = code.substr(2, 6);
  v.org_code_ok = OrgCodeCheckCharacter(code.substr(8, 8)) == code[16];
  v.division_known = tables.divisions.Find(division) != nullptr;
  v.prefix = tables.uscc_prefixes.Find(prefix);

  if (v.prefix == nullptr) {
    const std::string p(prefix);
    return Fail(std::move(v), UsccError::kPrefix,
                "prefix '" + p +
                    "' (positions 1-2) is not a known registration authority and "
                    "organisation type",
                "登记管理部门和机构类别代码'" + p + "'（第1-2位）不存在");
  }
  const std::string d(division);
  if (!AllDigits(division)) {
    return Fail(std::move(v), UsccError::kDivision,
                "division '" + d + "' (positions 3-8) is not 6 digits",
                "行政区划码'" + d + "'（第3-8位）不是6位数字");
  }
  const Division* row = tables.divisions.Find(division);
  const bool national = row != nullptr && row->level == DivisionLevel::kNational;
  if (!national && !tables.divisions.HasProvince(division.substr(0, 2))) {
    const std::string province(division.substr(0, 2));
    return Fail(std::move(v), UsccError::kDivision,
                "division '" + d + "' (positions 3-8) has an unknown province '" + province + "'",
                "行政区划码'" + d + "'（第3-8位）的省级代码'" + province + "'不存在");
  }
  const char expected = CheckCharacter(code.substr(0, 17));
  if (code[17] != expected) {
    return Fail(std::move(v), UsccError::kCheckCharacter,
                std::string("check character should be ") + expected + ", found " + code[17],
                std::string("校验码应为") + expected + "，实为" + code[17]);
  }
  return v;
}

std::string Generate(std::string_view prefix2, std::string_view division6, uint64_t serial) {
  assert(prefix2.size() == 2 && division6.size() == 6);
  constexpr uint64_t kSpace = 31ull * 31 * 31 * 31 * 31 * 31;  // 887,503,681
  // x -> (a x + b) mod 31^6 is a bijection because 31 does not divide a.
  constexpr uint64_t kMultiplier = 594823321;
  constexpr uint64_t kOffset = 104729;
  static_assert(kMultiplier % 31 != 0 && kMultiplier < kSpace);
  uint64_t x = (kMultiplier * (serial % kSpace) + kOffset) % kSpace;
  std::string body = "MA000000";
  for (int i = 7; i >= 2; --i) {
    body[i] = kCharset[x % 31];
    x /= 31;
  }
  std::string code;
  code.reserve(18);
  code.append(prefix2).append(division6).append(body);
  code.push_back(OrgCodeCheckCharacter(body));
  code.push_back(CheckCharacter(code));
  return code;
}

}  // namespace gongxin::uscc
