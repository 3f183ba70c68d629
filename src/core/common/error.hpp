#pragma once

#include <string>
#include <utility>
#include <vector>

namespace chinjeol {

// Why an operation did not happen, in terms any adapter can map (exit status, HTTP status, log
// level). Add a code only when some caller must react differently to it.
enum class ErrorCode {
  kInvalidArgument,     // Input breaks a rule: unknown rubric item, a level outside 1-5.
  kNotFound,            // The addressed thing does not exist, or is not visible to the caller.
  kAlreadyExists,       // Creating something that is already there.
  kFailedPrecondition,  // Valid request, wrong state: the evaluation is already approved.
  kUnauthenticated,     // We do not know who is asking.
  kPermissionDenied,    // We know who is asking; they may not do this.
  kUnavailable,         // A dependency is down or busy; retrying later may work.
  kInternal,            // A bug or broken invariant. Never used for user mistakes.
  // How a request reached us, rather than what it asked: an adapter's protocol refusals.
  kMalformed,         // The request cannot be read at all (not JSON, not HTTP).
  kUnsupportedType,   // The content is of a type this does not take.
  kMethodNotAllowed,  // The address exists; this verb does not apply to it.
  kTooLarge,          // The request (head or body) is larger than allowed.
  kTooManyRequests,   // The client asks too often or holds too much; slow down.
};

// Where in the input a problem sits. For files: the file name, the physical line (CSV, header =
// line 1) or sheet row (XLSX), and the column name. For JSON: `field` is the path.
struct FieldViolation {
  FieldViolation(std::string field_name, std::string problem, std::string file_name = {},
                 long line_number = 0)
      : field(std::move(field_name)),
        message(std::move(problem)),
        file(std::move(file_name)),
        line(line_number) {}

  std::string field;    // Column name or JSON path, e.g. "P05" or "answers/3/level".
  std::string message;  // Lower-case, no final period, says what is wrong and how to fix it.
  std::string file;     // Empty when the input is not a file.
  long line = 0;        // 0 when not applicable.
};

class Error {
 public:
  Error(ErrorCode code, std::string message, std::vector<FieldViolation> violations = {})
      : code_(code), message_(std::move(message)), violations_(std::move(violations)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldViolation>& violations() const { return violations_; }
  // What went wrong inside, for the operator's log (e.g. the database's own message and the
  // statement): never shown to the people using the programme.
  const std::string& detail() const { return detail_; }
  Error WithDetail(std::string detail) && {
    detail_ = std::move(detail);
    return std::move(*this);
  }

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldViolation> violations_;
  std::string detail_;
};

// Short machine name of a code, e.g. "invalid_argument"; used in JSON errors and logs.
const char* ErrorCodeName(ErrorCode code);

inline Error InvalidArgument(std::string message, std::vector<FieldViolation> violations = {}) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(violations));
}
inline Error NotFound(std::string message) {
  return Error(ErrorCode::kNotFound, std::move(message));
}
inline Error FailedPrecondition(std::string message) {
  return Error(ErrorCode::kFailedPrecondition, std::move(message));
}
inline Error Internal(std::string message) {
  return Error(ErrorCode::kInternal, std::move(message));
}
inline Error PermissionDenied(std::string message) {
  return Error(ErrorCode::kPermissionDenied, std::move(message));
}

// "file:line: column P05: level must be 1-5" (parts that are empty are left out).
std::string DescribeViolation(const FieldViolation& violation);

}  // namespace chinjeol
