#include "core/text.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>
#include <opencc/SimpleConverter.hpp>

#include <string>
#include <thread>
#include <vector>

#include "support/golden.h"

namespace gongxin::text {
namespace {

using namespace std::string_literals;

TEST(TextUtf8Test, Validity) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc"));
  EXPECT_TRUE(IsValidUtf8("广东省公共信用信息"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));   // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("a\0b"s));              // NUL is a character
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8"));          // truncated 中
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xD6\xD0\xCE\xC4"));  // 中文 in GBK
  EXPECT_EQ(FirstInvalidUtf8Offset("广东\xFF"), 6u);
  EXPECT_EQ(FirstInvalidUtf8Offset("ok"), std::string_view::npos);
}

TEST(TextUtf8Test, SanitizeReplacesMaximalSubparts) {
  EXPECT_EQ(SanitizeUtf8("a\xFF"
                         "b"),
            "a\uFFFD"
            "b");
  EXPECT_EQ(SanitizeUtf8("\xE4\xB8"
                         "x"),
            "\uFFFD"
            "x");  // one U+FFFD for the truncated 中
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(SanitizeUtf8("广东"), "广东");
}

TEST(TextNfkcTest, CompatibilityForms) {
  EXPECT_EQ(Nfkc("ＡＢＣ１２３"), "ABC123");
  EXPECT_EQ(Nfkc("（白云）"), "(白云)");
  EXPECT_EQ(Nfkc("\u3000"), " ");
  EXPECT_EQ(Nfkc("①"), "1");
  EXPECT_EQ(Nfkc("ｶ"), "カ");            // half-width katakana
  EXPECT_EQ(Nfkc("\uF900"), "\u8C48");   // CJK compatibility ideograph 豈
  EXPECT_EQ(Nfkc("e\u0301"), "\u00E9");  // composed
  EXPECT_EQ(Nfkc("广东省"), "广东省");
  EXPECT_EQ(Nfkc("plain ascii"), "plain ascii");
  EXPECT_EQ(Nfkc("\xFF"), "\uFFFD");
}

TEST(TextWidthTest, FoldsFullWidthAsciiAndSpace) {
  EXPECT_EQ(FoldWidth("ＡＢｃ！～０９"), "ABc!~09");
  EXPECT_EQ(FoldWidth("广州\u3000市"), "广州 市");
  EXPECT_EQ(FoldWidth("（白云）"), "(白云)");
  EXPECT_EQ(FoldWidth("［一］｛二｝"), "[一]{二}");
  EXPECT_EQ(FoldWidth("，：；．"), ",:;.");
}

TEST(TextWidthTest, FoldsCjkBrackets) {
  EXPECT_EQ(FoldWidth("【白云】"), "[白云]");
  EXPECT_EQ(FoldWidth("穗市监罚〔2025〕12号"), "穗市监罚[2025]12号");
  EXPECT_EQ(FoldWidth("〖甲〗"), "[甲]");
}

TEST(TextWidthTest, LeavesChinesePunctuationAlone) {
  EXPECT_EQ(FoldWidth("《广东省社会信用条例》"), "《广东省社会信用条例》");
  EXPECT_EQ(FoldWidth("一、二。"), "一、二。");
  EXPECT_EQ(FoldWidth("￥2000"), "￥2000");
  EXPECT_EQ(FoldWidth("ｶ"), "ｶ");
  EXPECT_EQ(FoldWidth("廣東"), "廣東");
}

TEST(TextSimplifiedTest, TraditionalToSimplified) {
  ASSERT_TRUE(SimplifiedConverterStatus().ok()) << SimplifiedConverterStatus().ToString();
  EXPECT_EQ(ToSimplified("廣東省"), "广东省");
  EXPECT_EQ(ToSimplified("臺灣"), "台湾");
  EXPECT_EQ(ToSimplified("廣州市白雲區"), "广州市白云区");
  EXPECT_EQ(ToSimplified("統一社會信用代碼"), "统一社会信用代码");
  EXPECT_EQ(ToSimplified("广东省"), "广东省");
  EXPECT_EQ(ToSimplified("ABC 123"), "ABC 123");
  EXPECT_EQ(ToSimplified(""), "");
  EXPECT_EQ(ToSimplified("深圳市騰訊計算機系統有限公司"), "深圳市腾讯计算机系统有限公司");
}

TEST(TextSimplifiedTest, OddInputDoesNotBreakIt) {
  EXPECT_EQ(ToSimplified("廣\0東"s), "广\0东"s);  // OpenCC itself stops at NUL
  EXPECT_EQ(ToSimplified("廣\xFF"), "广\uFFFD");
}

// ToSimplified skips OpenCC for text without a code point that some dictionary
// entry changes; that must never change the result.
TEST(TextSimplifiedTest, FastPathAgreesWithOpenCc) {
  opencc::SimpleConverter reference("t2s.json");
  int checked = 0;
  auto check = [&](UChar32 first, UChar32 last) {
    for (UChar32 c = first; c <= last; ++c) {
      std::string one;
      icu::UnicodeString(c).toUTF8String(one);
      ASSERT_EQ(ToSimplified(one), reference.Convert(one)) << "U+" << std::hex << c;
      ++checked;
    }
  };
  check(0x3400, 0x4DBF);  // CJK extension A
  check(0x4E00, 0x9FFF);  // CJK unified ideographs
  check(0xF900, 0xFAFF);  // CJK compatibility ideographs
  EXPECT_GT(checked, 27000);
  for (std::string_view s : {"广州市白云科技有限公司", "乾隆", "一目瞭然", "著名", "理髮店", "皇后",
                             "後來", "范文正公", "于是", "天干地支", "乾坤"}) {
    EXPECT_EQ(ToSimplified(s), reference.Convert(std::string(s))) << s;
  }
}

TEST(TextSimplifiedTest, ThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 200; ++i) {
        if (NormalizeName("廣州市（白雲）科技 有限公司") != "广州市(白云)科技有限公司") {
          ++failures[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

TEST(TextWhitespaceTest, Collapse) {
  EXPECT_EQ(CollapseWhitespace("  广州\u3000\u3000市\t\n"), "广州 市");
  EXPECT_EQ(CollapseWhitespace("a\u00A0\u00A0b"), "a b");
  EXPECT_EQ(CollapseWhitespace("a \r\n\t b"), "a b");
  EXPECT_EQ(CollapseWhitespace("\uFEFF广州"), "广州");   // BOM at start
  EXPECT_EQ(CollapseWhitespace("广\u200B州"), "广 州");  // zero width space
  EXPECT_EQ(CollapseWhitespace("a\u2003b\u205Fc\u202Fd"), "a b c d");
  EXPECT_EQ(CollapseWhitespace(" \t\u3000 "), "");
  EXPECT_EQ(CollapseWhitespace(""), "");
  EXPECT_EQ(CollapseWhitespace("nothing"), "nothing");
  EXPECT_TRUE(IsWhiteSpace(0x3000));
  EXPECT_FALSE(IsWhiteSpace(0x200D));  // zero width joiner is not removed
}

TEST(TextNameTest, TheBriefsExample) {
  EXPECT_EQ(NormalizeName("廣州市（白雲）科技 有限公司"),
            NormalizeName("广州市(白云)科技有限公司"));
  EXPECT_EQ(NormalizeName("广州市(白云)科技有限公司"), "广州市(白云)科技有限公司");
}

TEST(TextNameTest, Equalities) {
  const std::vector<std::pair<std::string, std::string>> same = {
      {"广州市（白云）科技有限公司", "广州市(白云)科技有限公司"},
      {"广州市【白云】科技有限公司", "广州市(白云)科技有限公司"},
      {"广州市[白云]科技有限公司", "广州市（白云）科技有限公司"},
      {"广州市〔白云〕科技有限公司", "广州市(白云)科技有限公司"},
      {" 广州市\u3000白云科技有限公司\t", "广州市白云科技有限公司"},
      {"广州市\u00A0白云\u200B科技有限公司", "广州市白云科技有限公司"},
      {"ＡＢＣ（中国）有限公司", "abc(中国)有限公司"},
      {"Abc Trading Co., Ltd.", "ABC TRADING CO.,LTD."},
      {"深圳市騰訊計算機系統有限公司", "深圳市腾讯计算机系统有限公司"},
      {"臺灣", "台湾"},
      {"阿依古丽·买买提", "阿依古丽•买买提"},
      {"阿依古丽・买买提", "阿依古丽･买买提"},
      {"广州市\uF900科技", "广州市\u8C48科技"},
  };
  for (const auto& [a, b] : same) {
    EXPECT_EQ(NormalizeName(a), NormalizeName(b)) << a << " vs " << b;
  }
}

TEST(TextNameTest, Inequalities) {
  const std::vector<std::pair<std::string, std::string>> different = {
      {"广州市白云科技有限公司", "广州市白云科技有限责任公司"},
      {"广州市（白云）科技有限公司", "广州市白云科技有限公司"},  // brackets are kept
      {"广州市白云科技有限公司", "广州白云科技有限公司"},
      {"第一建筑公司", "第1建筑公司"},
      {"广州市白云科技有限公司", "广州市白云科技有限公司分公司"},
      {"阿依古丽·买买提", "阿依古丽买买提"},  // the dot is kept, unified
  };
  for (const auto& [a, b] : different) {
    EXPECT_NE(NormalizeName(a), NormalizeName(b)) << a << " vs " << b;
  }
}

TEST(TextValueTest, NormalizeValueKeepsTheDepartmentsCharacters) {
  EXPECT_EQ(NormalizeValue("  廣東省　市場監督管理局 "), "廣東省 市場監督管理局");
  // Official punctuation is evidence and stays as written.
  EXPECT_EQ(NormalizeValue("（白云）"), "（白云）");
  EXPECT_EQ(NormalizeValue("穗市监罚〔2025〕12号"), "穗市监罚〔2025〕12号");
  EXPECT_EQ(NormalizeValue("９１４４０３００１９２２０３８２１６"), "914403001922038216");
  EXPECT_EQ(NormalizeValue("ＸＫ－１"), "XK－1");
  EXPECT_EQ(NormalizeValue("ａｂｃ"), "abc");  // no case change
  EXPECT_EQ(NormalizeValue("①"), "①");         // no NFKC
}

TEST(TextCountTest, CodePoints) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("广东省"), 3u);
  EXPECT_EQ(CodePointCount("\xF0\x9F\x98\x80"), 1u);
  EXPECT_EQ(CodePointCount("\xF0\xA0\x80\x80"), 1u);  // U+20000 𠀀
  EXPECT_EQ(CodePointCount("a\xFF"
                           "b"),
            3u);
}

TEST(TextGb18030Test, RoundTripsChineseText) {
  const std::string utf8 =
      "广东省公共信用信息管理系统 統一社會信用代碼 91440300708461136T ￥2000 € \xF0\xA0\x80\x80 "
      "阿依古丽·买买提";
  Result<std::string> gb = Utf8ToGb18030(utf8);
  ASSERT_TRUE(gb.ok()) << gb.status().ToString();
  EXPECT_NE(*gb, utf8);
  Result<std::string> back = Gb18030ToUtf8(*gb);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, utf8);
}

TEST(TextGb18030Test, KnownBytes) {
  EXPECT_EQ(Utf8ToGb18030("中文").value(), "\xD6\xD0\xCE\xC4");
  EXPECT_EQ(Gb18030ToUtf8("\xD6\xD0\xCE\xC4").value(), "中文");
  EXPECT_EQ(Gb18030ToUtf8("abc").value(), "abc");
  EXPECT_EQ(Gb18030ToUtf8("").value(), "");
  EXPECT_EQ(Gb18030ToUtf8("\x81\x30\x81\x30").value(), "\u0080");  // a four-byte sequence
}

TEST(TextGb18030Test, LargeInputConvertsInPieces) {
  std::string utf8;
  for (int i = 0; i < 20000; ++i) utf8 += "广东省信用" + std::to_string(i) + "\n";
  Result<std::string> gb = Utf8ToGb18030(utf8);
  ASSERT_TRUE(gb.ok());
  Result<std::string> back = Gb18030ToUtf8(*gb);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, utf8);
}

TEST(TextGb18030Test, InvalidSequenceNamesTheByteOffset) {
  Result<std::string> r = Gb18030ToUtf8("\xD6\xD0\xFF\xCE\xC4");  // 中 <FF> 文
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "invalid GB18030 byte sequence at byte offset 2 (0xFF)");
  EXPECT_EQ(r.status().message_zh(),
            "GB18030 编码无效：第 2 字节起（从 0 计）的字节 0xFF 不是合法字符");
}

TEST(TextGb18030Test, InvalidTrailByteAndTruncation) {
  Result<std::string> bad_trail = Gb18030ToUtf8("ab\x81\x20");
  ASSERT_FALSE(bad_trail.ok());
  EXPECT_NE(bad_trail.status().message().find("byte offset 2"), std::string::npos)
      << bad_trail.status().message();

  Result<std::string> truncated = Gb18030ToUtf8("\xD6\xD0\xCE");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().message(),
            "invalid GB18030 byte sequence at byte offset 2 (0xCE: truncated at the end of the "
            "input)");

  // Byte 0x80 is the euro sign only in Windows code page 936, not in GB18030.
  Result<std::string> euro = Gb18030ToUtf8("1\x80");
  ASSERT_FALSE(euro.ok());
  EXPECT_NE(euro.status().message().find("byte offset 1"), std::string::npos);
}

TEST(TextGb18030Test, InvalidUtf8NamesTheByteOffset) {
  Result<std::string> r = Utf8ToGb18030("广东\xFF");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "invalid UTF-8 byte sequence at byte offset 6 (0xFF)");
}

// A reviewed table of names and their keys, to catch changes of ICU or OpenCC data.
TEST(TextNameTest, GoldenKeys) {
  const std::vector<std::string> names = {
      "廣州市（白雲）科技 有限公司",
      "广州市【白云】科技有限公司",
      "深圳市騰訊計算機系統有限公司",
      "華為技術有限公司",
      "臺灣",
      "ＡＢＣ（中国）有限公司",
      "Abc Trading Co., Ltd.",
      "阿依古丽・买买提",
      "广州市越秀区〔个体〕张三 小吃店",
      "東莞市長安鎮錦廈社區股份經濟聯合社",
      "珠海橫琴新區發展有限公司",
      "香港特別行政區政府駐粵經濟貿易辦事處",
      "广东省公安厅",
      "①号仓库",
  };
  std::string out = "# input -> NormalizeName -> NormalizeValue\n";
  for (const auto& n : names) {
    out += n + " -> " + NormalizeName(n) + " -> " + NormalizeValue(n) + "\n";
  }
  EXPECT_TRUE(testing::MatchesGolden(out, "golden/text/normalize_name.txt"));
}

}  // namespace
}  // namespace gongxin::text

namespace gongxin::text {
namespace {

// The fast path of NormalizeValue must agree with the reference on every input.
TEST(TextValueTest, FastPathAgreesWithReference) {
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "9",
                                           " ",
                                           "  ",
                                           "\t",
                                           "\n",
                                           "\r",
                                           "\x01",
                                           "\x7F",
                                           "广",
                                           "東",
                                           "（",
                                           "）",
                                           "〔",
                                           "〕",
                                           "、",
                                           "。",
                                           "\u3000",
                                           "\u00A0",
                                           "\u0085",
                                           "\u2003",
                                           "\u200B",
                                           "\u2028",
                                           "\u202F",
                                           "\u205F",
                                           "\u2060",
                                           "\uFEFF",
                                           "\u1680",
                                           "ｂ",
                                           "Ｚ",
                                           "１",
                                           "－",
                                           "＠",
                                           "é",
                                           "😀",
                                           "\xFF",
                                           "\xC0\xAF",
                                           "\xE4\xB8",
                                           "\xED\xA0\x80",
                                           "\xF4\x90\x80\x80"};
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int len = static_cast<int>(next() % 8);
    for (int k = 0; k < len; ++k) s += pieces[next() % pieces.size()];
    ASSERT_EQ(NormalizeValue(s), NormalizeValueReference(s)) << "input bytes: " << s;
  }
}

}  // namespace
}  // namespace gongxin::text
