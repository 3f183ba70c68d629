#include "core/org/organisation.hpp"

namespace chinjeol::org {

const char* DepartmentGroupCode(DepartmentGroup group) {
  switch (group) {
    case DepartmentGroup::kHq:
      return "hq";
    case DepartmentGroup::kAgency:
      return "agency";
    case DepartmentGroup::kAffiliated:
      return "affiliated";
    case DepartmentGroup::kTown:
      return "town";
  }
  return "hq";
}

const char* DepartmentGroupNameKo(DepartmentGroup group) {
  switch (group) {
    case DepartmentGroup::kHq:
      return "본청";
    case DepartmentGroup::kAgency:
      return "사업소";
    case DepartmentGroup::kAffiliated:
      return "직속기관";
    case DepartmentGroup::kTown:
      return "읍면동";
  }
  return "본청";
}

std::optional<DepartmentGroup> ParseDepartmentGroup(std::string_view text) {
  for (const DepartmentGroup group : {DepartmentGroup::kHq, DepartmentGroup::kAgency,
                                      DepartmentGroup::kAffiliated, DepartmentGroup::kTown}) {
    if (text == DepartmentGroupCode(group) || text == DepartmentGroupNameKo(group)) return group;
  }
  return std::nullopt;
}

}  // namespace chinjeol::org
