#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/common/result.hpp"

namespace chinjeol::tables {

// One cell of an exported table: empty, text, a whole number or a real number. Numbers stay
// numbers in XLSX and JSON; CSV writes them in plain decimal form.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double>;

// Where an export goes, row by row, so that exports stream (CSV, XLSX, JSON).
class TableSink {
 public:
  virtual ~TableSink() = default;

  // Called once, before any row.
  virtual Result<void> Header(const std::vector<std::string>& columns) = 0;
  // One cell per header column.
  virtual Result<void> Row(const std::vector<Cell>& cells) = 0;
  // Completes the output (an XLSX file is written here); nothing is usable before.
  virtual Result<void> Finish() = 0;
};

}  // namespace chinjeol::tables
