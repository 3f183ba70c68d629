#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/rubric/rubric.hpp"

namespace chinjeol::codec {

// One rubric as a JSON object in the form of data/rubrics.json's "rubrics" entries (plus
// "level_fractions" and "critical_cap" where set), so a rubric round-trips exactly.
std::string RubricToJson(const rubric::Rubric& rubric);
// kInvalidArgument naming the JSON path of the first problem ("items/3/type: unknown type
// \"scale\""), including the problems ValidateRubric finds.
Result<rubric::Rubric> RubricFromJson(std::string_view json);

// A rubric file in the form of data/rubrics.json: {"level_scale": ..., "grade_bands": ...,
// "rubrics": [...]}. The file's level_scale fractions apply to every rubric in it that does
// not set its own. `file_name` is used in messages.
struct RubricFile {
  std::vector<rubric::Rubric> rubrics;
  std::vector<rubric::GradeBand> grade_bands;
};
Result<RubricFile> ParseRubricFile(std::string_view json, std::string_view file_name);

// The default rubrics and grade bands shipped with chinjeol (data/rubrics.json, embedded).
RubricFile DefaultRubricFile();

}  // namespace chinjeol::codec
