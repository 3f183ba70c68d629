#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "adapters/files/internal/pending_file.hpp"
#include "core/common/result.hpp"
#include "core/tables/table_sink.hpp"

namespace chinjeol::files {

// Writes a table as CSV that Korean Excel opens directly: UTF-8 with BOM, CRLF line ends,
// RFC 4180 quoting (a cell is quoted when it holds a comma, quote, CR or LF, or starts or ends
// with a space or tab, which readers would trim).
//
// Against CSV formula injection, a text cell that starts with = + - @, a tab or a CR is written
// with a leading apostrophe, which spreadsheets show as text. Numbers are written as numbers
// (shortest exact decimal, no exponent) and never prefixed, so pass numbers as numbers.
// Files start with a BOM; a stream such as standard output may leave it out, so that programs
// reading a pipe see the first column name as written.
enum class ByteOrderMark { kWrite, kOmit };

class CsvTableSink final : public tables::TableSink {
 public:
  // Writes to `out`, which must outlive the sink (e.g. std::cout). Not atomic.
  explicit CsvTableSink(std::ostream& out, ByteOrderMark bom = ByteOrderMark::kWrite);
  // Writes to a file that appears at `path` only when Finish() succeeds. kInvalidArgument when
  // the file cannot be created.
  static Result<std::unique_ptr<CsvTableSink>> Create(const std::string& path);

  Result<void> Header(const std::vector<std::string>& columns) override;
  Result<void> Row(const std::vector<tables::Cell>& cells) override;
  Result<void> Finish() override;

 private:
  CsvTableSink(internal::PendingFile file, std::unique_ptr<std::ofstream> stream);
  void AppendText(const std::string& text);
  Result<void> Flush();

  std::optional<internal::PendingFile> file_;
  std::unique_ptr<std::ofstream> file_stream_;
  std::ostream& out_;
  std::string buffer_;  // written out in 64 KiB pieces
  std::size_t columns_ = 0;
  bool finished_ = false;
  ByteOrderMark bom_ = ByteOrderMark::kWrite;
};

}  // namespace chinjeol::files
