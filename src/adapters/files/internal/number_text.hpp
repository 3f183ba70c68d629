#pragma once

#include <cstdint>
#include <string>

namespace chinjeol::files::internal {

// Appends `value` in decimal.
void AppendInteger(std::string& out, std::int64_t value);

// Appends the shortest plain decimal form that reads back as exactly `value` ("87.4", "100",
// "0.000125"), never an exponent. Infinities and NaN append nothing. Used by the CSV sink.
void AppendDecimal(std::string& out, double value);

// Appends the shortest form that reads back as exactly `value`, with an exponent when that is
// shorter ("87.4", "1e+21"); valid JSON. Infinities and NaN append "null".
void AppendJsonNumber(std::string& out, double value);

// How a spreadsheet number reads as text: rounded to 15 significant digits as Excel shows it
// (libxlsxwriter stores 87.4 as 87.40000000000001, which gives "87.4"), integral values without
// ".0", plain decimals for exponents -9..14 and "1.5e+20" style beyond.
std::string FormatSpreadsheetNumber(double value);

}  // namespace chinjeol::files::internal
