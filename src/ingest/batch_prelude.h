// What IngestBytes and ValidateBytes do before the rows: find the class, check the
// source, read the file, bind its header, and start the summary and the feedback.
// Internal to ingest (not part of the door, ingest.h).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/validator.h"

namespace gongxin::ingest {

struct BatchPrelude {
  const catalog::InfoClass* info_class = nullptr;
  Date today;                             // the day of receipt (China time)
  ReadResult read;                        // the file as read
  std::optional<RowValidator> validator;  // always set on success
  BatchSummary summary;                   // class, rule version, deadline, rows, reader rejects
  std::vector<Violation> feedback;        // column problems, then malformed rows
};

// Fails iff the batch cannot be processed at all: unknown class, invalid source
// (checked iff `require_source` or a source is given), unreadable file, or no column
// of the class. `received` is the receipt instant.
Result<BatchPrelude> PrepareBatch(const catalog::Catalog& catalog, std::string_view bytes,
                                  const IngestOptions& options, Instant received,
                                  bool require_source);

}  // namespace gongxin::ingest
