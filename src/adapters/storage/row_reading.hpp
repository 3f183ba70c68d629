#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "adapters/storage/sql/connection.hpp"
#include "core/common/date.hpp"
#include "core/common/result.hpp"

// Small helpers shared by the repositories: reading stored values back, and code -> id maps.
namespace chinjeol::storage {

// A stored ISO date; kInternal when the database holds something else (a broken invariant).
Result<Date> ReadDate(std::string_view text, std::string_view column);
Result<std::optional<Date>> ReadOptionalDate(const sql::Row& row, int column,
                                             std::string_view name);
Result<LocalDateTime> ReadDateTime(std::string_view text, std::string_view column);

// NULL for an empty optional, else the ISO text.
std::optional<std::string> OptionalDateText(const std::optional<Date>& date);

using IdMap = std::unordered_map<std::string, std::int64_t>;
// Runs `sql`, which selects (code, id), into a map.
Result<IdMap> LoadIds(sql::Connection& connection, std::string_view sql);

}  // namespace chinjeol::storage
