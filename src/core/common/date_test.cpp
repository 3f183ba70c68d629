#include "core/common/date.hpp"

#include <gtest/gtest.h>

namespace chinjeol {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

TEST(ParseDate, ReadsIsoDates) {
  const auto date = ParseDate("2021-05-17");
  ASSERT_TRUE(date);
  EXPECT_EQ(*date, Date(year(2021), month(5), day(17)));
  EXPECT_EQ(FormatDate(*date), "2021-05-17");
}

TEST(ParseDate, RejectsImpossibleAndMalformedDates) {
  EXPECT_FALSE(ParseDate("2021-02-29"));
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2021-13-01"));
  EXPECT_FALSE(ParseDate("2021-5-17"));
  EXPECT_FALSE(ParseDate("17/05/2021"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_FALSE(ParseDate("2021-05-17x"));
}

TEST(ParseLocalDateTime, ReadsSecondsFractionsAndSpaceSeparator) {
  const auto full = ParseLocalDateTime("2021-05-17T10:05:30");
  ASSERT_TRUE(full);
  EXPECT_EQ(full->hour, 10);
  EXPECT_EQ(full->minute, 5);
  EXPECT_EQ(full->second, 30);
  EXPECT_EQ(FormatLocalDateTime(*full), "2021-05-17T10:05:30");

  const auto no_seconds = ParseLocalDateTime("2021-05-17 09:00");
  ASSERT_TRUE(no_seconds);
  EXPECT_EQ(no_seconds->MinuteOfDay(), 9 * 60);

  const auto fraction = ParseLocalDateTime("2021-05-17T09:00:01.250");
  ASSERT_TRUE(fraction);
  EXPECT_EQ(fraction->second, 1);

  const auto date_only = ParseLocalDateTime("2021-05-17");
  ASSERT_TRUE(date_only);
  EXPECT_EQ(date_only->MinuteOfDay(), 0);
}

TEST(ParseLocalDateTime, RejectsZonesAndOutOfRangeTimes) {
  EXPECT_FALSE(ParseLocalDateTime("2021-05-17T10:05:30Z"));
  EXPECT_FALSE(ParseLocalDateTime("2021-05-17T10:05:30+09:00"));
  EXPECT_FALSE(ParseLocalDateTime("2021-05-17T24:00"));
  EXPECT_FALSE(ParseLocalDateTime("2021-05-17T10:60"));
  EXPECT_FALSE(ParseLocalDateTime("2021-05-17T10"));
  EXPECT_FALSE(ParseLocalDateTime("2021-05-17T10:05:3"));
}

TEST(DateArithmetic, CountsDaysAndWeekdays) {
  const Date start = *ParseDate("2021-05-17");  // a Monday
  EXPECT_EQ(IsoWeekday(start), 1u);
  EXPECT_FALSE(IsWeekend(start));
  EXPECT_TRUE(IsWeekend(AddDays(start, 5)));
  EXPECT_EQ(DaysBetween(start, *ParseDate("2021-09-16")), 122);
  EXPECT_EQ(DateFromDayNumber(DayNumber(start)), start);
}

}  // namespace
}  // namespace chinjeol
