#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/rubric/rubric.hpp"

namespace chinjeol::rubric {

// Rubric versions. A saved version never changes: evaluations keep the version they were scored
// with, and a new weighting is a new version.
class RubricRepository {
 public:
  virtual ~RubricRepository() = default;

  // kAlreadyExists when this code and version are already saved.
  virtual Result<void> SaveRubric(const Rubric& rubric) = 0;
  // Every version of every rubric, by code then version.
  virtual Result<std::vector<Rubric>> ListRubrics() const = 0;
  // The highest version of `code`, or empty.
  virtual Result<std::optional<Rubric>> FindLatestRubric(std::string_view code) const = 0;
};

}  // namespace chinjeol::rubric
