#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/rubric/rubric.hpp"

namespace chinjeol::codec {

// One rubric as a compact JSON object in the form of data/rubrics.json's "rubrics" entries,
// plus "level_fractions" (always) and "critical_cap" (when set), so that RubricFromJson gives
// back an equal rubric. Numbers are written as the shortest decimal that reads back exactly.
std::string RubricToJson(const rubric::Rubric& rubric);

// Reads one rubric object; without "level_fractions" it gets 100/75/50/25/0 %. Numbers are read
// exactly. Keys it does not know are ignored (room for notes and later fields) unless they look
// like a mistake that would silently change scoring: a near miss of a key of the same object
// ("not_aplicable", "Points") or a key that belongs elsewhere ("name_ko" on an item,
// "critical_cap" on an item, "level_scale" in a rubric). A key repeated in one object is refused.
// kInvalidArgument naming the JSON path of the first problem
// ("items/3/type: unknown item type "scale"; use binary, tiered, checklist or level5"), or the
// line and column of invalid JSON; the problems ValidateRubric finds all come as violations.
Result<rubric::Rubric> RubricFromJson(std::string_view json);

// A rubric file in the form of data/rubrics.json: {"level_scale": {"fraction": [...]},
// "grade_bands": [...], "rubrics": [...]}. The file's level_scale fractions apply to every
// rubric in it that does not set its own; without grade_bands the defaults apply.
struct RubricFile {
  std::vector<rubric::Rubric> rubrics;
  std::vector<rubric::GradeBand> grade_bands;
};
// As RubricFromJson for each rubric, with paths from the file's root
// ("rubrics/0/items/3/type") and messages starting with `file_name`. Also refuses a file
// without rubrics, a code and version given twice, and grade bands that ValidateGradeBands
// refuses. kInvalidArgument.
Result<RubricFile> ParseRubricFile(std::string_view json, std::string_view file_name);

// The default rubrics and grade bands shipped with chinjeol (data/rubrics.json, embedded at
// build time). Throws std::logic_error only if the embedded file is broken, which codec_test
// rules out.
RubricFile DefaultRubricFile();

}  // namespace chinjeol::codec
