#include "core/planning/testing/hard_rules.hpp"

#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

namespace chinjeol::planning::testing {
namespace {

bool InRange(const Date& date, const Date& from, const Date& to) {
  return std::chrono::sys_days(date) >= std::chrono::sys_days(from) &&
         std::chrono::sys_days(date) <= std::chrono::sys_days(to);
}

// Monday of the ISO week holding `date`.
int WeekOf(const Date& date) { return DayNumber(date) - static_cast<int>(IsoWeekday(date)) + 1; }

LocalDateTime ExpectedRelease(const Date& date, const PlanInput& input) {
  Date day = date;
  for (int left = input.options.release.working_days_before; left > 0;) {
    day = AddDays(day, -1);
    if (input.calendar.IsWorkingDay(day)) --left;
  }
  const int minute = input.options.release.minute_of_day;
  return {day, minute / 60, minute % 60, 0};
}

}  // namespace

std::vector<std::string> FindHardRuleViolations(const PlanInput& input, const Plan& plan) {
  std::vector<std::string> problems;
  auto fail = [&](const Assignment& a, const std::string& what) {
    problems.push_back(a.code + " (" + FormatDate(a.date) + " " + a.monitor_code + " " +
                       (a.employee_no.empty() ? a.department_code : a.employee_no) + "): " + what);
  };
  std::map<std::string, const org::Employee*> employees;
  for (const org::Employee& e : input.employees) employees[e.employee_no] = &e;
  std::map<std::string, const org::Monitor*> monitors;
  for (const org::Monitor& m : input.monitors) monitors[m.code] = &m;
  std::map<std::string, const org::Scenario*> scenarios;
  for (const org::Scenario& s : input.scenarios) scenarios[s.code] = &s;
  std::set<std::string> units;
  for (const org::Employee& e : input.employees) {
    if (e.active && e.counter) units.insert(e.department_code);
  }
  std::map<std::string, const Assignment*> by_code;
  for (const Assignment& a : plan.assignments) {
    if (!by_code.emplace(a.code, &a).second) problems.push_back(a.code + ": code used twice");
  }
  std::map<std::string, const Assignment*> before;
  for (const Assignment& a : input.existing) before[a.code] = &a;

  const bool lunch_allowed = input.campaign.lunch == campaign::LunchPolicy::kAllow;
  const bool lunch_sample = input.campaign.lunch == campaign::LunchPolicy::kSeparate;
  const int slot = input.options.slot_minutes;

  std::map<std::tuple<std::string, int, Channel>, int> per_monitor_day;
  std::map<std::pair<std::string, int>, std::vector<const Assignment*>> monitor_day;
  std::map<std::pair<std::string, std::string>, int> monitor_employee;
  std::map<std::pair<std::string, int>, int> employee_week;
  std::map<std::pair<std::string, int>, int> unit_day;
  std::map<std::pair<std::string, std::string>, std::vector<int>> monitor_unit;
  std::map<std::tuple<std::string, int>, int> phone_quota;  // employee, round
  std::map<std::tuple<std::string, int>, int> visit_quota;  // unit, round

  for (const Assignment& a : plan.assignments) {
    if (a.status == AssignmentStatus::kCancelled) continue;
    // History kept as it was is not re-judged; everything planned by this run is.
    const auto old = before.find(a.code);
    const bool unchanged = old != before.end() && *old->second == a;
    const bool planned = a.status == AssignmentStatus::kPlanned && !unchanged;
    const int day = DayNumber(a.date);

    if (a.campaign != input.campaign.code) fail(a, "wrong campaign");
    const campaign::Round* round = nullptr;
    for (const campaign::Round& r : input.campaign.rounds) {
      if (r.number == a.round) round = &r;
    }
    if (round == nullptr || !InRange(a.date, round->start, round->end)) {
      fail(a, "date outside its round");
    }
    if (planned) {
      if (IsWeekend(a.date)) fail(a, "weekend");
      if (input.calendar.HolidayOn(a.date) != nullptr) {
        fail(a, "public holiday " + input.calendar.HolidayOn(a.date)->name_en);
      }
      if (!input.calendar.IsWorkingDay(a.date, a.department_code)) {
        fail(a, "closed (organisation or department)");
      }
      if (input.now && day <= DayNumber(input.now->date)) fail(a, "new contact not after now");
      if (a.start_minute < 9 * 60 || a.start_minute + a.duration_minutes > 18 * 60) {
        fail(a, "outside office hours");
      }
      if ((a.start_minute - 9 * 60) % slot != 0 || a.duration_minutes != slot) {
        fail(a, "off the slot grid");
      }
      const bool in_lunch =
          a.start_minute < 13 * 60 && a.start_minute + a.duration_minutes > 12 * 60;
      if (a.lunch_sample && !lunch_sample) fail(a, "lunch sample without the separate policy");
      if (a.lunch_sample &&
          (a.start_minute < 12 * 60 || a.start_minute + a.duration_minutes > 13 * 60)) {
        fail(a, "lunch sample outside the lunch hour");
      }
      if (!a.lunch_sample && in_lunch && !lunch_allowed) fail(a, "in the lunch hour");
      if (!(a.release_at == ExpectedRelease(a.date, input))) fail(a, "release time off the rule");
    }
    if (!(a.release_at < LocalDateTime{a.date, a.start_minute / 60, a.start_minute % 60, 0})) {
      fail(a, "released after the contact");
    }

    const auto monitor = monitors.find(a.monitor_code);
    if (monitor == monitors.end()) {
      fail(a, "unknown monitor");
    } else if (planned) {
      const org::Monitor& m = *monitor->second;
      if (!m.active) fail(a, "inactive monitor");
      if (m.available_from && day < DayNumber(*m.available_from))
        fail(a, "monitor not yet available");
      if (m.available_to && day > DayNumber(*m.available_to))
        fail(a, "monitor no longer available");
      for (const MonitorAbsence& absence : input.monitor_absences) {
        if (absence.monitor_code == a.monitor_code && InRange(a.date, absence.from, absence.to)) {
          fail(a, "monitor absent");
        }
      }
    }
    ++per_monitor_day[{a.monitor_code, day, a.channel}];
    for (const Assignment* other : monitor_day[{a.monitor_code, day}]) {
      if (a.start_minute < other->start_minute + other->duration_minutes &&
          other->start_minute < a.start_minute + a.duration_minutes) {
        fail(a, "monitor has two contacts at once (" + other->code + ")");
      }
    }
    monitor_day[{a.monitor_code, day}].push_back(&a);

    const auto scenario = scenarios.find(a.scenario_code);
    if (scenario == scenarios.end()) {
      fail(a, "unknown scenario");
    } else if (planned) {
      const org::Scenario& s = *scenario->second;
      if (s.abusive) fail(a, "abusive-caller scenario");
      if (s.channel != a.channel) fail(a, "scenario of the other channel");
      if (s.department_code != "*" && s.department_code != a.department_code) {
        fail(a, "scenario of another department");
      }
    }

    if (!a.retry_of.empty() && planned) {
      const auto failed = by_code.find(a.retry_of);
      const auto stored = before.find(a.retry_of);
      const Assignment* original = stored != before.end()    ? stored->second
                                   : failed != by_code.end() ? failed->second
                                                             : nullptr;
      if (original == nullptr) {
        fail(a, "repeats an unknown contact");
      } else {
        if (original->status != AssignmentStatus::kUnanswered &&
            original->status != AssignmentStatus::kVoid) {
          fail(a, "repeats a contact that was neither unanswered nor void");
        }
        if (day <= DayNumber(original->date)) fail(a, "retry not on a later day");
      }
    }

    if (a.channel == Channel::kPhone) {
      const auto employee = employees.find(a.employee_no);
      if (employee == employees.end()) {
        fail(a, "unknown employee");
        continue;
      }
      const org::Employee& e = *employee->second;
      if (planned) {
        if (!e.active) fail(a, "employee left");
        if (e.department_code != a.department_code) fail(a, "department is not the employee's");
        for (const EmployeeAbsence& absence : input.employee_absences) {
          if (absence.employee_no == a.employee_no && InRange(a.date, absence.from, absence.to)) {
            fail(a, "employee absent");
          }
        }
      }
      if (ReachesEmployee(a.status) && ++monitor_employee[{a.monitor_code, a.employee_no}] > 1) {
        fail(a, "monitor has this employee twice");
      }
      if (ReachesEmployee(a.status) && ++employee_week[{a.employee_no, WeekOf(a.date)}] > 1) {
        fail(a, "second contact in the week");
      }
      if (IsLive(a.status) && !a.lunch_sample && !a.top_up) {
        ++phone_quota[{a.employee_no, a.round}];
      }
    } else {
      if (!a.employee_no.empty()) fail(a, "a visit names an employee");
      if (planned && !units.contains(a.department_code)) fail(a, "not a counter unit");
      if (++unit_day[{a.department_code, day}] > 1) fail(a, "second visit that day");
      std::vector<int>& days = monitor_unit[{a.monitor_code, a.department_code}];
      for (int other : days) {
        if (std::abs(other - day) < input.options.lockout_days) fail(a, "inside the visit lockout");
      }
      days.push_back(day);
      if (IsLive(a.status) && !a.lunch_sample && !a.top_up) {
        ++visit_quota[{a.department_code, a.round}];
      }
    }
  }

  for (const auto& [key, count] : per_monitor_day) {
    const auto& [code, day, channel] = key;
    const auto monitor = monitors.find(code);
    if (monitor == monitors.end()) continue;
    const int capacity = channel == Channel::kPhone ? monitor->second->phone_per_day
                                                    : monitor->second->visit_per_day;
    if (count > capacity) {
      problems.push_back("monitor " + code + " on " + FormatDate(DateFromDayNumber(day)) + ": " +
                         std::to_string(count) + " " + ChannelCode(channel) +
                         " contacts, capacity " + std::to_string(capacity));
    }
  }

  // Quotas, less the shortfalls the plan states.
  std::map<std::tuple<std::string, int, Channel>, int> missing;
  for (const Shortfall& s : plan.shortfalls) {
    const std::string owner = s.channel == Channel::kPhone ? s.employee_no : s.department_code;
    missing[{owner, s.round, s.channel}] += s.missing;
  }
  for (const campaign::Round& round : input.campaign.rounds) {
    if (input.now && DayNumber(round.end) <= DayNumber(input.now->date)) continue;
    for (const org::Employee& e : input.employees) {
      if (!e.active) continue;
      const auto found = phone_quota.find({e.employee_no, round.number});
      const int got = found == phone_quota.end() ? 0 : found->second;
      const auto gap = missing.find({e.employee_no, round.number, Channel::kPhone});
      const int excused = gap == missing.end() ? 0 : gap->second;
      if (got + excused < input.campaign.phone_per_round || got > input.campaign.phone_per_round) {
        problems.push_back("employee " + e.employee_no + " round " + std::to_string(round.number) +
                           ": " + std::to_string(got) + " phone contacts, quota " +
                           std::to_string(input.campaign.phone_per_round));
      }
    }
    for (const std::string& unit : units) {
      const auto found = visit_quota.find({unit, round.number});
      const int got = found == visit_quota.end() ? 0 : found->second;
      const auto gap = missing.find({unit, round.number, Channel::kVisit});
      const int excused = gap == missing.end() ? 0 : gap->second;
      if (got + excused < input.campaign.visit_per_round || got > input.campaign.visit_per_round) {
        problems.push_back("unit " + unit + " round " + std::to_string(round.number) + ": " +
                           std::to_string(got) + " visits, quota " +
                           std::to_string(input.campaign.visit_per_round));
      }
    }
  }
  return problems;
}

}  // namespace chinjeol::planning::testing
