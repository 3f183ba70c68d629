#include "core/access/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace chinjeol::access {
namespace {

constexpr double kZ90 = 1.6448536269514722;
constexpr double kBinWidth = 5;

int BinOf(double score) {
  const int bin = static_cast<int>(std::floor(score / kBinWidth));
  return std::clamp(bin, 0, 19);
}

std::string MonthOf(const Date& date) {
  const std::string text = FormatDate(date);
  return text.substr(0, 7);
}

}  // namespace

void DashboardBuilder::Add(const DashboardContact& contact) {
  const double score = contact.score;
  const auto add = [score](Sum& sum) {
    ++sum.n;
    sum.sum += score;
    sum.sum_squares += score * score;
  };
  add(all_);
  add(employees_[contact.employee_id]);
  add(departments_[contact.department_code]);
  department_employees_[contact.department_code][contact.employee_id] = true;
  add(months_[{MonthOf(contact.performed_on), contact.channel == Channel::kVisit ? 1 : 0}]);
  ++days_[DayNumber(contact.performed_on)];
  ++bins_[static_cast<std::size_t>(BinOf(score))];
  if (contact.item_ids == nullptr) return;
  ItemSums& items = items_[contact.rubric_code];
  if (items.item_ids.empty()) {
    items.item_ids = *contact.item_ids;
    items.max_points = contact.item_max;
  }
  if (items.item_ids.size() != contact.item_ids->size()) return;  // another version's layout
  auto& [earned, counted] = items.by_department[contact.department_code];
  if (earned.empty()) {
    earned.assign(items.item_ids.size(), 0);
    counted.assign(items.item_ids.size(), 0);
  }
  for (std::size_t i = 0; i < contact.item_points.size() && i < earned.size(); ++i) {
    if (!contact.item_points[i] || contact.item_max[i] <= 0) continue;
    earned[i] += *contact.item_points[i] / contact.item_max[i];
    ++counted[i];
  }
}

Dashboard DashboardBuilder::Finish(const campaign::Campaign& campaign,
                                   const std::vector<StateCount>& counts, long active_employees,
                                   long counter_units) const {
  Dashboard dashboard;
  dashboard.campaign_code = campaign.code;
  dashboard.employees_active = active_employees;
  dashboard.employees_evaluated = static_cast<long>(employees_.size());
  dashboard.contacts = all_.n;
  if (all_.n > 0) dashboard.mean = all_.sum / static_cast<double>(all_.n);

  // Progress per round against the quotas, and week by week against an even pace.
  const long per_round =
      active_employees * campaign.phone_per_round + counter_units * campaign.visit_per_round;
  std::set<int> rounds;
  for (const campaign::Round& round : campaign.rounds) rounds.insert(round.number);
  for (const StateCount& count : counts) rounds.insert(count.round);
  for (const int number : rounds) {
    Dashboard::RoundProgress progress;
    progress.round = number;
    progress.expected =
        number >= 1 && number <= static_cast<int>(campaign.rounds.size()) ? per_round : 0;
    for (const StateCount& count : counts) {
      if (count.round == number) progress.by_state[count.state] += count.count;
    }
    dashboard.rounds.push_back(std::move(progress));
  }
  const long expected_total = per_round * static_cast<long>(campaign.rounds.size());
  const int first_day = DayNumber(campaign.start);
  const int last_day = DayNumber(campaign.end);
  const int span = std::max(1, last_day - first_day + 1);
  // Weeks start on Monday; DayNumber 0 (1970-01-01) was a Thursday.
  int week = first_day - static_cast<int>((IsoWeekday(campaign.start) - 1));
  long approved_total = 0;
  auto day = days_.begin();
  while (day != days_.end() && day->first < week) {
    approved_total += day->second;
    ++day;
  }
  for (; week <= last_day; week += 7) {
    Dashboard::WeekProgress progress;
    progress.week_start = DateFromDayNumber(week);
    for (; day != days_.end() && day->first < week + 7; ++day) progress.approved += day->second;
    approved_total += progress.approved;
    progress.approved_total = approved_total;
    const int elapsed = std::clamp(week + 7 - first_day, 0, span);
    progress.expected_total =
        static_cast<long>(std::llround(static_cast<double>(expected_total) * elapsed / span));
    dashboard.weeks.push_back(progress);
  }

  std::vector<long> employee_bins(20, 0);
  for (const auto& [id, sum] : employees_) {
    ++employee_bins[static_cast<std::size_t>(BinOf(sum.sum / static_cast<double>(sum.n)))];
  }
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    dashboard.histogram.push_back({static_cast<double>(i) * kBinWidth,
                                   static_cast<double>(i + 1) * kBinWidth, bins_[i],
                                   employee_bins[i]});
  }

  for (const auto& [code, sum] : departments_) {
    Dashboard::DepartmentRow row;
    row.department_code = code;
    row.contacts = sum.n;
    row.employees = static_cast<long>(department_employees_.at(code).size());
    const double n = static_cast<double>(sum.n);
    row.mean = sum.sum / n;
    const double variance =
        sum.n > 1 ? std::max(0.0, (sum.sum_squares - sum.sum * sum.sum / n) / (n - 1)) : 0.0;
    const double half = kZ90 * std::sqrt(variance / n);
    row.ci_low = std::max(0.0, row.mean - half);
    row.ci_high = std::min(100.0, row.mean + half);
    dashboard.departments.push_back(std::move(row));
  }
  for (Dashboard::DepartmentRow& row : dashboard.departments) {
    int above = 0;
    int not_below = 0;
    for (const Dashboard::DepartmentRow& other : dashboard.departments) {
      if (&other == &row) continue;
      if (other.ci_low > row.ci_high) ++above;
      if (other.ci_high >= row.ci_low) ++not_below;
    }
    row.rank = 1 + above;
    row.rank_worst = 1 + not_below;
  }
  std::sort(dashboard.departments.begin(), dashboard.departments.end(),
            [](const Dashboard::DepartmentRow& a, const Dashboard::DepartmentRow& b) {
              if (a.mean != b.mean) return a.mean > b.mean;
              return a.department_code < b.department_code;
            });

  for (const auto& [rubric_code, items] : items_) {
    Dashboard::HeatMap map;
    map.rubric_code = rubric_code;
    map.item_ids = items.item_ids;
    for (const auto& [department, sums] : items.by_department) {
      Dashboard::HeatMap::Row row;
      row.department_code = department;
      for (std::size_t i = 0; i < sums.first.size(); ++i) {
        row.contacts.push_back(sums.second[i]);
        if (sums.second[i] == 0) {
          row.percent.emplace_back();
        } else {
          row.percent.emplace_back(100.0 * sums.first[i] / static_cast<double>(sums.second[i]));
        }
      }
      map.rows.push_back(std::move(row));
    }
    dashboard.heat_maps.push_back(std::move(map));
  }

  for (const auto& [key, sum] : months_) {
    dashboard.months.push_back({key.first, key.second == 1 ? Channel::kVisit : Channel::kPhone,
                                sum.n, sum.sum / static_cast<double>(sum.n)});
  }
  return dashboard;
}

Result<Dashboard> BuildDashboard(programme::Storage& storage, std::string_view campaign_code) {
  Result<std::optional<campaign::Campaign>> campaign =
      storage.campaigns().FindCampaign(campaign_code);
  if (!campaign) return campaign.error();
  if (!*campaign) return NotFound("no campaign " + std::string(campaign_code));
  Result<std::vector<StateCount>> counts = storage.results().CountEvaluations(campaign_code);
  if (!counts) return counts.error();
  Result<ResultsRepository::StaffCounts> staff = storage.results().CountStaff();
  if (!staff) return staff.error();
  DashboardBuilder builder;
  Result<void> read = storage.results().ForEachDashboardContact(
      campaign_code, [&](const DashboardContact& contact) { builder.Add(contact); });
  if (!read) return read.error();
  return builder.Finish(**campaign, *counts, staff->active_employees, staff->counter_units);
}

}  // namespace chinjeol::access
