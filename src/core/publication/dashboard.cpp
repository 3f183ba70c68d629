#include "core/publication/dashboard.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace chinjeol::publication {
namespace {

constexpr double kZ90 = 1.6448536269514722;
constexpr double kBinWidth = 5;

int BinOf(double score) {
  const int bin = static_cast<int>(std::floor(score / kBinWidth));
  return std::clamp(bin, 0, 19);
}

// (year * 12 + month - 1) of a day number.
int MonthKey(int day) {
  const Date date = DateFromDayNumber(day);
  return static_cast<int>(date.year()) * 12 + static_cast<int>(unsigned(date.month())) - 1;
}

std::string MonthText(int key) {
  const Date first_of_month{std::chrono::year(key / 12),
                            std::chrono::month(static_cast<unsigned>(key % 12 + 1)),
                            std::chrono::day(1)};
  return FormatDate(first_of_month).substr(0, 7);
}

}  // namespace

void DashboardBuilder::Add(const results::DashboardContact& contact) {
  ++states_[{contact.round, contact.state}];
  if (contact.state != evaluation::ReviewState::kApproved || !contact.score) return;
  const double score = *contact.score;
  const auto add = [score](Sum& sum) {
    ++sum.n;
    sum.sum += score;
    sum.sum_squares += score * score;
  };
  add(all_);
  EmployeeSum& employee = employees_[contact.employee_id];
  if (employee.n == 0) ++employees_evaluated_;
  ++employee.n;
  employee.sum += score;
  employee.department_id = contact.department_id;
  DepartmentSum& department = departments_[contact.department_id];
  if (department.sum.n == 0 && contact.department_code != nullptr) {
    department.code = *contact.department_code;
  }
  add(department.sum);
  add(months_[MonthKey(contact.day) * 2 + (contact.channel == Channel::kVisit ? 1 : 0)]);
  ++days_[contact.day];
  ++bins_[static_cast<std::size_t>(BinOf(score))];
  if (contact.item_points == nullptr || contact.item_ids == nullptr ||
      contact.item_max == nullptr || contact.rubric_code == nullptr) {
    return;
  }
  // Each rubric version is matched to its code's heat map once: a version whose items differ
  // from the first version seen is left out.
  RubricSlot& slot = items_of_rubric_[contact.rubric_id];
  if (!slot.seen) {
    slot.seen = true;
    ItemSums& items = items_[*contact.rubric_code];
    if (items.item_ids.empty()) {
      items.item_ids = *contact.item_ids;
      items.max_points = *contact.item_max;
    }
    if (items.item_ids == *contact.item_ids) slot.items = &items;
  }
  if (slot.items == nullptr) return;
  ItemSums* const items = slot.items;
  auto& [earned, counted] = items->by_department[contact.department_id];
  if (earned.empty()) {
    earned.assign(items->item_ids.size(), 0);
    counted.assign(items->item_ids.size(), 0);
  }
  const std::vector<std::optional<double>>& points = *contact.item_points;
  for (std::size_t i = 0; i < points.size() && i < earned.size(); ++i) {
    if (!points[i] || items->max_points[i] <= 0) continue;
    earned[i] += *points[i] / items->max_points[i];
    ++counted[i];
  }
}

Dashboard DashboardBuilder::Finish(const campaign::Campaign& campaign, long active_employees,
                                   long counter_units) const {
  Dashboard dashboard;
  dashboard.campaign_code = campaign.code;
  dashboard.employees_active = active_employees;
  dashboard.employees_evaluated = employees_evaluated_;
  dashboard.contacts = all_.n;
  if (all_.n > 0) dashboard.mean = all_.sum / static_cast<double>(all_.n);

  // Progress per round against the quotas, and week by week against an even pace.
  const long per_round =
      active_employees * campaign.phone_per_round + counter_units * campaign.visit_per_round;
  std::set<int> rounds;
  for (const campaign::Round& round : campaign.rounds) rounds.insert(round.number);
  for (const auto& [key, count] : states_) rounds.insert(key.first);
  for (const int number : rounds) {
    Dashboard::RoundProgress progress;
    progress.round = number;
    progress.expected =
        number >= 1 && number <= static_cast<int>(campaign.rounds.size()) ? per_round : 0;
    for (const auto& [key, count] : states_) {
      if (key.first == number) progress.by_state[key.second] += count;
    }
    dashboard.rounds.push_back(std::move(progress));
  }
  const long expected_total = per_round * static_cast<long>(campaign.rounds.size());
  const int first_day = DayNumber(campaign.start);
  const int last_day = DayNumber(campaign.end);
  const int span = std::max(1, last_day - first_day + 1);
  int week = first_day - static_cast<int>((IsoWeekday(campaign.start) - 1));  // the Monday
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
  std::vector<long> employees_per_department(departments_.values.size(), 0);
  for (const EmployeeSum& sum : employees_.values) {
    if (sum.n == 0) continue;
    ++employee_bins[static_cast<std::size_t>(BinOf(sum.sum / static_cast<double>(sum.n)))];
    ++employees_per_department[static_cast<std::size_t>(sum.department_id)];
  }
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    dashboard.histogram.push_back({static_cast<double>(i) * kBinWidth,
                                   static_cast<double>(i + 1) * kBinWidth, bins_[i],
                                   employee_bins[i]});
  }

  for (std::size_t id = 0; id < departments_.values.size(); ++id) {
    const DepartmentSum& department = departments_.values[id];
    const Sum& sum = department.sum;
    if (sum.n == 0) continue;
    Dashboard::DepartmentRow row;
    row.department_code = department.code;
    row.contacts = sum.n;
    row.employees = employees_per_department[id];
    const double n = static_cast<double>(sum.n);
    row.mean = sum.sum / n;
    const double variance =
        sum.n > 1 ? std::max(0.0, (sum.sum_squares - sum.sum * sum.sum / n) / (n - 1)) : 0.0;
    const double half = kZ90 * std::sqrt(variance / n);
    row.ci_low = std::max(0.0, row.mean - half);
    row.ci_high = std::min(100.0, row.mean + half);
    dashboard.departments.push_back(std::move(row));
  }
  // Tie-aware ranks in O(n log n): departments whose interval lies wholly above, and those not
  // wholly below.
  std::vector<double> lows;
  std::vector<double> highs;
  for (const Dashboard::DepartmentRow& row : dashboard.departments) {
    lows.push_back(row.ci_low);
    highs.push_back(row.ci_high);
  }
  std::sort(lows.begin(), lows.end());
  std::sort(highs.begin(), highs.end());
  for (Dashboard::DepartmentRow& row : dashboard.departments) {
    const auto above = lows.end() - std::upper_bound(lows.begin(), lows.end(), row.ci_high);
    // Others whose high reaches this low (this row's own high always does).
    const auto not_below = highs.end() - std::lower_bound(highs.begin(), highs.end(), row.ci_low);
    row.rank = 1 + static_cast<int>(above);
    row.rank_worst = static_cast<int>(not_below);
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
    for (std::size_t department_id = 0; department_id < items.by_department.values.size();
         ++department_id) {
      const auto& sums = items.by_department.values[department_id];
      if (sums.first.empty()) continue;
      Dashboard::HeatMap::Row row;
      row.department_code = department_id < departments_.values.size()
                                ? departments_.values[department_id].code
                                : std::string();
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
    std::sort(map.rows.begin(), map.rows.end(),
              [](const Dashboard::HeatMap::Row& a, const Dashboard::HeatMap::Row& b) {
                return a.department_code < b.department_code;
              });
    dashboard.heat_maps.push_back(std::move(map));
  }

  for (const auto& [key, sum] : months_) {
    dashboard.months.push_back({MonthText(key / 2),
                                key % 2 == 1 ? Channel::kVisit : Channel::kPhone, sum.n,
                                sum.sum / static_cast<double>(sum.n)});
  }
  return dashboard;
}

Result<Dashboard> BuildDashboard(ports::Storage& storage, std::string_view campaign_code) {
  Result<std::optional<campaign::Campaign>> campaign =
      storage.campaigns().FindCampaign(campaign_code);
  if (!campaign) return campaign.error();
  if (!*campaign) return NotFound("no campaign " + std::string(campaign_code));
  Result<results::ResultsRepository::StaffCounts> staff = storage.results().CountStaff();
  if (!staff) return staff.error();
  DashboardBuilder builder;
  Result<void> read = storage.results().ForEachDashboardContact(
      campaign_code, [&](const results::DashboardContact& contact) { builder.Add(contact); });
  if (!read) return read.error();
  return builder.Finish(**campaign, staff->active_employees, staff->counter_units);
}

}  // namespace chinjeol::publication
