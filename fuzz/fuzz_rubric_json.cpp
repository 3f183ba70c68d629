// The rubric codec on arbitrary text, read both as one rubric and as a rubric file. Whatever
// reads back must round-trip: decode -> encode -> decode gives an equal rubric and the same text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "adapters/codec/rubric_json.hpp"

namespace codec = chinjeol::codec;

namespace {

void CheckRoundTrip(const chinjeol::rubric::Rubric& rubric) {
  const std::string json = codec::RubricToJson(rubric);
  auto back = codec::RubricFromJson(json);
  if (!back) std::abort();
  if (!(*back == rubric)) std::abort();
  if (codec::RubricToJson(*back) != json) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto rubric = codec::RubricFromJson(text)) CheckRoundTrip(*rubric);
  if (auto file = codec::ParseRubricFile(text, "fuzz.json")) {
    if (file->rubrics.empty()) std::abort();
    for (const auto& rubric : file->rubrics) CheckRoundTrip(rubric);
  }
  return 0;
}
