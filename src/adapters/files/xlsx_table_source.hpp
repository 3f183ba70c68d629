#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::files {

// Reads the first worksheet of an .xlsx workbook row by row (libzip + expat), found through
// xl/workbook.xml and its relationships (the first visible worksheet; chart sheets are
// skipped). The sheet is streamed, so memory stays flat in the number of rows; shared strings
// and styles are loaded first.
//
// - The first row with a value is the header. Names are trimmed; a gap in the names or a
//   repeated name is an error. The header ends at its last named column.
// - A row's `line` is its sheet row number (<row r="...">); cells are placed by their reference
//   (C12), so gaps become empty cells. Rows without any value are skipped.
// - Text (shared, rich-text runs, inline, formula results) loses the ASCII spaces and tabs around
//   it, as in CSV; phonetic runs (<rPh>) are left out and _xHHHH_ escapes are decoded.
// - Numbers read as Excel shows them to 15 significant digits, integral values without ".0":
//   87.40000000000001 reads "87.4". Booleans read "1" or "0"; error values (#N/A) as written.
// - A number whose cell style has a date format (built-in 14-22, 27-36, 45-47, 50-58, or a
//   custom format with y, m, d, h or s outside quotes and brackets) reads as ISO 8601 local time:
//   "2021-05-17", "2021-05-17T10:05:00", or "10:05:00" for a time-only format below one day.
//   The workbook's 1900 or 1904 date system is honoured.
//
// Errors are kInvalidArgument with the message "file:row: problem": a value in a column beyond
// the header, a bad shared-string index, rows or cells out of order (a row number not above the
// previous one, a cell reference not right of the previous cell), a row beyond 1048576 or a cell
// beyond column XFD, malformed XML, or a file that is not an .xlsx workbook.
class XlsxTableSource final : public tables::TableSource {
 public:
  // Opens the workbook at `path` (also the name used in messages) and reads the header row.
  static Result<std::unique_ptr<XlsxTableSource>> Open(const std::string& path);

  ~XlsxTableSource() override;

  const std::string& name() const override;
  const std::vector<std::string>& header() const override;
  Result<bool> Next(tables::TableRow& row) override;
  double Progress() const override;

  class Reader;  // zip and XML state; public only so that the .cpp can name it

 private:
  explicit XlsxTableSource(std::unique_ptr<Reader> reader);
  Result<void> ReadHeader();

  std::unique_ptr<Reader> reader_;
  std::vector<std::string> header_;
};

}  // namespace chinjeol::files
