#pragma once

#include <string>
#include <vector>

#include "core/common/result.hpp"

namespace chinjeol::tables {

// One data row of an imported table. `line` is the physical line of a CSV file where the row
// starts (the header is line 1) or the sheet row number of an XLSX file.
struct TableRow {
  long line = 0;
  std::vector<std::string> cells;  // one per header column; missing trailing cells are empty
};

// A table read row by row (CSV or XLSX), so that imports stream.
class TableSource {
 public:
  virtual ~TableSource() = default;

  // The file name used in messages.
  virtual const std::string& name() const = 0;
  // Column names of the first row (a UTF-8 BOM is removed, names are trimmed).
  virtual const std::vector<std::string>& header() const = 0;
  // Reads the next data row into `row`, reusing its storage; false at the end. Blank rows are
  // skipped. kInvalidArgument naming the file and line for malformed input (bad quoting, more
  // cells than the header, invalid UTF-8).
  virtual Result<bool> Next(TableRow& row) = 0;
  // Share of the input read so far, 0..1, for progress display.
  virtual double Progress() const = 0;
};

}  // namespace chinjeol::tables
