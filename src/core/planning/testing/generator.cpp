#include "core/planning/testing/generator.hpp"

#include <algorithm>
#include <array>

#include "core/common/random.hpp"

namespace chinjeol::planning::testing {
namespace {

constexpr std::array<const char*, 12> kHqNames = {
    "기획예산과", "총무과", "민원과",     "세무과",       "복지정책과", "건축과",
    "교통과",     "환경과", "문화체육과", "일자리경제과", "토지정보과", "도시계획과"};
constexpr std::array<const char*, 4> kAgencyNames = {"상하수도사업소", "농업기술센터",
                                                     "차량등록사업소", "시설관리사업소"};
constexpr std::array<const char*, 3> kAffiliatedNames = {"보건소", "중앙도서관", "평생학습관"};
constexpr std::array<const char*, 14> kTownNames = {
    "소흘읍", "신북면", "군내면", "가산면", "창수면", "영중면", "일동면",
    "이동면", "영북면", "관인면", "화현면", "포천동", "선단동", "내촌면"};

std::string Number(const char* prefix, long value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  }
  return prefix + digits;
}

org::Department MakeDepartment(int index, int count) {
  // Roughly: 40 % hq, 15 % agencies, 10 % affiliated bodies, 35 % towns.
  const double position = static_cast<double>(index) / std::max(count, 1);
  org::Department department;
  department.code = Number("D", index + 1, 4);
  auto named = [&](const auto& names, org::DepartmentGroup group) {
    const std::size_t k = static_cast<std::size_t>(index) % names.size();
    department.name = names[k];
    if (static_cast<std::size_t>(index) >= names.size()) {
      department.name += " " + std::to_string(index / names.size() + 1);
    }
    department.group = group;
  };
  if (position < 0.4) {
    named(kHqNames, org::DepartmentGroup::kHq);
  } else if (position < 0.55) {
    named(kAgencyNames, org::DepartmentGroup::kAgency);
  } else if (position < 0.65) {
    named(kAffiliatedNames, org::DepartmentGroup::kAffiliated);
  } else {
    named(kTownNames, org::DepartmentGroup::kTown);
  }
  return department;
}

}  // namespace

PlanInput GenerateInput(const OrganisationSpec& organisation, const CampaignSpec& spec,
                        const std::vector<campaign::Holiday>& holidays,
                        const std::vector<campaign::Closure>& closures) {
  Random random(organisation.seed ^ 0x5EEDF00DULL);
  PlanInput input;
  input.calendar = campaign::WorkingCalendar(holidays, closures);

  const int departments = std::max(1, organisation.departments);
  std::vector<bool> is_unit(static_cast<std::size_t>(departments), false);
  for (int k = 0; k < departments; ++k) {
    input.departments.push_back(MakeDepartment(k, departments));
    // Towns always serve at a counter; others by the requested share.
    const bool town = input.departments.back().group == org::DepartmentGroup::kTown;
    is_unit[k] = town || random.Chance(organisation.unit_share);
  }
  if (organisation.unit_share <= 0) std::fill(is_unit.begin(), is_unit.end(), false);

  // Department sizes vary: weights from 0.3 to 2.0, every department gets at least one.
  std::vector<double> weight(static_cast<std::size_t>(departments));
  double total_weight = 0;
  for (double& value : weight) {
    value = 0.3 + 1.7 * random.Uniform();
    total_weight += value;
  }
  std::vector<double> cumulative(weight.size());
  double running = 0;
  for (std::size_t k = 0; k < weight.size(); ++k) {
    running += weight[k] / total_weight;
    cumulative[k] = running;
  }
  input.employees.reserve(static_cast<std::size_t>(organisation.employees));
  for (long e = 0; e < organisation.employees; ++e) {
    int department = 0;
    if (e < departments) {
      department = static_cast<int>(e);
    } else {
      const double u = random.Uniform();
      department = static_cast<int>(std::lower_bound(cumulative.begin(), cumulative.end(), u) -
                                    cumulative.begin());
      department = std::min(department, departments - 1);
    }
    org::Employee employee;
    employee.employee_no = Number("E", e + 1, 7);
    employee.name = "직원" + std::to_string(e + 1);
    employee.department_code = input.departments[department].code;
    employee.position = random.Chance(0.15) ? "팀장" : "주무관";
    employee.phone = "031-538-" + Number("", 1000 + e % 9000, 4);
    employee.counter = is_unit[department] && (e < departments || random.Chance(0.5));
    input.employees.push_back(std::move(employee));
  }

  for (int m = 0; m < organisation.monitors; ++m) {
    org::Monitor monitor;
    monitor.code = Number("M", m + 1, 4);
    monitor.name = "모니터" + std::to_string(m + 1);
    monitor.gender = m % 2 == 0 ? "F" : "M";
    monitor.age_band = std::to_string(20 + 10 * (m % 4)) + "s";
    monitor.phone_per_day = organisation.phone_per_day;
    monitor.visit_per_day = organisation.visit_per_day;
    if (random.Chance(organisation.windowed_monitors)) {
      // Joins late or leaves early, by up to a quarter of the campaign.
      const int span = DaysBetween(spec.start, spec.end);
      if (random.Chance(0.5)) {
        monitor.available_from = AddDays(spec.start, random.Between(1, std::max(1, span / 4)));
      } else {
        monitor.available_to = AddDays(spec.end, -random.Between(1, std::max(1, span / 4)));
      }
    }
    input.monitors.push_back(std::move(monitor));
  }

  int scenario_number = 0;
  auto add_scenario = [&](const std::string& department, Channel channel, bool abusive) {
    org::Scenario scenario;
    scenario.code = Number("S", ++scenario_number, 5);
    scenario.department_code = department;
    scenario.channel = channel;
    scenario.title = abusive ? "폭언 민원" : "일반 문의 " + std::to_string(scenario_number);
    scenario.script = "...";
    scenario.abusive = abusive;
    input.scenarios.push_back(std::move(scenario));
  };
  for (Channel channel : {Channel::kPhone, Channel::kVisit}) {
    for (int k = 0; k < organisation.general_scenarios; ++k) {
      add_scenario(std::string(org::kAllDepartments), channel, false);
    }
    if (organisation.abusive_scenarios) {
      add_scenario(std::string(org::kAllDepartments), channel, true);
    }
  }
  for (int k = 0; k < departments; ++k) {
    const std::string& code = input.departments[k].code;
    for (int s = 0; s < organisation.department_scenarios; ++s) {
      add_scenario(code, Channel::kPhone, false);
    }
    if (is_unit[k]) add_scenario(code, Channel::kVisit, false);
    if (organisation.abusive_scenarios && k % 3 == 0) add_scenario(code, Channel::kPhone, true);
  }

  campaign::NewCampaign request;
  request.code = spec.code;
  request.name = spec.code;
  request.start = spec.start;
  request.end = spec.end;
  request.rounds = spec.rounds;
  request.phone_per_round = spec.phone_per_round;
  request.visit_per_round = spec.visit_per_round;
  request.lunch = spec.lunch;
  Result<campaign::Campaign> planned = campaign::PlanCampaign(request, input.calendar);
  if (planned) input.campaign = *planned;
  input.options.seed = organisation.seed;
  return input;
}

std::vector<campaign::Holiday> ParseHolidaysCsv(std::string_view text) {
  std::vector<campaign::Holiday> holidays;
  std::size_t position = 0;
  while (position < text.size()) {
    std::size_t end = text.find('\n', position);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(position, end - position);
    position = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = line.find(',', start);
      fields.emplace_back(
          line.substr(start, comma == std::string_view::npos ? line.npos : comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (fields.size() < 4) continue;
    const std::optional<Date> date = ParseDate(fields[0]);
    if (!date) continue;  // the header, or a bad line
    holidays.push_back({*date, fields[1], fields[2], fields[3]});
  }
  return holidays;
}

}  // namespace chinjeol::planning::testing
