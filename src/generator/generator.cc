#include "generator/generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <tuple>

#include "core/text.h"
#include "generator/records.h"

namespace gongxin::generator {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::unique_ptr<Layout> BuildLayout(ClassId id, const catalog::InfoClass& info) {
  auto L = std::make_unique<Layout>();
  L->id = id;
  L->info = &info;
  for (const catalog::FieldSpec& f : info.fields) L->fields.push_back(&f);
  L->name = L->Col(info.subject.name_field);
  L->uscc = L->Col(info.subject.uscc_field);
  L->id_number = L->Col(info.subject.id_number_field);
  L->category = L->Col(info.subject.category_field);
  L->decision_date = L->Col(info.decision_date_field);
  for (size_t i = 0; i < L->fields.size(); ++i) {
    const std::string& code = L->fields[i]->code;
    const int c = static_cast<int>(i);
    if (EndsWith(code, "_FRDB") || EndsWith(code, "_FDDBR")) L->frdb = c;
    if (EndsWith(code, "_FR_ZJLX")) L->fr_zjlx = c;
    if (EndsWith(code, "_FR_ZJHM")) L->fr_zjhm = c;
    if (EndsWith(code, "XDR_ZJLX")) L->xdr_zjlx = c;
    if (EndsWith(code, "XDR_ZZJG")) L->zzjg = c;
    if (EndsWith(code, "_SJLY") || EndsWith(code, "_LYDW")) L->source_name = c;
    if (EndsWith(code, "_SJLYDM") || EndsWith(code, "_LYDWDM")) L->source_code = c;
  }
  for (const std::string& k : info.natural_key) {
    const int c = L->Col(k);
    if (c >= 0) L->natural_key.push_back(c);
  }
  for (size_t i = 0; i < L->fields.size(); ++i) {
    const catalog::FieldSpec& f = *L->fields[i];
    if (f.required == catalog::Requirement::kMandatory) {
      L->required.push_back({static_cast<int>(i)});
    } else if (f.required == catalog::Requirement::kConditional && f.when) {
      const int wc = L->Col(f.when->field);
      if (wc >= 0) L->required.push_back({static_cast<int>(i), &*f.when, wc, L->fields[wc]});
    }
  }
  return L;
}

int SourceOf(ClassId id, const Roster& roster) {
  switch (id) {
    case ClassId::kRegistration:
      return roster.Province(Dept::kMarket);
    case ClassId::kLicense:
    case ClassId::kPenalty:
      return roster.Province(Dept::kData);
    case ClassId::kInspection:
    case ClassId::kCoercion:
    case ClassId::kLevy:
    case ClassId::kRequisition:
      return roster.Province(Dept::kJustice);
    case ClassId::kJudgmentDefaulter:
      return roster.Province(Dept::kCourt);
    case ClassId::kTaxAGrade:
      return roster.Province(Dept::kTax);
    case ClassId::kCommitment:
    case ClassId::kHonour:
      return roster.Province(Dept::kDevReform);
    case ClassId::kCount:
      break;
  }
  return roster.Province(Dept::kData);
}

constexpr std::string_view kSubjectsHeader =
    "code,kind,category,name,division,legal_rep,legal_rep_id,birth_date,sex,established,"
    "status,capital_wan,industry_code,industry_name,address,registration_authority,"
    "former_names\n";

class File {
 public:
  File() = default;
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() {
    if (f_ != nullptr) std::fclose(f_);
  }
  Status Open(const std::string& path) {
    path_ = path;
    f_ = std::fopen(path.c_str(), "wb");
    if (f_ == nullptr) return Status::IOError("cannot write " + path, "无法写入 " + path);
    std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
    return Status::OK();
  }
  void Write(std::string_view s) {
    if (f_ != nullptr && !s.empty())
      ok_ = ok_ && std::fwrite(s.data(), 1, s.size(), f_) == s.size();
  }
  Status Close() {
    if (f_ == nullptr) return Status::OK();
    const bool closed = std::fclose(f_) == 0;
    f_ = nullptr;
    if (!ok_ || !closed) return Status::IOError("error writing " + path_, "写入出错 " + path_);
    return Status::OK();
  }
  bool is_open() const { return f_ != nullptr; }

 private:
  std::FILE* f_ = nullptr;
  std::string path_;
  bool ok_ = true;
};

// The byte length of the first `records` records of `text`: CSV (RFC 4180, a line
// break inside quotes belongs to the value) or JSON lines. GB18030 never uses '"' or
// '\n' as a trailing byte, so this holds for GBK output too.
size_t PrefixOfRecords(std::string_view text, uint64_t records, bool csv) {
  bool quoted = false;
  for (size_t i = 0; i < text.size() && records > 0; ++i) {
    const char c = text[i];
    if (csv && c == '"') quoted = !quoted;
    if (c == '\n' && !quoted && --records == 0) return i + 1;
  }
  return text.size();
}

// Keeps the first `keep` records of a chunk's class output (--records).
void KeepRecords(ClassOutput& co, uint64_t keep) {
  if (co.rows <= keep) return;
  co.csv.resize(PrefixOfRecords(co.csv, keep, true));
  co.jsonl.resize(PrefixOfRecords(co.jsonl, keep, false));
  std::erase_if(co.manifest, [&](const ManifestEntry& m) { return m.local_row >= keep; });
  co.rows = static_cast<uint32_t>(keep);
}

// Subjects to draw for `records` records of the one class of `shared` (--records):
// the class's yield per subject is measured on pilot chunks (their row counts do not
// depend on the population size), then the population is that yield's inverse times
// the records, with a quarter and two chunks to spare.
Result<uint64_t> PopulationFor(Shared& shared, ClassId id, uint64_t records) {
  constexpr uint64_t kPilotChunks = 64;
  constexpr uint64_t kPilotRows = 2000;
  const uint64_t bodies = shared.roster.all().size();
  shared.subjects = bodies + kPilotChunks * kChunkSubjects;
  shared.num_chunks = kPilotChunks;
  uint64_t rows = 0, drawn = 0;
  for (uint64_t c = 0; c < kPilotChunks && rows < kPilotRows; ++c) {
    ChunkOutput out;
    GenerateChunk(shared, c, out);
    rows += out.classes[static_cast<int>(id)].rows;
    drawn += kChunkSubjects;
  }
  if (rows == 0) {
    return Status::InvalidArgument(
        fmt::format("class {} got no records from {} subjects", ClassIdName(id), drawn),
        fmt::format("{} 个信用主体中没有生成 {} 类记录", drawn, ClassIdName(id)));
  }
  const double per_record = static_cast<double>(drawn) / static_cast<double>(rows);
  return static_cast<uint64_t>(per_record * static_cast<double>(records) * 1.25) +
         2 * kChunkSubjects;
}

}  // namespace

std::string Summary::ToJson() const {
  std::string out;
  auto str = [&](std::string_view s) { AppendJsonString(out, s); };
  fmt::format_to(std::back_inserter(out), "{{\"subjects\":{},\"government_bodies\":{},\"files\":{{",
                 subjects, government_bodies);
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) out.push_back(',');
    str(rows[i].first);
    fmt::format_to(std::back_inserter(out), ":{}", rows[i].second);
  }
  fmt::format_to(std::back_inserter(out), "}},\"dirty_rows\":{}", dirty_rows);
  auto list = [&](std::string_view key, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out.push_back(',');
    str(key);
    out += ":[";
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out.push_back(',');
      str(items[i]);
    }
    out.push_back(']');
  };
  list("skipped", skipped);
  list("placeholder_fields", placeholder_fields);
  out.push_back('}');
  return out;
}

uint64_t GovernmentBodyCount(const catalog::Catalog& catalog) {
  const Geography geo = Geography::Build(catalog.standard_tables().divisions);
  return Roster::Build(geo, 0).all().size();
}

Result<Summary> Generate(const catalog::Catalog& catalog, const Options& options) {
  if (!(options.dirty >= 0 && options.dirty <= 1)) {
    return Status::InvalidArgument(fmt::format("--dirty must be in [0, 1], got {}", options.dirty),
                                   fmt::format("--dirty 须在 [0, 1] 之间，实为 {}", options.dirty));
  }
  if (!options.csv && !options.jsonl) {
    return Status::InvalidArgument("no output format", "未选择输出格式");
  }
  if (options.out_dir.empty()) return Status::InvalidArgument("no output folder", "未指定输出目录");
  const bool only_one = !options.only.empty();
  if (options.records > 0 && !only_one) {
    return Status::InvalidArgument("--records needs --only CLASS", "--records 须与 --only 同用");
  }
  // Natural persons are born 1950..2005 and licences may run to 2099: keep as-of where
  // those make sense.
  if (options.as_of < Date::FromYmd(2010, 1, 1).value() ||
      options.as_of > Date::FromYmd(2090, 12, 31).value()) {
    return Status::InvalidArgument(
        "--as-of must be between 2010-01-01 and 2090-12-31, got " + options.as_of.ToIso(),
        "--as-of 须在 2010-01-01 至 2090-12-31 之间，实为 " + options.as_of.ToIso());
  }

  Shared shared;
  shared.catalog = &catalog;
  shared.options = options;
  shared.geo = Geography::Build(catalog.standard_tables().divisions);
  if (shared.geo.cities().empty() || shared.geo.counties().empty()) {
    return Status::InvalidArgument("the division table has no Guangdong (44) cities",
                                   "行政区划表中没有广东省（44）的地级市");
  }
  shared.roster = Roster::Build(shared.geo, options.seed);
  const uint64_t bodies = shared.roster.all().size();
  if (options.records == 0 && options.subjects <= bodies) {
    return Status::InvalidArgument(
        fmt::format("--subjects must be more than {} (the government bodies that decide and "
                    "submit the records are subjects too), got {}",
                    bodies, options.subjects),
        fmt::format("--subjects 须大于 {}（作出决定、报送数据的政府机关也是信用主体），实为 {}",
                    bodies, options.subjects));
  }
  shared.subjects = options.subjects;
  const uint64_t others = options.subjects - bodies;
  shared.num_chunks = (others + kChunkSubjects - 1) / kChunkSubjects;
  shared.maker =
      std::make_unique<SubjectMaker>(shared.geo, shared.roster, options.seed, options.as_of);
  shared.window_start = options.as_of.AddYears(-5);

  Summary summary;
  summary.subjects = options.subjects;
  summary.government_bodies = bodies;
  // Classes in catalog order; the ones the generator knows get a layout.
  std::vector<ClassId> order;
  for (const catalog::InfoClass& info : catalog.classes()) {
    if (only_one && info.id != options.only) continue;
    bool known = false;
    for (int i = 0; i < kClassCount; ++i) {
      const ClassId id = static_cast<ClassId>(i);
      if (info.id != ClassIdName(id)) continue;
      shared.layouts[i] = BuildLayout(id, info);
      shared.layouts[i]->source_authority = SourceOf(id, shared.roster);
      order.push_back(id);
      known = true;
    }
    if (!known) summary.skipped.push_back(info.id);
  }
  if (only_one && order.empty()) {
    return Status::InvalidArgument("--only: the generator has no class '" + options.only + "'",
                                   "--only：生成器没有信息类“" + options.only + "”");
  }
  shared.makers = BuildRecordMakers(shared);
  if (options.records > 0) {
    GX_ASSIGN_OR_RETURN(const uint64_t others,
                        PopulationFor(shared, order.front(), options.records));
    shared.subjects = bodies + others;
    shared.num_chunks = (others + kChunkSubjects - 1) / kChunkSubjects;
  }

  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) {
    return Status::IOError("cannot create " + options.out_dir + ": " + ec.message(),
                           "无法创建目录 " + options.out_dir);
  }
  const std::string dir = options.out_dir + "/";

  // Headers.
  std::vector<File> csv_files(kClassCount), jsonl_files(kClassCount);
  for (ClassId id : order) {
    const int i = static_cast<int>(id);
    const Layout& L = *shared.layouts[i];
    if (options.csv) {
      GX_RETURN_IF_ERROR(csv_files[i].Open(dir + std::string(ClassIdName(id)) + ".csv"));
      std::string header;
      for (size_t c = 0; c < L.fields.size(); ++c) {
        if (c > 0) header.push_back(',');
        AppendCsvField(
            header, options.encoding == Encoding::kGbk ? L.fields[c]->names.zh : L.fields[c]->code);
      }
      header.push_back('\n');
      if (options.encoding == Encoding::kGbk) {
        GX_ASSIGN_OR_RETURN(header, text::Utf8ToGb18030(header));
      }
      csv_files[i].Write(header);
    }
    if (options.jsonl) {
      GX_RETURN_IF_ERROR(jsonl_files[i].Open(dir + std::string(ClassIdName(id)) + ".jsonl"));
    }
  }
  File subjects_file;  // not written with --only
  if (!only_one) {
    GX_RETURN_IF_ERROR(subjects_file.Open(dir + "subjects.csv"));
    subjects_file.Write(kSubjectsHeader);
  }
  {
    File sources;
    GX_RETURN_IF_ERROR(sources.Open(dir + "sources.csv"));
    std::string text = "class,source_uscc,source_name\n";
    for (ClassId id : order) {
      const Authority& a = shared.roster.at(shared.layouts[static_cast<int>(id)]->source_authority);
      text += fmt::format("{},{},{}\n", ClassIdName(id), a.uscc, a.name);
    }
    sources.Write(text);
    GX_RETURN_IF_ERROR(sources.Close());
  }

  // Chunks are generated in parallel and written in order; at most `window` chunks are
  // held in memory.
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const uint64_t chunks = std::max<uint64_t>(shared.num_chunks, 1);
  const uint64_t window = static_cast<uint64_t>(threads) * 2 + 1;
  std::mutex mu;
  std::condition_variable ready, space;
  std::vector<std::unique_ptr<ChunkOutput>> slots(window);
  uint64_t next_claim = 0, next_write = 0;
  bool stop = false;  // --records: enough rows written
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (;;) {
        uint64_t c;
        {
          std::unique_lock lock(mu);
          space.wait(lock, [&] {
            return stop || next_claim >= chunks || next_claim < next_write + window;
          });
          if (stop || next_claim >= chunks) return;
          c = next_claim++;
        }
        auto out = std::make_unique<ChunkOutput>();
        GenerateChunk(shared, c, *out);
        {
          std::lock_guard lock(mu);
          slots[c % window] = std::move(out);
        }
        ready.notify_all();
      }
    });
  }

  std::array<uint64_t, kClassCount> rows{};
  std::array<uint64_t, kClassCount> fallbacks{};
  std::array<std::vector<int>, kClassCount> placeholder_cols;
  struct Entry {
    int order;
    uint64_t line;
    uint8_t kind;
    int16_t col;
    ClassId id;
  };
  std::vector<Entry> manifest;
  uint64_t subjects_written = 0;
  for (uint64_t w = 0; w < chunks; ++w) {
    std::unique_ptr<ChunkOutput> out;
    {
      std::unique_lock lock(mu);
      ready.wait(lock, [&] { return slots[w % window] != nullptr; });
      out = std::move(slots[w % window]);
      next_write = w + 1;
    }
    space.notify_all();
    subjects_file.Write(out->subjects_csv);
    for (size_t k = 0; k < order.size(); ++k) {
      const int i = static_cast<int>(order[k]);
      ClassOutput& co = out->classes[i];
      if (options.records > 0) KeepRecords(co, options.records - rows[i]);
      csv_files[i].Write(co.csv);
      jsonl_files[i].Write(co.jsonl);
      for (const ManifestEntry& m : co.manifest) {
        manifest.push_back(
            {static_cast<int>(k), 2 + rows[i] + m.local_row, m.kind, m.col, order[k]});
      }
      rows[i] += co.rows;
      fallbacks[i] += out->fallback_fills[i];
      for (int col : out->placeholder_cols[i]) {
        auto& seen = placeholder_cols[i];
        if (std::find(seen.begin(), seen.end(), col) == seen.end()) seen.push_back(col);
      }
    }
    subjects_written += out->subjects;
    if (options.records > 0) {
      const uint64_t done = rows[static_cast<int>(order.front())];
      if (options.progress) options.progress(done, options.records);
      if (done == options.records) break;
    } else if (options.progress) {
      options.progress(subjects_written, options.subjects);
    }
  }
  {
    std::lock_guard lock(mu);
    stop = true;
  }
  space.notify_all();
  for (std::thread& t : workers) t.join();
  if (options.records > 0) {
    if (rows[static_cast<int>(order.front())] != options.records) {
      return Status::Internal(
          fmt::format("{} subjects gave fewer than {} records", subjects_written, options.records),
          fmt::format("{} 个信用主体生成的记录少于 {} 条", subjects_written, options.records));
    }
    summary.subjects = subjects_written;
  }

  GX_RETURN_IF_ERROR(subjects_file.Close());
  for (ClassId id : order) {
    const int i = static_cast<int>(id);
    GX_RETURN_IF_ERROR(csv_files[i].Close());
    GX_RETURN_IF_ERROR(jsonl_files[i].Close());
    summary.rows.emplace_back(std::string(ClassIdName(id)), rows[i]);
    std::sort(placeholder_cols[i].begin(), placeholder_cols[i].end());
    for (int col : placeholder_cols[i]) {
      summary.placeholder_fields.push_back(std::string(ClassIdName(id)) + "." +
                                           shared.layouts[i]->fields[col]->code);
    }
  }
  if (options.dirty == 0) {
    // No stale manifest of an earlier run in the same folder.
    std::filesystem::remove(dir + "dirty_manifest.csv", ec);
  } else {
    std::sort(manifest.begin(), manifest.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.order, a.line) < std::tie(b.order, b.line);
    });
    File f;
    GX_RETURN_IF_ERROR(f.Open(dir + "dirty_manifest.csv"));
    std::string text = "class,line,kind,field\n";
    for (const Entry& e : manifest) {
      const Layout& L = *shared.layouts[static_cast<int>(e.id)];
      fmt::format_to(std::back_inserter(text), "{},{},{},{}\n", ClassIdName(e.id), e.line,
                     DirtyKindName(static_cast<DirtyKind>(e.kind)),
                     e.col >= 0 ? std::string_view(L.fields[e.col]->code) : std::string_view());
    }
    f.Write(text);
    GX_RETURN_IF_ERROR(f.Close());
  }
  summary.dirty_rows = manifest.size();
  return summary;
}

}  // namespace gongxin::generator
