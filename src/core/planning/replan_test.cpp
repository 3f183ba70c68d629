#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/planning/planner.hpp"
#include "core/planning/testing/test_support.hpp"

namespace chinjeol::planning {
namespace {

using testing::D;
using testing::KoreanHolidays;

PlanInput City(std::uint64_t seed = 5) {
  testing::OrganisationSpec organisation;
  organisation.employees = 300;
  organisation.departments = 20;
  organisation.monitors = 8;
  organisation.seed = seed;
  return testing::GenerateInput(organisation, testing::Window("2021-05-17", "2021-09-16"),
                                KoreanHolidays());
}

Plan MustPlan(const PlanInput& input) {
  Result<Plan> plan = BuildPlan(input);
  EXPECT_TRUE(plan.has_value()) << (plan ? "" : testing::Describe(plan.error()));
  return plan ? std::move(*plan) : Plan{};
}

const Assignment* Find(const Plan& plan, const std::string& code) {
  for (const Assignment& a : plan.assignments) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

std::vector<const PlanChange*> ChangesOf(const Plan& plan, ChangeKind kind) {
  std::vector<const PlanChange*> found;
  for (const PlanChange& change : plan.changes) {
    if (change.kind == kind) found.push_back(&change);
  }
  return found;
}

TEST(Replan, WithNothingChangedKeepsEveryAssignment) {
  PlanInput input = City();
  const Plan first = MustPlan(input);
  input.existing = first.assignments;
  input.options.seed = 99;  // a new seed must not move anything that still fits
  const Plan again = MustPlan(input);
  EXPECT_TRUE(again.changes.empty());
  EXPECT_EQ(again.assignments, first.assignments);
}

// Fieldwork up to 15 June 2021 noon, then: an employee leaves, one joins, a monitor drops out,
// an employee goes on leave from 21 June to 20 August; some calls went unanswered, some were
// void.
class AfterFieldwork : public ::testing::Test {
 protected:
  void SetUp() override {
    input_ = City();
    first_ = MustPlan(input_);
    now_ = {D("2021-06-15"), 12, 0, 0};
    const int today = DayNumber(now_.date);
    std::vector<Assignment> stored = first_.assignments;

    // Past contacts were done, but a few calls went unanswered and two were void.
    int unanswered = 0, voided = 0;
    std::set<std::string> touched_employees;
    for (Assignment& a : stored) {
      if (DayNumber(a.date) >= today) continue;
      a.status = AssignmentStatus::kDone;
      if (a.channel != Channel::kPhone) continue;
      if (unanswered < 3) {
        a.status = AssignmentStatus::kUnanswered;
        unanswered_codes_.push_back(a.code);
        ++unanswered;
      } else if (voided < 2) {
        a.status = AssignmentStatus::kVoid;
        void_codes_.push_back(a.code);
        ++voided;
      } else if (unreachable_.empty()) {
        // Three unanswered calls in round 1 for this employee.
        a.status = AssignmentStatus::kUnanswered;
        unreachable_ = a.employee_no;
        std::set<std::string> used = {a.monitor_code};
        for (const char* date : {"2021-05-24", "2021-06-01"}) {
          Assignment extra = a;
          extra.code = std::string("EXTRA-") + date;
          extra.date = D(date);
          for (const org::Monitor& monitor : input_.monitors) {
            if (used.contains(monitor.code) || IsBusy(monitor.code, extra.date, a.start_minute)) {
              continue;
            }
            extra.monitor_code = monitor.code;
            used.insert(monitor.code);
            break;
          }
          extra_.push_back(extra);
        }
      }
    }
    stored.insert(stored.end(), extra_.begin(), extra_.end());

    // Released: everything from now until the next working day's contacts.
    for (Assignment& a : stored) {
      if (a.status == AssignmentStatus::kPlanned && a.release_at <= now_) {
        a.status = AssignmentStatus::kReleased;
      }
    }
    input_.existing = stored;
    input_.now = now_;

    // Monitor M0002 drops out from today.
    dropped_monitor_ = "M0002";
    for (org::Monitor& monitor : input_.monitors) {
      if (monitor.code == dropped_monitor_) monitor.available_to = D("2021-06-14");
    }
    // An employee with only future contacts leaves; another goes on leave.
    std::map<std::string, int> future;
    for (const Assignment& a : stored) {
      if (a.channel == Channel::kPhone) {
        future[a.employee_no] += a.status == AssignmentStatus::kPlanned ? 1 : -10;
      }
    }
    for (const auto& [employee, count] : future) {
      if (count != 2 || employee == unreachable_) continue;
      if (leaver_.empty()) {
        leaver_ = employee;
      } else if (absent_.empty()) {
        absent_ = employee;
      }
    }
    for (org::Employee& employee : input_.employees) {
      if (employee.employee_no == leaver_) employee.active = false;
    }
    input_.employee_absences.push_back({absent_, D("2021-06-21"), D("2021-08-20")});
    org::Employee joiner = input_.employees.front();
    joiner.employee_no = "E9000001";
    joiner.active = true;
    input_.employees.push_back(joiner);

    second_ = MustPlan(input_);
  }

  bool IsBusy(const std::string& monitor, const Date& date, int start) const {
    return std::any_of(
        first_.assignments.begin(), first_.assignments.end(), [&](const Assignment& a) {
          return a.monitor_code == monitor && a.date == date && a.start_minute == start;
        });
  }

  PlanInput input_;
  Plan first_;
  Plan second_;
  LocalDateTime now_;
  std::vector<std::string> unanswered_codes_;
  std::vector<std::string> void_codes_;
  std::vector<Assignment> extra_;
  std::string unreachable_;
  std::string dropped_monitor_;
  std::string leaver_;
  std::string absent_;
};

TEST_F(AfterFieldwork, MeetsEveryHardRule) { testing::ExpectHardRules(input_, second_); }

TEST_F(AfterFieldwork, KeepsWhatIsDoneOrReleased) {
  for (const Assignment& stored : input_.existing) {
    const bool history = stored.status == AssignmentStatus::kDone ||
                         stored.status == AssignmentStatus::kVoid ||
                         stored.status == AssignmentStatus::kUnanswered;
    const bool released_elsewhere = stored.status == AssignmentStatus::kReleased &&
                                    stored.monitor_code != dropped_monitor_ &&
                                    stored.employee_no != leaver_ && stored.employee_no != absent_;
    if (!history && !released_elsewhere) continue;
    const Assignment* now = Find(second_, stored.code);
    ASSERT_NE(now, nullptr) << stored.code;
    EXPECT_EQ(*now, stored) << stored.code;
  }
}

TEST_F(AfterFieldwork, MovesOrReplacesTheDroppedMonitorsContacts) {
  int moved = 0, replaced = 0;
  for (const Assignment& a : second_.assignments) {
    if (a.monitor_code == dropped_monitor_ && IsLive(a.status) &&
        a.status != AssignmentStatus::kDone) {
      ADD_FAILURE() << a.code << " still with the dropped monitor";
    }
  }
  for (const PlanChange* change : ChangesOf(second_, ChangeKind::kMoved)) {
    if (change->before->monitor_code != dropped_monitor_) continue;
    ++moved;
    EXPECT_NE(change->reason.find(dropped_monitor_), std::string::npos) << change->reason;
    EXPECT_EQ(Find(second_, change->code)->status, AssignmentStatus::kPlanned);
  }
  for (const PlanChange* change : ChangesOf(second_, ChangeKind::kReplaced)) {
    ASSERT_TRUE(change->before.has_value());
    if (change->before->monitor_code != dropped_monitor_) continue;
    ++replaced;
    EXPECT_EQ(Find(second_, change->previous_code)->status, AssignmentStatus::kCancelled);
    EXPECT_EQ(Find(second_, change->code)->status, AssignmentStatus::kPlanned);
  }
  EXPECT_GT(moved, 0);
  EXPECT_GT(replaced, 0);
}

TEST_F(AfterFieldwork, CancelsTheLeaversContactsAndPlansTheJoiner) {
  int cancelled = 0;
  for (const PlanChange* change : ChangesOf(second_, ChangeKind::kCancelled)) {
    if (change->before->employee_no != leaver_) continue;
    ++cancelled;
    EXPECT_EQ(change->reason, "employee " + leaver_ + " left the roster");
  }
  EXPECT_EQ(cancelled, 2);
  std::set<int> joiner_rounds;
  for (const Assignment& a : second_.assignments) {
    if (a.employee_no == "E9000001") joiner_rounds.insert(a.round);
  }
  EXPECT_EQ(joiner_rounds, (std::set<int>{1, 2}));
  int added = 0;
  for (const PlanChange* change : ChangesOf(second_, ChangeKind::kAdded)) {
    if (Find(second_, change->code)->employee_no == "E9000001") {
      ++added;
      EXPECT_EQ(change->reason, "new on the roster");
    }
  }
  EXPECT_EQ(added, 2);
}

TEST_F(AfterFieldwork, RetriesUnansweredCallsOnALaterDayAtAnotherHour) {
  const std::vector<const PlanChange*> retries = ChangesOf(second_, ChangeKind::kRetry);
  std::set<std::string> retried;
  for (const PlanChange* change : retries) {
    retried.insert(change->previous_code);
    const Assignment& retry = *Find(second_, change->code);
    const Assignment& failed = *Find(second_, change->previous_code);
    EXPECT_EQ(retry.retry_of, failed.code);
    EXPECT_EQ(retry.employee_no, failed.employee_no);
    EXPECT_GT(DayNumber(retry.date), DayNumber(failed.date));
    EXPECT_NE(retry.start_minute / 60, failed.start_minute / 60);
  }
  for (const std::string& code : unanswered_codes_) EXPECT_TRUE(retried.contains(code)) << code;
}

TEST_F(AfterFieldwork, RepeatsVoidContacts) {
  std::set<std::string> repeated;
  for (const PlanChange* change : ChangesOf(second_, ChangeKind::kRescheduled)) {
    repeated.insert(change->previous_code);
  }
  for (const std::string& code : void_codes_) EXPECT_TRUE(repeated.contains(code)) << code;
}

TEST_F(AfterFieldwork, GivesUpOnAnEmployeeAfterThreeUnansweredCalls) {
  const auto shortfall =
      std::find_if(second_.shortfalls.begin(), second_.shortfalls.end(),
                   [&](const Shortfall& s) { return s.employee_no == unreachable_; });
  ASSERT_NE(shortfall, second_.shortfalls.end());
  EXPECT_EQ(shortfall->round, 1);
  EXPECT_EQ(shortfall->reason, "unreachable: 3 unanswered calls in round 1");
  for (const Assignment& a : second_.assignments) {
    if (a.employee_no == unreachable_ && a.round == 1) {
      EXPECT_NE(a.status, AssignmentStatus::kPlanned) << a.code;
    }
  }
}

TEST_F(AfterFieldwork, MovesContactsOutOfAnAbsence) {
  int in_absence = 0, live = 0;
  for (const Assignment& a : second_.assignments) {
    if (a.employee_no != absent_ || !IsLive(a.status)) continue;
    ++live;
    if (DayNumber(a.date) >= DayNumber(D("2021-06-21")) &&
        DayNumber(a.date) <= DayNumber(D("2021-08-20"))) {
      ++in_absence;
    }
  }
  EXPECT_EQ(in_absence, 0);
  EXPECT_EQ(live, 2);
}

TEST_F(AfterFieldwork, LeavesUnaffectedPlannedContactsAlone) {
  std::set<std::string> affected = {leaver_, absent_};
  int kept = 0, planned = 0;
  for (const Assignment& stored : input_.existing) {
    if (stored.status != AssignmentStatus::kPlanned || stored.monitor_code == dropped_monitor_ ||
        affected.contains(stored.employee_no)) {
      continue;
    }
    ++planned;
    const Assignment* now = Find(second_, stored.code);
    if (now != nullptr && *now == stored) ++kept;
  }
  // Only contacts displaced by new ones (capacity, the week rule) may move.
  EXPECT_GE(kept, planned * 95 / 100) << kept << " of " << planned;
}

TEST_F(AfterFieldwork, ReplanningAgainChangesNothing) {
  PlanInput again = input_;
  again.existing = second_.assignments;
  again.options.seed = 1234;
  const Plan third = MustPlan(again);
  EXPECT_TRUE(third.changes.empty())
      << third.changes.size()
      << " changes, first: " << (third.changes.empty() ? "" : third.changes[0].reason);
  EXPECT_EQ(third.assignments, second_.assignments);
}

}  // namespace
}  // namespace chinjeol::planning
