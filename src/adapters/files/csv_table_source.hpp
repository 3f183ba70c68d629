#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::files {

// Reads a CSV table (RFC 4180; UTF-8 with or without BOM; LF or CRLF line ends) row by row with
// libcsv in strict mode. Memory stays flat in the file size: the file is read in 1 MiB chunks and
// the storage of rows is reused.
//
// - The first record is the header. Names are trimmed; an empty or repeated name is an error.
// - Quoted cells may hold commas, doubled quotes and line breaks.
// - A row's `line` is the physical line where its record starts (header = line 1), also after
//   cells that span lines. Lines end at LF; a lone CR (old Mac files) ends a record but is not
//   counted as a line.
// - Cells are not trimmed, except that the ASCII spaces and tabs around a cell (outside the
//   quotes of a quoted cell) are removed.
// - Blank lines, and rows whose cells are all empty (",,,"), are skipped.
// - A row with fewer cells than the header is padded with empty cells.
//
// Errors are kInvalidArgument with the message "file:line: [column NAME: ]problem" and one
// FieldViolation: a row with more cells than the header, invalid UTF-8 (names the column),
// malformed quoting, a quoted cell never closed, a cell over 1 MiB, a file without a header.
// Once Next() fails it keeps failing.
class CsvTableSource final : public tables::TableSource {
 public:
  // Opens the file at `path`, which is also the name used in messages, and reads its header.
  // kInvalidArgument when the file cannot be read or its header is bad.
  static Result<std::unique_ptr<CsvTableSource>> Open(const std::string& path);
  // Reads CSV `text` held in memory (embedded data), called `name` in messages.
  static Result<std::unique_ptr<CsvTableSource>> FromText(std::string name, std::string text);

  ~CsvTableSource() override;

  const std::string& name() const override;
  const std::vector<std::string>& header() const override;
  Result<bool> Next(tables::TableRow& row) override;
  double Progress() const override;

  class Parser;  // libcsv state; public only so that the .cpp can name it

 private:
  explicit CsvTableSource(std::unique_ptr<Parser> parser);
  Result<void> ReadHeader();

  std::unique_ptr<Parser> parser_;
  std::vector<std::string> header_;
};

}  // namespace chinjeol::files
