// The CSV reader on arbitrary bytes: open, then read every row. Any result is fine as long as
// nothing crashes, leaks or hits undefined behaviour, rows have one cell per header column, names
// and cells are valid UTF-8, and their lines never go backwards (a lone CR ends a record on the
// same line).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "adapters/files/csv_table_source.hpp"
#include "core/common/text.hpp"

using chinjeol::files::CsvTableSource;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto source =
      CsvTableSource::FromText("fuzz.csv", std::string(reinterpret_cast<const char*>(data), size));
  if (!source) return 0;
  const std::size_t columns = (*source)->header().size();
  if (columns == 0) std::abort();
  for (const std::string& name : (*source)->header()) {
    if (name.empty() || !chinjeol::IsValidUtf8(name)) std::abort();
  }
  chinjeol::tables::TableRow row;
  long last_line = 1;
  for (int rows = 0; rows < 1'000'000; ++rows) {
    auto next = (*source)->Next(row);
    if (!next || !*next) break;
    if (row.cells.size() != columns) std::abort();
    for (const std::string& cell : row.cells) {
      if (!chinjeol::IsValidUtf8(cell)) std::abort();
    }
    if (row.line < last_line) std::abort();
    last_line = row.line;
    const double progress = (*source)->Progress();
    if (!(progress >= 0 && progress <= 1)) std::abort();
  }
  return 0;
}
