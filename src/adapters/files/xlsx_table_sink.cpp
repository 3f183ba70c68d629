#include "adapters/files/xlsx_table_sink.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <variant>

namespace chinjeol::files {
namespace {

constexpr std::size_t kMinWidth = 8;
constexpr std::size_t kMaxWidth = 60;

// Approximate width in Excel's character units: Hangul and other wide characters (three- and
// four-byte UTF-8) count two.
std::size_t DisplayWidth(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      ++width;
    } else if (byte >= 0xE0) {
      width += 2;
    } else if (byte >= 0xC0) {
      ++width;
    }
  }
  return width;
}

std::size_t DigitCount(std::int64_t value) {
  std::size_t count = value < 0 ? 2 : 1;
  for (; value <= -10 || value >= 10; value /= 10) ++count;
  return count;
}

Error SheetError(const std::string& path, lxw_error error) {
  return Internal(path + ": cannot write the workbook (" + lxw_strerror(error) + ")");
}

}  // namespace

Result<std::unique_ptr<XlsxTableSink>> XlsxTableSink::Create(const std::string& path,
                                                             const std::string& sheet_name) {
  Result<internal::PendingFile> file = internal::PendingFile::Create(path);
  if (!file) return file.error();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(file->temp_path().c_str(), &options);
  if (workbook == nullptr) return Internal(path + ": cannot start the workbook");
  if (sheet_name.empty() || workbook_validate_sheet_name(workbook, sheet_name.c_str()) != 0) {
    lxw_workbook_free(workbook);
    return InvalidArgument("sheet name \"" + sheet_name +
                           "\" is not allowed: 1-31 characters without []:*?/\\");
  }
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  if (worksheet == nullptr || bold == nullptr) {
    lxw_workbook_free(workbook);
    return Internal(path + ": cannot start the workbook");
  }
  format_set_bold(bold);
  return std::unique_ptr<XlsxTableSink>(
      new XlsxTableSink(std::move(*file), workbook, worksheet, bold));
}

XlsxTableSink::XlsxTableSink(internal::PendingFile file, lxw_workbook* workbook,
                             lxw_worksheet* worksheet, lxw_format* bold)
    : file_(std::move(file)), workbook_(workbook), worksheet_(worksheet), bold_(bold) {}

XlsxTableSink::~XlsxTableSink() {
  if (workbook_ != nullptr) lxw_workbook_free(workbook_);  // abandoned: write nothing
}

Result<void> XlsxTableSink::Header(const std::vector<std::string>& columns) {
  widths_.assign(columns.size(), kMinWidth);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const lxw_error error =
        worksheet_write_string(worksheet_, 0, static_cast<lxw_col_t>(i), columns[i].c_str(), bold_);
    if (error != LXW_NO_ERROR) return SheetError(file_.path(), error);
    Widen(i, DisplayWidth(columns[i]));
  }
  worksheet_freeze_panes(worksheet_, 1, 0);
  next_row_ = 1;
  return Ok();
}

Result<void> XlsxTableSink::Row(const std::vector<tables::Cell>& cells) {
  if (cells.size() != widths_.size()) {
    return Internal("xlsx export: a row has " + std::to_string(cells.size()) +
                    " cells but the header has " + std::to_string(widths_.size()));
  }
  if (next_row_ >= LXW_ROW_MAX) {
    return InvalidArgument(file_.path() + ": more than " + std::to_string(LXW_ROW_MAX - 1) +
                           " rows do not fit in one sheet; export as csv");
  }
  const lxw_row_t row = next_row_;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto column = static_cast<lxw_col_t>(i);
    lxw_error error = LXW_NO_ERROR;
    std::visit(
        [&](const auto& value) {
          using Type = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<Type, std::string>) {
            if (value.empty()) return;
            error = worksheet_write_string(worksheet_, row, column, value.c_str(), nullptr);
            Widen(i, DisplayWidth(value));
          } else if constexpr (std::is_same_v<Type, std::int64_t>) {
            error = worksheet_write_number(worksheet_, row, column, static_cast<double>(value),
                                           nullptr);
            Widen(i, DigitCount(value));
          } else if constexpr (std::is_same_v<Type, double>) {
            if (!std::isfinite(value)) return;
            error = worksheet_write_number(worksheet_, row, column, value, nullptr);
            Widen(i, 10);
          }
        },
        cells[i]);
    if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
      return InvalidArgument(file_.path() + ": a text in row " + std::to_string(row + 1) +
                             " is longer than the 32,767 characters an Excel cell holds");
    }
    if (error != LXW_NO_ERROR) return SheetError(file_.path(), error);
  }
  ++next_row_;
  return Ok();
}

Result<void> XlsxTableSink::Finish() {
  if (workbook_ == nullptr) return Internal("xlsx export: finished twice");
  for (std::size_t i = 0; i < widths_.size(); ++i) {
    worksheet_set_column(worksheet_, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i),
                         static_cast<double>(widths_[i] + 2), nullptr);
  }
  if (!widths_.empty()) {
    worksheet_autofilter(worksheet_, 0, 0, std::max<lxw_row_t>(next_row_, 1) - 1,
                         static_cast<lxw_col_t>(widths_.size() - 1));
  }
  const lxw_error error = workbook_close(workbook_);  // frees the workbook in any case
  workbook_ = nullptr;
  if (error != LXW_NO_ERROR) return SheetError(file_.path(), error);
  return file_.Commit();
}

void XlsxTableSink::Widen(std::size_t column, std::size_t width) {
  widths_[column] = std::clamp(std::max(widths_[column], width), kMinWidth, kMaxWidth);
}

}  // namespace chinjeol::files
