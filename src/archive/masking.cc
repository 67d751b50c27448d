#include "archive/masking.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace gongxin::archive {
namespace {

// The value split into code points (each a view of its bytes). Invalid bytes count
// as one code point each, so that nothing is ever dropped or revealed by accident.
std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = 1;
    if (c >= 0xF0 && c < 0xF8) {
      n = 4;
    } else if (c >= 0xE0) {
      n = c < 0xF0 ? 3 : 1;
    } else if (c >= 0xC0) {
      n = 2;
    }
    if (i + n > s.size()) n = 1;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        n = 1;
        break;
      }
    }
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

bool IsDigit(std::string_view cp) { return cp.size() == 1 && cp[0] >= '0' && cp[0] <= '9'; }

// Keeps the first `head` and the last `tail` code points.
std::string KeepEnds(const std::vector<std::string_view>& cps, size_t head, size_t tail) {
  std::string out;
  const size_t n = cps.size();
  for (size_t i = 0; i < n; ++i) {
    if (i < head || i + tail >= n) {
      out += cps[i];
    } else {
      out += '*';
    }
  }
  return out;
}

std::string MaskCertificate(const std::vector<std::string_view>& cps) {
  const size_t n = cps.size();
  if (n == 18) return KeepEnds(cps, 6, 4);
  if (n == 15 && std::all_of(cps.begin(), cps.end(), IsDigit)) return KeepEnds(cps, 6, 1);
  if (n <= 3) return std::string(n, '*');
  const size_t budget = n / 2;
  const size_t tail = std::min<size_t>(4, n / 4);
  const size_t head = std::min<size_t>(6, budget - tail);
  return KeepEnds(cps, head, tail);
}

std::string MaskPhone(const std::vector<std::string_view>& cps) {
  // Positions of the digits; separators stay as written.
  std::vector<size_t> digits;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (IsDigit(cps[i])) {
      digits.push_back(i);
    } else if (!(cps[i] == "-" || cps[i] == " " || cps[i] == "+" || cps[i] == "(" ||
                 cps[i] == ")")) {
      return MaskCertificate(cps);
    }
  }
  size_t start = 0;  // first digit of the national number
  const size_t nd = digits.size();
  auto digit = [&](size_t k) { return cps[digits[k]][0]; };
  if (nd == 13 && digit(0) == '8' && digit(1) == '6' && digit(2) == '1') start = 2;
  size_t keep_head = 0, keep_tail = 0;
  if (nd - start == 11 && digit(start) == '1') {
    keep_head = start + 3;
    keep_tail = 4;
  } else if (nd >= 9 && digit(0) == '0') {
    keep_head = (digit(1) == '1' || digit(1) == '2') ? 3 : 4;
    keep_tail = 2;
  } else {
    return MaskCertificate(cps);
  }
  std::string out;
  size_t k = 0;  // digit index
  for (size_t i = 0; i < cps.size(); ++i) {
    if (IsDigit(cps[i])) {
      out += (k < keep_head || k + keep_tail >= nd) ? cps[i] : std::string_view("*");
      ++k;
    } else {
      out += cps[i];
    }
  }
  return out;
}

bool Among(std::string_view cp, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), cp) != set.end();
}

bool IsLevelMarker(std::string_view cp) {
  return Among(cp, {"省", "市", "区", "县", "旗", "州", "盟"});
}

std::string MaskAddress(const std::vector<std::string_view>& cps) {
  size_t prefix = 0;  // code points of the administrative prefix
  for (int level = 0; level < 3; ++level) {
    size_t end = 0;  // one past the level's marker
    // A level's name is 1..9 characters before its marker.
    for (size_t i = prefix + 1; i < cps.size() && i <= prefix + 9; ++i) {
      const std::string_view cp = cps[i];
      if (IsDigit(cp) || (cp.size() == 1 && !std::isalpha(static_cast<unsigned char>(cp[0]))) ||
          Among(cp, {"路", "街", "道", "巷", "弄", "号", "镇", "乡", "村"})) {
        break;
      }
      if (IsLevelMarker(cp)) {
        // 广州市, 自治州: a marker followed by another ends at the later one.
        while (i + 1 < cps.size() && IsLevelMarker(cps[i + 1])) ++i;
        end = i + 1;
        break;
      }
    }
    if (end == 0) break;
    if (cps[prefix].size() == 1 && IsDigit(cps[prefix])) break;
    if (cps[end - 1] == "区" && end - prefix >= 2) {
      const std::string_view before = cps[end - 2];
      if (Among(before, {"小", "社", "园"}) ||
          (before == "发" && end - prefix >= 3 && cps[end - 3] == "开")) {
        break;
      }
    }
    prefix = end;
  }
  std::string out;
  for (size_t i = 0; i < prefix; ++i) out += cps[i];
  if (prefix < cps.size()) out += "****";
  return out;
}

std::string MaskName(const std::vector<std::string_view>& cps) {
  static const std::array<std::string_view, 16> kCompound = {
      "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙",
      "慕容", "令狐", "司徒", "夏侯", "长孙", "宇文", "端木", "南宫"};
  if (cps.size() <= 1) return std::string(cps.size(), '*');
  size_t head = 1;
  if (cps.size() >= 3) {
    const std::string first_two = std::string(cps[0]) + std::string(cps[1]);
    if (std::find(kCompound.begin(), kCompound.end(), first_two) != kCompound.end()) head = 2;
  }
  return KeepEnds(cps, head, 0);
}

}  // namespace

std::string MaskValue(catalog::MaskKind kind, std::string_view value) {
  if (value.empty() || kind == catalog::MaskKind::kHidden) return "";
  const std::vector<std::string_view> cps = CodePoints(value);
  switch (kind) {
    case catalog::MaskKind::kIdNumber:
      return MaskCertificate(cps);
    case catalog::MaskKind::kPhone:
      return MaskPhone(cps);
    case catalog::MaskKind::kAddress:
      return MaskAddress(cps);
    case catalog::MaskKind::kName:
      return MaskName(cps);
    case catalog::MaskKind::kHidden:
      return "";
  }
  return "";
}

}  // namespace gongxin::archive
