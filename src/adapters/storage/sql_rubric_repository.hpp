#pragma once

#include "adapters/storage/database.hpp"
#include "core/rubric/rubric_repository.hpp"

namespace chinjeol::storage {

// Rubric versions in SQL, each kept as its JSON form (adapters/codec/rubric_json.hpp).
class SqlRubricRepository final : public rubric::RubricRepository {
 public:
  explicit SqlRubricRepository(Database& database) : database_(database) {}

  Result<void> SaveRubric(const rubric::Rubric& rubric) override;
  Result<std::vector<rubric::Rubric>> ListRubrics() const override;
  Result<std::optional<rubric::Rubric>> FindLatestRubric(std::string_view code) const override;

 private:
  Database& database_;
};

// The rubric stored as `definition`, under the code and version of its row; kInternal when the
// stored JSON does not read back.
Result<rubric::Rubric> ReadRubric(std::string_view definition, std::string_view code, int version);

}  // namespace chinjeol::storage
