#include "adapters/files/internal/xlsx_parts.hpp"

#include <gtest/gtest.h>

#include <string>

namespace chinjeol::files::internal {
namespace {

TEST(ClassifyNumberFormat, FindsDatePartsOutsideQuotesAndBrackets) {
  EXPECT_EQ(ClassifyNumberFormat("yyyy-mm-dd"), NumberKind::kDate);
  EXPECT_EQ(ClassifyNumberFormat("yyyy\"년\" m\"월\" d\"일\""), NumberKind::kDate);
  EXPECT_EQ(ClassifyNumberFormat("[$-412]yyyy-mm-dd;@"), NumberKind::kDate);
  EXPECT_EQ(ClassifyNumberFormat("mmm"), NumberKind::kDate);
  EXPECT_EQ(ClassifyNumberFormat("yyyy-mm-dd hh:mm:ss"), NumberKind::kDate);
  EXPECT_EQ(ClassifyNumberFormat("hh:mm"), NumberKind::kTime);
  EXPECT_EQ(ClassifyNumberFormat("h:mm AM/PM"), NumberKind::kTime);
  EXPECT_EQ(ClassifyNumberFormat("[h]:mm"), NumberKind::kTime);
  EXPECT_EQ(ClassifyNumberFormat("General"), NumberKind::kNumber);
  EXPECT_EQ(ClassifyNumberFormat("#,##0.00 \"days\""), NumberKind::kNumber);
  EXPECT_EQ(ClassifyNumberFormat("[Red]#,##0;[Blue](#,##0)"), NumberKind::kNumber);
  EXPECT_EQ(ClassifyNumberFormat("0.00E+00"), NumberKind::kNumber);
  EXPECT_EQ(ClassifyNumberFormat("#,##0\\d"), NumberKind::kNumber);
  EXPECT_EQ(ClassifyNumberFormat("0_);*d"), NumberKind::kNumber);
}

TEST(BuiltinNumberKind, KnowsDateAndTimeFormats) {
  EXPECT_EQ(BuiltinNumberKind(0), NumberKind::kNumber);
  EXPECT_EQ(BuiltinNumberKind(2), NumberKind::kNumber);
  EXPECT_EQ(BuiltinNumberKind(14), NumberKind::kDate);
  EXPECT_EQ(BuiltinNumberKind(22), NumberKind::kDate);
  EXPECT_EQ(BuiltinNumberKind(20), NumberKind::kTime);
  EXPECT_EQ(BuiltinNumberKind(46), NumberKind::kTime);
  EXPECT_EQ(BuiltinNumberKind(31), NumberKind::kDate);
  EXPECT_EQ(BuiltinNumberKind(49), NumberKind::kNumber);
}

TEST(FormatDateSerial, ConvertsBothDateSystems) {
  EXPECT_EQ(FormatDateSerial(44333, NumberKind::kDate, false), "2021-05-17");
  EXPECT_EQ(FormatDateSerial(44333.420138888889, NumberKind::kDate, false), "2021-05-17T10:05:00");
  EXPECT_EQ(FormatDateSerial(42871, NumberKind::kDate, true), "2021-05-17");
  EXPECT_EQ(FormatDateSerial(1, NumberKind::kDate, false), "1900-01-01");
  EXPECT_EQ(FormatDateSerial(59, NumberKind::kDate, false), "1900-02-28");
  EXPECT_EQ(FormatDateSerial(61, NumberKind::kDate, false), "1900-03-01");
  EXPECT_EQ(FormatDateSerial(44333.99999999, NumberKind::kDate, false), "2021-05-18");
  EXPECT_EQ(FormatDateSerial(2958465, NumberKind::kDate, false), "9999-12-31");
  EXPECT_EQ(FormatDateSerial(-1, NumberKind::kDate, false), std::nullopt);
  EXPECT_EQ(FormatDateSerial(3e6, NumberKind::kDate, false), std::nullopt);
}

TEST(FormatDateSerial, WritesTimeOfDayForTimeFormats) {
  EXPECT_EQ(FormatDateSerial(0.5, NumberKind::kTime, false), "12:00:00");
  EXPECT_EQ(FormatDateSerial(0.420138888889, NumberKind::kTime, true), "10:05:00");
  EXPECT_EQ(FormatDateSerial(44333.5, NumberKind::kTime, false), "2021-05-17T12:00:00");
}

TEST(ResolvePartName, ResolvesRelativeAndAbsoluteTargets) {
  EXPECT_EQ(ResolvePartName("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml");
  EXPECT_EQ(ResolvePartName("xl/workbook.xml", "/xl/worksheets/sheet2.xml"),
            "xl/worksheets/sheet2.xml");
  EXPECT_EQ(ResolvePartName("xl/workbook.xml", "../other/./s.xml"), "other/s.xml");
  EXPECT_EQ(ResolvePartName("", "xl/workbook.xml"), "xl/workbook.xml");
}

TEST(DecodeEscapes, DecodesHexEscapes) {
  std::string text = "a_x000D_b_x005F_x0041_ _x00e9_ _xZZZZ_ _x12";
  DecodeEscapes(text);
  EXPECT_EQ(text, "a\rb_x0041_ \xC3\xA9 _xZZZZ_ _x12");
}

}  // namespace
}  // namespace chinjeol::files::internal
