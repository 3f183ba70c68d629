#pragma once

#include <string>

#include "core/common/error.hpp"

namespace chinjeol::files::internal {

// kInvalidArgument whose message reads "file:line: column NAME: problem" (empty parts left out)
// and which carries the same position as its one FieldViolation.
inline Error FileError(const std::string& file, long line, std::string column,
                       std::string problem) {
  FieldViolation violation(std::move(column), std::move(problem), file, line);
  std::string message = DescribeViolation(violation);
  return InvalidArgument(std::move(message), {std::move(violation)});
}

}  // namespace chinjeol::files::internal
