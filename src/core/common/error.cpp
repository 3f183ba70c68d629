#include "core/common/error.hpp"

namespace chinjeol {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kMalformed:
      return "malformed_request";
    case ErrorCode::kUnsupportedType:
      return "unsupported_media_type";
    case ErrorCode::kMethodNotAllowed:
      return "method_not_allowed";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kTooManyRequests:
      return "too_many_requests";
  }
  return "internal";
}

std::string DescribeViolation(const FieldViolation& violation) {
  std::string text;
  if (!violation.file.empty()) {
    text += violation.file;
    if (violation.line > 0) text += ":" + std::to_string(violation.line);
    text += ": ";
  } else if (violation.line > 0) {
    text += "line " + std::to_string(violation.line) + ": ";
  }
  if (!violation.field.empty()) {
    // JSON paths ("rubrics/0/items/3") read as a place, file columns as a column.
    text += violation.field.find('/') == std::string::npos ? "column " : "at ";
    text += violation.field + ": ";
  }
  text += violation.message;
  return text;
}

}  // namespace chinjeol
