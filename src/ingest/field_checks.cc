#include "ingest/field_checks.h"

#include <cctype>

#include "core/code_tables.h"
#include "core/id_number.h"
#include "core/money.h"
#include "core/text.h"
#include "core/uscc.h"

namespace gongxin::ingest {
namespace {

using catalog::FieldSpec;
using catalog::FieldType;

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// Control characters and U+FFFD (a byte the encoding could not decode) never belong
// in a value; '?' runs are what a wrong code page leaves of Chinese text.
bool HasInvalidCharacters(std::string_view v, std::string* which) {
  for (unsigned char c : v) {
    if (c < 0x20 || c == 0x7F) {
      *which = "control character";
      return true;
    }
  }
  if (v.find("\xEF\xBF\xBD") != std::string_view::npos) {
    *which = "U+FFFD replacement character (undecodable bytes)";
    return true;
  }
  if (v.find("??") != std::string_view::npos) {
    *which = "'??' (text lost to a wrong character encoding)";
    return true;
  }
  return false;
}

bool CheckDate(const FieldSpec& field, std::string_view value, std::string_view original,
               const FieldContext& ctx, std::string* out, std::vector<Violation>* problems) {
  // The standard writes long-term as 2099/12/31; departments also write it in words.
  if (field.type == FieldType::kDateOrLongterm &&
      (value == "长期" || value == "长期有效" || value == "永久" || value == "永久有效")) {
    *out = "2099-12-31";
    return true;
  }
  auto date = Date::Parse(value);
  if (!date.ok()) {
    AddViolation(
        problems, ctx.line, field.code, rule::kDateFormat, Severity::kError,
        field.names.zh + "不是有效日期：" + date.status().message_zh(),
        field.names.en + " is not a valid date: " + date.status().message() +
            (field.type == FieldType::kDateOrLongterm ? " (long-term: 2099/12/31 or 长期)" : ""),
        original);
    return false;
  }
  *out = date->ToIso();
  return true;
}

bool CheckMoney(const FieldSpec& field, std::string_view value, std::string_view original,
                const FieldContext& ctx, std::string* out, std::vector<Violation>* problems) {
  auto money =
      field.type == FieldType::kMoneyWanYuan ? Money::ParseWanYuan(value) : Money::ParseYuan(value);
  if (!money.ok()) {
    AddViolation(problems, ctx.line, field.code, rule::kAmountFormat, Severity::kError,
                 field.names.zh + "无效：" + money.status().message_zh(),
                 field.names.en + " is not a valid amount: " + money.status().message(), original);
    return false;
  }
  *out = money->ToYuanString();
  return true;
}

bool CheckNumber(const FieldSpec& field, std::string_view value, std::string_view original,
                 const FieldContext& ctx, std::string* out, std::vector<Violation>* problems) {
  size_t i = 0;
  if (!value.empty() && (value[0] == '-' || value[0] == '+')) i = 1;
  size_t digits = 0, point = std::string_view::npos;
  for (size_t j = i; j < value.size(); ++j) {
    if (std::isdigit(static_cast<unsigned char>(value[j]))) {
      ++digits;
    } else if (value[j] == '.' && point == std::string_view::npos &&
               field.type == FieldType::kDecimal) {
      point = j;
    } else {
      digits = 0;
      break;
    }
  }
  bool ok = digits > 0 && digits <= 18;
  if (ok && point != std::string_view::npos && field.scale >= 0 &&
      value.size() - point - 1 > static_cast<size_t>(field.scale)) {
    ok = false;
  }
  if (!ok) {
    const char* kind_zh = field.type == FieldType::kInteger ? "整数" : "数字";
    const char* kind_en = field.type == FieldType::kInteger ? "an integer" : "a number";
    AddViolation(problems, ctx.line, field.code, rule::kNumberFormat, Severity::kError,
                 field.names.zh + "应为" + kind_zh + "：" + Quote(original),
                 field.names.en + " must be " + kind_en + ": " + Quote(original), original);
    return false;
  }
  *out = std::string(value);
  return true;
}

std::string AllowedValues(const catalog::CodeTableVersion& version) {
  std::string list;
  size_t shown = 0;
  for (const auto& v : version.values) {
    if (shown == 14) {
      list += "、…";
      break;
    }
    if (shown++) list += "、";
    list += v.value;
  }
  return list;
}

bool CheckCode(const FieldSpec& field, std::string_view value, std::string_view original,
               const FieldContext& ctx, std::string* out, std::vector<Violation>* problems) {
  const catalog::CodeTable* table = ctx.catalog->TableOf(field);
  if (!table) {
    // The two standard tables are CSV files (core/code_tables.h), not YAML tables.
    const auto& standard = ctx.catalog->standard_tables();
    bool known = true;
    if (field.code_table == "divisions") {
      known = standard.divisions.Find(value) != nullptr;
    } else if (field.code_table == "uscc_prefixes") {
      known = standard.uscc_prefixes.Find(value) != nullptr;
    }
    if (!known) {
      AddViolation(problems, ctx.line, field.code, rule::kCodeTable, Severity::kError,
                   "“" + std::string(value) + "”不是" + field.names.zh + "的代码值（代码表 " +
                       field.code_table + "）",
                   "'" + std::string(value) + "' is not a value of " + field.names.en +
                       " (code table " + field.code_table + ")",
                   original);
      return false;
    }
    *out = std::string(value);
    return true;
  }
  std::vector<std::string> parts;
  if (field.multi_valued) {
    parts = ctx.catalog->SplitValues(field, value, ctx.decision_date);
  } else {
    parts.emplace_back(value);
  }
  bool ok = true;
  std::string joined;
  for (const auto& part : parts) {
    auto match = table->Lookup(part, ctx.decision_date);
    if (!match) {
      if (ctx.decision_date) {
        if (auto other = table->Lookup(part)) {
          const auto* in_force = table->VersionOn(*ctx.decision_date);
          const std::string date = ctx.decision_date->ToIso();
          AddViolation(
              problems, ctx.line, field.code, rule::kCodeTableVersion, Severity::kError,
              "“" + part + "”在决定日期 " + date + " 不是" + field.names.zh + "的有效值（属于 " +
                  other->version->version + " 版" +
                  (in_force ? "；当日有效：" + AllowedValues(*in_force) : std::string()) + "）",
              "'" + part + "' is not a valid " + field.names.en + " on the decision date " + date +
                  " (it belongs to version " + other->version->version + ")",
              original);
          ok = false;
          continue;
        }
      }
      const auto* version = ctx.decision_date ? table->VersionOn(*ctx.decision_date) : nullptr;
      if (!version) version = &table->Latest();
      AddViolation(
          problems, ctx.line, field.code, rule::kCodeTable, Severity::kError,
          "“" + part + "”不是" + field.names.zh + "的代码值（可选：" + AllowedValues(*version) +
              "）",
          "'" + part + "' is not a value of " + field.names.en + " (code table " + table->id + ")",
          original);
      ok = false;
      continue;
    }
    if (!joined.empty()) joined += ';';
    joined += match->value->value;
    if (!match->other_text.empty()) {
      joined += '-';
      joined += match->other_text;
    }
  }
  *out = std::move(joined);
  return ok;
}

bool CheckEnum(const FieldSpec& field, std::string_view value, std::string_view original,
               const FieldContext& ctx, std::string* out, std::vector<Violation>* problems) {
  const std::string key = text::NormalizeName(value);
  for (const auto& allowed : field.values) {
    if (text::NormalizeName(allowed) == key) {
      *out = allowed;
      return true;
    }
  }
  std::string list;
  for (const auto& allowed : field.values) list += (list.empty() ? "" : "、") + allowed;
  AddViolation(problems, ctx.line, field.code, rule::kEnum, Severity::kError,
               "“" + std::string(value) + "”不是" + field.names.zh + "的可选值（" + list + "）",
               "'" + std::string(value) + "' is not an allowed value of " + field.names.en + " (" +
                   list + ")",
               original);
  return false;
}

bool CheckUsccField(const FieldSpec& field, std::string_view value, std::string_view original,
                    const FieldContext& ctx, std::string* out, std::vector<Violation>* problems) {
  std::string code = Upper(value);
  if (code == kPlaceholderUscc) {
    AddViolation(problems, ctx.line, field.code, rule::kPlaceholderCode, Severity::kWarning,
                 field.names.zh + "为占位代码 00000000000000000X，按空值处理",
                 field.names.en + " is the placeholder 00000000000000000X and is taken as empty",
                 original);
    out->clear();
    return true;
  }
  auto verdict = uscc::Check(code, ctx.catalog->standard_tables());
  if (!verdict.valid()) {
    AddViolation(problems, ctx.line, field.code, rule::kUscc, Severity::kError,
                 field.names.zh + "无效：" + verdict.reason_zh,
                 field.names.en + " is not a valid uscc: " + verdict.reason_en, original);
    return false;
  }
  *out = std::move(code);
  return true;
}

}  // namespace

void AddViolation(std::vector<Violation>* problems, uint32_t line, std::string_view field,
                  std::string_view rule, Severity severity, std::string zh, std::string en,
                  std::string_view value) {
  Violation v;
  v.line = line;
  v.field = std::string(field);
  v.rule = std::string(rule);
  v.severity = severity;
  v.message_zh = std::move(zh);
  v.message_en = std::move(en);
  v.value = std::string(value);
  problems->push_back(std::move(v));
}

// Validates an ID number written in any field (id_number type, or a certificate
// number whose type is 身份证). Returns true iff valid; *out gets the 18-digit form.
bool CheckIdNumberValue(const FieldSpec& field, std::string_view value, std::string_view original,
                        const FieldContext& ctx, std::string* out,
                        std::vector<Violation>* problems) {
  std::string id = Upper(value);
  if (id.size() == 15) {
    auto converted = id_number::From15(id);
    if (converted.ok()) {
      AddViolation(problems, ctx.line, field.code, rule::kIdNumber15, Severity::kWarning,
                   field.names.zh + "为15位旧号码，已转换为 " + *converted,
                   field.names.en + " is a 15-digit legacy number, converted to " + *converted,
                   original);
      id = *converted;
    }
  }
  auto verdict = id_number::Check(id, ctx.catalog->standard_tables(), ctx.today);
  if (!verdict.valid()) {
    AddViolation(problems, ctx.line, field.code, rule::kIdNumber, Severity::kError,
                 field.names.zh + "不是有效的居民身份证号码：" + verdict.reason_zh,
                 field.names.en + " is not a valid ID number: " + verdict.reason_en, original);
    return false;
  }
  *out = std::move(id);
  return true;
}

bool CheckField(const FieldSpec& field, std::string_view value, std::string_view original,
                const FieldContext& ctx, std::string* out, std::vector<Violation>* problems) {
  std::string which;
  if (HasInvalidCharacters(value, &which)) {
    AddViolation(problems, ctx.line, field.code, rule::kInvalidCharacters, Severity::kError,
                 field.names.zh + "含有非法字符（" + which + "）",
                 field.names.en + " contains an invalid character (" + which + ")", original);
    return false;
  }
  if (field.max_length > 0) {
    const size_t n = text::CodePointCount(value);
    if (n > static_cast<size_t>(field.max_length)) {
      AddViolation(problems, ctx.line, field.code, rule::kMaxLength, Severity::kError,
                   field.names.zh + "长度为 " + std::to_string(n) + " 个字符，超过上限 " +
                       std::to_string(field.max_length),
                   field.names.en + " is " + std::to_string(n) + " characters long; at most " +
                       std::to_string(field.max_length) + " are allowed",
                   original);
      return false;
    }
  }
  switch (field.type) {
    case FieldType::kDate:
    case FieldType::kDateOrLongterm:
      return CheckDate(field, value, original, ctx, out, problems);
    case FieldType::kMoneyWanYuan:
    case FieldType::kMoneyYuan:
      return CheckMoney(field, value, original, ctx, out, problems);
    case FieldType::kInteger:
    case FieldType::kDecimal:
      return CheckNumber(field, value, original, ctx, out, problems);
    case FieldType::kCode:
      return CheckCode(field, value, original, ctx, out, problems);
    case FieldType::kEnum:
      return CheckEnum(field, value, original, ctx, out, problems);
    case FieldType::kUscc:
      return CheckUsccField(field, value, original, ctx, out, problems);
    case FieldType::kIdNumber:
      return CheckIdNumberValue(field, value, original, ctx, out, problems);
    case FieldType::kText:
    case FieldType::kCertificateNumber:
      *out = std::string(value);
      return true;
  }
  *out = std::string(value);
  return true;
}

}  // namespace gongxin::ingest
