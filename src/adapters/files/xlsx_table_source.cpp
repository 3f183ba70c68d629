#include "adapters/files/xlsx_table_source.hpp"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "adapters/files/internal/file_error.hpp"
#include "adapters/files/internal/number_text.hpp"
#include "adapters/files/internal/row_queue.hpp"
#include "adapters/files/internal/xlsx_parts.hpp"
#include "adapters/files/internal/xml_reader.hpp"
#include "core/common/text.hpp"

namespace chinjeol::files {
namespace {

using internal::FileError;
using internal::NumberKind;
using internal::PendingRow;
using internal::RowQueue;

constexpr std::size_t kSheetChunkBytes = 64 * 1024;
constexpr std::size_t kMaxColumns = 16384;  // column XFD
constexpr long kMaxRows = 1048576;

enum class CellType { kNumber, kSharedString, kInlineString, kFormulaString, kBoolean, kOther };

CellType ParseCellType(const char* type) {
  if (type == nullptr) return CellType::kNumber;
  const std::string_view name(type);
  if (name == "s") return CellType::kSharedString;
  if (name == "inlineStr") return CellType::kInlineString;
  if (name == "str") return CellType::kFormulaString;
  if (name == "b") return CellType::kBoolean;
  if (name == "n") return CellType::kNumber;
  return CellType::kOther;  // "e" (error such as #N/A), "d" (ISO date): kept as written
}

// Spaces and tabs only, as libcsv trims CSV cells.
std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "C12" -> 2; -1 when the reference has no column letters, kMaxColumns when beyond XFD.
std::size_t ColumnOf(const char* reference, bool& has_letters) {
  std::size_t column = 0;
  has_letters = false;
  for (; *reference != '\0'; ++reference) {
    char letter = *reference;
    if (letter >= 'a' && letter <= 'z') letter = static_cast<char>(letter - 'a' + 'A');
    if (letter < 'A' || letter > 'Z') break;
    has_letters = true;
    column = column * 26 + static_cast<std::size_t>(letter - 'A' + 1);
    if (column > kMaxColumns) return kMaxColumns;
  }
  return column - 1;
}

// 0 -> "A", 27 -> "AB".
std::string ColumnName(std::size_t column) {
  std::string name;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

std::string CellName(std::size_t column, long row) {
  return ColumnName(column) + std::to_string(row);
}

}  // namespace

// Streams the worksheet XML through expat and queues the rows it completes.
class XlsxTableSource::Reader final : public internal::XmlHandler {
 public:
  Reader(std::string name, internal::ZipArchive zip, zip_file_t* sheet, std::uint64_t sheet_size,
         internal::SharedStrings strings, std::vector<NumberKind> style_kinds, bool date1904)
      : name_(std::move(name)),
        zip_(std::move(zip)),
        sheet_(sheet),
        sheet_size_(sheet_size),
        strings_(std::move(strings)),
        style_kinds_(std::move(style_kinds)),
        date1904_(date1904),
        parser_(*this),
        buffer_(kSheetChunkBytes) {}
  ~Reader() override { zip_fclose(sheet_); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  const std::string& name() const { return name_; }
  RowQueue& queue() { return queue_; }
  // Cells at or beyond this column are not stored; a value there is reported.
  void set_max_columns(std::size_t max_columns) { max_columns_ = max_columns; }

  double Progress() const {
    if (finished_) return 1.0;
    if (sheet_size_ == 0) return 0.0;
    return std::min(1.0, static_cast<double>(consumed_) / static_cast<double>(sheet_size_));
  }

  // Parses until a row is queued (true), the sheet ends with nothing queued (false) or it is
  // malformed (the error, again on every later call).
  Result<bool> Fill() {
    while (queue_.empty()) {
      if (error()) return *error();
      if (stream_error_) return *stream_error_;
      if (finished_) return false;
      const zip_int64_t read = zip_fread(sheet_, buffer_.data(), buffer_.size());
      if (read < 0) {
        stream_error_ =
            FileError(name_, last_row_, "",
                      std::string("cannot read the worksheet (") + zip_file_strerror(sheet_) + ")");
        continue;
      }
      consumed_ += static_cast<std::uint64_t>(read);
      const bool last = read == 0;
      if (!parser_.Feed(buffer_.data(), static_cast<std::size_t>(read), last)) {
        if (!error()) {
          stream_error_ =
              FileError(name_, last_row_, "",
                        "the worksheet is not well-formed XML (" + parser_.ErrorText() + ")");
        }
        continue;
      }
      finished_ = last;
    }
    return true;
  }

  void Start(std::string_view name, const char** attributes) override {
    if (!in_sheet_data_) {
      in_sheet_data_ = name == "sheetData";
      return;
    }
    if (name == "c") {
      StartCell(attributes);
    } else if (name == "v") {
      collecting_ = in_cell_;
    } else if (name == "t") {
      collecting_ = in_inline_ && phonetic_depth_ == 0;
    } else if (name == "is") {
      in_inline_ = in_cell_;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "row") {
      StartRow(attributes);
    }
  }

  void End(std::string_view name) override {
    if (!in_sheet_data_) return;
    if (name == "v" || name == "t") {
      collecting_ = false;
    } else if (name == "c") {
      FinishCell();
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "row") {
      FinishRow();
    } else if (name == "sheetData") {
      in_sheet_data_ = false;
    }
  }

  void Text(std::string_view text) override {
    if (collecting_) value_ += text;
  }

 private:
  void StartRow(const char** attributes) {
    long number = 0;
    if (const char* reference = internal::Attribute(attributes, "r")) {
      const std::string_view text(reference);
      if (std::from_chars(text.data(), text.data() + text.size(), number).ec ==
          std::errc::result_out_of_range) {
        number = kMaxRows + 1;
      }
    }
    // last_row_ never exceeds kMaxRows, so the next row number cannot overflow.
    const long row_number = number > 0 ? number : last_row_ + 1;
    if (row_number > kMaxRows) {
      Fail(FileError(name_, last_row_, "", "a row lies beyond row " + std::to_string(kMaxRows)));
      in_row_ = false;
      return;
    }
    if (row_number <= last_row_) {
      Fail(FileError(name_, row_number, "",
                     "row " + std::to_string(row_number) + " comes after row " +
                         std::to_string(last_row_) + "; rows must be in increasing order"));
      in_row_ = false;
      return;
    }
    last_row_ = row_number;
    PendingRow& row = queue_.filling();
    for (std::string& cell : row.cells) cell.clear();
    row.line = last_row_;
    row.count = 0;
    row.overflow_column = -1;
    last_column_ = -1;
    in_row_ = true;
  }

  void StartCell(const char** attributes) {
    in_cell_ = in_row_;
    in_inline_ = collecting_ = false;
    value_.clear();
    const char* reference = nullptr;
    const char* type = nullptr;
    const char* style = nullptr;
    for (const char** attribute = attributes; attribute[0] != nullptr; attribute += 2) {
      const std::string_view name = internal::LocalName(attribute[0]);
      if (name == "r") {
        reference = attribute[1];
      } else if (name == "t") {
        type = attribute[1];
      } else if (name == "s") {
        style = attribute[1];
      }
    }
    bool has_letters = false;
    column_ = reference ? ColumnOf(reference, has_letters) : 0;
    if (!has_letters) column_ = static_cast<std::size_t>(last_column_ + 1);
    if (column_ >= kMaxColumns) {
      Fail(FileError(name_, last_row_, "", "a cell lies beyond column XFD"));
      in_cell_ = false;
      return;
    }
    if (in_row_ && static_cast<std::ptrdiff_t>(column_) <= last_column_) {
      Fail(FileError(name_, last_row_, "",
                     "cell " + CellName(column_, last_row_) + " comes after " +
                         CellName(static_cast<std::size_t>(last_column_), last_row_) +
                         "; cells must be in increasing column order"));
      in_cell_ = false;
      return;
    }
    cell_type_ = ParseCellType(type);
    cell_style_ = 0;
    if (style) {
      const std::string_view text(style);
      std::from_chars(text.data(), text.data() + text.size(), cell_style_);
    }
  }

  void FinishCell() {
    if (!in_cell_) return;
    in_cell_ = collecting_ = in_inline_ = false;
    last_column_ = static_cast<std::ptrdiff_t>(column_);
    PendingRow& row = queue_.filling();
    const bool stored = column_ < max_columns_;
    if (stored && row.cells.size() <= column_) row.cells.resize(column_ + 1);
    std::string& text = stored ? row.cells[column_] : overflow_text_;
    if (!CellText(text) || text.empty()) return;
    if (!stored) {
      if (row.overflow_column < 0) row.overflow_column = static_cast<std::ptrdiff_t>(column_);
      return;
    }
    row.count = std::max(row.count, column_ + 1);
  }

  void FinishRow() {
    if (!in_row_) return;
    in_row_ = false;
    const PendingRow& row = queue_.filling();
    if (row.count > 0 || row.overflow_column >= 0) queue_.Push();
  }

  // The text of the current cell; false (after Fail) when it refers to a missing shared string.
  bool CellText(std::string& text) {
    switch (cell_type_) {
      case CellType::kSharedString: {
        const std::string_view digits = TrimSpaces(value_);
        if (digits.empty()) {
          text.clear();
          return true;
        }
        std::size_t index = 0;
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), index);
        if (error != std::errc() || end != digits.data() + digits.size() ||
            index >= strings_.size()) {
          Fail(FileError(name_, last_row_, "",
                         "cell " + CellName(column_, last_row_) +
                             " refers to a shared string that does not exist"));
          return false;
        }
        text.assign(TrimSpaces(strings_.at(index)));
        return true;
      }
      case CellType::kInlineString:
      case CellType::kFormulaString:
        internal::DecodeEscapes(value_);
        text.assign(TrimSpaces(value_));
        return true;
      case CellType::kBoolean: {
        const std::string_view value = TrimSpaces(value_);
        if (value.empty()) {
          text.clear();
        } else {
          text = value == "1" || value == "true" ? "1" : "0";
        }
        return true;
      }
      case CellType::kNumber:
        NumberText(text);
        return true;
      case CellType::kOther:
        text.assign(TrimSpaces(value_));
        return true;
    }
    return true;
  }

  void NumberText(std::string& text) const {
    const std::string_view digits = TrimSpaces(value_);
    double number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
      text.assign(digits);
      return;
    }
    const NumberKind kind =
        cell_style_ < style_kinds_.size() ? style_kinds_[cell_style_] : NumberKind::kNumber;
    if (kind != NumberKind::kNumber) {
      if (std::optional<std::string> date = internal::FormatDateSerial(number, kind, date1904_)) {
        text = std::move(*date);
        return;
      }
    }
    text = internal::FormatSpreadsheetNumber(number);
  }

  std::string name_;
  internal::ZipArchive zip_;
  zip_file_t* sheet_;
  std::uint64_t sheet_size_;
  std::uint64_t consumed_ = 0;
  internal::SharedStrings strings_;
  std::vector<NumberKind> style_kinds_;
  bool date1904_;
  internal::XmlParser parser_;
  std::vector<char> buffer_;
  RowQueue queue_;
  std::size_t max_columns_ = kMaxColumns;
  bool finished_ = false;
  std::optional<Error> stream_error_;

  // Where the parse is in the sheet.
  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_inline_ = false;
  bool collecting_ = false;
  int phonetic_depth_ = 0;
  long last_row_ = 0;
  std::ptrdiff_t last_column_ = -1;
  std::size_t column_ = 0;
  CellType cell_type_ = CellType::kNumber;
  std::size_t cell_style_ = 0;
  std::string value_;
  std::string overflow_text_;
};

Result<std::unique_ptr<XlsxTableSource>> XlsxTableSource::Open(const std::string& path) {
  Result<internal::ZipArchive> zip = internal::OpenZip(path);
  if (!zip) return zip.error();
  zip_t* archive = zip->get();
  Result<internal::WorkbookParts> parts = internal::ReadWorkbookParts(archive, path);
  if (!parts) return parts.error();

  internal::SharedStrings strings;
  if (!parts->shared_strings.empty() && internal::FindPart(archive, parts->shared_strings)) {
    Result<internal::SharedStrings> read =
        internal::ReadSharedStrings(archive, path, parts->shared_strings);
    if (!read) return read.error();
    strings = std::move(*read);
  }
  std::vector<NumberKind> style_kinds;
  if (!parts->styles.empty() && internal::FindPart(archive, parts->styles)) {
    Result<std::vector<NumberKind>> read =
        internal::ReadCellStyleKinds(archive, path, parts->styles);
    if (!read) return read.error();
    style_kinds = std::move(*read);
  }

  const std::optional<zip_uint64_t> index = internal::FindPart(archive, parts->worksheet);
  if (!index) {
    return FileError(path, 0, "",
                     "not a readable .xlsx workbook (" + parts->worksheet + " is missing)");
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  std::uint64_t sheet_size = 0;
  if (zip_stat_index(archive, *index, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE)) {
    sheet_size = stat.size;
  }
  zip_file_t* sheet = zip_fopen_index(archive, *index, 0);
  if (sheet == nullptr) {
    return FileError(path, 0, "",
                     std::string("cannot read the worksheet (") + zip_strerror(archive) + ")");
  }
  auto reader =
      std::make_unique<Reader>(path, std::move(*zip), sheet, sheet_size, std::move(strings),
                               std::move(style_kinds), parts->date1904);
  std::unique_ptr<XlsxTableSource> source(new XlsxTableSource(std::move(reader)));
  if (Result<void> header = source->ReadHeader(); !header) return header.error();
  return source;
}

XlsxTableSource::XlsxTableSource(std::unique_ptr<Reader> reader) : reader_(std::move(reader)) {}
XlsxTableSource::~XlsxTableSource() = default;

const std::string& XlsxTableSource::name() const { return reader_->name(); }
const std::vector<std::string>& XlsxTableSource::header() const { return header_; }
double XlsxTableSource::Progress() const { return reader_->Progress(); }

Result<void> XlsxTableSource::ReadHeader() {
  Result<bool> filled = reader_->Fill();
  if (!filled) return filled.error();
  if (!*filled) {
    return FileError(name(), 0, "",
                     "the first worksheet is empty; its first row must name the columns");
  }
  RowQueue& queue = reader_->queue();
  const PendingRow& pending = queue.front();
  std::unordered_set<std::string_view> seen;
  header_.reserve(pending.count);
  for (std::size_t i = 0; i < pending.count; ++i) {
    header_.emplace_back(Trim(pending.cells[i]));
    if (header_.back().empty()) {
      return FileError(name(), pending.line, "",
                       "cell " + CellName(i, pending.line) + " of the header has no name");
    }
  }
  for (const std::string& column : header_) {
    if (!seen.insert(column).second) {
      return FileError(name(), pending.line, column, "the header names this column twice");
    }
  }
  queue.DropFront();
  reader_->set_max_columns(header_.size());
  return Ok();
}

Result<bool> XlsxTableSource::Next(tables::TableRow& row) {
  RowQueue& queue = reader_->queue();
  if (queue.empty()) {
    Result<bool> filled = reader_->Fill();
    if (!filled || !*filled) return filled;
  }
  const PendingRow& pending = queue.front();
  std::ptrdiff_t overflow = pending.overflow_column;
  for (std::size_t i = header_.size(); overflow < 0 && i < pending.cells.size(); ++i) {
    if (!pending.cells[i].empty()) overflow = static_cast<std::ptrdiff_t>(i);
  }
  if (overflow >= 0) {
    return FileError(name(), pending.line, "",
                     "cell " + CellName(static_cast<std::size_t>(overflow), pending.line) +
                         " has a value, but its column has no name in the header");
  }
  queue.TakeFront(row, header_.size());
  return true;
}

}  // namespace chinjeol::files
