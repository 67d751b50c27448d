// Read-only access to the parts of an .xlsx package (a zip archive in memory),
// through libzip, with bounds on what is decompressed. Internal to src/ingest.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace gongxin::ingest::internal {

class ZipPackage {
 public:
  // Opens the archive held in `bytes` (not copied: it must outlive the
  // package). Corruption with a plain explanation if it is not a zip archive,
  // is a legacy .xls or an encrypted workbook.
  static Result<std::unique_ptr<ZipPackage>> Open(std::string_view bytes);
  ~ZipPackage();

  // True if the archive has a part of this name (case-insensitive).
  bool Has(const std::string& name) const;

  // Decompresses a part, passing it on in chunks. Stops with
  // ResourceExhausted once more than `max_bytes` came out (whatever the
  // archive claims), Corruption on a damaged entry, NotFound if it is absent.
  // A non-OK Status returned by `sink` stops reading and is returned.
  Status Stream(const std::string& name, size_t max_bytes,
                const std::function<Status(std::string_view chunk)>& sink) const;

  // The whole part, within `max_bytes`.
  Result<std::string> Read(const std::string& name, size_t max_bytes) const;

 private:
  explicit ZipPackage(void* archive) : archive_(archive) {}
  void* archive_;  // zip_t*
};

}  // namespace gongxin::ingest::internal
