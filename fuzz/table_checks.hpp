#pragma once

#include <cstdlib>
#include <string>

#include "core/common/text.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::fuzzing {

// Reads every row of an opened table and aborts (a finding for libFuzzer) unless the header has
// names, every name and cell is valid UTF-8, every row has one cell per column, lines move
// forward (strictly, or staying on a line when `lines_may_repeat`) and progress stays in 0..1.
inline void ReadAndCheckTable(tables::TableSource& source, long first_line, bool lines_may_repeat) {
  const std::size_t columns = source.header().size();
  if (columns == 0) std::abort();
  for (const std::string& name : source.header()) {
    if (name.empty() || !IsValidUtf8(name)) std::abort();
  }
  tables::TableRow row;
  long last_line = first_line;
  for (int rows = 0; rows < 1'000'000; ++rows) {
    auto next = source.Next(row);
    if (!next || !*next) break;
    if (row.cells.size() != columns) std::abort();
    for (const std::string& cell : row.cells) {
      if (!IsValidUtf8(cell)) std::abort();
    }
    if (lines_may_repeat ? row.line < last_line : row.line <= last_line) std::abort();
    last_line = row.line;
    const double progress = source.Progress();
    if (!(progress >= 0 && progress <= 1)) std::abort();
  }
}

}  // namespace chinjeol::fuzzing
