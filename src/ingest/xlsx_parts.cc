#include "ingest/xlsx_parts.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "ingest/encoding.h"

namespace gongxin::ingest::internal {
namespace {

int ParseInt(const char* s, int fallback) {
  if (s == nullptr) return fallback;
  int v = 0;
  const char* end = s + std::strlen(s);
  const auto [ptr, ec] = std::from_chars(s, end, v);
  return ec == std::errc() && ptr == end ? v : fallback;
}

bool IsTrue(const char* s) {
  return s != nullptr && (std::strcmp(s, "1") == 0 || std::strcmp(s, "true") == 0);
}

class RelsHandler : public XmlHandler {
 public:
  explicit RelsHandler(std::string_view source) : source_(source) {}
  void Start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    const char* mode = Attr(attrs, "TargetMode");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    if (mode != nullptr && std::strcmp(mode, "External") == 0) return;
    rels.push_back({id, type, ResolveTarget(source_, target)});
  }
  std::vector<Relationship> rels;

 private:
  std::string_view source_;
};

class WorkbookHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attrs) override {
    if (name == "workbookPr") {
      info.date1904 = IsTrue(Attr(attrs, "date1904"));
    } else if (name == "sheet") {
      const char* sheet_name = Attr(attrs, "name");
      const char* id = Attr(attrs, "id");
      const char* state = Attr(attrs, "state");
      if (id == nullptr) return;
      info.sheets.push_back({sheet_name ? sheet_name : "", id,
                             state != nullptr && std::strcmp(state, "visible") != 0});
    }
  }
  WorkbookInfo info;
};

class StylesHandler : public XmlHandler {
 public:
  void Start(std::string_view name, const char** attrs) override {
    if (name == "numFmt") {
      const int id = ParseInt(Attr(attrs, "numFmtId"), -1);
      const char* code = Attr(attrs, "formatCode");
      if (id >= 0 && code != nullptr) custom_[id] = CustomFormatKind(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      xf_formats_.push_back(ParseInt(Attr(attrs, "numFmtId"), 0));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }
  std::vector<DateKind> Kinds() const {
    std::vector<DateKind> kinds;
    kinds.reserve(xf_formats_.size());
    for (int id : xf_formats_) {
      const auto it = custom_.find(id);
      kinds.push_back(it != custom_.end() ? it->second : BuiltinFormatKind(id));
    }
    return kinds;
  }

 private:
  bool in_cell_xfs_ = false;
  std::unordered_map<int, DateKind> custom_;
  std::vector<int> xf_formats_;
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of an escape "_xHHHH_" at text[i], or -1.
int EscapeAt(const std::string& text, size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return -1;
  int v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    const int h = HexValue(text[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

void AppendCodePoint(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string RelsPartOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  const std::string_view dir = slash == std::string_view::npos ? "" : part.substr(0, slash + 1);
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(dir) + "_rels/" + std::string(file) + ".rels";
}

std::string ResolveTarget(std::string_view source_part, std::string_view target) {
  std::vector<std::string_view> parts;
  auto push_path = [&](std::string_view path) {
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string_view::npos) end = path.size();
      const std::string_view seg = path.substr(start, end - start);
      if (seg == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.push_back(seg);
      }
      start = end + 1;
    }
  };
  if (!target.starts_with("/")) {
    const size_t slash = source_part.rfind('/');
    if (slash != std::string_view::npos) push_path(source_part.substr(0, slash));
  }
  push_path(target);
  std::string out;
  for (std::string_view seg : parts) {
    if (!out.empty()) out.push_back('/');
    out.append(seg);
  }
  return out;
}

bool RelTypeIs(std::string_view type, std::string_view kind) {
  return type.size() > kind.size() && type.ends_with(kind) &&
         type[type.size() - kind.size() - 1] == '/';
}

Result<std::vector<Relationship>> ParseRelationships(std::string_view xml,
                                                     std::string_view source_part) {
  RelsHandler handler(source_part);
  GX_RETURN_IF_ERROR(ParseXml(xml, &handler, RelsPartOf(source_part)));
  return std::move(handler.rels);
}

Result<WorkbookInfo> ParseWorkbook(std::string_view xml, const std::string& part) {
  WorkbookHandler handler;
  GX_RETURN_IF_ERROR(ParseXml(xml, &handler, part));
  return std::move(handler.info);
}

Result<std::vector<DateKind>> ParseStyleDateKinds(std::string_view xml, const std::string& part) {
  StylesHandler handler;
  GX_RETURN_IF_ERROR(ParseXml(xml, &handler, part));
  return handler.Kinds();
}

void RichText::Start(std::string_view name) {
  if (name == "rPh") ++phonetic_depth_;
  if (name == "t" && phonetic_depth_ == 0) in_t_ = true;
}

void RichText::End(std::string_view name) {
  if (name == "rPh" && phonetic_depth_ > 0) --phonetic_depth_;
  if (name == "t") in_t_ = false;
}

void RichText::Text(std::string_view text) {
  if (!in_t_ || overflow_) return;
  // Escapes shrink on decoding, so allow room for them before declaring overflow.
  const size_t room = max_bytes_ > SIZE_MAX / 8 ? SIZE_MAX / 2 : max_bytes_ * 7;
  if (text_.size() + text.size() > room) {
    overflow_ = true;
    text_.clear();
    return;
  }
  text_.append(text);
}

std::string& RichText::Finish(bool* overflow) {
  if (!overflow_) DecodeExcelEscapes(&text_);
  if (text_.size() > max_bytes_) {
    overflow_ = true;
    text_.clear();
  }
  *overflow = overflow_;
  return text_;
}

void DecodeExcelEscapes(std::string* text) {
  if (text->find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(text->size());
  const std::string& s = *text;
  for (size_t i = 0; i < s.size();) {
    const int unit = EscapeAt(s, i);
    if (unit < 0) {
      out.push_back(s[i++]);
      continue;
    }
    uint32_t cp = static_cast<uint32_t>(unit);
    size_t used = 7;
    if (cp == 0) {
      out.append(s, i, 7);  // no NUL in values: keep the text as it is
      i += 7;
      continue;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      const int low = EscapeAt(s, i + 7);
      if (low < 0xDC00 || low > 0xDFFF) {
        out.append(s, i, 7);  // a lone surrogate: keep the text as it is
        i += 7;
        continue;
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
      used = 14;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      out.append(s, i, 7);
      i += 7;
      continue;
    }
    AppendCodePoint(cp, &out);
    i += used;
  }
  text->swap(out);
}

void SharedStringsHandler::Start(std::string_view name, const char** attrs) {
  if (name == "si") {
    in_si_ = true;
    text_.Reset();
  } else if (in_si_) {
    text_.Start(name);
  }
}

void SharedStringsHandler::End(std::string_view name) {
  if (name == "si" && in_si_) {
    in_si_ = false;
    bool overflow = false;
    const std::string& s = text_.Finish(&overflow);
    out_->Add(s, overflow);
  } else if (in_si_) {
    text_.End(name);
  }
}

void SharedStringsHandler::Text(std::string_view text) {
  if (in_si_) text_.Text(text);
}

}  // namespace gongxin::ingest::internal
