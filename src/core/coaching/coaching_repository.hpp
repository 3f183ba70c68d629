#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/result.hpp"

namespace chinjeol::coaching {

// A training session with the employees who attended it.
struct TrainingSession {
  std::string code;
  Date date;
  std::string topic;
  std::string instructor;
  std::vector<std::string> items;      // rubric item ids the session targets
  std::vector<std::string> attendees;  // employee numbers
  friend bool operator==(const TrainingSession&, const TrainingSession&) = default;
};

// A coaching session held with one employee.
struct CoachingSession {
  std::int64_t id = 0;
  std::string employee_no;
  std::string coach;  // the coach's login or name as recorded
  Date date;
  std::vector<std::string> items;  // rubric item ids worked on
  std::string notes;
  friend bool operator==(const CoachingSession&, const CoachingSession&) = default;
};

// Training and coaching records.
class CoachingRepository {
 public:
  virtual ~CoachingRepository() = default;
  // Adds the sessions, replacing a session with the same code (and its attendance).
  // kInvalidArgument naming the employee when an attendee is unknown.
  virtual Result<void> SaveTrainingSessions(const std::vector<TrainingSession>& sessions) = 0;
  // By date, then code; attendees by employee number.
  virtual Result<std::vector<TrainingSession>> ListTrainingSessions() const = 0;
  // kInvalidArgument naming the employee when one is unknown.
  virtual Result<void> AddCoachingSessions(const std::vector<CoachingSession>& sessions) = 0;
  // By date, then id; one employee's when given.
  virtual Result<std::vector<CoachingSession>> ListCoachingSessions(
      const std::optional<std::string>& employee_no = {}) const = 0;
};

}  // namespace chinjeol::coaching
