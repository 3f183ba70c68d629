#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/files/internal/pending_file.hpp"
#include "core/common/result.hpp"
#include "core/tables/table_sink.hpp"

namespace chinjeol::files {

// Writes a table as a JSON array of objects keyed by column name, one object a line:
//   [
//   {"employee_no":"E001","adjusted":87.4},
//   {"employee_no":"E002","adjusted":null}
//   ]
// Rows are written as they come, so memory stays flat. Empty cells and non-finite numbers are
// null; numbers are JSON numbers in shortest exact form.
class JsonTableSink final : public tables::TableSink {
 public:
  // Writes to `out`, which must outlive the sink (e.g. std::cout). Not atomic.
  explicit JsonTableSink(std::ostream& out);
  // A table of exactly one row written as that one object (a report such as an effect
  // estimate); a second row is an error.
  static std::unique_ptr<JsonTableSink> SingleObject(std::ostream& out);
  // Writes to a file that appears at `path` only when Finish() succeeds. kInvalidArgument when
  // the file cannot be created.
  static Result<std::unique_ptr<JsonTableSink>> Create(const std::string& path);

  Result<void> Header(const std::vector<std::string>& columns) override;
  Result<void> Row(const std::vector<tables::Cell>& cells) override;
  Result<void> Finish() override;

 private:
  JsonTableSink(internal::PendingFile file, std::unique_ptr<std::ofstream> stream);
  static void AppendString(std::string& out, std::string_view text);
  bool single_object_ = false;
  Result<void> Flush();

  std::optional<internal::PendingFile> file_;
  std::unique_ptr<std::ofstream> file_stream_;
  std::ostream& out_;
  std::string buffer_;             // written out in 64 KiB pieces
  std::vector<std::string> keys_;  // each column name as a JSON string
  std::size_t rows_ = 0;
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace chinjeol::files
