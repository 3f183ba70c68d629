#pragma once

#include <string_view>

#include "core/common/result.hpp"
#include "core/rubric/rubric.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::storage {

// The ContactScore stored as `total`, `item_points` (rubric::EncodeItemPoints, in the rubric's
// item order) and `stage_points` (rubric::EncodeStagePoints) under `rubric`. kInternal when the
// texts do not match the rubric.
Result<rubric::ContactScore> DecodeScore(const rubric::Rubric& rubric, double total,
                                         std::string_view item_points,
                                         std::string_view stage_points, bool capped);

}  // namespace chinjeol::storage
