#pragma once

#include <string>
#include <string_view>

#include "core/common/date.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"

namespace chinjeol::programme {

struct RescoreReport {
  std::string rubric_code;
  int to_version = 0;
  long rescored = 0;   // evaluations now scored under `to_version`
  long unchanged = 0;  // already under that version
};

// Scores every evaluation of the campaign that used `rubric_code` again, from its stored
// observations, under the rubric's latest version; the previous scores stay in each
// evaluation's history. All or nothing: kInvalidArgument naming the evaluation and item when an
// observation does not fit the new version (an item it lacks, a type that changed).
Result<RescoreReport> RescoreCampaign(ports::Storage& storage, std::string_view campaign_code,
                                      std::string_view rubric_code, const LocalDateTime& now);

}  // namespace chinjeol::programme
