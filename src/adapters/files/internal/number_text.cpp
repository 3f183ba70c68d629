#include "adapters/files/internal/number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace chinjeol::files::internal {

void AppendInteger(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void AppendDecimal(std::string& out, double value) {
  if (!std::isfinite(value)) return;
  if (value == 0) value = 0;  // no "-0"
  // Fixed notation of a double has at most 309 integral and 1074 fractional digits (denormals).
  char buffer[1100];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  out.append(buffer, result.ptr);
}

void AppendJsonNumber(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  if (value == 0) value = 0;
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

std::string FormatSpreadsheetNumber(double value) {
  std::string text;
  if (!std::isfinite(value)) return text;
  if (value == 0) return "0";
  if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
    AppendInteger(text, static_cast<std::int64_t>(value));
    return text;
  }
  // "d.dddddddddddddde+XX": 15 significant digits, then drop trailing zeros.
  char buffer[32];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific, 14);
  const std::string_view scientific(buffer, result.ptr - buffer);
  const std::size_t e_pos = scientific.find('e');
  const bool negative = scientific.front() == '-';
  std::string digits;
  for (char c : scientific.substr(0, e_pos)) {
    if (c >= '0' && c <= '9') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int exponent = std::atoi(std::string(scientific.substr(e_pos + 1)).c_str());

  if (negative) text += '-';
  if (exponent >= 15 || exponent < -9) {
    text += digits[0];
    if (digits.size() > 1) {
      text += '.';
      text.append(digits, 1);
    }
    text += exponent < 0 ? "e-" : "e+";
    const int magnitude = std::abs(exponent);
    if (magnitude < 10) text += '0';
    text += std::to_string(magnitude);
    return text;
  }
  if (exponent < 0) {
    text += "0.";
    text.append(static_cast<std::size_t>(-exponent - 1), '0');
    text += digits;
    return text;
  }
  const auto integral_digits = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= integral_digits) {
    text += digits;
    text.append(integral_digits - digits.size(), '0');
    return text;
  }
  text.append(digits, 0, integral_digits);
  text += '.';
  text.append(digits, integral_digits);
  return text;
}

}  // namespace chinjeol::files::internal
