#include "adapters/files/internal/number_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace chinjeol::files::internal {
namespace {

std::string Decimal(double value) {
  std::string text;
  AppendDecimal(text, value);
  return text;
}

std::string Json(double value) {
  std::string text;
  AppendJsonNumber(text, value);
  return text;
}

TEST(FormatSpreadsheetNumber, ShowsFifteenSignificantDigitsAtMost) {
  EXPECT_EQ(FormatSpreadsheetNumber(87.40000000000001), "87.4");
  EXPECT_EQ(FormatSpreadsheetNumber(0.1 + 0.2), "0.3");
  EXPECT_EQ(FormatSpreadsheetNumber(2.9999999999999996), "3");
  EXPECT_EQ(FormatSpreadsheetNumber(1.0 / 3), "0.333333333333333");
  EXPECT_EQ(FormatSpreadsheetNumber(123456789.123456789), "123456789.123457");
}

TEST(FormatSpreadsheetNumber, WritesIntegersWithoutFraction) {
  EXPECT_EQ(FormatSpreadsheetNumber(100.0), "100");
  EXPECT_EQ(FormatSpreadsheetNumber(-42.0), "-42");
  EXPECT_EQ(FormatSpreadsheetNumber(0.0), "0");
  EXPECT_EQ(FormatSpreadsheetNumber(-0.0), "0");
  EXPECT_EQ(FormatSpreadsheetNumber(1012345678.0), "1012345678");
  EXPECT_EQ(FormatSpreadsheetNumber(999999999999999.0), "999999999999999");
}

TEST(FormatSpreadsheetNumber, UsesExponentOnlyForVeryLargeOrSmall) {
  EXPECT_EQ(FormatSpreadsheetNumber(0.000125), "0.000125");
  EXPECT_EQ(FormatSpreadsheetNumber(-0.5), "-0.5");
  EXPECT_EQ(FormatSpreadsheetNumber(1e-9), "0.000000001");
  EXPECT_EQ(FormatSpreadsheetNumber(1.5e-12), "1.5e-12");
  EXPECT_EQ(FormatSpreadsheetNumber(1e20), "1e+20");
  EXPECT_EQ(FormatSpreadsheetNumber(-1.25e15), "-1.25e+15");
  EXPECT_EQ(FormatSpreadsheetNumber(123456789012345678.0), "1.23456789012346e+17");
  EXPECT_EQ(FormatSpreadsheetNumber(1234.5), "1234.5");
}

TEST(AppendDecimal, WritesShortestExactPlainDecimal) {
  EXPECT_EQ(Decimal(87.4), "87.4");
  EXPECT_EQ(Decimal(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(Decimal(100), "100");
  EXPECT_EQ(Decimal(-0.0), "0");
  EXPECT_EQ(Decimal(1e21), "1000000000000000000000");
  EXPECT_EQ(Decimal(1.5e-7), "0.00000015");
  EXPECT_EQ(Decimal(std::nan("")), "");
}

TEST(AppendJsonNumber, WritesShortestAndNullForNonFinite) {
  EXPECT_EQ(Json(87.4), "87.4");
  EXPECT_EQ(Json(1e21), "1e+21");
  EXPECT_EQ(Json(-0.0), "0");
  EXPECT_EQ(Json(INFINITY), "null");
}

}  // namespace
}  // namespace chinjeol::files::internal
