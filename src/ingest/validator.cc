#include "ingest/validator.h"

#include <openssl/sha.h>

#include <algorithm>

#include "core/money.h"
#include "core/text.h"
#include "ingest/field_checks.h"

namespace gongxin::ingest {

// Defined in field_checks.cc.
bool CheckIdNumberValue(const catalog::FieldSpec& field, std::string_view value,
                        std::string_view original, const FieldContext& ctx, std::string* out,
                        std::vector<Violation>* problems);

namespace {

using catalog::FieldSpec;
using catalog::FieldType;
using catalog::Requirement;

int IndexOf(const catalog::InfoClass& c, std::string_view code) {
  if (code.empty()) return -1;
  for (size_t i = 0; i < c.fields.size(); ++i) {
    if (c.fields[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

std::string HexSha256(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * SHA256_DIGEST_LENGTH, '0');
  for (int i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 15];
  }
  return out;
}

// True iff a certificate number should be checked as a citizen ID number: its type
// field says 身份证, or there is no type and the number has the ID number's shape.
bool IsIdCard(std::string_view certificate_type, std::string_view number) {
  if (!certificate_type.empty()) return certificate_type == "身份证";
  if (number.size() != 18 && number.size() != 15) return false;
  for (size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    const bool last = i + 1 == number.size();
    if (!(c >= '0' && c <= '9') && !(last && (c == 'X' || c == 'x'))) return false;
  }
  return true;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

std::string_view SubjectCodeKindName(SubjectCodeKind kind) {
  switch (kind) {
    case SubjectCodeKind::kUscc:
      return "uscc";
    case SubjectCodeKind::kIdNumber:
      return "id_number";
    case SubjectCodeKind::kOtherCertificate:
      return "other_certificate";
  }
  return "uscc";
}

Result<RowValidator> RowValidator::Create(const catalog::Catalog& catalog,
                                          const catalog::InfoClass& info_class,
                                          const std::vector<std::string>& header,
                                          uint32_t header_line, Date today,
                                          std::vector<Violation>* problems) {
  RowValidator v;
  v.catalog_ = &catalog;
  v.class_ = &info_class;
  v.today_ = today;
  v.columns_of_field_.resize(info_class.fields.size());
  size_t bound = 0;
  for (size_t col = 0; col < header.size(); ++col) {
    const std::string& h = header[col];
    const FieldSpec* field = info_class.FindFieldByHeader(h);
    if (!field) {
      if (info_class.IsIgnoredHeader(h)) continue;
      AddViolation(problems, header_line, h, rule::kUnknownColumn, Severity::kWarning,
                   "列“" + h + "”不是信息类“" + info_class.names.zh + "”的信息项，该列数据未入库",
                   "column '" + h + "' is not a field of class " + info_class.id +
                       "; its data is not stored",
                   h);
      continue;
    }
    const size_t index = static_cast<size_t>(field - info_class.fields.data());
    auto& cols = v.columns_of_field_[index];
    if (!cols.empty() && !field->multi_valued) {
      AddViolation(problems, header_line, h, rule::kDuplicateColumn, Severity::kError,
                   "列“" + h + "”与前面的列重复指向信息项 " + field->code + "，该列被忽略",
                   "column '" + h + "' names field " + field->code +
                       " again; only the first such column is used",
                   h);
      continue;
    }
    cols.push_back(col);
    ++bound;
  }
  if (bound == 0) {
    return Status::InvalidArgument(
        "no column of the file names a field of class " + info_class.id +
            " (expected headers such as field codes or Chinese names; see `gongxin catalog show " +
            info_class.id + "`)",
        "文件中没有任何列对应信息类“" + info_class.names.zh + "”的信息项");
  }
  for (size_t i = 0; i < info_class.fields.size(); ++i) {
    const FieldSpec& f = info_class.fields[i];
    if (f.required == Requirement::kMandatory && v.columns_of_field_[i].empty()) {
      AddViolation(problems, header_line, f.code, rule::kMissingColumn, Severity::kError,
                   "缺少必填信息项“" + f.names.zh + "”（" + f.code + "）的列，所有行都将被退回",
                   "the file has no column for mandatory field " + f.code + " (" + f.names.en +
                       "); every row will be rejected",
                   "");
    }
  }
  v.decision_date_index_ = IndexOf(info_class, info_class.decision_date_field);
  v.name_index_ = IndexOf(info_class, info_class.subject.name_field);
  v.uscc_index_ = IndexOf(info_class, info_class.subject.uscc_field);
  v.id_index_ = IndexOf(info_class, info_class.subject.id_number_field);
  v.category_index_ = IndexOf(info_class, info_class.subject.category_field);
  for (const auto& k : info_class.natural_key)
    v.natural_key_indexes_.push_back(IndexOf(info_class, k));
  return v;
}

bool RowValidator::Validate(std::span<const std::string_view> cells, uint32_t line, ValidRow* out,
                            std::vector<Violation>* problems) const {
  const auto& fields = class_->fields;
  const size_t n = fields.size();
  const size_t first_problem = problems->size();

  // 1. Gather each field's text from its column(s) and fold it.
  std::vector<std::string> raw(n), folded(n);
  for (size_t i = 0; i < n; ++i) {
    const auto& cols = columns_of_field_[i];
    if (cols.empty()) continue;
    if (cols.size() == 1) {
      if (cols[0] < cells.size()) raw[i] = std::string(cells[cols[0]]);
    } else {  // several columns of one multi-valued field: join the non-empty ones
      std::vector<std::string> parts;
      for (size_t c : cols) {
        if (c < cells.size()) {
          std::string part = text::NormalizeValue(cells[c]);
          if (!part.empty()) parts.push_back(std::move(part));
        }
      }
      raw[i] = Join(parts, ";");
    }
    folded[i] = text::NormalizeValue(raw[i]);
  }

  out->line = line;
  out->values.assign(n, std::string());
  out->originals.assign(n, std::string());
  std::vector<bool> valid(n, true);

  FieldContext ctx;
  ctx.catalog = catalog_;
  ctx.today = today_;
  ctx.line = line;

  // 2. The decision date first: code tables and rule versions depend on it.
  if (decision_date_index_ >= 0 && !folded[decision_date_index_].empty()) {
    const size_t i = static_cast<size_t>(decision_date_index_);
    if (CheckField(fields[i], folded[i], raw[i], ctx, &out->values[i], problems)) {
      Date d = Date::Parse(out->values[i]).value();
      if (d > today_) {
        AddViolation(
            problems, line, fields[i].code, rule::kDateInFuture, Severity::kError,
            fields[i].names.zh + " " + d.ToIso() + " 晚于接收日期 " + today_.ToIso(),
            fields[i].names.en + " " + d.ToIso() + " is after the day of receipt " + today_.ToIso(),
            raw[i]);
        valid[i] = false;
      } else {
        ctx.decision_date = d;
        out->decision_date = d;
      }
    } else {
      valid[i] = false;
    }
  }

  // 3. Every other field by its type. A certificate number is also checked as a
  // citizen ID number when its type field says 身份证 (or it has no type and the
  // shape of one).
  std::string certificate_type;  // of the subject's own certificate, if any
  for (size_t i = 0; i < n; ++i) {
    if (static_cast<int>(i) == decision_date_index_ || folded[i].empty()) continue;
    const FieldSpec& f = fields[i];
    bool ok = CheckField(f, folded[i], raw[i], ctx, &out->values[i], problems);
    if (ok && f.type == FieldType::kCertificateNumber) {
      std::string type;
      if (!f.certificate_type_field.empty()) {
        const int t = IndexOf(*class_, f.certificate_type_field);
        if (t >= 0) {
          type = folded[t];
          // Aliases (居民身份证) count as the canonical value (身份证).
          if (const auto* table = catalog_->TableOf(fields[t])) {
            if (auto match = table->Lookup(type, ctx.decision_date)) type = match->value->value;
          }
        }
      }
      if (static_cast<int>(i) == id_index_) certificate_type = type;
      if (IsIdCard(type, folded[i])) {
        ok = CheckIdNumberValue(f, folded[i], raw[i], ctx, &out->values[i], problems);
      }
    }
    valid[i] = ok;
  }

  // Values a condition or rule sees: the stored form when valid, else the folded text.
  auto values_of = [&](int index) -> std::vector<std::string> {
    if (index < 0) return {};
    const size_t i = static_cast<size_t>(index);
    const std::string& v = valid[i] ? out->values[i] : folded[i];
    if (v.empty()) return {};
    if (fields[i].multi_valued) return catalog_->SplitValues(fields[i], v, out->decision_date);
    return {v};
  };

  // 4. Requirements.
  for (size_t i = 0; i < n; ++i) {
    const FieldSpec& f = fields[i];
    if (!folded[i].empty()) continue;
    if (f.required == Requirement::kMandatory) {
      AddViolation(problems, line, f.code, rule::kRequired, Severity::kError,
                   "必填信息项“" + f.names.zh + "”为空", f.names.en + " is mandatory but empty",
                   "");
    } else if (f.required == Requirement::kConditional && f.when) {
      if (f.when->Holds(values_of(IndexOf(*class_, f.when->field)))) {
        AddViolation(problems, line, f.code, rule::kConditionalRequired, Severity::kError,
                     "当 " + f.when->ToString() + " 时，“" + f.names.zh + "”必填",
                     f.names.en + " is required when " + f.when->ToString(), "");
      }
    }
  }

  // 5. The class's cross-field rules.
  for (const auto& r : class_->rules) {
    const int fi = IndexOf(*class_, r.check.field);
    if (fi < 0 || out->values[fi].empty() || !valid[fi]) continue;
    if (r.when && !r.when->Holds(values_of(IndexOf(*class_, r.when->field)))) continue;
    const std::string& value = out->values[fi];
    bool holds = true;
    switch (r.check.op) {
      case catalog::Check::Op::kPrefixIn:
      case catalog::Check::Op::kPrefixNotIn: {
        bool any = false;
        for (const auto& p : r.check.values) any |= value.rfind(p, 0) == 0;
        holds = (r.check.op == catalog::Check::Op::kPrefixIn) == any;
        break;
      }
      case catalog::Check::Op::kIn:
      case catalog::Check::Op::kNotIn: {
        bool any =
            std::find(r.check.values.begin(), r.check.values.end(), value) != r.check.values.end();
        holds = (r.check.op == catalog::Check::Op::kIn) == any;
        break;
      }
      case catalog::Check::Op::kNotBefore:
      case catalog::Check::Op::kNotAfter: {
        const int oi = IndexOf(*class_, r.check.other_field);
        if (oi < 0 || out->values[oi].empty() || !valid[oi]) break;
        // Both are ISO dates by now, so text order is date order.
        holds = r.check.op == catalog::Check::Op::kNotBefore ? value >= out->values[oi]
                                                             : value <= out->values[oi];
        break;
      }
      case catalog::Check::Op::kAmountMatchesText: {
        const int oi = IndexOf(*class_, r.check.other_field);
        if (oi < 0 || out->values[oi].empty()) break;
        const auto stated = AmountStatedAfter(out->values[oi], r.check.values);
        // Stored money values are exact 元 with 2 decimals.
        const auto amount = Money::ParseYuan(value);
        if (!stated || (amount.ok() && *amount == *stated)) break;
        holds = false;
        if (amount.ok()) {  // a message that says what the amounts are
          AddViolation(problems, line, r.check.field, r.id,
                       r.warning ? Severity::kWarning : Severity::kError,
                       fields[fi].names.zh + "折合 " + amount->ToYuanString() + " 元，而" +
                           fields[oi].names.zh + "写明 " + stated->ToYuanString() +
                           " 元（是否把元数填进了万元字段？）",
                       fields[fi].names.en + " amounts to " + amount->ToYuanString() +
                           " yuan but " + fields[oi].names.en + " states " +
                           stated->ToYuanString() +
                           " yuan (was the amount in yuan written into a 万元 field?)",
                       raw[fi]);
          continue;
        }
        break;
      }
    }
    if (!holds) {
      AddViolation(problems, line, r.check.field, r.id,
                   r.warning ? Severity::kWarning : Severity::kError,
                   "不符合规则：" + r.names.zh + "（" + r.check.ToString() + "）",
                   "breaks the rule: " + r.names.en + " (" + r.check.ToString() + ")", raw[fi]);
    }
  }

  // 6. The subject the record is about.
  if (uscc_index_ >= 0 && !out->values[uscc_index_].empty()) {
    out->subject_code = out->values[uscc_index_];
    out->subject_code_kind = SubjectCodeKind::kUscc;
  } else if (id_index_ >= 0 && !out->values[id_index_].empty()) {
    out->subject_code = out->values[id_index_];
    const bool id_card = fields[id_index_].type == FieldType::kIdNumber ||
                         IsIdCard(certificate_type, out->values[id_index_]);
    out->subject_code_kind =
        id_card ? SubjectCodeKind::kIdNumber : SubjectCodeKind::kOtherCertificate;
  } else {
    // Not repeated when the row already has an error on either code field
    // (invalid, or required and empty).
    bool explained =
        (uscc_index_ >= 0 && !valid[uscc_index_]) || (id_index_ >= 0 && !valid[id_index_]);
    for (size_t p = first_problem; p < problems->size() && !explained; ++p) {
      const Violation& v = (*problems)[p];
      explained = v.severity == Severity::kError &&
                  ((uscc_index_ >= 0 && v.field == fields[uscc_index_].code) ||
                   (id_index_ >= 0 && v.field == fields[id_index_].code));
    }
    if (!explained) {
      std::string codes = class_->subject.uscc_field;
      if (!class_->subject.id_number_field.empty()) {
        codes += (codes.empty() ? "" : " / ") + class_->subject.id_number_field;
      }
      AddViolation(problems, line, codes, rule::kSubjectKey, Severity::kError,
                   "记录未给出信用主体的统一社会信用代码或身份证号码（" + codes + "）",
                   "the record names its subject by neither uscc nor ID number (" + codes + ")",
                   "");
    }
  }
  if (name_index_ >= 0) out->subject_name = out->values[name_index_];

  const bool rejected =
      std::any_of(problems->begin() + static_cast<std::ptrdiff_t>(first_problem), problems->end(),
                  [](const Violation& v) { return v.severity == Severity::kError; });
  if (rejected) return false;

  // 7. Identity, version and content of the accepted row.
  for (size_t i = 0; i < n; ++i) {
    if (!raw[i].empty() && raw[i] != out->values[i]) out->originals[i] = raw[i];
  }
  std::string key;
  for (int k : natural_key_indexes_) {
    if (!key.empty()) key += '\x1f';
    if (k >= 0) key += text::NormalizeName(out->values[k]);
  }
  out->natural_key = std::move(key);
  const Date version_date = out->decision_date.value_or(today_);
  const auto* version = class_->VersionOn(version_date);
  out->rule_version = version ? version->version : std::string();
  std::string content;
  for (size_t i = 0; i < n; ++i) {
    if (out->values[i].empty()) continue;
    content += fields[i].code;
    content += '=';
    content += out->values[i];
    content += '\x1e';
  }
  out->content_hash = HexSha256(content);
  return true;
}

std::string RowValidator::KeyOf(std::span<const std::string_view> cells) const {
  FieldContext ctx;
  ctx.catalog = catalog_;
  ctx.today = today_;
  std::vector<Violation> scratch;
  std::string key;
  bool first = true;
  for (int k : natural_key_indexes_) {
    if (!first) key += '\x1f';
    first = false;
    if (k < 0) continue;
    const auto& cols = columns_of_field_[static_cast<size_t>(k)];
    if (cols.empty() || cols[0] >= cells.size()) continue;
    const std::string_view raw = cells[cols[0]];
    const std::string folded = text::NormalizeValue(raw);
    std::string stored;
    if (folded.empty() ||
        !CheckField(class_->fields[static_cast<size_t>(k)], folded, raw, ctx, &stored, &scratch)) {
      stored = folded;
    }
    key += text::NormalizeName(stored);
  }
  return key;
}

}  // namespace gongxin::ingest
