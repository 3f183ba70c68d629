#include "adapters/storage/sql_rubric_repository.hpp"

#include "adapters/codec/rubric_json.hpp"

namespace chinjeol::storage {

Result<rubric::Rubric> ReadRubric(std::string_view definition, std::string_view code, int version) {
  Result<rubric::Rubric> rubric = codec::RubricFromJson(definition);
  if (!rubric) {
    return Internal("stored rubric " + std::string(code) + " version " + std::to_string(version) +
                    " does not read back: " + rubric.error().message());
  }
  rubric->code = std::string(code);
  rubric->version = version;
  return rubric;
}

Result<void> SqlRubricRepository::SaveRubric(const rubric::Rubric& rubric) {
  return database_.Atomic([&]() -> Result<void> {
    Result<void> saved = database_.connection().Execute(
        "INSERT INTO rubrics (code, version, channel, definition) VALUES (?, ?, ?, ?)",
        {rubric.code, rubric.version, ChannelCode(rubric.channel), codec::RubricToJson(rubric)});
    if (!saved) {
      return sql::Rephrase(saved.error(), "rubric " + rubric.code + " version " +
                                              std::to_string(rubric.version) + " is already saved");
    }
    return Ok();
  });
}

Result<std::vector<rubric::Rubric>> SqlRubricRepository::ListRubrics() const {
  auto lock = database_.Lock();
  std::vector<rubric::Rubric> rubrics;
  Result<void> listed = database_.connection().Query(
      "SELECT code, version, definition FROM rubrics ORDER BY code, version", {},
      [&](const sql::Row& row) -> Result<void> {
        Result<rubric::Rubric> rubric = ReadRubric(row.Text(2), row.Text(0), row.Int(1));
        if (!rubric) return rubric.error();
        rubrics.push_back(*std::move(rubric));
        return Ok();
      });
  if (!listed) return listed.error();
  return rubrics;
}

Result<std::optional<rubric::Rubric>> SqlRubricRepository::FindLatestRubric(
    std::string_view code) const {
  auto lock = database_.Lock();
  std::optional<rubric::Rubric> latest;
  Result<void> found = database_.connection().Query(
      "SELECT code, version, definition FROM rubrics WHERE code = ? "
      "ORDER BY version DESC LIMIT 1",
      {code}, [&](const sql::Row& row) -> Result<void> {
        Result<rubric::Rubric> rubric = ReadRubric(row.Text(2), row.Text(0), row.Int(1));
        if (!rubric) return rubric.error();
        latest = *std::move(rubric);
        return Ok();
      });
  if (!found) return found.error();
  return latest;
}

}  // namespace chinjeol::storage
