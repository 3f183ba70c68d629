#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/campaign/campaign.hpp"
#include "core/common/date.hpp"
#include "core/ports/storage.hpp"
#include "core/results/results_repository.hpp"

namespace chinjeol::publication {

// The numbers of the admin's dashboard for one campaign, ready to chart. Built from the
// approved, scored contacts (raw contact scores: the dashboard follows fieldwork as it happens;
// fair scores are the scores page's business).
struct Dashboard {
  struct RoundProgress {
    int round = 0;
    long expected = 0;  // contacts the quotas call for (phone per employee, visits per unit)
    std::map<evaluation::ReviewState, long> by_state;
  };
  struct WeekProgress {
    Date week_start;          // Monday
    long approved = 0;        // approved contacts performed in the week
    long approved_total = 0;  // up to and including the week
    long expected_total = 0;  // where an even pace over the campaign's days would be
  };
  struct Bin {
    double from = 0;
    double to = 0;
    long contacts = 0;
    long employees = 0;  // employees whose mean contact score falls in the bin
  };
  struct DepartmentRow {
    std::string department_code;
    long contacts = 0;
    long employees = 0;
    double mean = 0;
    double ci_low = 0;  // 90 % interval of the mean
    double ci_high = 0;
    int rank = 0;        // 1 + departments whose interval lies wholly above
    int rank_worst = 0;  // the worst place still possible
  };
  struct HeatMap {
    std::string rubric_code;
    std::vector<std::string> item_ids;
    struct Row {
      std::string department_code;
      std::vector<std::optional<double>> percent;  // mean achievement per item, 0-100
      std::vector<long> contacts;                  // contacts where the item applied
    };
    std::vector<Row> rows;  // by department code
  };
  struct MonthPoint {
    std::string month;  // "2021-05"
    Channel channel = Channel::kPhone;
    long contacts = 0;
    double mean = 0;
  };

  std::string campaign_code;
  long employees_active = 0;
  long employees_evaluated = 0;
  long contacts = 0;
  std::optional<double> mean;
  std::vector<RoundProgress> rounds;
  std::vector<WeekProgress> weeks;
  std::vector<Bin> histogram;
  std::vector<DepartmentRow> departments;  // best first
  std::vector<HeatMap> heat_maps;          // one per rubric code
  std::vector<MonthPoint> months;          // by month, phone before visit
};

// Adds a campaign's evaluations one at a time; memory grows with employees and departments,
// not evaluations.
class DashboardBuilder {
 public:
  void Add(const results::DashboardContact& contact);
  // `active_employees` and `counter_units` size the quotas.
  Dashboard Finish(const campaign::Campaign& campaign, long active_employees,
                   long counter_units) const;

 private:
  struct Sum {
    long n = 0;
    double sum = 0;
    double sum_squares = 0;
  };
  struct EmployeeSum {
    long n = 0;
    double sum = 0;
    std::int64_t department_id = 0;
  };
  struct DepartmentSum {
    Sum sum;
    std::string code;
  };
  // Values by database id. Ids come from a sequence, so a vector indexed by id is small and
  // several times faster than hashing at hundreds of thousands of contacts.
  template <typename T>
  struct ById {
    std::vector<T> values;
    T& operator[](std::int64_t id) {
      const auto index = static_cast<std::size_t>(id < 0 ? 0 : id);
      if (index >= values.size()) values.resize(std::max(index + 1, values.size() * 2));
      return values[index];
    }
  };
  struct ItemSums {
    std::vector<std::string> item_ids;
    std::vector<double> max_points;
    // By department id: the summed share of each item's points, and where it applied (empty
    // for departments without such contacts).
    ById<std::pair<std::vector<double>, std::vector<long>>> by_department;
  };
  std::map<std::pair<int, evaluation::ReviewState>, long> states_;  // by round and state
  ById<EmployeeSum> employees_;                                     // n == 0: no approved contact
  ById<DepartmentSum> departments_;  // sum.n == 0: no approved contact
  long employees_evaluated_ = 0;
  std::map<std::string, ItemSums> items_;  // by rubric code
  struct RubricSlot {
    bool seen = false;
    ItemSums* items = nullptr;  // null: this version's items differ from the heat map's
  };
  ById<RubricSlot> items_of_rubric_;  // by rubric version id
  std::map<int, Sum> months_;         // key: (year * 12 + month) * 2 + channel
  std::map<int, long> days_;          // approved contacts by DayNumber
  std::vector<long> bins_ = std::vector<long>(20, 0);
  Sum all_;
};

// Reads what the dashboard needs from storage and builds it. kNotFound for an unknown campaign.
Result<Dashboard> BuildDashboard(ports::Storage& storage, std::string_view campaign_code);

}  // namespace chinjeol::publication
