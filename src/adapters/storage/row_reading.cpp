#include "adapters/storage/row_reading.hpp"

namespace chinjeol::storage {

Result<Date> ReadDate(std::string_view text, std::string_view column) {
  std::optional<Date> date = ParseDate(text);
  if (!date) {
    return Internal("the database holds \"" + std::string(text) + "\" in " + std::string(column) +
                    ", not a date");
  }
  return *date;
}

Result<std::optional<Date>> ReadOptionalDate(const sql::Row& row, int column,
                                             std::string_view name) {
  if (row.IsNull(column)) return std::optional<Date>();
  Result<Date> date = ReadDate(row.Text(column), name);
  if (!date) return date.error();
  return std::optional<Date>(*date);
}

Result<LocalDateTime> ReadDateTime(std::string_view text, std::string_view column) {
  std::optional<LocalDateTime> time = ParseLocalDateTime(text);
  if (!time) {
    return Internal("the database holds \"" + std::string(text) + "\" in " + std::string(column) +
                    ", not a date and time");
  }
  return *time;
}

std::optional<std::string> OptionalDateText(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return FormatDate(*date);
}

Result<IdMap> LoadIds(sql::Connection& connection, std::string_view sql) {
  IdMap ids;
  Result<void> loaded = connection.Query(sql, {}, [&](const sql::Row& row) -> Result<void> {
    ids.emplace(row.String(0), row.Int64(1));
    return Ok();
  });
  if (!loaded) return loaded.error();
  return ids;
}

}  // namespace chinjeol::storage
