#pragma once

#include <optional>
#include <string_view>

#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/rubric/observation_text.hpp"
#include "core/stats/treatment_effect.hpp"
#include "core/tables/table_sink.hpp"

namespace chinjeol::programme {

enum class EffectOf { kCoaching, kTraining };
const char* EffectOfCode(EffectOf of);  // "coaching", "training"
std::optional<EffectOf> ParseEffectOf(std::string_view text);

struct EffectReport {
  EffectOf of = EffectOf::kCoaching;
  stats::EffectEstimate estimate;
  rubric::Wording conclusion;  // in plain words; never "improved" when the interval spans zero
};

// The effect of coaching (contacts after an employee's first coaching session) or of training
// (contacts after the first training session an employee attended) on the campaign's contact
// scores, from the fair-score model with a treated-after term (stats::EstimateTreatmentEffect),
// which accounts for coaching being given to those who scored low. kNotFound for an unknown
// campaign; kFailedPrecondition when nobody was coached (trained) before a contact, or nobody
// was left untreated to compare with.
Result<EffectReport> EstimateEffect(ports::Storage& storage, std::string_view campaign_code,
                                    EffectOf of);

// The conclusion in words, Korean and English.
rubric::Wording DescribeEffect(const stats::EffectEstimate& estimate, EffectOf of);

// One row: of,estimate,ci90_low,ci90_high,shown,treated,comparison,treated_contacts,method,
// before_after,difference_in_differences,conclusion.
Result<void> WriteEffect(const EffectReport& report, tables::TableSink& sink);

}  // namespace chinjeol::programme
