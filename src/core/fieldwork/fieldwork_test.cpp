#include "core/fieldwork/fieldwork.hpp"

#include <gtest/gtest.h>

namespace chinjeol::fieldwork {
namespace {

LocalDateTime At(const char* text) { return *ParseLocalDateTime(text); }

std::string FieldOf(const Result<void>& result) {
  return result ? std::string() : result.error().violations().at(0).field;
}

TEST(CheckContactTime, AcceptsTheAssignmentsDayUpToNow) {
  const Date day = *ParseDate("2021-06-01");
  const LocalDateTime now = At("2021-06-01T15:00:00");
  EXPECT_TRUE(CheckContactTime(At("2021-06-01T00:00:00"), day, now));
  EXPECT_TRUE(CheckContactTime(At("2021-06-01T15:00:00"), day, now));
  // In the future, the day before, the day after, or years away: refused, naming the field.
  EXPECT_EQ(FieldOf(CheckContactTime(At("2021-06-01T15:00:01"), day, now)), "performed_at");
  EXPECT_EQ(FieldOf(CheckContactTime(At("2021-05-31T23:59:59"), day, now)), "performed_at");
  EXPECT_EQ(FieldOf(CheckContactTime(At("2021-06-02T09:00:00"), day, At("2021-06-03T09:00:00"))),
            "performed_at");
  EXPECT_EQ(FieldOf(CheckContactTime(At("2019-01-01T09:00:00"), day, now)), "performed_at");
}

TEST(CheckContactEmployee, PhoneCallScoresTheAssignedEmployeeOrAColleagueWhoAnswered) {
  const ContactTarget call{"E001", "D01"};
  const std::vector<std::string> none;
  const std::vector<std::string> colleague{"ANSWERED_BY_COLLEAGUE"};
  EXPECT_TRUE(CheckContactEmployee(call, "E001", "D01", none));
  EXPECT_TRUE(CheckContactEmployee(call, "E002", "D01", colleague));
  // A colleague without the flag, or anyone of another department: refused.
  EXPECT_EQ(FieldOf(CheckContactEmployee(call, "E002", "D01", none)), "employee_no");
  EXPECT_EQ(FieldOf(CheckContactEmployee(call, "E003", "D02", colleague)), "employee_no");
  EXPECT_EQ(FieldOf(CheckContactEmployee(call, "E003", "D02", none)), "employee_no");
}

TEST(CheckContactEmployee, VisitScoresAMemberOfTheVisitedUnit) {
  const ContactTarget visit{"", "D01"};
  EXPECT_TRUE(CheckContactEmployee(visit, "E001", "D01", {}));
  EXPECT_TRUE(CheckContactEmployee(visit, "E002", "D01", {}));
  EXPECT_EQ(FieldOf(CheckContactEmployee(visit, "E003", "D02", {})), "employee_no");
}

}  // namespace
}  // namespace chinjeol::fieldwork
