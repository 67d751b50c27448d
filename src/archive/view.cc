#include "archive/view.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "archive/masking.h"
#include "archive/publicity.h"
#include "core/id_number.h"
#include "core/money.h"
#include "core/text.h"
#include "core/uscc.h"

namespace gongxin::archive {
namespace {

using FieldValues = std::map<std::string, std::string, std::less<>>;

// Appends `v` as a JSON string: runs of plain bytes are copied whole. Invalid UTF-8
// (ingest never stores it) is replaced rather than passed on.
void Str(std::string* out, std::string_view v, bool check_utf8 = true) {
  std::string fixed;
  if (check_utf8 && !text::IsValidUtf8(v)) {
    fixed = text::SanitizeUtf8(v);
    v = fixed;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the pending run of plain bytes
  for (size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(v.data() + run, i - run);
    run = i + 1;
    if (c == '"') {
      out->append("\\\"");
    } else if (c == '\\') {
      out->append("\\\\");
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '\r') {
      out->append("\\r");
    } else if (c == '\t') {
      out->append("\\t");
    } else {
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
  }
  out->append(v.data() + run, v.size() - run);
  out->push_back('"');
}

// Appends ,"key": (or "key": for the first member of an object).
void Key(std::string* out, std::string_view key, bool first = false) {
  if (!first) out->push_back(',');
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

// `check_utf8` false: text from the catalog or built here, known to be valid UTF-8.
void StrMember(std::string* out, std::string_view key, std::string_view value, bool first = false,
               bool check_utf8 = true) {
  Key(out, key, first);
  Str(out, value, check_utf8);
}

void BoolMember(std::string* out, std::string_view key, bool value) {
  Key(out, key);
  out->append(value ? "true" : "false");
}

// "YYYY-MM-DD" without going through printf (a view writes hundreds of dates).
void AppendIso(std::string* out, Date d) {
  const int y = d.year(), m = d.month(), day = d.day();
  if (y < 0 || y > 9999) {
    out->append(d.ToIso());
    return;
  }
  const char text[10] = {char('0' + y / 1000),
                         char('0' + y / 100 % 10),
                         char('0' + y / 10 % 10),
                         char('0' + y % 10),
                         '-',
                         char('0' + m / 10),
                         char('0' + m % 10),
                         '-',
                         char('0' + day / 10),
                         char('0' + day % 10)};
  out->append(text, sizeof text);
}

void DateMember(std::string* out, std::string_view key, const std::optional<Date>& d) {
  Key(out, key);
  if (d) {
    out->push_back('"');
    AppendIso(out, *d);
    out->push_back('"');
  } else {
    out->append("null");
  }
}

// Reads 4 hex digits at s[i..i+4).
bool Hex4(std::string_view s, size_t i, uint32_t* v) {
  if (i + 4 > s.size()) return false;
  *v = 0;
  for (size_t k = i; k < i + 4; ++k) {
    const char c = s[k];
    *v <<= 4;
    if (c >= '0' && c <= '9') {
      *v |= uint32_t(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      *v |= uint32_t(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      *v |= uint32_t(c - 'A' + 10);
    } else {
      return false;
    }
  }
  return true;
}

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(char(cp));
  } else if (cp < 0x800) {
    out->push_back(char(0xC0 | (cp >> 6)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(char(0xE0 | (cp >> 12)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(char(0xF0 | (cp >> 18)));
    out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  }
}

// A JSON string at s[*i] (the opening quote); false if malformed.
bool ReadString(std::string_view s, size_t* i, std::string* out) {
  if (*i >= s.size() || s[*i] != '"') return false;
  ++*i;
  while (*i < s.size()) {
    const char c = s[*i];
    if (c == '"') {
      ++*i;
      return true;
    }
    if (c != '\\') {
      size_t j = *i + 1;
      while (j < s.size() && s[j] != '"' && s[j] != '\\') ++j;
      out->append(s.data() + *i, j - *i);
      *i = j;
      continue;
    }
    if (*i + 1 >= s.size()) return false;
    const char e = s[*i + 1];
    *i += 2;
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out->push_back(e);
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'u': {
        uint32_t cp = 0;
        if (!Hex4(s, *i, &cp)) return false;
        *i += 4;
        if (cp >= 0xD800 && cp < 0xDC00) {
          uint32_t low = 0;
          if (*i + 6 > s.size() || s[*i] != '\\' || s[*i + 1] != 'u' || !Hex4(s, *i + 2, &low) ||
              low < 0xDC00 || low >= 0xE000) {
            return false;
          }
          *i += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        AppendUtf8(out, cp);
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

void SkipSpace(std::string_view s, size_t* i) {
  while (*i < s.size() && (s[*i] == ' ' || s[*i] == '\n' || s[*i] == '\r' || s[*i] == '\t')) {
    ++*i;
  }
}

// The flat object of strings ingest stores ({"CF_WSH": "..."}), read directly; any
// other shape goes through the general parser (numbers and nesting kept as JSON text).
// Malformed text gives nothing.
FieldValues ParseFields(std::string_view text) {
  FieldValues out;
  size_t i = 0;
  SkipSpace(text, &i);
  bool ok = i < text.size() && text[i] == '{';
  ++i;
  SkipSpace(text, &i);
  if (ok && i < text.size() && text[i] == '}') return out;
  while (ok) {
    std::string key, value;
    SkipSpace(text, &i);
    ok = ReadString(text, &i, &key);
    SkipSpace(text, &i);
    ok = ok && i < text.size() && text[i] == ':';
    ++i;
    SkipSpace(text, &i);
    ok = ok && ReadString(text, &i, &value);
    if (!ok) break;
    out.insert_or_assign(std::move(key), std::move(value));
    SkipSpace(text, &i);
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    ok = i < text.size() && text[i] == '}';
    break;
  }
  if (ok) return out;
  out.clear();
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return out;
  for (auto& [key, value] : parsed.items()) {
    if (value.is_string()) {
      out.emplace(key, value.get<std::string>());
    } else if (!value.is_null()) {
      out.emplace(key, value.dump());
    }
  }
  return out;
}

const catalog::MaskRule* MaskOf(const catalog::InfoClass& c, std::string_view field) {
  for (const catalog::MaskRule& rule : c.publicity.masked) {
    if (rule.field == field) return &rule;
  }
  return nullptr;
}

// A stored amount (exact 元, "5000.00") in 万元 as the field's name states it ("0.5");
// "" if the text is not an amount.
std::string WanYuanText(std::string_view stored) {
  auto money = Money::ParseYuan(stored);
  if (!money.ok()) return "";
  std::string text = money->ToWanYuanString();  // 6 decimals
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// Per field of a class, the constant start of its JSON object:
// {"field":"CF_WSH","name_zh":"...","name_en":"...","value":
std::vector<std::string> FieldPrefixes(const catalog::InfoClass& c) {
  std::vector<std::string> out;
  out.reserve(c.fields.size());
  for (const catalog::FieldSpec& field : c.fields) {
    std::string p = "{";
    StrMember(&p, "field", field.code, true, false);
    StrMember(&p, "name_zh", field.names.zh, false, false);
    StrMember(&p, "name_en", field.names.en, false, false);
    Key(&p, "value");
    out.push_back(std::move(p));
  }
  return out;
}

// FieldPrefixes(c), computed once per class and thread: building them is a third of
// the work of a view. A class is recognised by its address, checked against its field
// codes and names, so a catalog loaded later at the same address is never served stale.
const std::vector<std::string>& CachedFieldPrefixes(const catalog::InfoClass& c) {
  struct Entry {
    std::vector<std::string> signature;  // code, zh, en of every field, as cached
    std::vector<std::string> prefixes;
  };
  thread_local std::unordered_map<const catalog::InfoClass*, Entry> cache;
  Entry& e = cache[&c];
  bool valid = e.signature.size() == 3 * c.fields.size();
  for (size_t i = 0; valid && i < c.fields.size(); ++i) {
    const catalog::FieldSpec& f = c.fields[i];
    valid = e.signature[3 * i] == f.code && e.signature[3 * i + 1] == f.names.zh &&
            e.signature[3 * i + 2] == f.names.en;
  }
  if (!valid) {
    e.signature.clear();
    for (const catalog::FieldSpec& f : c.fields) {
      e.signature.push_back(f.code);
      e.signature.push_back(f.names.zh);
      e.signature.push_back(f.names.en);
    }
    e.prefixes = FieldPrefixes(c);
  }
  return e.prefixes;
}

// Appends the fields of a record (or of the registration) in catalog order, empty
// values omitted; masked per the class's rules when `masked`, else every field whose
// masked form would differ is reported as disclosed ("unmasked <field> of <what>").
// `prefixes` are FieldPrefixes(c).
void FieldsArray(std::string* out, const catalog::InfoClass& c,
                 const std::vector<std::string>& prefixes, const FieldValues& values, bool masked,
                 const std::vector<std::string>& skip, std::string_view what,
                 std::vector<std::string>* disclosed) {
  out->push_back('[');
  bool first = true;
  for (size_t i = 0; i < c.fields.size(); ++i) {
    const catalog::FieldSpec& field = c.fields[i];
    auto it = values.find(field.code);
    if (it == values.end() || it->second.empty()) continue;
    if (!skip.empty() && std::find(skip.begin(), skip.end(), field.code) != skip.end()) continue;
    std::string_view value = it->second;
    std::string hidden;
    if (const catalog::MaskRule* rule = MaskOf(c, field.code)) {
      hidden = MaskValue(rule->kind, value);
      if (masked) {
        if (hidden.empty()) continue;
        value = hidden;
      } else if (hidden != value) {
        disclosed->push_back("unmasked " + field.code + " of " + std::string(what));
      }
    }
    std::string amount;
    if (field.type == catalog::FieldType::kMoneyWanYuan) {
      amount = WanYuanText(value);
      if (!amount.empty()) value = amount;
    }
    if (!first) out->push_back(',');
    first = false;
    out->append(prefixes[i]);
    Str(out, value);
    out->push_back('}');
  }
  out->push_back(']');
}

void PublicityObject(std::string* out, const PublicityDecision& d) {
  out->push_back('{');
  StrMember(out, "status", d.status, true, false);
  StrMember(out, "status_zh", d.status_zh, false, false);
  StrMember(out, "rule_version", d.rule_version, false, false);
  StrMember(out, "severity", d.severity, false, false);
  StrMember(out, "severity_zh", d.severity_zh, false, false);
  DateMember(out, "from", d.from);
  DateMember(out, "until", d.until);
  DateMember(out, "repairable_from", d.repairable_from);
  StrMember(out, "reason_zh", d.reason_zh);
  StrMember(out, "reason_en", d.reason_en);
  out->push_back('}');
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The same answer for an unknown code and for a person the viewer may not see.
Status SubjectNotFound(std::string_view code) {
  return Status::NotFound("no subject with code " + std::string(code),
                          "未找到代码为 " + std::string(code) + " 的信用主体");
}

}  // namespace

std::string_view RecordStateNameZh(std::string_view state) {
  if (state == "active") return "有效";
  if (state == "repaired") return "已修复";
  if (state == "revoked") return "已撤销";
  return state;
}

std::string_view SubjectKindNameZh(std::string_view kind) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"enterprise", "企业"},
      {"individual_business", "个体工商户"},
      {"farmer_cooperative", "农民专业合作社"},
      {"social_organisation", "社会组织"},
      {"public_institution", "事业单位"},
      {"government_body", "机关"},
      {"other_organisation", "其他组织"},
      {"natural_person", "自然人"},
  };
  for (const auto& [en, zh] : kNames) {
    if (en == kind) return zh;
  }
  return kind;
}

std::string DivisionName(const CodeTables& tables, std::string_view division) {
  if (division.size() != 6 || tables.divisions.Find(division) == nullptr) return "";
  const std::string code(division);
  const std::string province = code.substr(0, 2) + "0000";
  const std::string prefecture = code.substr(0, 4) + "00";
  auto named = [&](const std::string& c) -> std::string {
    const Division* d = tables.divisions.Find(c);
    if (d == nullptr) return "";
    if (d->name == "市辖区" || d->name == "县" || d->name == "省直辖县级行政区划" ||
        d->name == "自治区直辖县级行政区划") {
      return "";
    }
    return d->name;
  };
  std::string out = named(province);
  if (prefecture != province) out += named(prefecture);
  if (code != prefecture) out += named(code);
  return out;
}

Result<std::string> ClassifySubjectCode(std::string_view code, const CodeTables& tables, Date today,
                                        std::string* normalized) {
  while (!code.empty() && IsAsciiSpace(code.front())) code.remove_prefix(1);
  while (!code.empty() && IsAsciiSpace(code.back())) code.remove_suffix(1);
  std::string c(code);
  for (char& ch : c) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  *normalized = c;
  if (c.empty()) {
    return Status::InvalidArgument("the subject code is empty", "信用主体代码为空");
  }
  const uscc::UsccVerdict as_uscc = uscc::Check(c, tables);
  if (as_uscc.valid()) return std::string("uscc");
  const id_number::IdVerdict as_id = id_number::Check(c, tables, today);
  if (as_id.valid()) return std::string("id_number");
  const bool uscc_like = c.size() == 18 && std::all_of(c.begin(), c.end(), [](char ch) {
                           return uscc::kCharset.find(ch) != std::string_view::npos;
                         });
  if (uscc_like) {
    const bool id_like =
        std::all_of(c.begin(), c.begin() + 17, [](char ch) { return ch >= '0' && ch <= '9'; });
    std::string en = "'" + c + "' is not a valid uscc (" + as_uscc.reason_en + ")";
    std::string zh = "“" + c + "”不是有效的统一社会信用代码（" + as_uscc.reason_zh + "）";
    if (id_like) {
      en += " nor a valid ID number (" + as_id.reason_en + ")";
      zh += "，也不是有效的身份证号码（" + as_id.reason_zh + "）";
    }
    return Status::InvalidArgument(std::move(en), std::move(zh));
  }
  const bool plausible =
      c.size() >= 5 && c.size() <= 40 && std::all_of(c.begin(), c.end(), [](char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '/' ||
               ch == '(' || ch == ')';
      });
  if (plausible) return std::string("other_certificate");
  return Status::InvalidArgument(
      "'" + c +
          "' is neither a uscc, nor an ID number, nor a certificate number (5 to 40 letters, "
          "digits, - / ( ))",
      "“" + c +
          "”既不是统一社会信用代码，也不是身份证号码或证件号码（5至40位字母、数字、- / ( )）");
}

Result<SubjectView> RenderSubjectView(const catalog::Catalog& catalog, const Subject& subject,
                                      const std::vector<CurrentRecord>& records,
                                      const Viewer& viewer, Date today) {
  SubjectView view;
  const bool full = viewer.OwnsSubject(subject.code);
  const bool person = subject.kind == "natural_person";

  // Records by class; each class in catalog order, what the viewer sees of it.
  std::map<std::string_view, std::vector<const CurrentRecord*>> by_class;
  for (const CurrentRecord& r : records) by_class[r.class_id].push_back(&r);

  // The document is written once into one buffer: classes first (what they show
  // decides the header's NotFound and disclosures), the header inserted before them at
  // the end. Reserved to size: appending never reallocates for typical records.
  std::string& doc = view.json;
  doc.reserve(4096 + records.size() * 3072);
  doc.push_back('[');
  bool any_public = false;
  size_t shown = 0;
  RecordFacts facts;
  facts.subject_kind = subject.kind;
  facts.division = subject.division;
  for (const catalog::InfoClass& info_class : catalog.classes()) {
    if (info_class.registration) continue;  // feeds subject.registration
    auto found = by_class.find(info_class.id);
    if (found == by_class.end()) continue;
    std::vector<const CurrentRecord*>& list = found->second;
    std::sort(list.begin(), list.end(), [](const CurrentRecord* a, const CurrentRecord* b) {
      if (a->decision_date != b->decision_date) {
        if (!a->decision_date) return false;
        if (!b->decision_date) return true;
        return *a->decision_date > *b->decision_date;
      }
      return a->id < b->id;
    });
    const std::vector<std::string>& prefixes = CachedFieldPrefixes(info_class);
    // The class's header with its count, then its records; rolled back if none shows.
    const size_t class_start = doc.size();
    if (shown > 0) doc.push_back(',');
    doc.push_back('{');
    StrMember(&doc, "class", info_class.id, true, false);
    StrMember(&doc, "name_zh", info_class.names.zh, false, false);
    StrMember(&doc, "name_en", info_class.names.en, false, false);
    Key(&doc, "count");
    const size_t count_at = doc.size();
    Key(&doc, "records");
    doc.push_back('[');
    size_t count = 0;
    for (const CurrentRecord* r : list) {
      facts.fields = ParseFields(r->fields_json);
      facts.decision_date = r->decision_date;
      facts.state = r->state;
      const PublicityDecision decision = DecidePublicity(catalog, info_class, facts, today);
      const bool privileged = full || viewer.IsSource(r->source);
      if (!decision.is_public() && !privileged) continue;
      const std::string what = "record " + std::to_string(r->id);
      if (decision.is_public()) {
        any_public = true;
      } else {
        view.disclosed.push_back(what + " " + r->class_id + " " + decision.status);
      }
      doc.append(count == 0 ? "{" : ",{");
      ++count;
      Key(&doc, "id", true);
      doc.append(std::to_string(r->id));
      Key(&doc, "version");
      doc.append(std::to_string(r->version));
      StrMember(&doc, "source", r->source);
      DateMember(&doc, "decision_date", r->decision_date);
      StrMember(&doc, "state", r->state);
      StrMember(&doc, "state_zh", RecordStateNameZh(r->state), false, false);
      BoolMember(&doc, "public", decision.is_public());
      Key(&doc, "publicity");
      PublicityObject(&doc, decision);
      Key(&doc, "fields");
      FieldsArray(&doc, info_class, prefixes, facts.fields, !privileged, {}, what, &view.disclosed);
      doc.push_back('}');
    }
    if (count == 0) {
      doc.resize(class_start);
      continue;
    }
    doc.insert(count_at, std::to_string(count));
    shown += count;
    doc.append("]}");
  }
  doc.push_back(']');

  if (person && !full && shown == 0) return SubjectNotFound(subject.code);
  if (person && (full || !any_public)) view.disclosed.push_back("natural person archive");

  std::string head;
  head.reserve(2048);
  head.append("{\"subject\":{");
  StrMember(&head, "code",
            person && !full ? MaskValue(catalog::MaskKind::kIdNumber, subject.code) : subject.code,
            true);
  StrMember(&head, "code_kind", subject.code_kind);
  StrMember(&head, "name", subject.name);
  Key(&head, "former_names");
  head.push_back('[');
  for (size_t i = 0; i < subject.former_names.size(); ++i) {
    if (i > 0) head.push_back(',');
    Str(&head, subject.former_names[i]);
  }
  head.push_back(']');
  StrMember(&head, "type", subject.kind);
  StrMember(&head, "type_zh", SubjectKindNameZh(subject.kind));
  StrMember(&head, "status", subject.status);
  StrMember(&head, "division", subject.division);
  StrMember(&head, "division_name", DivisionName(catalog.standard_tables(), subject.division));
  BoolMember(&head, "stub", subject.stub);
  Key(&head, "registration");
  const catalog::InfoClass* reg_class = nullptr;
  for (const catalog::InfoClass& c : catalog.classes()) {
    if (c.registration) reg_class = &c;
  }
  if (reg_class != nullptr && !subject.registration_json.empty()) {
    const std::vector<std::string> skip = {
        reg_class->subject.name_field, reg_class->subject.uscc_field,
        reg_class->registration->status_field, reg_class->registration->former_names_field};
    FieldsArray(&head, *reg_class, CachedFieldPrefixes(*reg_class),
                ParseFields(subject.registration_json), !full, skip, "registration",
                &view.disclosed);
  } else {
    head.append("[]");
  }
  head.append("},\"view\":{");
  StrMember(&head, "role", RoleName(viewer.role), true);
  StrMember(&head, "role_zh", RoleNameZh(viewer.role));
  StrMember(&head, "as_of", today.ToIso());
  BoolMember(&head, "full", full);
  BoolMember(&head, "masked", !full);
  head.append("},\"classes\":");
  doc.insert(0, head);
  doc.push_back('}');
  return view;
}

Result<SubjectView> BuildSubjectView(store::Store& store, const catalog::Catalog& catalog,
                                     std::string_view code, const Viewer& viewer, Date today) {
  std::string normalized;
  GX_ASSIGN_OR_RETURN(std::string kind,
                      ClassifySubjectCode(code, catalog.standard_tables(), today, &normalized));
  (void)kind;
  ArchiveReader reader(store);
  GX_ASSIGN_OR_RETURN(std::optional<Subject> subject, reader.FindSubject(normalized));
  if (!subject) return SubjectNotFound(normalized);
  GX_ASSIGN_OR_RETURN(std::vector<CurrentRecord> records, reader.CurrentRecords(subject->id));
  return RenderSubjectView(catalog, *subject, records, viewer, today);
}

}  // namespace gongxin::archive
