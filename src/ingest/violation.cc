#include "ingest/violation.h"

namespace gongxin::ingest {

std::string_view SeverityName(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

}  // namespace gongxin::ingest
