// The index from the archive's subjects, and incremental refresh.
#include <nlohmann/json.hpp>

#include "archive/archive.h"
#include "search/search.h"

namespace gongxin::search {
namespace {

// Registration facts that are codes of the subject besides its main code.
constexpr const char* kOtherCodeFields[] = {"DJ_GSZCH", "DJ_ZZJGDM"};

Entry ToEntry(const archive::Subject& s) {
  Entry e;
  e.subject_id = s.id;
  e.code = s.code;
  e.name = s.name;
  e.former_names = s.former_names;
  e.kind = s.kind;
  if (!s.registration_json.empty() && s.registration_json != "{}") {
    const auto json = nlohmann::json::parse(s.registration_json, nullptr, false);
    if (json.is_object()) {
      for (const char* field : kOtherCodeFields) {
        const auto it = json.find(field);
        if (it == json.end()) continue;
        if (it->is_string() && !it->get<std::string>().empty()) {
          e.other_codes.push_back(it->get<std::string>());
        } else if (it->is_array()) {
          for (const auto& v : *it)
            if (v.is_string() && !v.get<std::string>().empty())
              e.other_codes.push_back(v.get<std::string>());
        }
      }
    }
  }
  return e;
}

}  // namespace

Result<Index> LoadFromArchive(store::Store& store) {
  std::vector<Entry> entries;
  archive::ArchiveReader reader(store);
  GX_RETURN_IF_ERROR(
      reader.ForEachSubject([&](const archive::Subject& s) { entries.push_back(ToEntry(s)); }));
  return Index::Build(std::move(entries));
}

Status RefreshFromArchive(store::Store& store, Instant changed_since, Index& index) {
  archive::ArchiveReader reader(store);
  return reader.ForEachSubject([&](const archive::Subject& s) { index.Upsert(ToEntry(s)); },
                               changed_since);
}

}  // namespace gongxin::search
