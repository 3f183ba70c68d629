#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adapters/files/internal/pending_file.hpp"
#include "core/common/result.hpp"
#include "core/tables/table_sink.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace chinjeol::files {

// Writes a table as a one-sheet .xlsx workbook with libxlsxwriter in constant-memory mode (each
// row goes to a temporary file as it is written). The header row is bold, frozen and carries an
// autofilter; columns are sized to their longest value (Hangul counts double); numbers stay
// numbers. Text needs no formula guard here: it is stored as text, never as a formula.
class XlsxTableSink final : public tables::TableSink {
 public:
  // `sheet_name` may be Korean, at most 31 characters, without []:*?/\ . The file appears at
  // `path` only when Finish() succeeds. kInvalidArgument for a bad sheet name or a path that
  // cannot be created.
  static Result<std::unique_ptr<XlsxTableSink>> Create(const std::string& path,
                                                       const std::string& sheet_name);
  ~XlsxTableSink() override;
  XlsxTableSink(const XlsxTableSink&) = delete;
  XlsxTableSink& operator=(const XlsxTableSink&) = delete;

  Result<void> Header(const std::vector<std::string>& columns) override;
  // kInvalidArgument when the sheet is full (1,048,576 rows) or a text exceeds Excel's 32,767
  // characters.
  Result<void> Row(const std::vector<tables::Cell>& cells) override;
  Result<void> Finish() override;

 private:
  XlsxTableSink(internal::PendingFile file, lxw_workbook* workbook, lxw_worksheet* worksheet,
                lxw_format* bold);
  void Widen(std::size_t column, std::size_t width);

  internal::PendingFile file_;
  lxw_workbook* workbook_;  // owned until Finish() closes it
  lxw_worksheet* worksheet_;
  lxw_format* bold_;
  std::vector<std::size_t> widths_;
  std::uint32_t next_row_ = 0;
};

}  // namespace chinjeol::files
