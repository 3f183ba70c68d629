#pragma once

#include <string_view>

namespace chinjeol::app::internal {

// Data files built into the executable (data/holidays-kr.csv), by base name; empty if unknown.
std::string_view Embedded(std::string_view name);

}  // namespace chinjeol::app::internal
