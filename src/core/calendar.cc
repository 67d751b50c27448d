#include "core/calendar.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cassert>
#include <limits>
#include <set>

namespace gongxin {
namespace {

bool IsWeekend(Date d) { return d.weekday() >= 6; }

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Where an error is: the year (once known) and the YAML line.
struct Where {
  int year = 0;      // 0 until the document's year is read
  int document = 1;  // 1-based document number, used before the year is known
  int line = 0;      // 1-based; 0 when unknown

  Status Error(const std::string& en, const std::string& zh) const {
    std::string where_en =
        year ? "calendar " + std::to_string(year) : "calendar document " + std::to_string(document);
    std::string where_zh = year ? std::to_string(year) + " 年节假日安排"
                                : "节假日安排第 " + std::to_string(document) + " 个文档";
    if (line > 0) {
      where_en += ", line " + std::to_string(line);
      where_zh += "第 " + std::to_string(line) + " 行";
    }
    return Status::InvalidArgument(where_en + ": " + en, where_zh + "：" + zh);
  }
  Where At(const YAML::Node& node) const {
    Where w = *this;
    const YAML::Mark mark = node.Mark();
    if (mark.line >= 0) w.line = mark.line + 1;
    return w;
  }
};

// Checks that `map` is a mapping whose keys are exactly `required`, each once.
Status CheckKeys(const YAML::Node& map, const Where& where, const std::string& what_en,
                 const std::string& what_zh, const std::vector<std::string>& required) {
  if (!map.IsMap()) {
    return where.At(map).Error(what_en + " must be a mapping (key: value)",
                               what_zh + "应为“键: 值”映射");
  }
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
    if (std::find(required.begin(), required.end(), key) == required.end()) {
      std::string allowed;
      for (const auto& k : required) allowed += (allowed.empty() ? "" : ", ") + k;
      return where.At(it->first).Error(
          "unknown key '" + key + "' in " + what_en + " (allowed: " + allowed + ")",
          what_zh + "中有未知的键“" + key + "”（允许：" + allowed + "）");
    }
    if (!seen.insert(key).second) {
      return where.At(it->first).Error("key '" + key + "' appears twice in " + what_en,
                                       what_zh + "中键“" + key + "”出现两次");
    }
  }
  for (const auto& key : required) {
    if (!seen.count(key)) {
      return where.At(map).Error("missing key '" + key + "' in " + what_en,
                                 what_zh + "缺少键“" + key + "”");
    }
  }
  return Status::OK();
}

Result<std::string> NonEmptyScalar(const YAML::Node& node, const Where& where,
                                   const std::string& key) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    return where.At(node).Error("'" + key + "' must be a non-empty text",
                                "“" + key + "”应为非空文本");
  }
  return node.Scalar();
}

// A date written exactly YYYY-MM-DD, naming a real day inside `year`.
Result<Date> ParseDay(const YAML::Node& node, const Where& where, const std::string& key) {
  const Where at = where.At(node);
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (size_t i = 0; shape && i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) shape = false;
  }
  if (!shape) {
    return at.Error("'" + key + "' value '" + text + "' is not a date written YYYY-MM-DD",
                    "“" + key + "”的值“" + text + "”不是 YYYY-MM-DD 格式的日期");
  }
  Result<Date> date = Date::FromYmd(std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
                                    std::stoi(text.substr(8, 2)));
  if (!date.ok()) {
    return at.Error(text + " is not a real date: " + date.status().message(),
                    text + " 不是真实存在的日期：" + date.status().message_zh());
  }
  if (date->year() != where.year) {
    return at.Error(text + " is outside the year " + std::to_string(where.year),
                    text + " 不在 " + std::to_string(where.year) + " 年内");
  }
  return *date;
}

// One day as declared in a document.
struct Declared {
  DayKind kind;
  std::string name;  // holiday name, or the holiday a make-up day is for
};

}  // namespace

std::string_view DayKindName(DayKind kind) {
  switch (kind) {
    case DayKind::kWorkday:
      return "workday";
    case DayKind::kWeekend:
      return "weekend";
    case DayKind::kHoliday:
      return "holiday";
    case DayKind::kMakeupWorkday:
      return "makeup_workday";
  }
  return "unknown";
}

Result<WorkingDayCalendar> WorkingDayCalendar::ParseYaml(std::string_view text) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    const std::string line = std::to_string(e.mark.line + 1);
    const bool known = e.mark.line >= 0;
    return Status::InvalidArgument(
        "calendar: YAML syntax error" + (known ? " at line " + line : "") + ": " + e.msg,
        "节假日安排：" + (known ? "第 " + line + " 行 " : "") + "YAML 语法错误：" + e.msg);
  }

  WorkingDayCalendar all;
  Where where;
  try {
    for (const YAML::Node& doc : documents) {
      where.year = 0;
      where.line = 0;
      if (doc.IsNull()) {  // an empty document, e.g. after a trailing "---"
        ++where.document;
        continue;
      }
      // The year first, so that every later error can name it.
      const YAML::Node year_node = doc.IsMap() ? doc["year"] : YAML::Node();
      const std::string year_text = year_node.IsScalar() ? year_node.Scalar() : "";
      bool digits = !year_text.empty() && year_text.size() <= 4;
      for (char c : year_text) digits = digits && c >= '0' && c <= '9';
      const int year = digits ? std::stoi(year_text) : 0;
      if (year >= 1) where.year = year;
      GX_RETURN_IF_ERROR(CheckKeys(doc, where, "the document", "文档",
                                   {"year", "status", "source", "holidays", "makeup_workdays"}));
      if (year < 1) {
        return where.At(year_node).Error("'year' must be a year 1..9999, not '" + year_text + "'",
                                         "“year”应为 1..9999 的年份，而不是“" + year_text + "”");
      }

      WorkingDayCalendar cal;
      YearInfo info;
      GX_ASSIGN_OR_RETURN(info.status, NonEmptyScalar(doc["status"], where, "status"));
      if (info.status != "official" && info.status != "provisional") {
        return where.At(doc["status"])
            .Error("'status' must be official or provisional, not '" + info.status + "'",
                   "“status”应为 official 或 provisional，而不是“" + info.status + "”");
      }
      GX_ASSIGN_OR_RETURN(info.source, NonEmptyScalar(doc["source"], where, "source"));

      std::map<int32_t, Declared> declared;
      std::set<std::string> holiday_names;

      const YAML::Node holidays = doc["holidays"];
      if (!holidays.IsSequence() && !holidays.IsNull()) {
        return where.At(holidays).Error("'holidays' must be a list", "“holidays”应为列表");
      }
      for (const YAML::Node& h : holidays) {
        GX_RETURN_IF_ERROR(CheckKeys(h, where, "a holiday", "假日条目", {"name", "from", "to"}));
        GX_ASSIGN_OR_RETURN(std::string name, NonEmptyScalar(h["name"], where, "name"));
        GX_ASSIGN_OR_RETURN(Date from, ParseDay(h["from"], where, "from"));
        GX_ASSIGN_OR_RETURN(Date to, ParseDay(h["to"], where, "to"));
        if (to < from) {
          return where.At(h).Error(
              "holiday " + name + " runs from " + from.ToIso() + " to the earlier " + to.ToIso(),
              "假日" + name + "的结束日 " + to.ToIso() + " 早于开始日 " + from.ToIso());
        }
        holiday_names.insert(name);
        for (Date d = from; d <= to; d = d.AddDays(1)) {
          auto [it, inserted] = declared.emplace(d.days(), Declared{DayKind::kHoliday, name});
          if (!inserted) {
            return where.At(h).Error(
                d.ToIso() + " is listed twice (in holidays " + it->second.name + " and " + name +
                    ")",
                d.ToIso() + " 重复列出（假日" + it->second.name + "与" + name + "）");
          }
        }
      }

      const YAML::Node makeups = doc["makeup_workdays"];
      if (!makeups.IsSequence() && !makeups.IsNull()) {
        return where.At(makeups).Error("'makeup_workdays' must be a list",
                                       "“makeup_workdays”应为列表");
      }
      for (const YAML::Node& m : makeups) {
        GX_RETURN_IF_ERROR(
            CheckKeys(m, where, "a make-up workday", "调休上班条目", {"date", "for"}));
        GX_ASSIGN_OR_RETURN(Date d, ParseDay(m["date"], where, "date"));
        GX_ASSIGN_OR_RETURN(std::string for_name, NonEmptyScalar(m["for"], where, "for"));
        auto found = declared.find(d.days());
        if (found != declared.end()) {
          if (found->second.kind == DayKind::kHoliday) {
            return where.At(m).Error(
                d.ToIso() + " is both a holiday (" + found->second.name + ") and a make-up workday",
                d.ToIso() + " 既是假日（" + found->second.name + "）又是调休上班日");
          }
          return where.At(m).Error(d.ToIso() + " is listed twice as a make-up workday",
                                   d.ToIso() + " 作为调休上班日重复列出");
        }
        if (!IsWeekend(d)) {
          return where.At(m).Error("make-up workday " + d.ToIso() + " is not a Saturday or Sunday",
                                   "调休上班日 " + d.ToIso() + " 不是周六或周日");
        }
        if (!holiday_names.count(for_name)) {
          return where.At(m).Error("make-up workday " + d.ToIso() + " is for '" + for_name +
                                       "', which is not a holiday of " + std::to_string(year),
                                   "调休上班日 " + d.ToIso() + " 对应的“" + for_name + "”不是 " +
                                       std::to_string(year) + " 年的假日");
        }
        declared.emplace(d.days(), Declared{DayKind::kMakeupWorkday, for_name});
      }

      // Build the one-year calendar and merge it.
      cal.years_.emplace(year, std::move(info));
      for (const auto& [day, decl] : declared) {
        SpecialDay s;
        s.day = day;
        s.kind = decl.kind;
        const bool weekend = IsWeekend(Date::FromDays(day));
        s.delta = decl.kind == DayKind::kMakeupWorkday ? 1 : (weekend ? 0 : -1);
        auto name_it = std::find(cal.names_.begin(), cal.names_.end(), decl.name);
        s.name = static_cast<uint32_t>(name_it - cal.names_.begin());
        if (name_it == cal.names_.end()) cal.names_.push_back(decl.name);
        cal.specials_.push_back(s);
      }
      cal.Reindex();
      if (all.years_.count(year)) {
        return where.At(year_node).Error("the year " + std::to_string(year) + " is defined twice",
                                         std::to_string(year) + " 年重复定义");
      }
      GX_RETURN_IF_ERROR(all.Merge(cal));
      ++where.document;
    }
  } catch (const YAML::Exception& e) {
    // Structure problems that yaml-cpp reports by throwing (e.g. a bad node access).
    return where.Error("malformed calendar: " + e.msg, "节假日安排格式错误：" + e.msg);
  }
  if (all.years_.empty()) {
    return Status::InvalidArgument("calendar: no year defined (empty text)",
                                   "节假日安排：没有任何年份（内容为空）");
  }
  return all;
}

Status WorkingDayCalendar::Merge(const WorkingDayCalendar& other) {
  for (const auto& [year, info] : other.years_) {
    if (years_.count(year)) {
      return Status::InvalidArgument(
          "calendar " + std::to_string(year) + " is defined in both calendars being merged",
          std::to_string(year) + " 年节假日安排在合并的两份日历中都有定义");
    }
  }
  for (const auto& [year, info] : other.years_) years_.emplace(year, info);
  for (SpecialDay s : other.specials_) {
    const std::string& name = other.names_[s.name];
    auto it = std::find(names_.begin(), names_.end(), name);
    s.name = static_cast<uint32_t>(it - names_.begin());
    if (it == names_.end()) names_.push_back(name);
    specials_.push_back(s);
  }
  Reindex();
  return Status::OK();
}

void WorkingDayCalendar::Reindex() {
  std::sort(specials_.begin(), specials_.end(),
            [](const SpecialDay& a, const SpecialDay& b) { return a.day < b.day; });
  prefix_.resize(specials_.size());
  int64_t sum = 0;
  for (size_t i = 0; i < specials_.size(); ++i) prefix_[i] = sum += specials_[i].delta;
}

const WorkingDayCalendar::SpecialDay* WorkingDayCalendar::Find(Date d) const {
  auto it = std::lower_bound(specials_.begin(), specials_.end(), d.days(),
                             [](const SpecialDay& s, int32_t day) { return s.day < day; });
  return it != specials_.end() && it->day == d.days() ? &*it : nullptr;
}

bool WorkingDayCalendar::Covers(Date d) const { return years_.count(d.year()) > 0; }

bool WorkingDayCalendar::CoversRange(Date from, Date to) const {
  if (to < from) std::swap(from, to);
  for (int y = from.year(); y <= to.year(); ++y) {
    if (!years_.count(y)) return false;
  }
  return true;
}

DayKind WorkingDayCalendar::KindOf(Date d) const {
  if (const SpecialDay* s = Find(d)) return s->kind;
  return IsWeekend(d) ? DayKind::kWeekend : DayKind::kWorkday;
}

bool WorkingDayCalendar::IsWorkingDay(Date d) const {
  const DayKind kind = KindOf(d);
  return kind == DayKind::kWorkday || kind == DayKind::kMakeupWorkday;
}

std::string_view WorkingDayCalendar::HolidayName(Date d) const {
  const SpecialDay* s = Find(d);
  return s && s->kind == DayKind::kHoliday ? std::string_view(names_[s->name]) : "";
}

std::string_view WorkingDayCalendar::MakeupFor(Date d) const {
  const SpecialDay* s = Find(d);
  return s && s->kind == DayKind::kMakeupWorkday ? std::string_view(names_[s->name]) : "";
}

int64_t WorkingDayCalendar::CumulativeWorkingDays(int32_t day) const {
  // Weekdays from Monday 1969-12-29 (day -3) through `day`: whole weeks give 5 each,
  // and the days of the last partial week that fall on Monday..Friday.
  const int64_t span = int64_t{day} + 4;
  const int64_t weeks = FloorDiv(span, 7);
  const int64_t rest = span - weeks * 7;
  const int64_t weekdays = weeks * 5 + std::min<int64_t>(rest, 5);
  // Then the holidays on weekdays (-1) and make-up weekend days (+1) up to `day`.
  auto it = std::upper_bound(specials_.begin(), specials_.end(), day,
                             [](int32_t d, const SpecialDay& s) { return d < s.day; });
  const size_t n = static_cast<size_t>(it - specials_.begin());
  return weekdays + (n == 0 ? 0 : prefix_[n - 1]);
}

int32_t WorkingDayCalendar::FirstDayReaching(int64_t target, int32_t near) const {
  // Invariant once bracketed: W(lo) < target <= W(hi), W nondecreasing.
  auto w = [this](int64_t day) {
    assert(day >= std::numeric_limits<int32_t>::min() &&
           day <= std::numeric_limits<int32_t>::max());
    return CumulativeWorkingDays(static_cast<int32_t>(day));
  };
  int64_t lo, hi;
  int64_t step = 16;
  if (w(near) >= target) {
    hi = near;
    lo = near - step;
    while (w(lo) >= target) {
      hi = lo;
      step *= 2;
      lo = near - step;
    }
  } else {
    lo = near;
    hi = near + step;
    while (w(hi) < target) {
      lo = hi;
      step *= 2;
      hi = near + step;
    }
  }
  while (hi - lo > 1) {
    const int64_t mid = lo + (hi - lo) / 2;
    (w(mid) >= target ? hi : lo) = mid;
  }
  return static_cast<int32_t>(hi);
}

Date WorkingDayCalendar::AddWorkingDays(Date start, int n) const {
  if (n == 0) return start;
  if (n > 0) {
    // The first day d with W(d) - W(start) == n; W rises only on working days.
    const int64_t target = CumulativeWorkingDays(start.days()) + n;
    return Date::FromDays(FirstDayReaching(target, start.days() + n));
  }
  // The working day d with exactly |n| working days in [d, start - 1].
  const int64_t target = CumulativeWorkingDays(start.days() - 1) + n + 1;
  return Date::FromDays(FirstDayReaching(target, start.days() + n));
}

int WorkingDayCalendar::WorkingDaysBetween(Date from, Date to) const {
  return static_cast<int>(CumulativeWorkingDays(to.days()) - CumulativeWorkingDays(from.days()));
}

std::vector<int> WorkingDayCalendar::years() const {
  std::vector<int> out;
  for (const auto& [year, info] : years_) out.push_back(year);
  return out;
}

std::string_view WorkingDayCalendar::YearStatus(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? std::string_view() : std::string_view(it->second.status);
}

std::string_view WorkingDayCalendar::YearSource(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? std::string_view() : std::string_view(it->second.source);
}

}  // namespace gongxin
