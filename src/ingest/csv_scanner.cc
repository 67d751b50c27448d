#include "ingest/csv_scanner.h"

#include "ingest/reader_common.h"

namespace gongxin::ingest::internal {
namespace {

// Offset of the first of `a`, `b`, CR or LF at or after `from`, or d.size().
size_t FindStop(std::string_view d, size_t from, char a) {
  for (size_t i = from; i < d.size(); ++i) {
    const char c = d[i];
    if (c == a || c == '\n' || c == '\r') return i;
  }
  return d.size();
}

}  // namespace

bool RawRecord::blank() const {
  if (error != RecordError::kNone) return false;
  for (size_t i = 0; i < count; ++i) {
    if (!IsBlank(fields[i])) return false;
  }
  return true;
}

CsvScanner::CsvScanner(std::string_view data, bool cr_line_ends, const ReaderLimits& limits)
    : d_(data), cr_(cr_line_ends), limits_(limits) {}

size_t CsvScanner::LineEndLength(size_t p) const {
  const char c = d_[p];
  if (cr_) return c == '\r' ? 1 : 0;
  if (c == '\n') return 1;
  if (c == '\r') {
    if (p + 1 == d_.size()) return 1;  // a CR at the very end of the file
    if (d_[p + 1] == '\n') return 2;
  }
  return 0;  // a lone CR inside a LF file is data
}

std::string* CsvScanner::NewField(RawRecord* rec) {
  if (rec->count == rec->fields.size()) {
    rec->fields.emplace_back();
    rec->field_lines.push_back(0);
  }
  std::string* f = &rec->fields[rec->count];
  f->clear();
  rec->field_lines[rec->count] = line_;
  ++rec->count;
  return f;
}

bool CsvScanner::Next(RawRecord* rec) {
  const size_t n = d_.size();
  if (pos_ >= n) return false;
  rec->count = 0;
  rec->error = RecordError::kNone;
  rec->error_column = 0;
  rec->quote_line = 0;
  rec->quote_at_eof = false;
  rec->first_line = line_;
  rec->begin = pos_;
  const size_t record_start = pos_;
  bool storing = true;
  auto fail = [&](RecordError e, uint32_t column) {
    if (rec->error == RecordError::kNone) {
      rec->error = e;
      rec->error_column = column;
    }
    storing = false;
  };
  // Appends d_[from, to) to the field and checks the field and row bounds.
  auto take = [&](std::string* f, size_t from, size_t to, uint32_t column) {
    if (storing) {
      if (f->size() + (to - from) > limits_.max_field_bytes) {
        fail(RecordError::kFieldTooLong, column);
      } else {
        f->append(d_.data() + from, to - from);
      }
    }
    if (to - record_start > limits_.max_row_bytes) fail(RecordError::kRowTooLong, 0);
  };

  uint32_t column = 0;
  while (true) {
    ++column;
    if (column > limits_.max_fields) fail(RecordError::kTooManyFields, 0);
    std::string scratch;
    std::string* f = storing ? NewField(rec) : &scratch;
    if (pos_ < n && d_[pos_] == '"') {
      const uint32_t open_line = line_;
      size_t resume_pos = std::string_view::npos;
      uint32_t resume_line = 0;
      ++pos_;
      while (true) {
        if (pos_ >= n) {
          // The quote never closes: report the record, then retry the lines it swallowed.
          rec->error = RecordError::kUnterminatedQuote;
          rec->error_column = column;
          rec->quote_line = open_line;
          rec->quote_at_eof = true;
          rec->last_line = line_;
          // A second such quote: stop letting quotes span lines, to stay linear.
          if (++eof_quotes_ >= 2) quotes_on_one_line_ = true;
          rec->end = pos_;
          if (resume_pos != std::string_view::npos) {
            pos_ = resume_pos;
            line_ = resume_line;
          }
          return true;
        }
        const char c = d_[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && d_[pos_ + 1] == '"') {
            take(f, pos_, pos_ + 1, column);
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;  // closing quote
        }
        if (c == '\n' || c == '\r') {
          const size_t eol = LineEndLength(pos_);
          if (eol == 0) {  // lone CR: data
            take(f, pos_, pos_ + 1, column);
            ++pos_;
            continue;
          }
          if (quotes_on_one_line_ || pos_ < one_line_until_) {
            rec->error = RecordError::kUnterminatedQuote;
            rec->error_column = column;
            rec->quote_line = open_line;
            rec->last_line = line_;
            pos_ += eol;
            rec->end = pos_;
            ++line_;
            return true;
          }
          take(f, pos_, pos_ + eol, column);
          pos_ += eol;
          ++line_;
          if (resume_pos == std::string_view::npos) {
            resume_pos = pos_;
            resume_line = line_;
          }
          continue;
        }
        const size_t stop = FindStop(d_, pos_, '"');
        take(f, pos_, stop, column);
        pos_ = stop;
      }
    }
    // Unquoted field, or what follows a closing quote: kept literally.
    while (true) {
      const size_t stop = FindStop(d_, pos_, ',');
      take(f, pos_, stop, column);
      pos_ = stop;
      if (pos_ < n && d_[pos_] == '\r' && LineEndLength(pos_) == 0) {
        take(f, pos_, pos_ + 1, column);  // lone CR: data
        ++pos_;
        continue;
      }
      break;
    }
    if (pos_ >= n) break;
    if (d_[pos_] == ',') {
      ++pos_;
      continue;
    }
    pos_ += LineEndLength(pos_);
    rec->end = pos_;
    rec->last_line = line_;
    ++line_;
    return true;
  }
  rec->end = pos_;
  rec->last_line = line_;
  return true;
}

void CsvScanner::RescanLineByLine(const RawRecord& rec) {
  pos_ = rec.begin;
  line_ = rec.first_line;
  one_line_until_ = rec.end;
}

}  // namespace gongxin::ingest::internal
