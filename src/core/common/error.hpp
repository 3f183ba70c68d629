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

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldViolation> violations_;
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

// "file:line: column P05: level must be 1-5" (parts that are empty are left out).
std::string DescribeViolation(const FieldViolation& violation);

}  // namespace chinjeol
