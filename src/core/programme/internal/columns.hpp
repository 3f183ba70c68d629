#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::programme::internal {

// Finds the expected columns of an imported table by name and collects the problems of a file,
// each with its file, line and column, up to kMaxReportedProblems.
class ImportProblems {
 public:
  explicit ImportProblems(std::string file) : file_(std::move(file)) {}

  void Add(long line, std::string column, std::string message);
  bool empty() const { return total_ == 0; }
  std::size_t total() const { return total_; }
  // kInvalidArgument: "roster.csv: 3 problems; the file was not imported", with the list.
  Error ToError() const;

 private:
  std::string file_;
  std::vector<FieldViolation> violations_;
  std::size_t total_ = 0;
};

class ColumnMap {
 public:
  // Maps `required` and `optional` names to positions in `header`. Missing required columns are
  // problems on line 1; so are unknown columns unless `extra` receives them.
  ColumnMap(const std::vector<std::string>& header, const std::vector<std::string_view>& required,
            const std::vector<std::string_view>& optional, ImportProblems& problems,
            std::vector<std::size_t>* extra = nullptr);

  // Position of a column, empty when it is absent (optional columns only).
  std::optional<std::size_t> Find(std::string_view name) const;
  // The cell of a column in `row`, trimmed; empty when the column is absent.
  std::string_view Cell(const tables::TableRow& row, std::string_view name) const;
  // The same for a position Find gave (faster for many rows).
  static std::string_view CellAt(const tables::TableRow& row, std::optional<std::size_t> position);

 private:
  std::vector<std::pair<std::string, std::size_t>> positions_;
};

// Reads an integer cell; a problem is added (and empty returned) when it is not one in range.
std::optional<int> ReadInt(ImportProblems& problems, long line, std::string_view column,
                           std::string_view cell, int min, int max);

// Reads a 1/0 cell (also true/false, Y/N, 예/아니오); an empty cell is `fallback`.
std::optional<bool> ReadFlag(ImportProblems& problems, long line, std::string_view column,
                             std::string_view cell, bool fallback);

}  // namespace chinjeol::programme::internal
