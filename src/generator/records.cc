#include "generator/records.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/money.h"
#include "core/text.h"
#include "core/uscc.h"

namespace gongxin::generator {

std::string_view ClassIdName(ClassId id) {
  switch (id) {
    case ClassId::kRegistration:
      return "registration";
    case ClassId::kLicense:
      return "license";
    case ClassId::kPenalty:
      return "penalty";
    case ClassId::kInspection:
      return "inspection";
    case ClassId::kCoercion:
      return "coercion";
    case ClassId::kLevy:
      return "levy";
    case ClassId::kRequisition:
      return "requisition";
    case ClassId::kJudgmentDefaulter:
      return "judgment_defaulter";
    case ClassId::kTaxAGrade:
      return "tax_a_grade";
    case ClassId::kCommitment:
      return "commitment";
    case ClassId::kHonour:
      return "honour";
    case ClassId::kCount:
      break;
  }
  return "";
}

std::string_view DirtyKindName(DirtyKind kind) {
  switch (kind) {
    case DirtyKind::kUsccCheck:
      return "uscc_check_character";
    case DirtyKind::kIdNumberCheck:
      return "id_number_check_digit";
    case DirtyKind::kMissingMandatory:
      return "missing_mandatory";
    case DirtyKind::kImpossibleDate:
      return "impossible_date";
    case DirtyKind::kFutureDate:
      return "future_date";
    case DirtyKind::kAmountInYuan:
      return "amount_in_yuan";
    case DirtyKind::kUnknownCode:
      return "unknown_code";
    case DirtyKind::kCategoryMismatch:
      return "category_mismatch";
    case DirtyKind::kFullWidth:
      return "full_width";
    case DirtyKind::kStrayWhitespace:
      return "stray_whitespace";
    case DirtyKind::kDuplicateRow:
      return "duplicate_row";
    case DirtyKind::kCorrection:
      return "correction";
    case DirtyKind::kCount:
      break;
  }
  return "";
}

int Layout::Col(std::string_view code) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i]->code == code) return static_cast<int>(i);
  }
  return -1;
}

// ---------------------------------------------------------------------------------
// CSV and JSON

void AppendCsvField(std::string& out, std::string_view value) {
  bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote && !value.empty()) {
    quote = value.front() == ' ' || value.front() == '\t' || value.back() == ' ' ||
            value.back() == '\t';
  }
  if (!quote) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendJsonString(std::string& out, std::string_view value) {
  out.push_back('"');
  for (char c : value) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

// ---------------------------------------------------------------------------------
// ChunkContext

ChunkContext::ChunkContext(const Shared& shared, uint64_t chunk, ChunkOutput& out)
    : shared_(shared),
      chunk_(chunk),
      out_(out),
      rng_(StreamSeed(shared.options.seed, chunk)),
      dirty_rng_(StreamSeed(shared.options.seed ^ 0xD1A7D1A7D1A7ull, chunk)) {}

uint64_t ChunkContext::Number(int authority, int year, int series) {
  const uint64_t key = (static_cast<uint64_t>(authority) << 32) |
                       (static_cast<uint64_t>(year & 0xFFFF) << 8) |
                       static_cast<uint64_t>(series & 0xFF);
  const uint32_t k = counters_[key]++;
  return static_cast<uint64_t>(k) * shared_.num_chunks + chunk_ + 1;
}

Row& ChunkContext::NewRow(const Layout& layout) {
  row_.resize(layout.fields.size());
  for (std::string& cell : row_) cell.clear();
  return row_;
}

void ChunkContext::FillCounterpart(const Layout& L, const Subject& s, Row& row) {
  auto set = [&](int col, std::string_view v) {
    if (col >= 0) row[col].assign(v);
  };
  set(L.name, s.name);
  set(L.category, s.category());
  if (s.kind == SubjectKind::kNaturalPerson) {
    set(L.xdr_zjlx, "身份证");
    set(L.id_number, s.code);
    return;
  }
  set(L.uscc, s.code);
  set(L.frdb, s.person.name);
  if (L.zzjg >= 0 && s.kind != SubjectKind::kIndividualBusiness && rng_.Chance(0.3)) {
    row[L.zzjg] = s.code.substr(8, 9);
  }
  if (L.fr_zjhm >= 0 && rng_.Chance(0.6)) {
    set(L.fr_zjlx, "身份证");
    row[L.fr_zjhm] = s.person.id_number;
  }
}

void ChunkContext::FillPlaceholders(const Layout& L, Row& row) {
  for (const Layout::Required& r : L.required) {
    if (!row[r.col].empty()) continue;
    if (r.when != nullptr) {
      const std::vector<std::string> values =
          shared_.catalog->SplitValues(*r.when_field, row[r.when_col]);
      if (!r.when->Holds(values)) continue;
    }
    const catalog::FieldSpec& f = *L.fields[r.col];
    std::string& cell = row[r.col];
    switch (f.type) {
      case catalog::FieldType::kDate:
      case catalog::FieldType::kDateOrLongterm:
        cell = L.decision_date >= 0 && !row[L.decision_date].empty() ? row[L.decision_date]
                                                                     : IsoDate(as_of().AddDays(-1));
        break;
      case catalog::FieldType::kMoneyWanYuan:
      case catalog::FieldType::kMoneyYuan:
      case catalog::FieldType::kDecimal:
        cell = "0";
        break;
      case catalog::FieldType::kInteger:
        cell = "1";
        break;
      case catalog::FieldType::kUscc:
        cell = shared_.roster.at(L.source_authority).uscc;
        break;
      case catalog::FieldType::kEnum:
        if (!f.values.empty()) cell = f.values.front();
        break;
      case catalog::FieldType::kCode: {
        const catalog::CodeTable* table = shared_.catalog->TableOf(f);
        if (table != nullptr) {
          for (const catalog::CodeValue& v : table->Latest().values) {
            if (v.value != "其他") {
              cell = v.value;
              break;
            }
          }
        } else {
          cell = "440000";
        }
        break;
      }
      case catalog::FieldType::kIdNumber:
      case catalog::FieldType::kCertificateNumber:
        break;  // nothing sensible to invent
      default:
        cell = "无";
        break;
    }
    ++out_.fallback_fills[static_cast<int>(L.id)];
    auto& seen = out_.placeholder_cols[static_cast<int>(L.id)];
    if (std::find(seen.begin(), seen.end(), r.col) == seen.end()) seen.push_back(r.col);
  }
}

void ChunkContext::Write(const Layout& L, const Row& row) {
  ClassOutput& co = out_.classes[static_cast<int>(L.id)];
  if (shared_.options.csv) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) co.csv.push_back(',');
      AppendCsvField(co.csv, row[i]);
    }
    co.csv.push_back('\n');
  }
  if (shared_.options.jsonl) {
    co.jsonl.push_back('{');
    bool first = true;
    for (size_t i = 0; i < row.size(); ++i) {
      if (row[i].empty()) continue;
      if (!first) co.jsonl.push_back(',');
      first = false;
      AppendJsonString(co.jsonl, L.fields[i]->code);
      co.jsonl.push_back(':');
      AppendJsonString(co.jsonl, row[i]);
    }
    co.jsonl += "}\n";
  }
  ++co.rows;
}

void ChunkContext::Emit(const Layout& L, Row& row) {
  if (L.source_authority >= 0) {
    const Authority& src = shared_.roster.at(L.source_authority);
    if (L.source_name >= 0) row[L.source_name] = src.name;
    if (L.source_code >= 0) row[L.source_code] = src.uscc;
  }
  FillPlaceholders(L, row);
  const double rate = shared_.options.dirty;
  if (rate > 0 && dirty_rng_.Chance(rate)) {
    DirtyKind kind;
    int col = -1;
    if (Dirty(L, row, copy_, kind, col)) {
      ClassOutput& co = out_.classes[static_cast<int>(L.id)];
      if (kind == DirtyKind::kDuplicateRow || kind == DirtyKind::kCorrection) {
        Write(L, row);
        co.manifest.push_back({co.rows, static_cast<uint8_t>(kind), static_cast<int16_t>(col)});
        Write(L, copy_);
      } else {
        co.manifest.push_back({co.rows, static_cast<uint8_t>(kind), static_cast<int16_t>(col)});
        Write(L, row);
      }
      return;
    }
  }
  Write(L, row);
}

// ---------------------------------------------------------------------------------
// Injected errors

namespace {

// Values departments send that are in no code table (our examples).
std::span<const std::string_view> UnknownValues(std::string_view table) {
  static constexpr std::string_view kPenalty[] = {"罚没",     "行政处罚", "罚款处罚",
                                                  "责令改正", "限期整改", "简易处罚"};
  static constexpr std::string_view kLicense[] = {"行政许可", "审批", "许可", "备案类"};
  static constexpr std::string_view kCoercion[] = {"查扣", "封存", "强制执行"};
  static constexpr std::string_view kCommitment[] = {"承诺制", "告知型", "一般承诺"};
  static constexpr std::string_view kDefaulter[] = {"拒不履行", "失信", "规避执行"};
  if (table == "penalty_category") return kPenalty;
  if (table == "license_category") return kLicense;
  if (table == "coercion_kind") return kCoercion;
  if (table == "commitment_type") return kCommitment;
  if (table == "defaulter_situation") return kDefaulter;
  return {};
}

std::string ToFullWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char c : s) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum) {
      out.push_back(c);
      continue;
    }
    const char32_t cp = 0xFF00 + static_cast<unsigned char>(c) - 0x20;  // U+FF10.., U+FF21..
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

bool IsLeadByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

bool IsDateType(catalog::FieldType t) {
  return t == catalog::FieldType::kDate || t == catalog::FieldType::kDateOrLongterm;
}

}  // namespace

bool ChunkContext::Dirty(const Layout& L, Row& row, Row& copy, DirtyKind& kind, int& col) {
  struct Candidate {
    DirtyKind kind;
    int col;
  };
  Candidate cands[kDirtyKindCount];
  int n = 0;
  auto has = [&](int c) { return c >= 0 && !row[c].empty(); };
  auto type_of = [&](int c) { return L.fields[c]->type; };
  Rng& r = dirty_rng_;

  // uscc check character: the counterpart's code, else any other uscc field.
  int uc = has(L.uscc) && row[L.uscc].size() == 18 ? L.uscc : -1;
  for (size_t i = 0; uc < 0 && i < row.size(); ++i) {
    if (type_of(i) == catalog::FieldType::kUscc && row[i].size() == 18) uc = static_cast<int>(i);
  }
  if (uc >= 0) cands[n++] = {DirtyKind::kUsccCheck, uc};
  // id number check digit: the counterpart's, else the representative's.
  int ic = has(L.id_number) && row[L.id_number].size() == 18 ? L.id_number : -1;
  if (ic < 0 && has(L.fr_zjhm) && row[L.fr_zjhm].size() == 18) ic = L.fr_zjhm;
  if (ic >= 0) cands[n++] = {DirtyKind::kIdNumberCheck, ic};
  // A mandatory field left empty.
  {
    int picked = -1, seen = 0;
    for (const Layout::Required& q : L.required) {
      if (q.when == nullptr && has(q.col) && r.Below(++seen) == 0) picked = q.col;
    }
    if (picked >= 0) cands[n++] = {DirtyKind::kMissingMandatory, picked};
  }
  // Dates: an impossible one; a decision in the future.
  {
    int picked = has(L.decision_date) ? L.decision_date : -1;
    for (size_t i = 0; picked < 0 && i < row.size(); ++i) {
      if (IsDateType(type_of(i)) && row[i].size() == 10 && row[i] != "2099-12-31") {
        picked = static_cast<int>(i);
      }
    }
    if (picked >= 0) cands[n++] = {DirtyKind::kImpossibleDate, picked};
    if (has(L.decision_date)) cands[n++] = {DirtyKind::kFutureDate, L.decision_date};
  }
  // An amount in 元 where 万元 is due.
  for (size_t i = 0; i < row.size(); ++i) {
    if (type_of(i) == catalog::FieldType::kMoneyWanYuan && !row[i].empty() && row[i] != "0") {
      cands[n++] = {DirtyKind::kAmountInYuan, static_cast<int>(i)};
      break;
    }
  }
  // A code no table knows.
  for (size_t i = 0; i < row.size(); ++i) {
    if (type_of(i) == catalog::FieldType::kCode && !row[i].empty() &&
        !UnknownValues(L.fields[i]->code_table).empty()) {
      cands[n++] = {DirtyKind::kUnknownCode, static_cast<int>(i)};
      break;
    }
  }
  // Category against the code's prefix.
  if (has(L.category) && has(L.uscc) &&
      (row[L.category] == "法人及非法人组织" || row[L.category] == "个体工商户")) {
    cands[n++] = {DirtyKind::kCategoryMismatch, L.category};
  }
  // Full-width letters and digits in a code.
  {
    int fc = has(L.uscc) ? L.uscc : has(L.id_number) ? L.id_number : -1;
    if (fc < 0 && !L.natural_key.empty() && has(L.natural_key.front())) fc = L.natural_key.front();
    if (fc >= 0) cands[n++] = {DirtyKind::kFullWidth, fc};
  }
  if (has(L.name)) cands[n++] = {DirtyKind::kStrayWhitespace, L.name};
  cands[n++] = {DirtyKind::kDuplicateRow, -1};
  {
    // A corrected date, or a remark; never a field of the natural key (the
    // resubmission must still name the same document).
    int cc = has(L.decision_date) ? L.decision_date : -1;
    if (std::find(L.natural_key.begin(), L.natural_key.end(), cc) != L.natural_key.end()) cc = -1;
    if (cc < 0) cc = L.Col("BZ");
    if (cc >= 0 && !L.natural_key.empty()) cands[n++] = {DirtyKind::kCorrection, cc};
  }

  const Candidate c = cands[r.Below(n)];
  kind = c.kind;
  col = c.col;
  switch (kind) {
    case DirtyKind::kUsccCheck: {
      std::string& v = row[col];
      const size_t at = uscc::kCharset.find(v.back());
      const size_t base = at == std::string_view::npos ? 0 : at;
      v.back() = uscc::kCharset[(base + 1 + r.Below(30)) % 31];
      return true;
    }
    case DirtyKind::kIdNumberCheck: {
      static constexpr std::string_view kChecks = "0123456789X";
      std::string& v = row[col];
      const size_t at = kChecks.find(v.back());
      const size_t base = at == std::string_view::npos ? 0 : at;
      v.back() = kChecks[(base + 1 + r.Below(10)) % 11];
      return true;
    }
    case DirtyKind::kMissingMandatory:
      row[col].clear();
      return true;
    case DirtyKind::kImpossibleDate: {
      static constexpr std::string_view kBad[] = {"-02-30", "-02-31", "-04-31", "-06-31",
                                                  "-09-31", "-11-31", "-13-01", "-00-15"};
      std::string year = row[col].substr(0, 4);
      row[col] = year + std::string(kBad[r.Below(std::size(kBad))]);
      return true;
    }
    case DirtyKind::kFutureDate:
      row[col] = IsoDate(as_of().AddDays(30 + static_cast<int32_t>(r.Below(400))));
      return true;
    case DirtyKind::kAmountInYuan: {
      auto amount = Money::ParseWanYuan(row[col]);
      if (!amount.ok()) return false;
      row[col] = Yuan(amount->fen());
      return true;
    }
    case DirtyKind::kUnknownCode: {
      const auto values = UnknownValues(L.fields[col]->code_table);
      row[col] = std::string(values[r.Below(static_cast<uint32_t>(values.size()))]);
      return true;
    }
    case DirtyKind::kCategoryMismatch:
      row[col] = row[col] == "法人及非法人组织" ? "自然人" : "法人及非法人组织";
      return true;
    case DirtyKind::kFullWidth:
      row[col] = ToFullWidth(row[col]);
      return true;
    case DirtyKind::kStrayWhitespace: {
      std::string& v = row[col];
      switch (r.Below(5)) {
        case 0:
          v = "  " + v;
          break;
        case 1:
          v += " ";
          break;
        case 2:
          v += "\t";
          break;
        case 3:
          v = "\u3000" + v + "\u3000";
          break;
        default: {
          // A space inside the name, at a character boundary.
          size_t at = v.size() / 2;
          while (at > 0 && !IsLeadByte(v[at])) --at;
          v.insert(at, " ");
          break;
        }
      }
      return true;
    }
    case DirtyKind::kDuplicateRow:
      copy = row;
      return true;
    case DirtyKind::kCorrection: {
      copy = row;
      if (col == L.decision_date) {
        auto d = Date::Parse(row[col]);
        if (!d.ok()) return false;
        copy[col] = IsoDate(d->AddDays(-1 - static_cast<int32_t>(r.Below(5))));
      } else {
        copy[col] = "更正：原报送数据有误，以本条为准";
      }
      return true;
    }
    case DirtyKind::kCount:
      break;
  }
  return false;
}

// ---------------------------------------------------------------------------------
// One chunk

namespace {

void AppendSubjectRow(std::string& out, const Subject& s, const Shared& shared) {
  const County& county = shared.geo.counties()[s.county];
  const bool natural = s.kind == SubjectKind::kNaturalPerson;
  auto field = [&](std::string_view v, bool last = false) {
    AppendCsvField(out, v);
    out.push_back(last ? '\n' : ',');
  };
  field(s.code);
  field(SubjectKindName(s.kind));
  field(s.category());
  field(s.name);
  field(county.code);
  field(natural ? "" : s.person.name);
  field(natural ? "" : s.person.id_number);
  field(natural ? IsoDate(s.person.birth) : "");
  field(natural ? (s.person.male ? "男" : "女") : "");
  field(natural ? "" : IsoDate(s.established));
  field(s.status);
  field(s.capital_fen > 0 ? WanYuan(s.capital_fen) : "");
  field(s.industry_code);
  field(s.industry_name);
  field(s.address);
  field(s.registrar >= 0 ? shared.roster.at(s.registrar).name : "");
  field(s.former_name, true);
}

void AppendAuthorityRow(std::string& out, const Authority& a) {
  auto field = [&](std::string_view v, bool last = false) {
    AppendCsvField(out, v);
    out.push_back(last ? '\n' : ',');
  };
  field(a.uscc);
  field(SubjectKindName(SubjectKind::kGovernmentBody));
  field("法人及非法人组织");
  field(a.name);
  field(a.division);
  for (int i = 0; i < 7; ++i) field("");
  field("S92");
  field("国家机构");
  field("");
  field("");
  field("", true);
}

}  // namespace

void GenerateChunk(const Shared& shared, uint64_t chunk, ChunkOutput& out) {
  out.chunk = chunk;
  ChunkContext ctx(shared, chunk, out);
  const uint64_t roster = shared.roster.all().size();
  if (chunk == 0) {
    for (const Authority& a : shared.roster.all()) AppendAuthorityRow(out.subjects_csv, a);
  }
  const uint64_t others = shared.subjects - roster;
  const uint64_t begin = chunk * kChunkSubjects;
  const uint64_t end = std::min(others, begin + kChunkSubjects);
  Subject s;
  for (uint64_t i = begin; i < end; ++i) {
    shared.maker->Make(roster + i, ctx.rng(), s);
    GenerateRecords(s, ctx);
    if (shared.options.only.empty()) AppendSubjectRow(out.subjects_csv, s, shared);
  }
  out.subjects = (chunk == 0 ? roster : 0) + (end > begin ? end - begin : 0);
  if (shared.options.encoding == Encoding::kGbk && shared.options.csv) {
    for (ClassOutput& co : out.classes) {
      if (co.csv.empty()) continue;
      auto converted = text::Utf8ToGb18030(co.csv);
      if (converted.ok()) co.csv = std::move(converted).value();
    }
  }
}

}  // namespace gongxin::generator
