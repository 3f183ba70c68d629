// The CSV reader on arbitrary bytes: open, then read every row. Any result is fine as long as
// nothing crashes, leaks or hits undefined behaviour, rows have one cell per header column, names
// and cells are valid UTF-8, and their lines never go backwards (a lone CR ends a record on the
// same line).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "adapters/files/csv_table_source.hpp"
#include "fuzz/table_checks.hpp"

using chinjeol::files::CsvTableSource;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto source =
      CsvTableSource::FromText("fuzz.csv", std::string(reinterpret_cast<const char*>(data), size));
  if (!source) return 0;
  chinjeol::fuzzing::ReadAndCheckTable(**source, 1, /*lines_may_repeat=*/true);
  return 0;
}
