#include "adapters/storage/score_text.hpp"

#include <charconv>
#include <string>

namespace chinjeol::storage {
namespace {

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Calls `part` for each piece of `text` between separators; an empty text has no pieces.
template <typename Visit>
bool ForEachPart(std::string_view text, char separator, Visit part) {
  if (text.empty()) return true;
  for (;;) {
    const std::size_t end = text.find(separator);
    if (!part(text.substr(0, end))) return false;
    if (end == std::string_view::npos) return true;
    text.remove_prefix(end + 1);
  }
}

}  // namespace

Result<rubric::ContactScore> DecodeScore(const rubric::Rubric& rubric, double total,
                                         std::string_view item_points, bool capped) {
  const auto corrupt = [&](std::string_view what) -> Error {
    return Internal("stored " + std::string(what) + " do not match rubric " + rubric.code +
                    " version " + std::to_string(rubric.version));
  };
  rubric::ContactScore score;
  score.total = total;
  score.capped = capped;
  score.items.reserve(rubric.items.size());
  score.stages.reserve(rubric.stages.size());
  std::size_t index = 0;
  const bool items_read = ForEachPart(item_points, ',', [&](std::string_view part) {
    if (index >= rubric.items.size()) return false;
    const rubric::Item& item = rubric.items[index++];
    rubric::ItemScore item_score{item.id, std::nullopt, item.points};
    if (part != "na") {
      item_score.points = ParseNumber(part);
      if (!item_score.points) return false;
    }
    score.items.push_back(std::move(item_score));
    return true;
  });
  if (!items_read || score.items.size() != rubric.items.size()) return corrupt("item points");
  score.stages = rubric::StageSubtotals(rubric, score.items);
  return score;
}

}  // namespace chinjeol::storage
