#include "core/programme/internal/columns.hpp"

#include <algorithm>
#include <charconv>

#include "core/common/text.hpp"
#include "core/programme/imports.hpp"

namespace chinjeol::programme::internal {

void ImportProblems::Add(long line, std::string column, std::string message) {
  ++total_;
  if (violations_.size() < kMaxReportedProblems) {
    violations_.emplace_back(std::move(column), std::move(message), file_, line);
  }
}

Error ImportProblems::ToError() const {
  std::string message = file_ + ": " + std::to_string(total_) +
                        (total_ == 1 ? " problem" : " problems") + "; nothing was imported";
  if (total_ > violations_.size()) {
    message += " (the first " + std::to_string(violations_.size()) + " are listed)";
  }
  return InvalidArgument(std::move(message), violations_);
}

ColumnMap::ColumnMap(const std::vector<std::string>& header,
                     const std::vector<std::string_view>& required,
                     const std::vector<std::string_view>& optional, ImportProblems& problems,
                     std::vector<std::size_t>* extra) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    const bool known = std::find(required.begin(), required.end(), name) != required.end() ||
                       std::find(optional.begin(), optional.end(), name) != optional.end();
    if (known) {
      positions_.emplace_back(name, i);
    } else if (extra != nullptr) {
      extra->push_back(i);
    } else {
      problems.Add(1, name,
                   "unknown column; expected " + Join({required.begin(), required.end()}, ","));
    }
  }
  for (const std::string_view name : required) {
    if (!Find(name)) problems.Add(1, std::string(name), "required column is missing");
  }
}

std::optional<std::size_t> ColumnMap::Find(std::string_view name) const {
  for (const auto& [column, position] : positions_) {
    if (column == name) return position;
  }
  return std::nullopt;
}

std::string_view ColumnMap::Cell(const tables::TableRow& row, std::string_view name) const {
  return CellAt(row, Find(name));
}

std::string_view ColumnMap::CellAt(const tables::TableRow& row,
                                   std::optional<std::size_t> position) {
  if (!position || *position >= row.cells.size()) return {};
  return Trim(row.cells[*position]);
}

std::optional<int> ReadInt(ImportProblems& problems, long line, std::string_view column,
                           std::string_view cell, int min, int max) {
  int value = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (cell.empty() || error != std::errc() || end != cell.data() + cell.size() || value < min ||
      value > max) {
    problems.Add(line, std::string(column),
                 "must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", got \"" + std::string(cell) + "\"");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ReadFlag(ImportProblems& problems, long line, std::string_view column,
                             std::string_view cell, bool fallback) {
  if (cell.empty()) return fallback;
  if (cell == "1" || cell == "true" || cell == "TRUE" || cell == "Y" || cell == "y" ||
      cell == "예") {
    return true;
  }
  if (cell == "0" || cell == "false" || cell == "FALSE" || cell == "N" || cell == "n" ||
      cell == "아니오") {
    return false;
  }
  problems.Add(line, std::string(column), "must be 1 or 0, got \"" + std::string(cell) + "\"");
  return std::nullopt;
}

}  // namespace chinjeol::programme::internal
