#include "core/publication/training.hpp"

#include <gtest/gtest.h>

namespace chinjeol::publication {
namespace {

coaching::TrainingSession GoodSession() {
  coaching::TrainingSession session;
  session.code = "T-2021-01";
  session.date = Date{std::chrono::year(2021), std::chrono::June, std::chrono::day(3)};
  session.topic = "친절한 전화 응대";
  session.instructor = "김강사";
  session.items = {"P02"};
  session.attendees = {"E001", "E002"};
  return session;
}

const std::set<std::string> kItems = {"P01", "P02"};
const std::set<std::string> kEmployees = {"E001", "E002", "E003"};

std::vector<std::string> Fields(const std::vector<FieldViolation>& problems) {
  std::vector<std::string> fields;
  for (const FieldViolation& problem : problems) fields.push_back(problem.field);
  return fields;
}

TEST(TrainingCheckTest, AcceptsAWellFormedSession) {
  EXPECT_TRUE(CheckTrainingSession(GoodSession(), kItems, kEmployees).empty());
}

TEST(TrainingCheckTest, InstructorAndItemsMayBeEmpty) {
  coaching::TrainingSession session = GoodSession();
  session.instructor.clear();
  session.items.clear();
  EXPECT_TRUE(CheckTrainingSession(session, kItems, kEmployees).empty());
}

TEST(TrainingCheckTest, NamesEveryBadField) {
  coaching::TrainingSession session = GoodSession();
  session.code = "  ";
  session.date = Date{std::chrono::year(2021), std::chrono::February, std::chrono::day(30)};
  session.topic = std::string(201, 'x');
  session.instructor = std::string(101, 'x');
  session.items = {"P02", "P99", "P02"};
  session.attendees = {"E001", "E009", "E003", "E001"};
  EXPECT_EQ(Fields(CheckTrainingSession(session, kItems, kEmployees)),
            (std::vector<std::string>{"code", "date", "topic", "instructor", "items/1", "items/2",
                                      "attendees/1", "attendees/3"}));
}

TEST(TrainingCheckTest, CodeAtMostFortyBytes) {
  coaching::TrainingSession session = GoodSession();
  session.code = std::string(40, 'A');
  EXPECT_TRUE(CheckTrainingSession(session, kItems, kEmployees).empty());
  session.code.push_back('A');
  EXPECT_EQ(Fields(CheckTrainingSession(session, kItems, kEmployees)),
            std::vector<std::string>{"code"});
}

TEST(TrainingCheckTest, NeedsAnAttendee) {
  coaching::TrainingSession session = GoodSession();
  session.attendees.clear();
  EXPECT_EQ(Fields(CheckTrainingSession(session, kItems, kEmployees)),
            std::vector<std::string>{"attendees"});
}

TEST(TrainingCheckTest, RejectsInvalidUtf8) {
  coaching::TrainingSession session = GoodSession();
  session.topic = "\xff\xfe";
  EXPECT_EQ(Fields(CheckTrainingSession(session, kItems, kEmployees)),
            std::vector<std::string>{"topic"});
}

}  // namespace
}  // namespace chinjeol::publication
