#include "exact_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

namespace chinjeol::bench {
namespace {

using planning::Assignment;

int IsoWeek(int day_number) {
  const int shifted = day_number + 3;
  return shifted >= 0 ? shifted / 7 : -((-shifted + 6) / 7);
}

std::string Number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.12g", value);
  return buffer;
}

// One linear constraint or the objective, written a few terms a line; empty rows are left out.
class Row {
 public:
  Row(std::ostream& out, std::string name) : out_(out), name_(std::move(name)) {}
  void Term(double coefficient, const std::string& variable) {
    if (coefficient == 0) return;
    body_ += coefficient < 0 ? " - " : " + ";
    if (std::abs(coefficient) != 1) body_ += Number(std::abs(coefficient)) + " ";
    body_ += variable;
    if (++terms_ % 8 == 0) body_ += "\n  ";
  }
  bool Empty() const { return terms_ == 0; }
  void End(const char* sense, double rhs) {
    if (terms_ == 0) return;
    out_ << " " << name_ << ":" << body_ << " " << sense << " " << Number(rhs) << "\n";
  }
  void EndObjective() { out_ << " " << name_ << ":" << body_ << "\n"; }

 private:
  std::ostream& out_;
  std::string name_;
  std::string body_;
  int terms_ = 0;
};

}  // namespace

ExactModel::ExactModel(const planning::PlanInput& input) : input_(input) {
  const planning::PlanOptions& options = input.options;
  const bool lunch_allowed = input.campaign.lunch == campaign::LunchPolicy::kAllow;
  hour_slots_.assign(24, 0);
  for (int start = 9 * 60; start + options.slot_minutes <= 18 * 60; start += options.slot_minutes) {
    const bool in_lunch = start < 13 * 60 && start + options.slot_minutes > 12 * 60;
    if (in_lunch && !lunch_allowed) continue;
    ++hour_slots_[start / 60];
    ++regular_slots_;
  }

  std::vector<campaign::Round> rounds = input.campaign.rounds;
  std::sort(rounds.begin(), rounds.end(), [](const auto& a, const auto& b) {
    return std::chrono::sys_days(a.start) < std::chrono::sys_days(b.start);
  });
  for (std::size_t r = 0; r < rounds.size(); ++r) {
    round_first_.push_back(static_cast<int>(days_.size()));
    int index = 0;
    for (int dn = DayNumber(rounds[r].start); dn <= DayNumber(rounds[r].end); ++dn) {
      const Date date = DateFromDayNumber(dn);
      if (!input.calendar.IsWorkingDay(date)) continue;
      days_.push_back(
          {dn, static_cast<int>(r), index++, IsoWeek(dn), static_cast<int>(IsoWeekday(date))});
    }
    round_count_.push_back(index);
  }

  std::map<std::string, int> department_index;
  for (std::size_t k = 0; k < input.departments.size(); ++k) {
    department_index[input.departments[k].code] = static_cast<int>(k);
    std::vector<bool> open;
    for (const Day& day : days_) {
      open.push_back(input.calendar.IsWorkingDay(DateFromDayNumber(day.day_number),
                                                 input.departments[k].code));
    }
    open_.push_back(open);
  }
  for (const org::Monitor& monitor : input.monitors) {
    std::vector<bool> available;
    for (const Day& day : days_) {
      available.push_back(
          monitor.active &&
          (!monitor.available_from || day.day_number >= DayNumber(*monitor.available_from)) &&
          (!monitor.available_to || day.day_number <= DayNumber(*monitor.available_to)));
    }
    available_.push_back(available);
  }

  std::set<int> units;
  for (const org::Employee& employee : input.employees) {
    if (!employee.active) continue;
    const int department = department_index.at(employee.department_code);
    channels_[0].owners.push_back({employee.employee_no, department});
    if (employee.counter) units.insert(department);
  }
  for (int unit : units) channels_[1].owners.push_back({input.departments[unit].code, unit});
  channels_[0].quota = input.campaign.phone_per_round;
  channels_[1].quota = input.campaign.visit_per_round;

  const planning::ObjectiveWeights& weights = options.weights;
  for (int c = 0; c < 2; ++c) {
    Channel& channel = channels_[c];
    channel.pool.assign(input.departments.size(), 0);
    for (const org::Scenario& scenario : input.scenarios) {
      if (scenario.abusive || (c == 0) != (scenario.channel == chinjeol::Channel::kPhone)) {
        continue;
      }
      if (scenario.department_code == "*") {
        for (int& count : channel.pool) ++count;
      } else if (department_index.contains(scenario.department_code)) {
        ++channel.pool[department_index.at(scenario.department_code)];
      }
    }
    int monitors_with_capacity = 0;
    double capacity_days = 0;
    for (std::size_t m = 0; m < input.monitors.size(); ++m) {
      const org::Monitor& monitor = input.monitors[m];
      const int per_day = c == 0 ? monitor.phone_per_day : monitor.visit_per_day;
      channel.capacity.push_back(monitor.active ? std::min(per_day, regular_slots_) : 0);
      if (channel.capacity.back() > 0) ++monitors_with_capacity;
      int available = 0;
      for (std::size_t d = 0; d < days_.size(); ++d) available += available_[m][d] ? 1 : 0;
      channel.load_target.push_back(static_cast<double>(channel.capacity.back()) * available);
      capacity_days += channel.load_target.back();
    }
    channel.contacts = static_cast<double>(channel.owners.size()) * channel.quota *
                       static_cast<double>(rounds.size());
    for (double& target : channel.load_target) {
      target = capacity_days > 0 ? target * channel.contacts / capacity_days : 0;
    }
    std::vector<int> per_department(input.departments.size(), 0);
    for (const Owner& owner : channel.owners) {
      per_department[owner.department] += channel.quota * static_cast<int>(rounds.size());
    }
    for (int count : per_department) channel.max_pairs += std::min(count, monitors_with_capacity);
    if (channel.contacts > 0 && channel.max_pairs > 0) constant_ += weights.crossing;
  }
}

std::string ExactModel::X(int channel, int owner, int day, int monitor) const {
  return "x" + std::to_string(channel) + "_" + std::to_string(owner) + "_" + std::to_string(day) +
         "_" + std::to_string(monitor);
}

bool ExactModel::Allowed(int channel, int owner, int day, int monitor) const {
  return channels_[channel].capacity[monitor] > 0 && available_[monitor][day] &&
         open_[channels_[channel].owners[owner].department][day];
}

void ExactModel::WriteLp(std::ostream& out) const {
  const planning::ObjectiveWeights& weights = input_.options.weights;
  const int monitors = static_cast<int>(input_.monitors.size());
  const int day_count = static_cast<int>(days_.size());
  const int rounds = static_cast<int>(round_first_.size());
  std::vector<std::string> binaries;
  std::vector<std::string> generals;
  std::ostringstream constraints;
  int row = 0;
  auto name = [&](const char* prefix) { return std::string(prefix) + std::to_string(++row); };

  std::ostringstream objective_text;
  Row obj(objective_text, "obj");

  // dev >= |count - target| for an integer count (sum of `terms`): the two sides, and the
  // chord between the neighbouring integers, which makes the relaxation exact for one term.
  using Terms = std::vector<std::pair<double, std::string>>;
  auto deviation = [&](const std::string& dev, const Terms& terms, double target) {
    for (int sign : {1, -1}) {
      Row side(constraints, name("dev"));
      side.Term(1, dev);
      for (const auto& [coefficient, variable] : terms) side.Term(-sign * coefficient, variable);
      side.End(">=", -sign * target);
    }
    const double floor = std::floor(target);
    const double fraction = target - floor;
    if (fraction > 1e-9) {
      Row chord(constraints, name("chord"));
      chord.Term(1, dev);
      for (const auto& [coefficient, variable] : terms) {
        chord.Term(-(1 - 2 * fraction) * coefficient, variable);
      }
      chord.End(">=", fraction - (1 - 2 * fraction) * floor);
    }
  };

  for (int c = 0; c < 2; ++c) {
    const Channel& channel = channels_[c];
    if (channel.owners.empty() || channel.quota == 0) continue;
    const double n = channel.contacts;
    const int owners = static_cast<int>(channel.owners.size());
    for (int o = 0; o < owners; ++o) {
      for (int d = 0; d < day_count; ++d) {
        for (int m = 0; m < monitors; ++m) {
          if (Allowed(c, o, d, m)) binaries.push_back(X(c, o, d, m));
        }
      }
    }
    // Quota per owner and round.
    for (int o = 0; o < owners; ++o) {
      for (int r = 0; r < rounds; ++r) {
        Row quota(constraints, name("quota"));
        for (int d = round_first_[r]; d < round_first_[r] + round_count_[r]; ++d) {
          for (int m = 0; m < monitors; ++m) {
            if (Allowed(c, o, d, m)) quota.Term(1, X(c, o, d, m));
          }
        }
        quota.End("=", channel.quota);
      }
    }
    // Monitor capacity per day.
    for (int d = 0; d < day_count; ++d) {
      for (int m = 0; m < monitors; ++m) {
        Row capacity(constraints, name("cap"));
        for (int o = 0; o < owners; ++o) {
          if (Allowed(c, o, d, m)) capacity.Term(1, X(c, o, d, m));
        }
        capacity.End("<=", channel.capacity[m]);
      }
    }
    if (c == 0) {
      // One contact a week per employee; a monitor never has the same employee twice.
      for (int o = 0; o < owners; ++o) {
        std::map<int, std::vector<int>> weeks;
        for (int d = 0; d < day_count; ++d) weeks[days_[d].week].push_back(d);
        for (const auto& [week, week_days] : weeks) {
          Row weekly(constraints, name("week"));
          for (int d : week_days) {
            for (int m = 0; m < monitors; ++m) {
              if (Allowed(c, o, d, m)) weekly.Term(1, X(c, o, d, m));
            }
          }
          weekly.End("<=", 1);
        }
        for (int m = 0; m < monitors; ++m) {
          Row once(constraints, name("once"));
          for (int d = 0; d < day_count; ++d) {
            if (Allowed(c, o, d, m)) once.Term(1, X(c, o, d, m));
          }
          once.End("<=", 1);
        }
      }
    } else {
      // One visit a unit a day; the same monitor not within the lockout.
      const int lockout = input_.options.lockout_days;
      for (int o = 0; o < owners; ++o) {
        for (int d = 0; d < day_count; ++d) {
          Row daily(constraints, name("unitday"));
          for (int m = 0; m < monitors; ++m) {
            if (Allowed(c, o, d, m)) daily.Term(1, X(c, o, d, m));
          }
          daily.End("<=", 1);
          for (int m = 0; m < monitors && lockout > 1; ++m) {
            Row window(constraints, name("lock"));
            for (int e = d; e < day_count && days_[e].day_number - days_[d].day_number < lockout;
                 ++e) {
              if (Allowed(c, o, e, m)) window.Term(1, X(c, o, e, m));
            }
            window.End("<=", 1);
          }
        }
      }
    }

    const std::string tag = std::to_string(c);
    // Spread over weeks and weekdays of each round.
    for (int r = 0; r < rounds; ++r) {
      const double in_round = static_cast<double>(owners) * channel.quota;
      std::map<int, std::vector<int>> weeks, weekdays;
      for (int d = round_first_[r]; d < round_first_[r] + round_count_[r]; ++d) {
        weeks[days_[d].week].push_back(d);
        weekdays[days_[d].weekday].push_back(d);
      }
      for (auto* groups : {&weeks, &weekdays}) {
        const bool is_week = groups == &weeks;
        for (const auto& [key, group_days] : *groups) {
          const double target = in_round * group_days.size() / round_count_[r];
          const std::string dev =
              (is_week ? "wk" : "wd") + tag + "_" + std::to_string(r) + "_" + std::to_string(key);
          obj.Term((is_week ? weights.week : weights.weekday) / n, dev);
          Terms terms;
          for (int d : group_days) {
            for (int o = 0; o < owners; ++o) {
              for (int m = 0; m < monitors; ++m) {
                if (Allowed(c, o, d, m)) terms.emplace_back(1, X(c, o, d, m));
              }
            }
          }
          deviation(dev, terms, target);
        }
      }
    }
    // Sweep: |covariance of department position and day index| / its normaliser, per round.
    int sweep_rounds = 0;
    std::vector<double> norm(rounds, 0), mean(rounds, 0);
    for (int r = 0; r < rounds; ++r) {
      double sum = 0, squares = 0;
      for (const Owner& owner : channel.owners) {
        sum += owner.department * channel.quota;
        squares += static_cast<double>(owner.department) * owner.department * channel.quota;
      }
      const double count = static_cast<double>(owners) * channel.quota;
      mean[r] = sum / count;
      const double variance = std::max(0.0, squares / count - mean[r] * mean[r]);
      const double day_sd =
          std::sqrt((static_cast<double>(round_count_[r]) * round_count_[r] - 1) / 12.0);
      if (variance > 1e-12 && day_sd > 0) {
        norm[r] = count * std::sqrt(variance) * day_sd;
        ++sweep_rounds;
      }
    }
    for (int r = 0; r < rounds; ++r) {
      if (norm[r] <= 0) continue;
      const std::string sweep = "sw" + tag + "_" + std::to_string(r);
      obj.Term(weights.sweep / sweep_rounds, sweep);
      for (int sign : {1, -1}) {
        Row bound(constraints, name("sweep"));
        bound.Term(1, sweep);
        for (int d = round_first_[r]; d < round_first_[r] + round_count_[r]; ++d) {
          for (int o = 0; o < owners; ++o) {
            const double coefficient =
                (channel.owners[o].department - mean[r]) * days_[d].index_in_round / norm[r];
            for (int m = 0; m < monitors; ++m) {
              if (Allowed(c, o, d, m)) bound.Term(-sign * coefficient, X(c, o, d, m));
            }
          }
        }
        bound.End(">=", 0);
      }
    }
    // Crossing: y[monitor, department] = 1 only if they meet.
    if (channel.max_pairs > 0) {
      std::map<int, std::vector<int>> by_department;
      for (int o = 0; o < owners; ++o) by_department[channel.owners[o].department].push_back(o);
      for (int m = 0; m < monitors; ++m) {
        if (channel.capacity[m] == 0) continue;
        for (const auto& [department, members] : by_department) {
          const std::string pair =
              "y" + tag + "_" + std::to_string(m) + "_" + std::to_string(department);
          binaries.push_back(pair);
          obj.Term(-weights.crossing / channel.max_pairs, pair);
          Row meet(constraints, name("meet"));
          meet.Term(1, pair);
          for (int o : members) {
            for (int d = 0; d < day_count; ++d) {
              if (Allowed(c, o, d, m)) meet.Term(-1, X(c, o, d, m));
            }
          }
          meet.End("<=", 0);
        }
      }
    }
    // Scenario repeats: contacts of a department in a week beyond its scenarios.
    {
      std::map<std::pair<int, int>, std::vector<std::pair<int, int>>> cells;  // -> (owner, day)
      for (int o = 0; o < owners; ++o) {
        for (int d = 0; d < day_count; ++d) {
          cells[{channel.owners[o].department, days_[d].week}].emplace_back(o, d);
        }
      }
      for (const auto& [key, members] : cells) {
        const int department = key.first;
        std::set<int> distinct_owners;
        for (const auto& [o, d] : members) distinct_owners.insert(o);
        const int most =
            c == 0 ? static_cast<int>(distinct_owners.size()) : static_cast<int>(members.size());
        if (most <= channel.pool[department]) continue;
        const std::string repeat =
            "sc" + tag + "_" + std::to_string(department) + "_" + std::to_string(key.second);
        obj.Term(weights.scenario / n, repeat);
        Row bound(constraints, name("scen"));
        bound.Term(1, repeat);
        for (const auto& [o, d] : members) {
          for (int m = 0; m < monitors; ++m) {
            if (Allowed(c, o, d, m)) bound.Term(-1, X(c, o, d, m));
          }
        }
        bound.End(">=", -channel.pool[department]);
      }
    }
    // Workload: |load - target| per monitor.
    for (int m = 0; m < monitors; ++m) {
      const std::string dev = "ld" + tag + "_" + std::to_string(m);
      obj.Term(weights.workload / n, dev);
      Terms terms;
      for (int o = 0; o < owners; ++o) {
        for (int d = 0; d < day_count; ++d) {
          if (Allowed(c, o, d, m)) terms.emplace_back(1, X(c, o, d, m));
        }
      }
      deviation(dev, terms, channel.load_target[m]);
    }
    // Hours: an integer histogram with the total fixed.
    if (regular_slots_ > 0) {
      Row total(constraints, name("hours"));
      for (int h = 0; h < 24; ++h) {
        if (hour_slots_[h] == 0) continue;
        const std::string count = "hn" + tag + "_" + std::to_string(h);
        const std::string dev = "hd" + tag + "_" + std::to_string(h);
        generals.push_back(count);
        total.Term(1, count);
        obj.Term(weights.hour / n, dev);
        deviation(dev, {{1, count}}, n * hour_slots_[h] / regular_slots_);
      }
      total.End("=", n);
    }
  }
  // Shared slots: both channels on one monitor-day within the office slots.
  for (int d = 0; d < day_count; ++d) {
    for (int m = 0; m < monitors; ++m) {
      if (channels_[0].capacity[m] + channels_[1].capacity[m] <= regular_slots_) continue;
      Row slots(constraints, name("slots"));
      for (int c = 0; c < 2; ++c) {
        for (int o = 0; o < static_cast<int>(channels_[c].owners.size()); ++o) {
          if (Allowed(c, o, d, m)) slots.Term(1, X(c, o, d, m));
        }
      }
      slots.End("<=", regular_slots_);
    }
  }
  obj.EndObjective();
  out << "\\ chinjeol planning model\nMinimize\n"
      << objective_text.str() << "Subject To\n"
      << constraints.str();
  out << "Generals\n";
  for (const std::string& variable : generals) out << " " << variable << "\n";
  out << "Binaries\n";
  for (const std::string& variable : binaries) out << " " << variable << "\n";
  out << "End\n";
  variables_ = static_cast<int>(binaries.size() + generals.size());
  constraints_ = row;
}

double ExactModel::Evaluate(const std::vector<Assignment>& assignments,
                            std::map<std::string, double>* terms) const {
  const planning::ObjectiveWeights& weights = input_.options.weights;
  std::map<int, int> day_index;
  for (std::size_t d = 0; d < days_.size(); ++d)
    day_index[days_[d].day_number] = static_cast<int>(d);
  std::map<std::string, int> monitor_index;
  for (std::size_t m = 0; m < input_.monitors.size(); ++m) {
    monitor_index[input_.monitors[m].code] = static_cast<int>(m);
  }
  const int rounds = static_cast<int>(round_first_.size());
  double total = 0;
  for (int c = 0; c < 2; ++c) {
    const Channel& channel = channels_[c];
    if (channel.contacts == 0) continue;
    std::map<std::string, int> owner_index;
    for (std::size_t o = 0; o < channel.owners.size(); ++o) {
      owner_index[channel.owners[o].code] = static_cast<int>(o);
    }
    std::map<std::pair<int, int>, double> week_count, weekday_count;
    std::vector<double> covariance(rounds, 0);
    std::set<std::pair<int, int>> pairs;
    std::map<std::pair<int, int>, int> department_week;
    std::vector<double> load(input_.monitors.size(), 0);
    std::vector<double> hours(24, 0);
    double n = 0;
    // Means as the model has them.
    for (const Assignment& a : assignments) {
      if (!planning::IsLive(a.status) || (a.channel == chinjeol::Channel::kPhone) != (c == 0)) {
        continue;
      }
      n += 1;
      const Owner& owner =
          channel.owners[owner_index.at(c == 0 ? a.employee_no : a.department_code)];
      const Day& day = days_[day_index.at(DayNumber(a.date))];
      ++week_count[{day.round, day.week}];
      ++weekday_count[{day.round, day.weekday}];
      double sum = 0;
      for (const Owner& other : channel.owners) sum += other.department;
      covariance[day.round] +=
          (owner.department - sum / channel.owners.size()) * day.index_in_round;
      const int monitor = monitor_index.at(a.monitor_code);
      pairs.insert({monitor, owner.department});
      ++department_week[{owner.department, day.week}];
      load[monitor] += 1;
      hours[a.start_minute / 60] += 1;
    }
    const std::string label = c == 0 ? "phone " : "visit ";
    double term = 0;
    double mark = 0;
    auto note = [&](const char* name) {
      if (terms != nullptr) (*terms)[label + name] += term - mark;
      mark = term;
    };
    for (int r = 0; r < rounds; ++r) {
      const double in_round = static_cast<double>(channel.owners.size()) * channel.quota;
      std::map<int, int> weeks, weekdays;
      for (int d = round_first_[r]; d < round_first_[r] + round_count_[r]; ++d) {
        ++weeks[days_[d].week];
        ++weekdays[days_[d].weekday];
      }
      for (const auto& [week, count] : weeks) {
        term +=
            weights.week * std::abs(week_count[{r, week}] - in_round * count / round_count_[r]) / n;
      }
      for (const auto& [weekday, count] : weekdays) {
        term += weights.weekday *
                std::abs(weekday_count[{r, weekday}] - in_round * count / round_count_[r]) / n;
      }
    }
    note("week+weekday");
    int sweep_rounds = 0;
    double sweep = 0;
    for (int r = 0; r < rounds; ++r) {
      double sum = 0, squares = 0;
      for (const Owner& owner : channel.owners) {
        sum += owner.department * channel.quota;
        squares += static_cast<double>(owner.department) * owner.department * channel.quota;
      }
      const double count = static_cast<double>(channel.owners.size()) * channel.quota;
      const double mean = sum / count;
      const double variance = std::max(0.0, squares / count - mean * mean);
      const double day_sd =
          std::sqrt((static_cast<double>(round_count_[r]) * round_count_[r] - 1) / 12.0);
      if (variance <= 1e-12 || day_sd <= 0) continue;
      ++sweep_rounds;
      sweep += std::abs(covariance[r]) / (count * std::sqrt(variance) * day_sd);
    }
    if (sweep_rounds > 0) term += weights.sweep * sweep / sweep_rounds;
    note("sweep");
    if (channel.max_pairs > 0) {
      term += weights.crossing * (1.0 - static_cast<double>(pairs.size()) / channel.max_pairs);
    }
    note("crossing");
    for (const auto& [key, count] : department_week) {
      term += weights.scenario * std::max(0, count - channel.pool[key.first]) / n;
    }
    note("scenario");
    for (std::size_t m = 0; m < load.size(); ++m) {
      term += weights.workload * std::abs(load[m] - channel.load_target[m]) / n;
    }
    note("workload");
    for (int h = 0; h < 24; ++h) {
      if (regular_slots_ == 0) break;
      term += weights.hour * std::abs(hours[h] - n * hour_slots_[h] / regular_slots_) / n;
    }
    note("hour");
    total += term;
  }
  return total;
}

std::vector<Assignment> ExactModel::FromSolution(
    const std::map<std::string, double>& values) const {
  std::vector<Assignment> assignments;
  std::vector<int> hours[2];
  for (const auto& [name, value] : values) {
    if (value < 0.5) continue;
    int c = 0, a = 0, b = 0, m = 0;
    if (std::sscanf(name.c_str(), "hn%d_%d", &c, &a) == 2) {
      for (long k = std::lround(value); k > 0; --k) hours[c].push_back(a);
      continue;
    }
    if (std::sscanf(name.c_str(), "x%d_%d_%d_%d", &c, &a, &b, &m) != 4) continue;
    Assignment assignment;
    assignment.channel = c == 0 ? chinjeol::Channel::kPhone : chinjeol::Channel::kVisit;
    const Owner& owner = channels_[c].owners[a];
    if (c == 0) {
      assignment.employee_no = owner.code;
      assignment.department_code = input_.departments[owner.department].code;
    } else {
      assignment.department_code = owner.code;
    }
    assignment.date = DateFromDayNumber(days_[b].day_number);
    assignment.monitor_code = input_.monitors[m].code;
    assignment.round = days_[b].round + 1;
    assignments.push_back(assignment);
  }
  std::size_t next[2] = {0, 0};
  for (Assignment& assignment : assignments) {
    const int c = assignment.channel == chinjeol::Channel::kPhone ? 0 : 1;
    const int hour = next[c] < hours[c].size() ? hours[c][next[c]++] : 9;
    assignment.start_minute = hour * 60;
  }
  return assignments;
}

}  // namespace chinjeol::bench
