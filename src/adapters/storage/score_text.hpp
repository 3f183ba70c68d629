#pragma once

#include <string_view>

#include "core/common/result.hpp"
#include "core/rubric/rubric.hpp"
#include "core/rubric/scoring.hpp"

namespace chinjeol::storage {

// The ContactScore stored as `total` and `item_points` (rubric::EncodeItemPoints, in the
// rubric's item order) under `rubric`; stage subtotals are summed from the items. kInternal when
// the text does not match the rubric.
Result<rubric::ContactScore> DecodeScore(const rubric::Rubric& rubric, double total,
                                         std::string_view item_points, bool capped);

}  // namespace chinjeol::storage
