// ReadJsonLines: one flat JSON object per physical line, parsed with simdjson
// On Demand so that numbers can be kept as their source text.
#include <simdjson.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"
#include "ingest/encoding.h"
#include "ingest/reader_common.h"
#include "ingest/readers.h"

namespace gongxin::ingest {
namespace {

namespace od = simdjson::ondemand;

// RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

bool IsJsonSpace(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// What a simdjson error means, in words a department can act on.
std::pair<std::string, std::string> JsonErrorText(simdjson::error_code err) {
  switch (err) {
    case simdjson::TAPE_ERROR:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return {"a comma, brace, colon or key is missing or superfluous",
              "缺少或多出逗号、括号、冒号或键"};
    case simdjson::UNCLOSED_STRING:
      return {"a string has no closing quote", "字符串缺少结束引号"};
    case simdjson::UNESCAPED_CHARS:
      return {"a string holds an unescaped control character", "字符串中含有未转义的控制字符"};
    case simdjson::STRING_ERROR:
      return {"a string has an invalid escape", "字符串中的转义序列无效"};
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
    case simdjson::INCORRECT_TYPE:
      return {"a value is not a string, number, true, false or null",
              "有值不是字符串、数字、true、false 或 null"};
    case simdjson::NUMBER_ERROR:
      return {"a number is malformed", "数字格式错误"};
    case simdjson::DEPTH_ERROR:
      return {"it is nested too deeply", "嵌套层次过深"};
    case simdjson::EMPTY:
      return {"the line is empty", "该行为空"};
    default:
      return {simdjson::error_message(err), simdjson::error_message(err)};
  }
}

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A problem with one line, in both languages.
struct LineIssue {
  uint32_t column = 0;
  std::string en, zh;
};

struct Pair {
  std::string_view key;  // trimmed; points into the parser's buffer
  std::string value;
};

class LineParser {
 public:
  explicit LineParser(const ReaderLimits& limits) : limits_(limits) {}

  // Parses one line into pairs (in line order). False with *issue on a problem.
  bool Parse(std::string_view line, std::vector<Pair>* pairs, LineIssue* issue) {
    pairs->clear();
    padded_.assign(line);
    padded_.resize(line.size() + simdjson::SIMDJSON_PADDING, '\0');
    simdjson::padded_string_view view(padded_.data(), line.size(), padded_.size());
    od::document doc;
    if (auto err = parser_.iterate(view).get(doc)) return Invalid(err, issue);
    od::object obj;
    if (auto err = doc.get_object().get(obj)) {
      if (err == simdjson::INCORRECT_TYPE) {
        *issue = {0, "the line is not a JSON object ({...})", "该行不是 JSON 对象（{...}）"};
        return false;
      }
      return Invalid(err, issue);
    }
    for (auto field_result : obj) {
      od::field field;
      if (auto err = std::move(field_result).get(field)) return Invalid(err, issue);
      const uint32_t column = static_cast<uint32_t>(pairs->size() + 1);
      if (pairs->size() >= limits_.max_fields) {
        *issue = {0, fmt::format("the object has more than {} keys", limits_.max_fields),
                  fmt::format("该对象的键超过 {} 个", limits_.max_fields)};
        return false;
      }
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return Invalid(err, issue);
      if (key.size() > limits_.max_field_bytes) {
        *issue = {column,
                  fmt::format("key {} is longer than {} bytes", column, limits_.max_field_bytes),
                  fmt::format("第 {} 个键的长度超过 {} 字节", column, limits_.max_field_bytes)};
        return false;
      }
      if (key.find('\0') != std::string_view::npos) {
        *issue = {column, fmt::format("key {} contains a NUL character", column),
                  fmt::format("第 {} 个键含有 NUL 字符", column)};
        return false;
      }
      Pair& pair = pairs->emplace_back();
      pair.key = internal::TrimName(key);
      if (!Value(field.value(), &pair.value, column, pair.key, issue)) return false;
      if (pair.key.empty()) {
        *issue = {column, fmt::format("value {} has an empty key", column),
                  fmt::format("第 {} 个值的键为空", column)};
        return false;
      }
    }
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      *issue = {0, "there is more text after the object; write one object per line",
                "对象之后还有多余内容；每行只能写一个对象"};
      return false;
    }
    return true;
  }

 private:
  bool Invalid(simdjson::error_code err, LineIssue* issue) {
    const auto [en, zh] = JsonErrorText(err);
    *issue = {0, fmt::format("the line is not valid JSON ({})", en),
              fmt::format("该行不是有效的 JSON（{}）", zh)};
    return false;
  }

  bool Value(od::value& value, std::string* out, uint32_t column, std::string_view key,
             LineIssue* issue) {
    od::json_type type;
    if (auto err = value.type().get(type)) return Invalid(err, issue);
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        if (auto err = value.get_string().get(s)) return Invalid(err, issue);
        if (s.find('\0') != std::string_view::npos) {
          *issue = {column, fmt::format("the value of \"{}\" contains a NUL character", Clip(key)),
                    fmt::format("“{}”的值含有 NUL 字符", Clip(key))};
          return false;
        }
        out->assign(s);
        break;
      }
      case od::json_type::number: {
        const std::string_view raw = TrimRight(value.raw_json_token());
        if (!IsJsonNumber(raw)) {
          *issue = {column, fmt::format("\"{}\" is not a valid JSON number", Clip(raw)),
                    fmt::format("“{}”不是有效的 JSON 数字", Clip(raw))};
          return false;
        }
        out->assign(raw);
        break;
      }
      case od::json_type::boolean: {
        bool b = false;
        if (auto err = value.get_bool().get(b)) return Invalid(err, issue);
        out->assign(b ? "true" : "false");
        break;
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto err = value.is_null().get(is_null)) return Invalid(err, issue);
        if (!is_null) return Invalid(simdjson::INCORRECT_TYPE, issue);
        out->clear();
        break;
      }
      case od::json_type::object:
      case od::json_type::array:
        *issue = {column,
                  fmt::format("the value of \"{}\" is a nested {}; only flat values are accepted",
                              Clip(key), type == od::json_type::object ? "object" : "array"),
                  fmt::format("“{}”的值是嵌套的{}；只接受简单值", Clip(key),
                              type == od::json_type::object ? "对象" : "数组")};
        return false;
    }
    if (out->size() > limits_.max_field_bytes) {
      *issue = {column,
                fmt::format("the value of \"{}\" is longer than {} bytes", Clip(key),
                            limits_.max_field_bytes),
                fmt::format("“{}”的值长度超过 {} 字节", Clip(key), limits_.max_field_bytes)};
      return false;
    }
    return true;
  }

  // At most 64 bytes of `s` for a message, cut on a UTF-8 boundary.
  static std::string Clip(std::string_view s) {
    if (s.size() <= 64) return std::string(s);
    size_t n = 64;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return std::string(s.substr(0, n)) + "...";
  }

  const ReaderLimits& limits_;
  od::parser parser_;
  std::string padded_;
};

class JsonLinesBuilder {
 public:
  JsonLinesBuilder(const ReaderLimits& limits, ReadResult* out) : limits_(limits), out_(out) {}

  // Adds the pairs of one line as a row; a problem if keys repeat or the
  // header would grow past max_fields.
  Status Add(std::vector<Pair>& pairs, uint32_t line) {
    sorted_.clear();
    for (const Pair& p : pairs) sorted_.push_back(p.key);
    std::sort(sorted_.begin(), sorted_.end());
    const auto dup = std::adjacent_find(sorted_.begin(), sorted_.end());
    if (dup != sorted_.end()) {
      return internal::AddProblem(out_, limits_, line, 0,
                                  fmt::format("the key \"{}\" appears twice", *dup),
                                  fmt::format("键“{}”重复出现", *dup));
    }
    if (std::all_of(pairs.begin(), pairs.end(), [](const Pair& p) { return p.value.empty(); })) {
      return Status::OK();  // no data
    }
    size_t fresh = 0;
    for (const Pair& p : pairs) fresh += index_.find(p.key) == index_.end() ? 1 : 0;
    Table& table = out_->table;
    if (table.num_columns() + fresh > limits_.max_fields) {
      return internal::AddProblem(
          out_, limits_, line, 0,
          fmt::format("the line brings the number of distinct keys over {}", limits_.max_fields),
          fmt::format("该行使不同键的数量超过 {} 个", limits_.max_fields));
    }
    if (table.header_line == 0) table.header_line = line;
    cells_.assign(table.num_columns() + fresh, std::string_view());
    for (const Pair& p : pairs) {
      auto it = index_.find(p.key);
      if (it == index_.end()) {
        it = index_.emplace(std::string(p.key), table.num_columns()).first;
        table.AddColumn(std::string(p.key));
      }
      cells_[it->second] = p.value;
    }
    table.AddRow(cells_, line);
    return Status::OK();
  }

 private:
  const ReaderLimits& limits_;
  ReadResult* out_;
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> index_;
  std::vector<std::string_view> sorted_;
  std::vector<std::string_view> cells_;
};

}  // namespace

Result<ReadResult> ReadJsonLines(std::string_view bytes, const ReaderLimits& limits) {
  GX_RETURN_IF_ERROR(internal::CheckFileSize(bytes.size(), limits));
  GX_RETURN_IF_ERROR(internal::RefuseWideEncodings(bytes));
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && bytes[first] == '[') {
    return Status::InvalidArgument(
        fmt::format("line {}: the file is a JSON array, not JSON lines; write one object per line",
                    internal::LineAt(bytes, first, '\n')),
        fmt::format("第 {} 行：文件是 JSON 数组而不是 JSON Lines；请每行写一个对象",
                    internal::LineAt(bytes, first, '\n')));
  }

  ReadResult out;
  LineParser parser(limits);
  JsonLinesBuilder builder(limits, &out);
  std::vector<Pair> pairs;
  size_t rows = 0;
  uint32_t line_no = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    const std::string_view line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (IsJsonSpace(line)) continue;
    GX_RETURN_IF_ERROR(internal::CheckRowCount(++rows, limits));
    if (line.size() > limits.max_row_bytes) {
      GX_RETURN_IF_ERROR(internal::AddProblem(
          &out, limits, line_no, 0,
          fmt::format("the line is longer than {} bytes", limits.max_row_bytes),
          fmt::format("该行长度超过 {} 字节", limits.max_row_bytes)));
      continue;
    }
    if (const size_t bad = text::FirstInvalidUtf8Offset(line); bad != internal::kNpos) {
      const std::string byte = internal::ByteName(static_cast<unsigned char>(line[bad]));
      GX_RETURN_IF_ERROR(internal::AddProblem(
          &out, limits, line_no, 0,
          fmt::format("byte {} of the line ({}) is not valid UTF-8", bad + 1, byte),
          fmt::format("第 {} 个字节 {} 不是有效的 UTF-8", bad + 1, byte)));
      continue;
    }
    LineIssue issue;
    if (!parser.Parse(line, &pairs, &issue)) {
      GX_RETURN_IF_ERROR(internal::AddProblem(&out, limits, line_no, issue.column,
                                              std::move(issue.en), std::move(issue.zh)));
      continue;
    }
    GX_RETURN_IF_ERROR(builder.Add(pairs, line_no));
  }
  if (out.table.header_line == 0 && out.problems.empty()) return internal::NoHeaderError();
  return out;
}

}  // namespace gongxin::ingest
