// Status and Result<T>: the one error type used at module boundaries.
//
// A Status is either OK or carries a code and a message in English and, where a
// user will read it, in Chinese. Programmer errors are assertions, never a Status.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace gongxin {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller's input breaks a rule
  kNotFound,            // the thing asked for does not exist
  kAlreadyExists,       // creating something that exists
  kFailedPrecondition,  // the system is not in a state that allows this
  kPermissionDenied,    // the caller's role may not do this
  kCorruption,          // stored or shipped data is damaged or malformed
  kIOError,             // the operating system failed us
  kResourceExhausted,   // a bound (size, rows, fields) was exceeded
  kInternal,            // a bug: should never happen
};

// Returns the stable lower-case name of a code, e.g. "invalid_argument".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message_en, std::string message_zh = {})
      : code_(code), message_en_(std::move(message_en)), message_zh_(std::move(message_zh)) {}

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string en, std::string zh = {}) {
    return {StatusCode::kInvalidArgument, std::move(en), std::move(zh)};
  }
  static Status NotFound(std::string en, std::string zh = {}) {
    return {StatusCode::kNotFound, std::move(en), std::move(zh)};
  }
  static Status AlreadyExists(std::string en, std::string zh = {}) {
    return {StatusCode::kAlreadyExists, std::move(en), std::move(zh)};
  }
  static Status FailedPrecondition(std::string en, std::string zh = {}) {
    return {StatusCode::kFailedPrecondition, std::move(en), std::move(zh)};
  }
  static Status PermissionDenied(std::string en, std::string zh = {}) {
    return {StatusCode::kPermissionDenied, std::move(en), std::move(zh)};
  }
  static Status Corruption(std::string en, std::string zh = {}) {
    return {StatusCode::kCorruption, std::move(en), std::move(zh)};
  }
  static Status IOError(std::string en, std::string zh = {}) {
    return {StatusCode::kIOError, std::move(en), std::move(zh)};
  }
  static Status ResourceExhausted(std::string en, std::string zh = {}) {
    return {StatusCode::kResourceExhausted, std::move(en), std::move(zh)};
  }
  static Status Internal(std::string en, std::string zh = {}) {
    return {StatusCode::kInternal, std::move(en), std::move(zh)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_en_; }
  const std::string& message_zh() const { return message_zh_; }

  // "invalid_argument: <english message>"; "ok" when OK.
  std::string ToString() const;

  // Returns a copy whose English message is prefixed with "context: ".
  Status WithContext(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_en_;
  std::string message_zh_;
};

}  // namespace gongxin

// Returns early from the enclosing function iff `expr` yields a non-OK Status.
#define GX_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::gongxin::Status _gx_status = (expr);   \
    if (!_gx_status.ok()) return _gx_status; \
  } while (0)
