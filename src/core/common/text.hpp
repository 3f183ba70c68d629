#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chinjeol {

// Leading and trailing ASCII whitespace removed.
std::string_view Trim(std::string_view text);

// Splits on `separator`, trimming each part; an empty input gives no parts.
std::vector<std::string> SplitList(std::string_view text, char separator);

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);

// A number with one digit after the point, as people read scores: "74.2", "80.0".
std::string FormatOneDecimal(double value);

// Joins with `separator`.
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace chinjeol
