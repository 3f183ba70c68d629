#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/channel.hpp"
#include "core/common/date.hpp"

namespace chinjeol::org {

// The four kinds of unit a Korean city hall has.
enum class DepartmentGroup {
  kHq,          // 본청: departments of the city hall itself
  kAgency,      // 사업소: business offices (water works, agricultural centre, ...)
  kAffiliated,  // 직속기관: directly affiliated bodies (health centre, library, ...)
  kTown,        // 읍면동: town, township and neighbourhood offices
};

const char* DepartmentGroupCode(DepartmentGroup group);    // "hq", "agency", ...
const char* DepartmentGroupNameKo(DepartmentGroup group);  // "본청", "사업소", ...
// Accepts the codes and the Korean names (본청, 사업소, 직속기관, 읍면동).
std::optional<DepartmentGroup> ParseDepartmentGroup(std::string_view text);

struct Department {
  std::string code;
  std::string name;
  DepartmentGroup group = DepartmentGroup::kHq;
};

struct Employee {
  std::string employee_no;
  std::string name;
  std::string department_code;
  std::string position;  // e.g. 주무관, 팀장, 과장
  std::string phone;     // direct line the monitors call
  bool counter = false;  // serves visitors at a counter
  bool active = true;    // false once the employee has left the roster
};

// An undisclosed evaluator. Identity (name) is visible to the admin and the monitor alone.
struct Monitor {
  std::string code;
  std::string name;
  std::string gender;    // free text as delivered, e.g. "F", "M", "여", "남"
  std::string age_band;  // e.g. "30s"
  int phone_per_day = 0;
  int visit_per_day = 0;
  std::optional<Date> available_from;
  std::optional<Date> available_to;
  bool active = true;
};

inline constexpr std::string_view kAllDepartments = "*";

// A realistic inquiry a monitor uses, for one department (or every department: "*").
struct Scenario {
  std::string code;
  std::string department_code;  // "*" = any department
  Channel channel = Channel::kPhone;
  std::string title;
  std::string script;
  bool abusive = false;  // abusive-caller scripts are kept for training, never scheduled
};

}  // namespace chinjeol::org
